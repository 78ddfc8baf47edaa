package org.twinstudio.ui.internal.markers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.twinstudio.connect.BindingChecks;
import org.twinstudio.connect.Connectors;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinModelValidator;
import org.twinstudio.ui.TwinstudioUi;

/** Validates twin models and reports the diagnostics as problem markers on the model file. */
public final class TwinMarkers {

    private TwinMarkers() {
    }

    /**
     * Validates the resource (what went wrong reading it, every model constraint, then each binding against the
     * installed connector of its endpoint: {@link BindingChecks}) and replaces the twin problem markers of the file
     * with the result. Returns the diagnostics.
     */
    public static List<TwinDiagnostic> validate(IFile file, Resource resource) throws CoreException {
        List<TwinDiagnostic> diagnostics = new ArrayList<>(
                TwinModelValidator.validate(resource, file.getFullPath().toString()));
        diagnostics.addAll(BindingChecks.check(resource, file.getFullPath().toString(), Connectors.getDefault()));
        List<Map<String, Object>> markers = new ArrayList<>();
        for (TwinDiagnostic diagnostic : diagnostics) {
            markers.add(attributes(diagnostic, resource));
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        workspace.run(monitor -> {
            if (!file.exists()) {
                return;
            }
            file.deleteMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
            for (Map<String, Object> attributes : markers) {
                file.createMarker(TwinstudioUi.PROBLEM_MARKER_ID, attributes);
            }
        }, workspace.getRuleFactory().markerRule(file), IWorkspace.AVOID_UPDATE, null);
        return diagnostics;
    }

    /** Marker code of problems found when a simulation is built (no behaviour, algebraic loop...). */
    public static final String SIMULATION_CODE = "simulation";

    private static final Pattern COMPONENT_NAME = Pattern.compile("component '([^']+)'");

    /**
     * Adds an error marker for each problem the simulation builder found beyond validation. A problem naming a
     * component ({@code component 'heater1': ...}) is located at that component.
     */
    public static void addSimulationProblems(IFile file, TwinModel model, List<String> problems) throws CoreException {
        List<Map<String, Object>> markers = new ArrayList<>();
        for (String problem : problems) {
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(IMarker.MESSAGE, problem);
            attributes.put(IMarker.SEVERITY, IMarker.SEVERITY_ERROR);
            attributes.put(TwinstudioUi.MARKER_CODE, SIMULATION_CODE);
            attributes.put(IMarker.SOURCE_ID, "Twinstudio");
            Matcher named = COMPONENT_NAME.matcher(problem);
            Component component = named.find() && model != null ? model.getComponents().stream()
                    .filter(c -> named.group(1).equals(c.getName())).findFirst().orElse(null) : null;
            if (component != null) {
                attributes.put(IMarker.LOCATION, path(component));
                if (component.eResource() != null) {
                    attributes.put(TwinstudioUi.MARKER_ELEMENT_URI, EcoreUtil.getURI(component).toString());
                }
            }
            markers.add(attributes);
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        workspace.run(monitor -> {
            if (file.exists()) {
                for (Map<String, Object> attributes : markers) {
                    file.createMarker(TwinstudioUi.PROBLEM_MARKER_ID, attributes);
                }
            }
        }, workspace.getRuleFactory().markerRule(file), IWorkspace.AVOID_UPDATE, null);
    }

    /** Removes the twin problem markers of a file. */
    public static void clear(IFile file) throws CoreException {
        if (file.exists()) {
            file.deleteMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
        }
    }

    private static Map<String, Object> attributes(TwinDiagnostic diagnostic, Resource resource) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(IMarker.MESSAGE, diagnostic.message());
        attributes.put(IMarker.SEVERITY, switch (diagnostic.severity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        });
        if (diagnostic.line() > 0) {
            attributes.put(IMarker.LINE_NUMBER, diagnostic.line());
        }
        EObject element = element(resource, diagnostic.elementUri());
        if (diagnostic.elementUri() != null) {
            attributes.put(TwinstudioUi.MARKER_ELEMENT_URI, diagnostic.elementUri());
        }
        String location = element != null ? path(element)
                : diagnostic.line() > 0 ? "line " + diagnostic.line() : null;
        if (location != null) {
            attributes.put(IMarker.LOCATION, location);
        }
        if (diagnostic.code() != null) {
            attributes.put(TwinstudioUi.MARKER_CODE, diagnostic.code());
        }
        attributes.put(IMarker.SOURCE_ID, "Twinstudio");
        return attributes;
    }

    /** Finds a model element by URI (only the fragment is used, so file and platform URIs both work). */
    public static EObject element(Resource resource, String elementUri) {
        if (elementUri == null || elementUri.isEmpty()) {
            return null;
        }
        try {
            String fragment = URI.createURI(elementUri).fragment();
            return fragment == null ? null : resource.getEObject(fragment);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A readable path of an element: the names of its containers, separated by '/' (e.g. {@code line/heater1/power}). */
    public static String path(EObject element) {
        StringBuilder path = new StringBuilder();
        for (EObject current = element; current != null; current = current.eContainer()) {
            String segment = name(current);
            path.insert(0, path.isEmpty() ? segment : segment + "/");
        }
        return path.toString();
    }

    private static String name(EObject element) {
        EStructuralFeature nameFeature = element.eClass().getEStructuralFeature("name");
        Object name = nameFeature == null ? null : element.eGet(nameFeature);
        if (name != null && !name.toString().isEmpty()) {
            return name.toString();
        }
        EObject container = element.eContainer();
        if (container != null && element.eContainingFeature().isMany()) {
            List<?> siblings = (List<?>) container.eGet(element.eContainingFeature());
            return element.eContainingFeature().getName() + "[" + siblings.indexOf(element) + "]";
        }
        return element.eClass().getName();
    }
}
