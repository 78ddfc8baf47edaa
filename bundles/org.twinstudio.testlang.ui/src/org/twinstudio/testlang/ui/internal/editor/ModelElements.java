package org.twinstudio.testlang.ui.internal.editor;

import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;

/** The model element a name in a suite stands for, where it stands, and a description of it for hovers. */
public final class ModelElements {

    /** A resolved name: its range in the suite text and the model element. */
    public record Target(IRegion region, EObject element) {
    }

    private ModelElements() {
    }

    /** The model element named at {@code offset}, or {@code null} if no resolved name stands there. */
    public static Target at(XtextResource resource, int offset) {
        EObjectAtOffsetHelper helper = TestLangServices.injector().getInstance(EObjectAtOffsetHelper.class);
        INode node = helper.getCrossReferenceNode(resource, new TextRegion(offset, 0));
        if (node == null) {
            return null;
        }
        EObject element = helper.resolveCrossReferencedElementAt(resource, offset);
        if (element == null || element.eIsProxy()) {
            return null;
        }
        return new Target(new Region(node.getOffset(), node.getLength()), element);
    }

    /**
     * Plain text about a model element: a port's component, direction, data type and unit; a component's type and
     * ports; an alert rule's signal, condition and severity.
     */
    public static String describe(EObject element) {
        if (element instanceof Port port) {
            Component component = port.getComponent();
            String unit = port.getUnit() == null || port.getUnit().isBlank() ? "no unit" : "unit " + port.getUnit();
            StringBuilder text = new StringBuilder();
            text.append("Port ").append(component == null ? "" : component.getName() + ".").append(port.getName())
                    .append('\n').append(port.getDirection() == PortDirection.OUT ? "output" : "input").append(", ")
                    .append(typeName(port.getDataType())).append(", ").append(unit);
            if (port.getStart() != null && !port.getStart().isBlank()) {
                text.append("\nstart value ").append(port.getStart());
            }
            if (component != null) {
                text.append("\nof ").append(component.getName()).append(" (").append(component.getType()).append(')');
            }
            return text.toString();
        }
        if (element instanceof Component component) {
            String ports = component.getPorts().stream()
                    .map(p -> p.getName() + (p.getDirection() == PortDirection.OUT ? " (out" : " (in")
                            + (p.getUnit() == null || p.getUnit().isBlank() ? ")" : ", " + p.getUnit() + ")"))
                    .collect(Collectors.joining(", "));
            return "Component " + component.getName() + "\ntype " + component.getType() + "\nports: " + ports;
        }
        if (element instanceof AlertRule rule) {
            Port signal = rule.getSignal();
            return "Alert " + rule.getName() + "\n" + rule.getSeverity() + " when "
                    + (signal == null ? "?" : (signal.getComponent() == null ? "" : signal.getComponent().getName() + ".")
                            + signal.getName())
                    + " " + rule.getCondition() + " " + rule.getThreshold()
                    + (rule.getUnit() == null ? "" : " " + rule.getUnit())
                    + (rule.getMessage() == null || rule.getMessage().isBlank() ? "" : "\n" + rule.getMessage());
        }
        EStructuralFeature name = element.eClass().getEStructuralFeature("name");
        return element.eClass().getName() + (name == null ? "" : " " + element.eGet(name));
    }

    private static String typeName(DataType type) {
        return type == null ? "real" : type.getLiteral();
    }
}
