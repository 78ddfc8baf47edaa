package org.twinstudio.connect.opcua.tests;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A plain Milo server standing in for a PLC: variables {@code ns=2;s=out.x} (Double, the plant's output, sampled by
 * Milo's own subscription model), {@code ns=2;s=in.a} (Double) and {@code ns=2;s=in.n} (Int32) that clients write.
 * Every Write request is recorded, so tests can check batching and that no write was lost. Can be stopped and
 * started again on the same port.
 */
final class PlantServer implements AutoCloseable {

    static final String URI = "urn:twinstudio:test:plant";

    final int port;
    /** One entry per Write request: the node and value of each item, in order. */
    final List<List<Object[]>> writeRequests = new CopyOnWriteArrayList<>();
    private OpcUaServer server;
    private Plant plant;

    PlantServer() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        start();
    }

    String url() {
        return "opc.tcp://127.0.0.1:" + port + "/plant";
    }

    void start() throws Exception {
        EndpointConfig endpoint = EndpointConfig.newBuilder().setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress("127.0.0.1").setHostname("127.0.0.1").setBindPort(port).setPath("/plant")
                .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build();
        OpcUaServerConfig config = OpcUaServerConfig.builder().setApplicationUri("urn:twinstudio:test:plant-server")
                .setApplicationName(LocalizedText.english("Test plant")).setEndpoints(Set.of(endpoint))
                .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine())).build();
        server = new OpcUaServer(config, p -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder()
                .build()));
        plant = new Plant(server);
        plant.startup();
        server.startup().get(20, TimeUnit.SECONDS);
    }

    void stop() throws Exception {
        plant.shutdown();
        server.shutdown().get(20, TimeUnit.SECONDS);
    }

    /** Sets the plant's output {@code out.x}. */
    void setOutput(double x) {
        plant.out.setValue(new DataValue(Variant.ofDouble(x)));
    }

    Object value(String id) {
        UaVariableNode node = (UaVariableNode) plant.getNodeManager().getNode(new NodeId(2, id)).orElseThrow();
        return node.getValue().getValue().getValue();
    }

    /** Values written to {@code id}, in the order the server received them. */
    List<Object> writesTo(String id) {
        List<Object> values = new ArrayList<>();
        for (List<Object[]> request : writeRequests) {
            for (Object[] item : request) {
                if (id.equals(item[0])) {
                    values.add(item[1]);
                }
            }
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private final class Plant extends ManagedNamespaceWithLifecycle {
        final SubscriptionModel subscriptions;
        UaVariableNode out;

        Plant(OpcUaServer server) {
            super(server, URI);
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(() -> {
                UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("plant"), newQualifiedName("plant"),
                        LocalizedText.english("plant"));
                getNodeManager().addNode(folder);
                folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes,
                        NodeIds.ObjectsFolder.expanded(), false));
                out = variable(folder, "out.x", NodeIds.Double, Variant.ofDouble(0));
                variable(folder, "in.a", NodeIds.Double, Variant.ofDouble(0));
                variable(folder, "in.n", NodeIds.Int32, Variant.ofInt32(0));
            });
        }

        UaVariableNode variable(UaFolderNode folder, String id, NodeId type, Variant initial) {
            UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext()).setNodeId(newNodeId(id))
                    .setBrowseName(newQualifiedName(id)).setDisplayName(LocalizedText.english(id)).setDataType(type)
                    .setTypeDefinition(NodeIds.BaseDataVariableType).setAccessLevel(AccessLevel.READ_WRITE)
                    .setUserAccessLevel(AccessLevel.READ_WRITE).build();
            node.setValue(new DataValue(initial));
            getNodeManager().addNode(node);
            folder.addOrganizes(node);
            return node;
        }

        @Override
        public List<StatusCode> write(WriteContext context, List<WriteValue> writeValues) {
            List<StatusCode> results = super.write(context, writeValues);
            List<Object[]> request = new ArrayList<>();
            for (int i = 0; i < writeValues.size(); i++) {
                if (results.get(i).isGood()) {
                    WriteValue w = writeValues.get(i);
                    request.add(new Object[] { w.getNodeId().getIdentifier().toString(),
                            w.getValue().getValue().getValue() });
                }
            }
            writeRequests.add(request);
            return results;
        }

        @Override
        public void onDataItemsCreated(List<DataItem> dataItems) {
            subscriptions.onDataItemsCreated(dataItems);
        }

        @Override
        public void onDataItemsModified(List<DataItem> dataItems) {
            subscriptions.onDataItemsModified(dataItems);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> dataItems) {
            subscriptions.onDataItemsDeleted(dataItems);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
            subscriptions.onMonitoringModeChanged(monitoredItems);
        }
    }
}
