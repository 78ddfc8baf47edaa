package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.opcua.OpcUaBrowser;

/** The output of {@code browse}, kept apart so the OPC UA bundle is only loaded when browsing. */
final class BrowseReport {

    private BrowseReport() {
    }

    static int print(String url, String node, int depth, boolean json, String credential, int timeoutSeconds,
            PrintWriter out, PrintWriter err) {
        Credentials.UserPassword user = null;
        if (credential != null) {
            user = Credentials.fromEnvironment().lookup(credential).orElse(null);
            if (user == null) {
                err.println("twinstudio browse: no credentials for key '" + credential + "' (set the environment"
                        + " variables TWINSTUDIO_CREDENTIAL_<KEY>_USER and _PASSWORD)");
                return ExitCodes.USAGE;
            }
        }
        List<OpcUaBrowser.Node> nodes;
        try (OpcUaBrowser browser = OpcUaBrowser.connect(url, user, Duration.ofSeconds(timeoutSeconds))) {
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
