package org.twinstudio.diagram.server;

import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.operations.ReconnectEdgeOperation;
import org.twinstudio.diagram.ConnectionRules;
import org.twinstudio.diagram.Notation;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.notation.EdgeLayout;

/**
 * Moves an end of a connection to another port, by the same rules as a new connection (the connection does not
 * count as driving its own target); its bend points are dropped, as they belonged to the old route.
 */
public class ReconnectHandler extends TwinOperationHandler<ReconnectEdgeOperation> {

    @Override
    public String getLabel() {
        return "Reconnect";
    }

    @Override
    public Optional<Command> createCommand(ReconnectEdgeOperation operation) {
        Optional<Connection> connection = element(operation.getEdgeElementId(), Connection.class);
        if (connection.isEmpty()) {
            return refuse("there is no connection '" + operation.getEdgeElementId() + "' to reconnect");
        }
        Port source = element(operation.getSourceElementId(), Port.class).orElse(null);
        Port target = element(operation.getTargetElementId(), Port.class).orElse(null);
        Optional<String> problem = ConnectionRules.check(source, target, connection.get());
        if (problem.isPresent()) {
            return refuse(problem.get());
        }
        Connection c = connection.get();
        boolean adoptUnit = ConnectionRules.adoptsUnit(target);
        return command("Reconnect", () -> {
            c.setSource(source);
            c.setTarget(target);
            if (adoptUnit) {
                target.setUnit(source.getUnit());
            }
            EdgeLayout layout = Notation.edgeLayout(model(), c);
            if (layout != null) {
                layout.getBendPoints().clear();
            }
        });
    }
}
