package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.opcua.OpcUaBrowser;
import org.twinstudio.model.Authentication;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.OpcUaSecurityMode;
import org.twinstudio.model.OpcUaSecurityPolicy;
import org.twinstudio.model.TwinFactory;

/** The output of {@code browse}, kept apart so the OPC UA bundle is only loaded when browsing. */
final class BrowseReport {

    private BrowseReport() {
    }

    /** {@code POLICY[/MODE]} as the model spells them (case does not matter) onto the endpoint. */
    static void applySecurity(OpcUaEndpoint endpoint, String security) {
        String[] parts = (security == null || security.isBlank() ? "None" : security.trim()).split("/", -1);
        OpcUaSecurityPolicy policy = null;
        for (OpcUaSecurityPolicy p : OpcUaSecurityPolicy.VALUES) {
            if (p.getLiteral().equalsIgnoreCase(parts[0])) {
                policy = p;
            }
        }
        if (policy == null || parts.length > 2) {
            throw new IllegalArgumentException("--security " + security + ": expected POLICY[/MODE], POLICY one of "
                    + OpcUaSecurityPolicy.VALUES.stream().map(OpcUaSecurityPolicy::getLiteral).toList()
                    + ", MODE Sign or SignAndEncrypt");
        }
        OpcUaSecurityMode mode = policy == OpcUaSecurityPolicy.NONE ? OpcUaSecurityMode.NONE
                : OpcUaSecurityMode.SIGN_AND_ENCRYPT;
        if (parts.length == 2) {
            mode = null;
            for (OpcUaSecurityMode m : OpcUaSecurityMode.VALUES) {
                if (m.getLiteral().equalsIgnoreCase(parts[1])) {
                    mode = m;
                }
            }
            if (mode == null || (mode == OpcUaSecurityMode.NONE) != (policy == OpcUaSecurityPolicy.NONE)) {
                throw new IllegalArgumentException("--security " + security + ": the mode is Sign or SignAndEncrypt "
                        + "for a secure policy and None only with None");
            }
        }
        endpoint.setSecurityPolicy(policy);
        endpoint.setSecurityMode(mode);
    }

    static int print(String url, String node, int depth, boolean json, String credential, String security,
            int timeoutSeconds, PrintWriter out, PrintWriter err) {
        Credentials credentials = Credentials.fromEnvironment();
        if (credential != null && credentials.lookup(credential).isEmpty()) {
            err.println("twinstudio browse: no credentials for key '" + credential + "' (set the environment"
                    + " variables TWINSTUDIO_CREDENTIAL_<KEY>_USER and _PASSWORD)");
            return ExitCodes.USAGE;
        }
        // The server is browsed as a binding of such an endpoint would connect to it.
        OpcUaEndpoint endpoint = TwinFactory.eINSTANCE.createOpcUaEndpoint();
        endpoint.setName("browse");
        endpoint.setUrl(url);
        try {
            applySecurity(endpoint, security);
        } catch (IllegalArgumentException e) {
            err.println("twinstudio browse: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (credential != null) {
            endpoint.setAuthentication(Authentication.USERNAME);
            endpoint.setCredentialKey(credential);
        }
        ConnectorContext context = new ConnectorContext(credentials,
                Path.of(System.getProperty("user.home"), ".twinstudio"), ConnectorContext.DEFAULT_WRITE_BUFFER_CAPACITY);
        List<OpcUaBrowser.Node> nodes;
        try (OpcUaBrowser browser = OpcUaBrowser.connect(endpoint, context, Duration.ofSeconds(timeoutSeconds))) {
            nodes = browser.browse(node, depth);
        } catch (IllegalArgumentException e) {
            err.println("twinstudio browse: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println("twinstudio browse: " + url + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.INVALID;
        }
        if (json) {
            List<Object> list = new ArrayList<>();
            for (OpcUaBrowser.Node n : nodes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("nodeId", n.nodeId());
                m.put("browseName", n.browseName());
                m.put("displayName", n.displayName());
                m.put("nodeClass", n.nodeClass());
                m.put("dataType", n.dataType());
                m.put("access", n.access());
                m.put("depth", n.depth());
                m.put("parent", n.parent());
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("server", url);
            doc.put("start", node == null ? "i=85" : node);
            doc.put("nodes", list);
            out.println(Json.write(doc));
        } else {
            for (OpcUaBrowser.Node n : nodes) {
                StringBuilder line = new StringBuilder("  ".repeat(n.depth() - 1));
                line.append(n.displayName() == null ? n.browseName() : n.displayName()).append("  ").append(n.nodeId())
                        .append("  ").append(n.nodeClass());
                if (n.dataType() != null) {
                    line.append("  ").append(n.dataType()).append("  ").append(n.access().isEmpty() ? "-" : n.access());
                }
                out.println(line);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
