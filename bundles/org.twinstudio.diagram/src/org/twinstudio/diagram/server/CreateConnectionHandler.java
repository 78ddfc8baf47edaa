package org.twinstudio.diagram.server;

import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.operations.CreateEdgeOperation;
import org.eclipse.glsp.server.operations.CreateOperationHandler;
import org.twinstudio.diagram.ConnectionRules;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;

/** Connects an output port to an input port, if {@link ConnectionRules} allow it; else tells the user why not. */
public class CreateConnectionHandler extends TwinOperationHandler<CreateEdgeOperation>
        implements CreateOperationHandler<CreateEdgeOperation> {

    @Override
    public List<String> getHandledElementTypeIds() {
        return List.of(DiagramTypes.CONNECTION);
    }

    @Override
    public boolean handles(org.eclipse.glsp.server.operations.Operation operation) {
        return super.handles(operation) && CreateOperationHandler.super.handles(operation);
    }

    @Override
    public String getLabel() {
        return "Connect";
    }

    @Override
    public Optional<Command> createCommand(CreateEdgeOperation operation) {
        Port source = element(operation.getSourceElementId(), Port.class).orElse(null);
        Port target = element(operation.getTargetElementId(), Port.class).orElse(null);
        Optional<String> problem = ConnectionRules.check(source, target, null);
        if (problem.isPresent()) {
            return refuse(problem.get());
        }
        Connection connection = TwinFactory.eINSTANCE.createConnection();
        connection.setSource(source);
        connection.setTarget(target);
        boolean adoptUnit = ConnectionRules.adoptsUnit(target);
        return command("Connect " + ConnectionRules.name(source) + " to " + ConnectionRules.name(target), List.of(connection),
                () -> {
                    model().getConnections().add(connection);
                    if (adoptUnit) {
                        target.setUnit(source.getUnit());
                    }
                });
    }
}
