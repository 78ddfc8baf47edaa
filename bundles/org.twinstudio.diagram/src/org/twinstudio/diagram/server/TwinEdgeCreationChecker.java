package org.twinstudio.diagram.server;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.server.features.typehints.EdgeCreationChecker;
import org.twinstudio.diagram.ConnectionRules;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.model.Port;

import com.google.inject.Inject;

/** Feedback while a connection is dragged: the same {@link ConnectionRules} the create operation applies. */
public class TwinEdgeCreationChecker implements EdgeCreationChecker {

    @Inject
    private TwinModelState twin;

    @Override
    public boolean isValidSource(String edgeType, GModelElement sourceElement) {
        return DiagramTypes.CONNECTION.equals(edgeType) && ConnectionRules.checkSource(port(sourceElement)).isEmpty();
    }

    @Override
    public boolean isValidTarget(String edgeType, GModelElement sourceElement, GModelElement targetElement) {
        return DiagramTypes.CONNECTION.equals(edgeType)
                && ConnectionRules.check(port(sourceElement), port(targetElement), null).isEmpty();
    }

    private Port port(GModelElement element) {
        EObject model = element == null ? null : twin.elementOf(element.getId());
        return model instanceof Port p ? p : null;
    }
}
