package org.twinstudio.connect.opcua.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.opcua.tests.Peers.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.opcua.ApplicationPki;
import org.twinstudio.connect.opcua.OpcUaBrowser;
import org.twinstudio.connect.opcua.OpcUaConnectorProvider;
import org.twinstudio.connect.opcua.OpcUaTwinServer;
import org.twinstudio.model.Authentication;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.OpcUaSecurityMode;
import org.twinstudio.model.OpcUaSecurityPolicy;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.runtime.TwinSession;

/** Our binding connector against a Milo server standing in for a PLC, on loopback. */
class OpcUaBindingConnectorTest {

    static final TwinFactory F = TwinFactory.eINSTANCE;

    @TempDir
    Path state;

    final OpcUaConnectorProvider provider = new OpcUaConnectorProvider();
    final List<AutoCloseable> toClose = new ArrayList<>();
    final Component controller = component("controller");

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    static Component component(String name) {
        Component c = F.createComponent();
        c.setName(name);
        c.setType("test");
        return c;
    }

    Port port(String name, PortDirection direction, DataType type) {
        Port p = F.createPort();
        p.setName(name);
        p.setDirection(direction);
        p.setDataType(type);
        controller.getPorts().add(p);
        return p;
    }

    static OpcUaEndpoint endpoint(String url) {
        OpcUaEndpoint e = F.createOpcUaEndpoint();
        e.setName("plc");
        e.setUrl(url);
        return e;
    }

    static OpcUaBinding binding(OpcUaEndpoint e, Port port, BindingDirection direction, String nodeId) {
        OpcUaBinding b = F.createOpcUaBinding();
        b.setEndpoint(e);
        b.setPort(port);
        b.setDirection(direction);
        b.setNodeId(nodeId);
        return b;
    }

    PlantServer plant() throws Exception {
        PlantServer p = new PlantServer();
        toClose.add(p);
        return p;
    }

    BindingConnector connector(OpcUaEndpoint e, List<Binding> bindings, int capacity) {
        BindingConnector c = provider.create(e, bindings, new ConnectorContext(Credentials.NONE, state, capacity));
        toClose.add(c);
        c.start();
        return c;
    }

    static Map<Binding, Double> read(BindingConnector c) {
        Map<Binding, Double> values = new HashMap<>();
        c.readInputs(values::put);
        return values;
    }

