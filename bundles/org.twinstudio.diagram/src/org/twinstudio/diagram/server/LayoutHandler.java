package org.twinstudio.diagram.server;

import java.util.Map;
import java.util.Optional;

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
 * bend points are dropped (the client routes them orthogonally between the new places), all as one command.
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
        Map<Component, TwinLayout.Bounds> placed = new TwinLayout().layout(model()).components();
        return command("Auto-layout", () -> {
            placed.forEach((component, bounds) -> {
                NodeLayout layout = Notation.ensureNodeLayout(model(), component);
                layout.setX(bounds.x());
                layout.setY(bounds.y());
                layout.setWidth(bounds.width());
                layout.setHeight(bounds.height());
            });
            for (Connection connection : model().getConnections()) {
                EdgeLayout layout = Notation.edgeLayout(model(), connection);
                if (layout != null) {
                    layout.getBendPoints().clear();
                }
            }
        });
    }
}
