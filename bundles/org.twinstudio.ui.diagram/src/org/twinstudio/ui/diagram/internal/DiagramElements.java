package org.twinstudio.ui.diagram.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.model.TwinModel;

/**
 * Diagram element ids and the model elements they stand for, by the diagram server's own naming
 * ({@link TwinGModelFactory}: a component's name, {@code component.port}, {@code source->target}, positional ids for
 * unnamed or clashing elements). The graph is rebuilt for each lookup, so ids always match the model as it is now.
 */
final class DiagramElements {

    private DiagramElements() {
    }

    /** The model elements of {@code ids}, in order; ids of labels or unknown ids are left out. */
    static List<EObject> elements(TwinModel model, Collection<String> ids) {
        TwinGModelFactory graph = new TwinGModelFactory();
        graph.createGraph(model);
        List<EObject> elements = new ArrayList<>();
        for (String id : ids) {
            EObject element = graph.elementOf(id);
            if (element != null && !elements.contains(element)) {
                elements.add(element);
            }
        }
        return elements;
    }

    /**
     * The diagram ids of {@code elements}; an element without an id of its own (a parameter, say) is shown by its
     * nearest container that has one.
     */
    static List<String> ids(TwinModel model, Collection<?> elements) {
        TwinGModelFactory graph = new TwinGModelFactory();
        graph.createGraph(model);
        List<String> ids = new ArrayList<>();
        for (Object element : elements) {
            for (EObject current = element instanceof EObject e ? e : null; current != null; current = current
                    .eContainer()) {
                String id = graph.idOf(current);
                if (id != null && current != model) {
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                    break;
                }
            }
        }
        return ids;
    }
}
