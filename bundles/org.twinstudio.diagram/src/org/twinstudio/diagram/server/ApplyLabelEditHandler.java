package org.twinstudio.diagram.server;

import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.features.directediting.ApplyLabelEditOperation;
import org.twinstudio.diagram.ComponentNames;
import org.twinstudio.model.Component;

/** Renames a component from its name label, if the name is a free identifier ({@link ComponentNames}). */
public class ApplyLabelEditHandler extends TwinOperationHandler<ApplyLabelEditOperation> {

    @Override
    public String getLabel() {
        return "Rename";
    }

    @Override
    public Optional<Command> createCommand(ApplyLabelEditOperation operation) {
        Optional<Component> component = TwinLabelEditValidator.componentOfNameLabel(twin, operation.getLabelId());
        if (component.isEmpty()) {
            return refuse("only component names can be edited here (port names come from the component type)");
        }
        String name = operation.getText() == null ? "" : operation.getText().strip();
        if (name.equals(component.get().getName())) {
            return Optional.empty();
        }
        Optional<String> problem = ComponentNames.check(model(), component.get(), name);
        if (problem.isPresent()) {
            return refuse("cannot rename '" + component.get().getName() + "': " + problem.get());
        }
        Component c = component.get();
        return command("Rename " + c.getName() + " to " + name, java.util.List.of(c), () -> c.setName(name));
    }
}
