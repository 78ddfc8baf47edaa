package org.twinstudio.connect;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinResource;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

/**
 * Model validation's protocol part: each binding is checked by the connector that supports its endpoint
 * ({@link ConnectorProvider#check(Binding)}: address syntax, type and scale fit). A binding whose endpoint has no
 * installed connector is not checked (the model itself is still valid; a HIL session reports the missing connector).
 */
public final class BindingChecks {

    /** Marker and diagnostic code of a connector's finding. */
    public static final String CODE = "binding.connector";

    private BindingChecks() {
    }

    /**
     * The connectors' findings on every binding of the resource's models, as errors located at the binding (line and
     * column when the resource knows them, the binding's URI).
     */
    public static List<TwinDiagnostic> check(Resource resource, String file, Connectors connectors) {
        List<TwinDiagnostic> out = new ArrayList<>();
        for (EObject root : resource.getContents()) {
            if (!(root instanceof TwinModel model)) {
                continue;
            }
            for (Binding binding : model.getBindings()) {
                Endpoint endpoint = binding.getEndpoint();
                if (endpoint == null) {
                    continue; // the model validator reports the missing endpoint
                }
                ConnectorProvider provider = connectors.clientFor(endpoint).orElse(null);
                if (provider == null) {
                    continue;
                }
                List<String> problems;
                try {
                    problems = provider.check(binding);
                } catch (RuntimeException e) {
                    problems = List.of("the " + provider.protocol() + " connector could not check it: " + e);
                }
                for (String problem : problems) {
                    out.add(diagnostic(resource, file, binding, provider.protocol(), problem));
                }
            }
        }
        return out;
    }

    /** A short name of a binding for messages: {@code binding tank.level -> remoteIo}. */
    public static String describe(Binding binding) {
        String endpoint = binding.getEndpoint() == null ? "?" : binding.getEndpoint().getName();
        return "binding " + portPath(binding.getPort()) + " -> " + endpoint;
    }

    private static String portPath(Port port) {
        return port == null ? "?" : port.getComponent() == null ? port.getName()
                : port.getComponent().getName() + "." + port.getName();
    }

    private static TwinDiagnostic diagnostic(Resource resource, String file, Binding binding, String protocol,
            String problem) {
        int line = 0;
        int column = 0;
        if (resource instanceof TwinResource twin) {
            TwinResource.Location where = twin.locationOf(binding);
            if (where != null) {
                line = where.line();
                column = where.column();
            }
        }
        String uri = binding.eResource() == null ? null : EcoreUtil.getURI(binding).toString();
        // connectors may name the binding themselves ("binding of tank.level: ..."); it is named here once
        String said = "binding of " + portPath(binding.getPort()) + ": ";
        String text = problem.startsWith(said) ? problem.substring(said.length()) : problem;
        return new TwinDiagnostic(Severity.ERROR, describe(binding) + " (" + protocol + "): " + text, file, line,
                column, uri, CODE);
    }
}