    @Test
    void readBindingsFollowTheServerThroughOneSubscription() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding setpoint = binding(e, port("setpoint", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=out.x");
        setpoint.setSamplePeriodMs(20);
        BindingConnector c = connector(e, List.of(setpoint), 100);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        plant.setOutput(42.5);
        await(() -> Double.valueOf(42.5).equals(read(c).get(setpoint)), "42.5 to arrive");
        plant.setOutput(-3);
        await(() -> Double.valueOf(-3).equals(read(c).get(setpoint)), "-3 to arrive");
        BindingStatus s = c.bindingStatus().get(0);
        assertEquals("controller.setpoint", s.port());
        assertEquals(ConnectionState.CONNECTED, s.state());
        assertEquals(-3, s.lastValue(), 0);
        assertNull(s.lastError());
        assertTrue(s.latencyMillis() >= 0 && s.latencyMillis() < 5000, "latency " + s.latencyMillis());
    }

    @Test
    void aNodeTheServerDoesNotHaveIsReportedOnItsBindingAlone() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding missing = binding(e, port("a", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=no.such.node");
        OpcUaBinding good = binding(e, port("b", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=out.x");
        OpcUaBinding missingWrite = binding(e, port("c", PortDirection.OUT, DataType.REAL), BindingDirection.WRITE,
                "ns=2;s=no.such.input");
        BindingConnector c = connector(e, List.of(missing, good, missingWrite), 10);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        plant.setOutput(5);
        await(() -> Double.valueOf(5).equals(read(c).get(good)), "the good binding's value");
        assertFalse(read(c).containsKey(missing));
        String readError = c.bindingStatus().get(0).lastError();
        assertTrue(readError != null && readError.contains("Bad_NodeIdUnknown"), readError);
        c.writeOutputs(b -> 1.0);
        await(() -> c.bindingStatus().get(2).lastError() != null
                && c.bindingStatus().get(2).lastError().contains("Bad_NodeIdUnknown"), "the refused write");
        assertNull(c.bindingStatus().get(1).lastError());
        assertEquals(ConnectionState.CONNECTED, c.status().state(), "one bad node does not end the connection");
    }

    @Test
    void theDeadbandKeepsSmallChangesAway() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding b = binding(e, port("setpoint", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=out.x");
        b.setSamplePeriodMs(10);
        b.setDeadband(5);
        BindingConnector c = connector(e, List.of(b), 100);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        plant.setOutput(10);
        await(() -> Double.valueOf(10).equals(read(c).get(b)), "10 to arrive");
        plant.setOutput(14); // |14 - 10| <= 5: filtered out by the server
        Thread.sleep(300);
        assertEquals(10, read(c).get(b), 0);
        plant.setOutput(15.5); // |15.5 - 10| > 5
        await(() -> Double.valueOf(15.5).equals(read(c).get(b)), "15.5 to arrive");
    }

    @Test
    void writesGoOutAsOneRequestPerCycleInTheNodesDataType() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding a = binding(e, port("power", PortDirection.OUT, DataType.REAL), BindingDirection.WRITE,
                "ns=2;s=in.a");
        OpcUaBinding n = binding(e, port("count", PortDirection.OUT, DataType.INTEGER), BindingDirection.WRITE,
                "ns=2;s=in.n");
        BindingConnector c = connector(e, List.of(a, n), 100);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        Map<Binding, Double> values = new HashMap<>(Map.of(a, 1.5, n, 7.4));
        c.writeOutputs(values::get);
        await(() -> plant.writeRequests.size() == 1, "one Write request");
        List<Object[]> request = plant.writeRequests.get(0);
        assertEquals(2, request.size(), "both bindings in one request");
        assertEquals(1.5, plant.value("in.a"));
        assertEquals(7, plant.value("in.n"), "7.4 written to an Int32 node as 7");
        // Unchanged values are not written again; a changed one is.
        c.writeOutputs(values::get);
        values.put(a, 2.5);
        c.writeOutputs(values::get);
        await(() -> plant.writeRequests.size() == 2, "a second request");
        Thread.sleep(100);
        assertEquals(2, plant.writeRequests.size());
        assertEquals(List.of(1.5, 2.5), plant.writesTo("in.a"));
        assertEquals(List.of(7), plant.writesTo("in.n"));
        BindingStatus s = c.bindingStatus().get(0);
        assertEquals(2.5, s.lastValue(), 0);
        assertTrue(s.latencyMillis() > 0, "write round trip " + s.latencyMillis());
        assertEquals(0, s.writesBuffered());
    }

    @Test
    void theServerGoesAwayAndComesBackOnTheSamePortAndNoBufferedWriteIsLost() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding a = binding(e, port("power", PortDirection.OUT, DataType.REAL), BindingDirection.WRITE,
                "ns=2;s=in.a");
        OpcUaBinding x = binding(e, port("setpoint", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=out.x");
        x.setSamplePeriodMs(20);
        BindingConnector c = connector(e, List.of(a, x), 100);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        c.writeOutputs(b -> 0.0);
        await(() -> plant.writesTo("in.a").size() == 1, "the first write");

        plant.stop();
        await(() -> c.status().state() == ConnectionState.RECONNECTING, "the connector to notice");
        for (int i = 1; i <= 20; i++) {
            double v = i;
            c.writeOutputs(b -> v); // one cycle each; never blocks nor throws while the server is away
        }
        BindingStatus buffered = c.bindingStatus().get(0);
        assertEquals(20, buffered.writesBuffered());
        assertEquals(0, buffered.writesDropped());
        assertEquals(ConnectionState.RECONNECTING, buffered.state());

        plant.writeRequests.clear();
        plant.start();
        plant.setOutput(8);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the reconnect");
        await(() -> plant.writesTo("in.a").size() >= 20, "the buffered writes");
        List<Object> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            expected.add((double) i);
        }
        assertEquals(expected, plant.writesTo("in.a").subList(0, 20), "every buffered write, in order");
        assertTrue(c.status().reconnects() >= 1);
        // The subscription is back too.
        await(() -> Double.valueOf(8).equals(read(c).get(x)), "reads after the reconnect");
        assertEquals(0, c.bindingStatus().get(0).writesBuffered());
    }

    @Test
    void aServerThatFallsSilentIsNoticedAndWritesWaitForItsReturn() throws Exception {
        PlantServer plant = plant();
        FreezingProxy proxy = new FreezingProxy(plant.port);
        toClose.add(proxy);
        OpcUaEndpoint e = endpoint("opc.tcp://127.0.0.1:" + proxy.port() + "/plant");
        OpcUaBinding a = binding(e, port("power", PortDirection.OUT, DataType.REAL), BindingDirection.WRITE,
                "ns=2;s=in.a");
        BindingConnector c = connector(e, List.of(a), 100);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");

        proxy.freeze(true);
        long frozenAt = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            double v = i;
            c.writeOutputs(b -> v);
        }
        await(() -> c.status().state() == ConnectionState.RECONNECTING, "the silence to be noticed");
        double noticedAfter = (System.nanoTime() - frozenAt) / 1e9;
        assertTrue(noticedAfter < 10, "noticed after " + noticedAfter + " s");
        assertTrue(plant.writesTo("in.a").isEmpty(), "nothing got through while frozen");

        proxy.freeze(false);
        await(() -> plant.writesTo("in.a").size() >= 5, "the writes after the silence");
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), plant.writesTo("in.a").subList(0, 5));
        assertEquals(ConnectionState.CONNECTED, c.status().state());
    }

    @Test
    void beyondTheBoundTheOldestWritesAreDroppedAndCounted() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding a = binding(e, port("power", PortDirection.OUT, DataType.REAL), BindingDirection.WRITE,
                "ns=2;s=in.a");
        BindingConnector c = connector(e, List.of(a), 5);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        plant.stop();
        await(() -> c.status().state() == ConnectionState.RECONNECTING, "the connector to notice");
        for (int i = 1; i <= 20; i++) {
            double v = i;
            c.writeOutputs(b -> v);
        }
        assertEquals(15, c.bindingStatus().get(0).writesDropped());
        plant.writeRequests.clear();
        plant.start();
        await(() -> plant.writesTo("in.a").size() >= 5, "the buffered writes");
        assertEquals(List.of(16.0, 17.0, 18.0, 19.0, 20.0), plant.writesTo("in.a").subList(0, 5));
    }

