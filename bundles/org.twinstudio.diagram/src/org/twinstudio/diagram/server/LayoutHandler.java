package org.twinstudio.diagram.server;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.operations.LayoutOperation;
import org.twinstudio.diagram.Notation;
import org.twinstudio.diagram.TwinLayout;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.notation.EdgeLayout;
import org.twinstudio.model.notation.NodeLayout;

/**
 * Auto-layout: {@link TwinLayout} places every component; its bounds go into the notation and the connections'
 * bend points are dropped (the client routes them orthogonally between the new places), all as one command. With
 * two or more components named in the operation (the selection), only those are laid out, among themselves, and
 * the group keeps its top left corner; only the bend points of connections touching them are dropped.
 */
public class LayoutHandler extends TwinOperationHandler<LayoutOperation> {

    @Override
    public String getLabel() {
        return "Auto-layout";
    }

    @Override
    public Optional<Command> createCommand(LayoutOperation operation) {
        if (model().getComponents().isEmpty()) {
            return Optional.empty();
        }
        Set<Component> selected = new LinkedHashSet<>();
        if (operation.getElementIds() != null) {
            for (String id : operation.getElementIds()) {
                element(id, Component.class).ifPresent(selected::add);
            }
        }
        boolean partial = selected.size() >= 2;
        Collection<Component> laidOut = partial ? selected : model().getComponents();
        Map<Component, TwinLayout.Bounds> placed = new TwinLayout().layout(model(), laidOut).components();
        double dx = 0;
        double dy = 0;
        if (partial) {
            // The group stays where it was: its new top left corner is its old one.
            double oldX = Double.POSITIVE_INFINITY;
            double oldY = Double.POSITIVE_INFINITY;
            for (Component c : selected) {
                NodeLayout current = Notation.nodeLayout(model(), c);
                if (current != null) {
                    oldX = Math.min(oldX, current.getX());
                    oldY = Math.min(oldY, current.getY());
                }
            }
            double newX = placed.values().stream().mapToDouble(TwinLayout.Bounds::x).min().orElse(0);
            double newY = placed.values().stream().mapToDouble(TwinLayout.Bounds::y).min().orElse(0);
            dx = Double.isFinite(oldX) ? oldX - newX : 0;
            dy = Double.isFinite(oldY) ? oldY - newY : 0;
        }
        double shiftX = dx;
        double shiftY = dy;
        return command(partial ? "Auto-layout of " + selected.size() + " components" : "Auto-layout", () -> {
            placed.forEach((component, bounds) -> {
                NodeLayout layout = Notation.ensureNodeLayout(model(), component);
                layout.setX(bounds.x() + shiftX);
                layout.setY(bounds.y() + shiftY);
                layout.setWidth(bounds.width());
                layout.setHeight(bounds.height());
            });
            for (Connection connection : model().getConnections()) {
                EdgeLayout layout = Notation.edgeLayout(model(), connection);
                if (layout != null && (!partial || touches(connection, selected))) {
                    layout.getBendPoints().clear();
                }
            }
        });
    }

    private static boolean touches(Connection connection, Set<Component> components) {
        return connection.getSource() != null && components.contains(connection.getSource().getComponent())
                || connection.getTarget() != null && components.contains(connection.getTarget().getComponent());
    }
}
