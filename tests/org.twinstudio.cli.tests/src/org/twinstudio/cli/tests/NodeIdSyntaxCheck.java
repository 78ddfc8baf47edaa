package org.twinstudio.cli.tests;

import java.util.List;
import java.util.regex.Pattern;

import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;

/**
 * The NodeId part of an OPC UA connector's binding check (OPC 10000-6 §5.3.1.10 string form:
 * {@code [ns=<index>;](i=<uint>|s=<text>|g=<guid>|b=<base64>)}), for tests of {@code validate}. It claims only
 * endpoints on the reserved {@code .invalid} domain, so no other test in the same JVM ever gets it, and it only
 * checks; it does not connect.
 */
final class NodeIdSyntaxCheck implements ConnectorProvider {

    private static final Pattern NODE_ID = Pattern.compile(
            "(ns=\\d+;)?(i=\\d+|s=.+|g=\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}"
                    + "|b=[A-Za-z0-9+/]+={0,2})");

    @Override
    public String protocol() {
        return "opcua";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint instanceof OpcUaEndpoint e && e.getUrl() != null && e.getUrl().contains(".invalid:");
    }

    @Override
    public List<String> check(Binding binding) {
        String id = binding instanceof OpcUaBinding b ? b.getNodeId() : null;
        if (id == null || id.isBlank()) {
            return List.of("no node id");
        }
        return NODE_ID.matcher(id).matches() ? List.of()
                : List.of("node id '" + id + "' is not of the form [ns=<index>;]i=|s=|g=|b=<identifier>");
    }

    @Override
    public BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        throw new UnsupportedOperationException("checks node ids only");
    }
}
