package org.twinstudio.diagram;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.change.ChangeDescription;
import org.eclipse.emf.ecore.change.FeatureChange;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.EdgeLayout;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.notation.NotationPackage;
import org.twinstudio.model.notation.Point;

/**
 * Tells whether a recorded change touched only the diagram's layout — positions, sizes and bend points in the
 * notation — and if so, which model elements (components, connections) it moved. Such a change leaves the twin, and
 * so every validation finding, as it was: the diagram can patch the places of those elements instead of sending
 * the whole graph again.
 */
public final class LayoutOnlyChange {

    private LayoutOnlyChange() {
    }

    /**
     * The model elements whose node or edge layout {@code change} created, removed or changed; empty when the
     * change touched anything but layouts (the model, the resource's roots, what a layout stands for).
     */
    public static Optional<Set<EObject>> movedElements(ChangeDescription change) {
        if (change == null || !change.getResourceChanges().isEmpty()) {
            return Optional.empty();
        }
        Set<EObject> moved = new LinkedHashSet<>();
        for (Map.Entry<EObject, EList<FeatureChange>> entry : change.getObjectChanges()) {
            EObject changed = entry.getKey();
            for (FeatureChange feature : entry.getValue()) {
                if (feature.getFeature() == NotationPackage.Literals.NODE_LAYOUT__SEMANTIC_ELEMENT
                        || feature.getFeature() == NotationPackage.Literals.EDGE_LAYOUT__SEMANTIC_ELEMENT
                        || feature.getFeature() == NotationPackage.Literals.DIAGRAM__SEMANTIC_ELEMENT) {
                    return Optional.empty();
                }
            }
            if (!collect(changed, moved)) {
                return Optional.empty();
            }
        }
        for (EObject added : change.getObjectsToDetach()) {
            if (!collect(added, moved)) {
                return Optional.empty();
            }
        }
        for (EObject removed : change.getObjectsToAttach()) {
            if (!collect(removed, moved)) {
                return Optional.empty();
            }
        }
        return Optional.of(moved);
    }

    /** Adds the element a notation object lays out; false for anything outside the notation. */
    private static boolean collect(EObject notation, Set<EObject> moved) {
        EObject laidOut = notation instanceof NodeLayout node ? node.getSemanticElement()
                : notation instanceof EdgeLayout edge ? edge.getSemanticElement() : null;
        if (notation instanceof NodeLayout || notation instanceof EdgeLayout) {
            if (laidOut != null) {
                moved.add(laidOut);
            }
            return true;
        }
        if (notation instanceof Point point) {
            // A bend point: its edge layout's list changed too, or the point itself moved.
            return !(point.eContainer() instanceof EdgeLayout edge) || collect(edge, moved);
        }
        // The diagram's lists of layouts: the layouts added or removed are among the attached/detached objects.
        return notation instanceof Diagram;
    }
}
