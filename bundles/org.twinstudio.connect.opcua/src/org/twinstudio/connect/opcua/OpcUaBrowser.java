package org.twinstudio.connect.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.model.OpcUaEndpoint;

/**
 * Browses an OPC UA server's address space without a UI, to pick nodes for bindings (the CLI's {@code browse}
 * command and the IDE's browse dialog). Follows hierarchical references forward from a start node (the
 * {@code Objects} folder by default) to a given depth and reports objects, variables and methods; for variables it
 * reads the data type and access level.
 */
public final class OpcUaBrowser implements AutoCloseable {

    /**
     * One node found. {@code nodeId} is in the parseable form bindings use ({@code ns=2;s=tank.level});
     * {@code dataType} is the built-in type's name ({@code Double}) or the type's NodeId, null for non-variables;
     * {@code access} is {@code r}, {@code rw}, {@code w} or empty (null for non-variables); {@code depth} counts
     * from 1 for the start node's children.
     */
    public record Node(String nodeId, String browseName, String displayName, String nodeClass, String dataType,
            String access, int depth, String parent) {
    }

    private final OpcUaClient client;
    /** The client certificate of a secure connection, closed with the browser; null over None. */
    private final ApplicationPki pki;

    private OpcUaBrowser(OpcUaClient client, ApplicationPki pki) {
        this.client = client;
        this.pki = pki;
    }

