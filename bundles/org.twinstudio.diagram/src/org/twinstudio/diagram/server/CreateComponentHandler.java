package org.twinstudio.diagram.server;

import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.graph.GPoint;
import org.eclipse.glsp.server.operations.CreateNodeOperation;
import org.eclipse.glsp.server.operations.CreateOperationHandler;
import org.twinstudio.diagram.ComponentNames;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.Notation;
import org.twinstudio.model.Component;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

import com.google.inject.Inject;

/**
 * Creates a component from the palette: the type named by the {@code componentType} argument, with the type's ports
 * and parameter defaults, a free name ({@code heater1}, ...) and, when the client gives one, its place. An
 * {@code fmu} argument sets an FMU's archive path.
 */
public class CreateComponentHandler extends TwinOperationHandler<CreateNodeOperation>
        implements CreateOperationHandler<CreateNodeOperation> {

    /** Operation argument: the FMU archive of a new {@code fmu} component. */
    public static final String ARG_FMU = "fmu";

    @Inject
    private ComponentTypeRegistry types;

    @Override
    public List<String> getHandledElementTypeIds() {
        return List.of(DiagramTypes.COMPONENT);
    }

    @Override
    public boolean handles(org.eclipse.glsp.server.operations.Operation operation) {
        return super.handles(operation) && CreateOperationHandler.super.handles(operation);
    }

    @Override
    public String getLabel() {
        return "Create component";
    }

    @Override
    public Optional<Command> createCommand(CreateNodeOperation operation) {
        String typeId = operation.getArgs() == null ? null : operation.getArgs().get(DiagramTypes.ARG_COMPONENT_TYPE);
        if (typeId == null) {
            return refuse("no component type given for the new component");
        }
        Optional<ComponentTypeDescriptor> type = types.find(typeId);
        if (type.isEmpty()) {
            return refuse("unknown component type '" + typeId + "'");
        }
        Component component = type.get().instantiate(ComponentNames.unique(model(), typeId));
        String fmu = operation.getArgs().get(ARG_FMU);
        if (fmu != null) {
            component.getParameters().stream().filter(p -> ARG_FMU.equals(p.getName())).findFirst()
                    .ifPresent((Parameter p) -> p.setValue(fmu));
        }
        Optional<GPoint> location = operation.getLocation();
        return command("Create " + component.getName(), List.of(component), () -> {
            model().getComponents().add(component);
            if (location.isPresent()) {
                NodeLayout layout = Notation.ensureNodeLayout(model(), component);
                layout.setX(location.get().getX());
                layout.setY(location.get().getY());
                layout.setWidth(DiagramTypes.NODE_WIDTH);
                layout.setHeight(DiagramTypes.nodeHeight(count(component, PortDirection.IN), count(component, PortDirection.OUT)));
            }
        });
    }

    private static int count(Component component, PortDirection direction) {
        return (int) component.getPorts().stream().map(Port::getDirection).filter(direction::equals).count();
    }
}
