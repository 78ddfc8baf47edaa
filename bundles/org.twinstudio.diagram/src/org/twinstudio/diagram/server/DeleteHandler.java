package org.twinstudio.diagram.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.server.operations.DeleteOperation;
import org.twinstudio.diagram.Notation;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;

/**
 * Deletes the selected components and connections. A component takes along everything that cannot exist without
 * its ports: the connections to and from them, the bindings and alert rules on them, and its layout and theirs.
 * Ports and labels are parts of their component and are not deleted on their own.
 */
public class DeleteHandler extends TwinOperationHandler<DeleteOperation> {

    @Override
    public String getLabel() {
        return "Delete";
    }

    @Override
    public Optional<Command> createCommand(DeleteOperation operation) {
        return deleteCommand(operation.getElementIds(), "Delete");
    }

    /** One command deleting the components and connections among {@code graphIds}; empty when there are none. */
    Optional<Command> deleteCommand(List<String> graphIds, String verb) {
        Set<Component> components = new LinkedHashSet<>();
        Set<Connection> connections = new LinkedHashSet<>();
        for (String id : graphIds == null ? List.<String>of() : graphIds) {
            EObject element = twin.elementOf(id);
            if (element instanceof Component c) {
                components.add(c);
            } else if (element instanceof Connection c) {
                connections.add(c);
            }
        }
        if (components.isEmpty() && connections.isEmpty()) {
            return Optional.empty();
        }
        TwinModel model = model();
        for (Connection c : model.getConnections()) {
            if (components.contains(owner(c.getSource())) || components.contains(owner(c.getTarget()))) {
                connections.add(c);
            }
        }
        String label = verb + " " + (components.size() + connections.size() == 1
                ? (components.isEmpty() ? "connection" : components.iterator().next().getName())
                : (components.size() + connections.size()) + " elements");
        return command(label, () -> {
            for (Connection c : connections) {
                Notation.removeLayouts(model, c);
                model.getConnections().remove(c);
            }
            for (Component component : components) {
                model.getBindings().removeIf((Binding b) -> b.getPort() != null && b.getPort().getComponent() == component);
                model.getAlertRules().removeIf((AlertRule a) -> a.getSignal() != null && a.getSignal().getComponent() == component);
                Notation.removeLayouts(model, component);
                model.getComponents().remove(component);
            }
        });
    }

    private static Component owner(org.twinstudio.model.Port port) {
        return port == null ? null : port.getComponent();
    }
}
