package org.twinstudio.connect.opcua.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.opcua.OpcUaBrowser;
import org.twinstudio.connect.opcua.OpcUaTwinServer;
import org.twinstudio.connect.opcua.bench.SyntheticTwin;

/** Ports with an engineering range (the benchmark twin's, [0, 1e12] m): EURange and range-checked writes. */
class RangedPortsTest {

    @TempDir
    Path state;

    @Test
    void rangedPortsPublishEURangeAndRefuseWritesOutsideIt() throws Exception {
        try (SyntheticTwin twin = new SyntheticTwin(3, 5_000_000).start();
                OpcUaTwinServer server = OpcUaTwinServer.start(twin,
                        new ServerOptions("127.0.0.1", 0, null, Map.of(), Credentials.NONE, state))) {
            int ns = server.namespaceIndex();
            List<OpcUaBrowser.Node> properties;
            try (OpcUaBrowser browser = OpcUaBrowser.connect(server.address(), null, Duration.ofSeconds(5))) {
                properties = browser.browse("ns=" + ns + ";s=bench.s1", 1);
            }
            OpcUaClient c = Peers.anonymousClient(server.address());
            try {
                Range range = (Range) decode(c, property(properties, "EURange"));
                assertEquals(0, range.getLow(), 0);
                assertEquals(1e12, range.getHigh(), 0);
                EUInformation eu = (EUInformation) decode(c, property(properties, "EngineeringUnits"));
                assertEquals("m", eu.getDisplayName().text());
                assertEquals('M' << 16 | 'T' << 8 | 'R', eu.getUnitId()); // UNECE MTR, metre: 5067858

                NodeId in = new NodeId(ns, "bench.in");
                List<StatusCode> results = c.writeValues(List.of(in, in), List.of(
                        DataValue.valueOnly(Variant.ofDouble(2e12)), DataValue.valueOnly(Variant.ofDouble(-1))));
                assertEquals(StatusCodes.Bad_OutOfRange, results.get(0).getValue());
                assertEquals(StatusCodes.Bad_OutOfRange, results.get(1).getValue());
                assertEquals(0, twin.value(3), 0);
                assertEquals(StatusCode.GOOD, c.writeValues(List.of(in), List.of(DataValue.valueOnly(
                        Variant.ofInt32(7)))).get(0), "an Int32 for a Double input is a number all the same");
                assertEquals(7, twin.value(3), 0);
            } finally {
                c.disconnect();
            }
        }
    }

    static NodeId property(List<OpcUaBrowser.Node> nodes, String name) {
        return NodeId.parse(nodes.stream().filter(n -> n.browseName().endsWith(":" + name) || n.browseName()
                .equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + nodes))
                .nodeId());
    }

    static Object decode(OpcUaClient c, NodeId node) throws Exception {
        Object v = Peers.read(c, node).getValue().getValue();
        return ((ExtensionObject) v).decode(c.getStaticEncodingContext());
    }
}