    @Test
    void aServerThatIsNotThereYetIsRetriedWithBackoff() throws Exception {
        PlantServer plant = plant();
        plant.stop();
        OpcUaEndpoint e = endpoint(plant.url());
        OpcUaBinding x = binding(e, port("setpoint", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=out.x");
        BindingConnector c = connector(e, List.of(x), 10);
        await(() -> c.status().state() == ConnectionState.RECONNECTING, "a failed first attempt");
        assertTrue(c.status().lastError() != null, "the error is shown");
        assertTrue(read(c).isEmpty(), "no value yet");
        plant.start();
        plant.setOutput(3);
        await(() -> c.status().state() == ConnectionState.CONNECTED, "the connection");
        await(() -> Double.valueOf(3).equals(read(c).get(x)), "the value");
    }

    @Test
    void missingCredentialsFailWithTheKeyNamed() throws Exception {
        PlantServer plant = plant();
        OpcUaEndpoint e = endpoint(plant.url());
        e.setAuthentication(Authentication.USERNAME);
        e.setCredentialKey("line-plc");
        OpcUaBinding x = binding(e, port("setpoint", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                "ns=2;s=out.x");
        BindingConnector c = connector(e, List.of(x), 10);
        await(() -> c.status().state() == ConnectionState.FAILED, "the connector to give up");
        assertTrue(c.status().lastError().contains("line-plc"), c.status().lastError());
    }

    @Test
    void aSecureEndpointWithAUserFromTheCredentials() throws Exception {
        Credentials credentials = Credentials.fromMap(Map.of("TWINSTUDIO_CREDENTIAL_OPERATOR_USER", "op",
                "TWINSTUDIO_CREDENTIAL_OPERATOR_PASSWORD", "s3cret", "TWINSTUDIO_CREDENTIAL_INTRUDER_USER", "op",
                "TWINSTUDIO_CREDENTIAL_INTRUDER_PASSWORD", "guess"));
        try (TwinSession twin = Peers.heatingLine();
                OpcUaTwinServer server = Peers.serve(twin, state.resolve("server"), Map.of("opcua.security",
                        "Basic256Sha256/SignAndEncrypt", "opcua.users", "operator"), credentials);
                // The connector keeps its certificate in STATE/opcua-client/pki: trust both ways beforehand.
                ApplicationPki clientPki = ApplicationPki.open(state.resolve("opcua-client/pki"),
                        "urn:twinstudio:client:test", "localhost", false)) {
            clientPki.trustList().addTrustedCertificate(server.pki().certificate());
            server.pki().trustList().addTrustedCertificate(clientPki.certificate());
            int ns = server.namespaceIndex();

            OpcUaEndpoint e = endpoint(server.address());
            e.setSecurityPolicy(OpcUaSecurityPolicy.BASIC256_SHA256);
            e.setSecurityMode(OpcUaSecurityMode.SIGN_AND_ENCRYPT);
            e.setAuthentication(Authentication.USERNAME);
            e.setCredentialKey("operator");
            OpcUaBinding time = binding(e, port("setpoint", PortDirection.IN, DataType.REAL), BindingDirection.READ,
                    "ns=" + ns + ";s=Simulation.Time");
            time.setSamplePeriodMs(10);
            OpcUaBinding setpoint = binding(e, port("output", PortDirection.OUT, DataType.REAL),
                    BindingDirection.WRITE, "ns=" + ns + ";s=controller.setpoint");
            BindingConnector c = provider.create(e, List.of(time, setpoint),
                    new ConnectorContext(credentials, state, 100));
            toClose.add(c);
            c.start();
            await(() -> c.status().state() == ConnectionState.CONNECTED, "the secure connection: "
                    + c.status().lastError());
            await(() -> read(c).getOrDefault(time, 0.0) > 0.5, "the twin's time");
            c.writeOutputs(b -> 42.0);
            await(() -> twin.value("controller.setpoint") == 42, "the write to reach the twin");

            // Browsing the server for bindings connects the same way: policy, mode, user and the connector's PKI.
            try (OpcUaBrowser browser = OpcUaBrowser.connect(e, new ConnectorContext(credentials, state, 10),
                    java.time.Duration.ofSeconds(10))) {
                List<OpcUaBrowser.Node> nodes = browser.browse(3);
                assertTrue(nodes.stream().anyMatch(n -> n.nodeId().equals("ns=" + ns + ";s=controller.setpoint")
                        && "Variable".equals(n.nodeClass())), nodes.toString());
            }

            e.setCredentialKey("intruder");
            org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.milo.opcua.stack.core.UaException.class,
                    () -> OpcUaBrowser.connect(e, new ConnectorContext(credentials, state, 10),
                            java.time.Duration.ofSeconds(10)).close(), "a wrong password is refused to the browser too");
            BindingConnector refused = provider.create(e, List.of(time), new ConnectorContext(credentials, state, 10));
            toClose.add(refused);
            refused.start();
            await(() -> refused.status().state() == ConnectionState.FAILED, "a wrong password to fail");
            assertTrue(refused.status().lastError().contains("refused the user"), refused.status().lastError());
        }
    }

    @Test
    void checkValidatesNodeIdsDirectionsAndEndpoints() {
        OpcUaEndpoint e = endpoint("opc.tcp://plc.local:4840/line");
        Port in = port("setpoint", PortDirection.IN, DataType.REAL);
        Port out = port("output", PortDirection.OUT, DataType.REAL);
        Port flag = port("enable", PortDirection.IN, DataType.BOOLEAN);
        for (String good : List.of("ns=2;s=tank.level", "i=2258", "ns=3;i=1001",
                "ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a", "ns=4;b=AQID", "s=plain")) {
            assertEquals(List.of(), provider.check(binding(e, in, BindingDirection.READ, good)), good);
        }
        for (String bad : List.of("tank.level", "ns=2;x=1", "ns=two;s=x", "i=abc", "")) {
            List<String> problems = provider.check(binding(e, in, BindingDirection.READ, bad));
            assertEquals(1, problems.size(), bad + " -> " + problems);
            assertTrue(problems.get(0).startsWith("binding controller.setpoint -> plc: "), problems.get(0));
        }
        assertFalse(provider.check(binding(e, out, BindingDirection.READ, "ns=2;s=a")).isEmpty(),
                "reading into an output");
        assertEquals(List.of(), provider.check(binding(e, out, BindingDirection.WRITE, "ns=2;s=a")));
        OpcUaBinding deadband = binding(e, flag, BindingDirection.READ, "ns=2;s=a");
        deadband.setDeadband(0.5);
        assertFalse(provider.check(deadband).isEmpty(), "a deadband on a boolean");
        List<String> badUrl = provider.check(binding(endpoint("http://plc/line"), in, BindingDirection.READ,
                "ns=2;s=a"));
        assertEquals(1, badUrl.size());
        assertTrue(badUrl.get(0).contains("opc.tcp://"), badUrl.get(0));
    }
}
