package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.common.util.URI;
import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.server.features.validation.Marker;
import org.eclipse.glsp.server.features.validation.MarkerKind;
import org.eclipse.glsp.server.features.validation.ModelValidator;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Binding;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinModelValidator;

import com.google.inject.Inject;

/**
 * Markers from the model validator: each finding lands on the diagram element of what it is about — a port, a
 * component, a connection — or, for parameters, on their component, for bindings and alert rules on their port,
 * and for everything the diagram does not show (endpoints, settings) on the diagram itself. A valid twin's algebraic
 * loops are pointed at too ({@link AlgebraicLoopMarkers}).
 */
public class TwinDiagramValidator implements ModelValidator {

    @Inject
    private TwinModelState twin;

    @Override
    public List<Marker> validate(List<GModelElement> elements, String reason) {
        if (!twin.hasDocument() || twin.getRoot() == null) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>();
        boolean all = false;
        for (GModelElement element : elements) {
            if (element == twin.getRoot()) {
                all = true;
            }
            collectIds(element, wanted);
        }
        Resource resource = twin.getDocument().resource();
        List<Marker> markers = new ArrayList<>();
        List<TwinDiagnostic> findings = TwinModelValidator.validate(resource);
        Map<String, EObject> resolved = new HashMap<>();
        for (TwinDiagnostic d : findings) {
            String elementId = graphIdOf(d.elementUri() == null ? null
                    : resolved.computeIfAbsent(d.elementUri(), uri -> resolve(resource, uri)));
            if (all || wanted.contains(elementId)) {
                String kind = switch (d.severity()) {
                    case ERROR -> MarkerKind.ERROR;
                    case WARNING -> MarkerKind.WARNING;
                    case INFO -> MarkerKind.INFO;
                };
                markers.add(new Marker(d.message(), d.format(), elementId, kind));
            }
        }
        boolean errors = findings.stream().anyMatch(d -> d.severity() == TwinDiagnostic.Severity.ERROR);
        if (!errors && resource.getContents().get(0) instanceof TwinModel model) {
            Set<String> edges = new HashSet<>();
            collectEdgeIds(twin.getRoot(), edges);
            if (!all) {
                edges.retainAll(wanted);
            }
            markers.addAll(AlgebraicLoopMarkers.of(model, edges));
        }
        return markers;
    }

    private static EObject resolve(Resource resource, String uri) {
        try {
            return resource.getEObject(URI.createURI(uri).fragment());
        } catch (RuntimeException e) {
            return null; // a stale URI: the finding goes on the diagram
        }
    }

    private String graphIdOf(EObject element) {
        for (EObject at = element; at != null; at = at.eContainer()) {
            EObject shown = at instanceof Binding b && b.getPort() != null ? b.getPort()
                    : at instanceof AlertRule a && a.getSignal() != null ? a.getSignal() : at;
            String id = twin.idOf(shown);
            if (id != null) {
                return id;
            }
        }
        return twin.getRoot().getId();
    }

    private static void collectEdgeIds(GModelElement element, Set<String> ids) {
        for (GModelElement child : element.getChildren()) {
            if (child instanceof GEdge) {
                ids.add(child.getId());
            }
        }
    }

    private static void collectIds(GModelElement element, Set<String> ids) {
        ids.add(element.getId());
        element.getChildren().forEach(child -> collectIds(child, ids));
    }
}