    /**
     * Connects as a binding connector of {@code endpoint} would: its security policy and mode (with the client
     * certificate and trust list in {@code <state directory>/opcua-client/pki}) and its authentication (the user of
     * its credential key).
     *
     * @throws UaException if the server cannot be reached or refuses the session
     * @throws IllegalArgumentException when the endpoint cannot be used as configured (no credentials, no state
     *                                  directory for a secure policy, no matching endpoint on the server)
     */
    public static OpcUaBrowser connect(OpcUaEndpoint endpoint, ConnectorContext context, Duration timeout)
            throws UaException {
        OpcUaClients.Security security = OpcUaBindingConnector.security(endpoint);
        Credentials.UserPassword user = OpcUaBindingConnector.userOf(endpoint, context);
        ApplicationPki pki = OpcUaBindingConnector.clientPki(endpoint, context, security);
        try {
            OpcUaClient client = OpcUaClients.create(endpoint.getUrl(), security, user, pki, timeout);
            client.connect();
            return new OpcUaBrowser(client, pki);
        } catch (UaException | RuntimeException e) {
            if (pki != null) {
                pki.close();
            }
            if (e instanceof IllegalStateException) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Connects to {@code endpointUrl} over its None endpoint, anonymously or with {@code user} (which may be null).
     *
     * @throws UaException if the server cannot be reached or refuses the session
     */
    public static OpcUaBrowser connect(String endpointUrl, Credentials.UserPassword user, Duration timeout)
            throws UaException {
        OpcUaClient client = OpcUaClients.create(endpointUrl, OpcUaClients.Security.NONE, user, null, timeout);
        client.connect();
        return new OpcUaBrowser(client, null);
    }

    /** Browses from the Objects folder. */
    public List<Node> browse(int depth) throws UaException {
        return browse(null, depth);
    }

    /**
     * Browses from {@code startNodeId} (parseable NodeId, null for the Objects folder) down {@code depth} levels
     * (at least 1), depth first in server order; a node reached twice is listed once.
     *
     * @throws IllegalArgumentException if the start NodeId does not parse
     * @throws UaException              on a service failure
     */
    public List<Node> browse(String startNodeId, int depth) throws UaException {
        NodeId start = NodeIds.ObjectsFolder;
        if (startNodeId != null && !startNodeId.isBlank()) {
            start = NodeId.parseSafe(startNodeId.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "not a NodeId: '" + startNodeId + "' (expected e.g. ns=2;s=tank.level or i=85)"));
        }
        List<Node> nodes = new ArrayList<>();
        Set<NodeId> seen = new HashSet<>();
        seen.add(start);
        walk(start, 1, Math.max(1, depth), nodes, seen);
        return describeVariables(nodes);
    }

    private void walk(NodeId parent, int level, int depth, List<Node> out, Set<NodeId> seen) throws UaException {
        for (ReferenceDescription r : children(parent)) {
            NodeId id = r.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
            if (id == null || !seen.add(id)) {
                continue;
            }
            out.add(new Node(id.toParseableString(), r.getBrowseName().toParseableString(),
                    r.getDisplayName() == null ? null : r.getDisplayName().text(), r.getNodeClass().name(), null,
                    null, level, parent.toParseableString()));
            if (level < depth && r.getNodeClass() != NodeClass.Method) {
                walk(id, level + 1, depth, out, seen);
            }
        }
    }

    private List<ReferenceDescription> children(NodeId node) throws UaException {
        int mask = NodeClass.Object.getValue() | NodeClass.Variable.getValue() | NodeClass.Method.getValue();
        BrowseResult result = client.browse(new BrowseDescription(node, BrowseDirection.Forward,
                NodeIds.HierarchicalReferences, true, uint(mask), uint(BrowseResultMask.All.getValue())));
        if (result.getStatusCode().isBad()) {
            throw new UaException(result.getStatusCode(), "browsing " + node.toParseableString() + " failed");
        }
        List<ReferenceDescription> refs = new ArrayList<>();
        addAll(refs, result.getReferences());
        ByteString continuation = result.getContinuationPoint();
        while (continuation != null && continuation.isNotNull()) {
            BrowseResult next = client.browseNext(false, List.of(continuation)).getResults()[0];
            addAll(refs, next.getReferences());
            continuation = next.getContinuationPoint();
        }
        return refs;
    }

    private static void addAll(List<ReferenceDescription> into, ReferenceDescription[] refs) {
        if (refs != null) {
            into.addAll(List.of(refs));
        }
    }

    private List<Node> describeVariables(List<Node> nodes) throws UaException {
        List<ReadValueId> reads = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (NodeClass.Variable.name().equals(nodes.get(i).nodeClass())) {
                NodeId id = NodeId.parse(nodes.get(i).nodeId());
                reads.add(new ReadValueId(id, AttributeId.DataType.uid(), null, null));
                reads.add(new ReadValueId(id, AttributeId.UserAccessLevel.uid(), null, null));
                slots.add(i);
            }
        }
        if (reads.isEmpty()) {
            return nodes;
        }
        List<DataValue> values = new ArrayList<>();
        for (int from = 0; from < reads.size(); from += 1000) {
            values.addAll(List.of(client.read(0, TimestampsToReturn.Neither,
                    reads.subList(from, Math.min(reads.size(), from + 1000))).getResults()));
        }
        List<Node> result = new ArrayList<>(nodes);
        for (int k = 0; k < slots.size(); k++) {
            Node n = nodes.get(slots.get(k));
            Object type = values.get(2 * k).getValue().getValue();
            Object access = values.get(2 * k + 1).getValue().getValue();
            result.set(slots.get(k), new Node(n.nodeId(), n.browseName(), n.displayName(), n.nodeClass(),
                    type instanceof NodeId t ? dataTypeName(t) : null,
                    access instanceof UByte a ? accessText(a) : "", n.depth(), n.parent()));
        }
        return result;
    }

    private static final Map<NodeId, String> BUILT_IN = new HashMap<>();
    static {
        for (OpcUaDataType t : OpcUaDataType.values()) {
            BUILT_IN.put(t.getNodeId(), t.name());
        }
    }

    /** The built-in type's name, else the type's NodeId. */
    static String dataTypeName(NodeId type) {
        return BUILT_IN.getOrDefault(type, type.toParseableString());
    }

    static String accessText(UByte level) {
        EnumSet<AccessLevel> set = AccessLevel.fromValue(level);
        return (set.contains(AccessLevel.CurrentRead) ? "r" : "") + (set.contains(AccessLevel.CurrentWrite) ? "w" : "");
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (UaException e) {
            // the session ends either way
        } finally {
            if (pki != null) {
                pki.close();
            }
        }
    }
}
