package org.twinstudio.diagram.server;

import java.util.Optional;

import org.eclipse.glsp.graph.GLabel;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.server.features.directediting.LabelEditValidator;
import org.eclipse.glsp.server.features.directediting.ValidationStatus;
import org.twinstudio.diagram.ComponentNames;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.model.Component;

import com.google.inject.Inject;

/** Checks a component name while the user types it, by the rules of {@link ComponentNames}. */
public class TwinLabelEditValidator implements LabelEditValidator {

    @Inject
    private TwinModelState twin;

    @Override
    public ValidationStatus validate(String label, GModelElement element) {
        Optional<Component> component = element == null ? Optional.empty() : componentOfNameLabel(twin, element.getId());
        if (component.isEmpty()) {
            return ValidationStatus.error("only component names can be edited here");
        }
        String name = label == null ? "" : label.strip();
        return ComponentNames.check(twin.getTwinModel(), component.get(), name)
                .map(ValidationStatus::error).orElseGet(ValidationStatus::ok);
    }

    /** The component whose name label has id {@code labelId}. */
    static Optional<Component> componentOfNameLabel(TwinModelState twin, String labelId) {
        return twin.getIndex().get(labelId)
                .filter(GLabel.class::isInstance)
                .filter(label -> DiagramTypes.LABEL_NAME.equals(label.getType()))
                .map(GModelElement::getParent)
                .map(parent -> twin.elementOf(parent.getId()))
                .filter(Component.class::isInstance)
                .map(Component.class::cast);
    }
}
