package org.twinstudio.diagram;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.EdgeLayout;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.notation.NotationFactory;

/**
 * The diagram layout of a twin: a {@link Diagram} root next to the model in the same resource, holding a
 * {@link NodeLayout} per placed component and an {@link EdgeLayout} per connection with bend points. Lookups return
 * {@code null} for what is not there; the {@code ensure} methods create it (call them inside a command).
 */
public final class Notation {

    private Notation() {
    }

    /** The diagram of {@code model} in its resource, or {@code null}. */
    public static Diagram diagram(TwinModel model) {
        Resource resource = model.eResource();
        if (resource == null) {
            return null;
        }
        for (EObject root : resource.getContents()) {
            if (root instanceof Diagram d && (d.getSemanticElement() == null || d.getSemanticElement() == model)) {
                return d;
            }
        }
        return null;
    }

    public static Diagram ensureDiagram(TwinModel model) {
        Diagram diagram = diagram(model);
        if (diagram == null) {
            diagram = NotationFactory.eINSTANCE.createDiagram();
            diagram.setSemanticElement(model);
            model.eResource().getContents().add(diagram);
        }
        return diagram;
    }

    public static NodeLayout nodeLayout(TwinModel model, EObject element) {
        Diagram diagram = diagram(model);
        if (diagram != null) {
            for (NodeLayout layout : diagram.getNodes()) {
                if (layout.getSemanticElement() == element) {
                    return layout;
                }
            }
        }
        return null;
    }

    public static NodeLayout ensureNodeLayout(TwinModel model, EObject element) {
        NodeLayout layout = nodeLayout(model, element);
        if (layout == null) {
            layout = NotationFactory.eINSTANCE.createNodeLayout();
            layout.setSemanticElement(element);
            ensureDiagram(model).getNodes().add(layout);
        }
        return layout;
    }

    public static EdgeLayout edgeLayout(TwinModel model, EObject element) {
        Diagram diagram = diagram(model);
        if (diagram != null) {
            for (EdgeLayout layout : diagram.getEdges()) {
                if (layout.getSemanticElement() == element) {
                    return layout;
                }
            }
        }
        return null;
    }

    public static EdgeLayout ensureEdgeLayout(TwinModel model, EObject element) {
        EdgeLayout layout = edgeLayout(model, element);
        if (layout == null) {
            layout = NotationFactory.eINSTANCE.createEdgeLayout();
            layout.setSemanticElement(element);
            ensureDiagram(model).getEdges().add(layout);
        }
        return layout;
    }

    /** Removes the node and edge layouts of {@code element}, if any. */
    public static void removeLayouts(TwinModel model, EObject element) {
        Diagram diagram = diagram(model);
        if (diagram != null) {
            diagram.getNodes().removeIf(l -> l.getSemanticElement() == element);
            diagram.getEdges().removeIf(l -> l.getSemanticElement() == element);
        }
    }
}
