package org.twinstudio.connect.opcua.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.opcua.tests.Peers.await;
import static org.twinstudio.connect.opcua.tests.Peers.readDouble;
import static org.twinstudio.connect.opcua.tests.Peers.unchecked;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.opcua.ApplicationPki;
import org.twinstudio.connect.opcua.OpcUaBrowser;
import org.twinstudio.connect.opcua.OpcUaClients;
import org.twinstudio.connect.opcua.OpcUaTwinServer;
import org.twinstudio.runtime.TwinSession;

/** A Milo client against our server over the heating line running live. */
class OpcUaServerTest {

    @TempDir
    Path state;

    TwinSession twin;
    OpcUaTwinServer server;
    List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        twin = Peers.heatingLine();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
        twin.close();
    }

    OpcUaClient client() throws Exception {
        OpcUaClient c = Peers.anonymousClient(server.address());
        toClose.add(c::disconnect);
        return c;
    }

    NodeId node(String id) {
        return new NodeId(server.namespaceIndex(), id);
    }

    @Test
    void theAddressSpaceHasAFolderPerComponentAndAVariablePerPortAndParameter() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        String ns = "ns=" + server.namespaceIndex() + ";s=";
        List<OpcUaBrowser.Node> nodes;
        try (OpcUaBrowser browser = OpcUaBrowser.connect(server.address(), null, Duration.ofSeconds(5))) {
            nodes = browser.browse(ns + "heating_line", 3);
        }
        OpcUaBrowser.Node tank = find(nodes, ns + "tank");
        assertEquals("Object", tank.nodeClass());
        assertEquals(1, tank.depth());
        for (String c : List.of("inletValve", "tank", "heater", "sensorT", "sensorL", "controller", "Simulation")) {
            assertEquals(1, find(nodes, ns + c).depth(), c);
        }
        OpcUaBrowser.Node level = find(nodes, ns + "tank.level");
        assertEquals("Variable", level.nodeClass());
        assertEquals("Double", level.dataType());
        assertEquals("r", level.access(), "outputs are read-only");
        assertEquals(ns + "tank", level.parent());
        OpcUaBrowser.Node open = find(nodes, ns + "inletValve.open");
        assertEquals("Boolean", open.dataType());
        assertEquals("rw", open.access(), "inputs are writable");
        assertEquals("rw", find(nodes, ns + "controller.setpoint").access());
        OpcUaBrowser.Node area = find(nodes, ns + "tank.Parameters.area");
        assertEquals("r", area.access(), "parameters are read-only");
        assertEquals(0.25, readDouble(client(), node("tank.Parameters.area")), 0);
        for (String m : List.of("Start", "Stop", "Reset", "InjectFault", "ClearFaults")) {
            assertEquals("Method", find(nodes, ns + "Simulation." + m).nodeClass(), m);
        }
        // 6 components with 3 + 6 + 2 + 2 + 2 + 4 ports in the model
        assertEquals(19, nodes.stream().filter(n -> n.depth() == 2 && "Variable".equals(n.nodeClass())
                && !n.nodeId().contains("Simulation")).count());
    }

    @Test
    void portVariablesCarryTheirEngineeringUnits() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        OpcUaClient c = client();
        List<OpcUaBrowser.Node> properties;
        try (OpcUaBrowser browser = OpcUaBrowser.connect(server.address(), null, Duration.ofSeconds(5))) {
            properties = browser.browse("ns=" + server.namespaceIndex() + ";s=tank.temperature", 1);
        }
        OpcUaBrowser.Node units = properties.stream().filter(p -> p.browseName().endsWith("EngineeringUnits"))
                .findFirst().orElseThrow(() -> new AssertionError("no EngineeringUnits under " + properties));
        Object value = Peers.read(c, NodeId.parse(units.nodeId())).getValue().getValue();
        EUInformation eu = (EUInformation) ((ExtensionObject) value).decode(c.getStaticEncodingContext());
        assertEquals("degC", eu.getDisplayName().text());
        // UNECE code CEL as OPC UA Part 8 packs it: 'C' << 16 | 'E' << 8 | 'L'
        assertEquals(4408652, eu.getUnitId());
        assertEquals("http://www.opcfoundation.org/UA/units/un/cefact", eu.getNamespaceUri());
        // No range in the heating line's port types: no EURange property
        assertTrue(properties.stream().noneMatch(p -> p.browseName().endsWith("EURange")), properties.toString());
    }

    @Test
    void subscribersSeeTheValuesOfEveryCycle() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        OpcUaClient c = client();
        OpcUaSubscription subscription = new OpcUaSubscription(c, 20.0);
        subscription.create();
        List<Double> times = new CopyOnWriteArrayList<>();
        List<Double> temperatures = new CopyOnWriteArrayList<>();
        OpcUaMonitoredItem time = OpcUaMonitoredItem.newDataItem(node("Simulation.Time"));
        time.setSamplingInterval(0);
        time.setQueueSize(Unsigned.uint(100));
        time.setDataValueListener((item, v) -> times.add((Double) v.getValue().getValue()));
        OpcUaMonitoredItem temperature = OpcUaMonitoredItem.newDataItem(node("tank.temperature"));
        temperature.setSamplingInterval(0);
        temperature.setQueueSize(Unsigned.uint(100));
        temperature.setDataValueListener((item, v) -> temperatures.add((Double) v.getValue().getValue()));
        subscription.addMonitoredItems(List.of(time, temperature));
        subscription.synchronizeMonitoredItems();
        await(() -> times.size() >= 100, "100 cycles");
        List<Double> seen = List.copyOf(times);
        int consecutive = 0;
        for (int i = 1; i < seen.size(); i++) {
            double steps = (seen.get(i) - seen.get(i - 1)) / 0.1;
            assertTrue(steps > 0.5, "time went from " + seen.get(i - 1) + " to " + seen.get(i));
            assertEquals(Math.rint(steps), steps, 1e-6, "times stay on the 0.1 s grid");
            if (Math.rint(steps) == 1) {
                consecutive++;
            }
        }
        // Cycles are only coalesced when the publisher falls behind, which a light load never makes it do often.
        assertTrue(consecutive >= seen.size() / 2, consecutive + " of " + seen.size() + " were one cycle apart");
        // The heater is on from the start: the tank warms cycle by cycle.
        await(() -> temperatures.size() >= 20, "20 temperatures");
        assertTrue(temperatures.get(temperatures.size() - 1) > temperatures.get(0), temperatures.toString());
        subscription.delete();
    }

    @Test
    void writingAnInputDrivesTheSimulationAndRefusedWritesGetBadStatus() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        OpcUaClient c = client();
        await(() -> twin.cycle() > 3, "a few cycles");
        double level = readDouble(c, node("tank.level"));
        assertEquals(0.8, level, 1e-9, "the inlet is closed and nothing flows out");

        List<StatusCode> refused = c.writeValues(
                List.of(node("tank.level"), node("inletValve.open"), node("tank.inflow"), node("controller.setpoint"),
                        node("tank.Parameters.area")),
                List.of(new DataValue(Variant.ofDouble(1.5)), new DataValue(Variant.ofString("yes")),
                        new DataValue(Variant.ofDouble(0.1)), new DataValue(Variant.ofDouble(Double.NaN)),
                        new DataValue(Variant.ofDouble(1))));
        for (StatusCode s : refused) {
            assertTrue(s.isBad(), refused.toString());
        }
        assertEquals(StatusCodes.Bad_TypeMismatch, refused.get(1).getValue(), "a text for a boolean");
        assertEquals(StatusCodes.Bad_NotWritable, refused.get(2).getValue(), "tank.inflow is driven by the valve");
        assertEquals(StatusCodes.Bad_OutOfRange, refused.get(3).getValue(), "NaN");
        assertEquals(60, twin.value("controller.setpoint"), 0, "a refused write changes nothing");

        List<StatusCode> accepted = c.writeValues(List.of(node("inletValve.open"), node("controller.setpoint")),
                List.of(new DataValue(Variant.ofBoolean(true)), new DataValue(Variant.ofDouble(55))));
        assertEquals(List.of(StatusCode.GOOD, StatusCode.GOOD), accepted);
        await(unchecked(() -> readDouble(c, node("tank.level")) > level + 1e-4), "the tank to fill");
        await(() -> twin.value("controller.setpoint") == 55, "the setpoint to arrive");
        assertEquals(1, readDouble(c, node("inletValve.open")), 0);
    }

    @Test
    void methodsStartStopResetAndInjectFaults() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        OpcUaClient c = client();
        NodeId sim = node("Simulation");
        await(() -> twin.time() > 1, "a second of simulated time");

        assertTrue(call(c, sim, "Stop").isGood());
        await(unchecked(() -> readDouble(c, node("Simulation.Running")) == 0), "Running to turn false");
        double stoppedAt = readDouble(c, node("Simulation.Cycle"));
        Thread.sleep(100);
        assertEquals(stoppedAt, twin.cycle(), 1, "no cycles while stopped");
        assertTrue(call(c, sim, "Start").isGood());
        await(() -> twin.cycle() > stoppedAt + 10, "cycles after Start");

        assertTrue(call(c, sim, "InjectFault", Variant.ofString("sensorT.value"), Variant.ofString("stuck:45"))
                .isGood());
        await(unchecked(() -> readDouble(c, node("sensorT.value")) == 45), "the sensor to stick at 45");
        StatusCode bad = call(c, sim, "InjectFault", Variant.ofString("sensorT.value"), Variant.ofString("melt:3"));
        assertEquals(StatusCodes.Bad_InvalidArgument, bad.getValue(), "an unknown fault kind");

        double before = twin.time();
        assertTrue(call(c, sim, "Reset").isGood());
        await(() -> twin.time() < before, "time to restart from 0");
        await(unchecked(() -> readDouble(c, node("sensorT.value")) != 45), "the reset to clear the fault");
    }

    static StatusCode call(OpcUaClient c, NodeId object, String method, Variant... args) throws Exception {
        NodeId m = new NodeId(object.getNamespaceIndex(), "Simulation." + method);
        return c.call(List.of(new CallMethodRequest(object, m, args))).getResults()[0].getStatusCode();
    }

    @Test
    void byDefaultOnlyAnUnsecuredLoopbackEndpointAndNeverUnsecuredOnTheNetwork() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        assertEquals("127.0.0.1", URI.create(server.address()).getHost());
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(server.address()).get();
        assertFalse(endpoints.isEmpty());
        for (EndpointDescription e : endpoints) {
            assertEquals(SecurityPolicy.None.getUri(), e.getSecurityPolicyUri());
            assertTrue(e.getEndpointUrl().startsWith("opc.tcp://127.0.0.1:"), e.getEndpointUrl());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpcUaTwinServer.start(twin,
                new ServerOptions("0.0.0.0", 0, null, Map.of(), Credentials.NONE, state)));
        assertTrue(e.getMessage().contains("opcua.security"), e.getMessage());
    }

    @Test
    void badSettingsAndATakenPortAreNamedInTheError() throws Exception {
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> Peers.serve(twin, state, Map.of("opcua.security", "Basic128Rsa15/Sign"), Credentials.NONE));
        assertTrue(policy.getMessage().startsWith("opcua.security: unknown security 'Basic128Rsa15/Sign'"),
                policy.getMessage());
        IllegalArgumentException user = assertThrows(IllegalArgumentException.class, () -> Peers.serve(twin, state,
                Map.of("opcua.security", "Basic256Sha256/Sign", "opcua.users", "nobody"), Credentials.NONE));
        assertTrue(user.getMessage().contains("TWINSTUDIO_CREDENTIAL_NOBODY_USER"), user.getMessage());

        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        int taken = URI.create(server.address()).getPort();
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> OpcUaTwinServer.start(twin,
                new ServerOptions("127.0.0.1", taken, null, Map.of(), Credentials.NONE, state)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + taken), e.getMessage());
        assertTrue(readDouble(client(), node("Simulation.Time")) >= 0, "the first server is unharmed");
    }

    Map<String, String> secureSettings() {
        return Map.of("opcua.security", "Basic256Sha256/SignAndEncrypt", "opcua.users", "operator");
    }

    Credentials operator() {
        return Credentials.fromMap(Map.of("TWINSTUDIO_CREDENTIAL_OPERATOR_USER", "op",
                "TWINSTUDIO_CREDENTIAL_OPERATOR_PASSWORD", "s3cret"));
    }

    OpcUaClient secureClient(ApplicationPki pki, String user, String password) throws Exception {
        OpcUaClient c = OpcUaClients.create(server.address(), new OpcUaClients.Security(SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt), user == null ? null
                        : new Credentials.UserPassword(user, password.toCharArray()), pki, Duration.ofSeconds(5));
        c.connect();
        toClose.add(c::disconnect);
        return c;
    }

    @Test
    void aSecureEndpointAdmitsConfiguredUsersOnly() throws Exception {
        server = Peers.serve(twin, state.resolve("server"), secureSettings(), operator());
        Path serverPki = state.resolve("server/opcua-server/pki");
        assertTrue(Files.isRegularFile(serverPki.resolve("application.pfx")), "a generated application certificate");
        try (ApplicationPki clientPki = ApplicationPki.open(state.resolve("client"), "urn:twinstudio:test:client",
                "localhost", false)) {
            server.pki().trustList().addTrustedCertificate(clientPki.certificate());
            clientPki.trustList().addTrustedCertificate(server.pki().certificate());

            List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(server.address()).get();
            assertTrue(endpoints.stream().filter(e -> !e.getEndpointUrl().endsWith("/discovery"))
                    .allMatch(e -> e.getSecurityMode() == MessageSecurityMode.SignAndEncrypt), "no unsecured session");

            OpcUaClient c = secureClient(clientPki, "op", "s3cret");
            assertTrue(readDouble(c, node("Simulation.Time")) >= 0);
            assertEquals(1, server.status().peers());

            assertThrows(Exception.class, () -> secureClient(clientPki, "op", "wrong"), "a wrong password");
            assertThrows(Exception.class, () -> secureClient(clientPki, null, null), "anonymous");
        }
    }

    @Test
    void passwordsNeverCrossInClearText() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Peers.serve(twin, state, Map.of("opcua.users", "operator"), operator()));
        assertTrue(e.getMessage().contains("opcua.users"), e.getMessage());

        server = Peers.serve(twin, state.resolve("server"), Map.of("opcua.security",
                "None,Basic256Sha256/SignAndEncrypt", "opcua.users", "operator"), operator());
        EndpointDescription none = DiscoveryClient.getEndpoints(server.address()).get().stream()
                .filter(d -> d.getSecurityMode() == MessageSecurityMode.None).findFirst().orElseThrow();
        List<UserTokenPolicy> userTokens = java.util.Arrays.stream(none.getUserIdentityTokens())
                .filter(p -> p.getTokenType() == UserTokenType.UserName).toList();
        assertEquals(1, userTokens.size());
        assertEquals(SecurityPolicy.Basic256Sha256.getUri(), userTokens.get(0).getSecurityPolicyUri(),
                "on the unsecured endpoint the password is encrypted for the server's certificate");
        OpcUaClient c = OpcUaClients.create(server.address(), OpcUaClients.Security.NONE,
                new Credentials.UserPassword("op", "s3cret".toCharArray()), null, Duration.ofSeconds(5));
        c.connect();
        toClose.add(c::disconnect);
        assertTrue(readDouble(c, node("Simulation.Time")) >= 0);
        OpcUaClient wrong = OpcUaClients.create(server.address(), OpcUaClients.Security.NONE,
                new Credentials.UserPassword("op", "nope".toCharArray()), null, Duration.ofSeconds(5));
        assertThrows(Exception.class, wrong::connect);
        assertThrows(Exception.class, () -> client(), "no anonymous sessions once there are users");
    }

    @Test
    void anUntrustedClientCertificateIsRejectedAndKeptForReview() throws Exception {
        server = Peers.serve(twin, state.resolve("server"), secureSettings(), operator());
        try (ApplicationPki clientPki = ApplicationPki.open(state.resolve("client"), "urn:twinstudio:test:client",
                "localhost", false)) {
            clientPki.trustList().addTrustedCertificate(server.pki().certificate());
            assertThrows(Exception.class, () -> secureClient(clientPki, "op", "s3cret"));
            assertTrue(server.pki().rejectedCertificates().stream()
                    .anyMatch(r -> r.equals(clientPki.certificate())), "the client's certificate is in rejected");
            try (Stream<Path> files = Files.list(state.resolve("server/opcua-server/pki/rejected"))) {
                assertEquals(1, files.count());
            }
            // Trusting it (as an operator would by moving it to trusted) lets the client in.
            server.pki().trustList().addTrustedCertificate(clientPki.certificate());
            OpcUaClient c = secureClient(clientPki, "op", "s3cret");
            assertNotNull(Peers.read(c, node("Simulation.Time")).getValue().getValue());
        }
    }

    @Test
    void garbageOnTheServerPortDoesNotKillIt() throws Exception {
        server = Peers.serve(twin, state, Map.of(), Credentials.NONE);
        URI uri = URI.create(server.address());
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        // A Hello header announcing a message far larger than any limit.
        byte[] hugeHello = { 'H', 'E', 'L', 'F', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 0, 0, 0 };
        for (byte[] garbage : List.of(noise, hugeHello, "GET / HTTP/1.1\r\n\r\n".getBytes())) {
            try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(garbage);
                out.flush();
                InputStream in = s.getInputStream();
                byte[] answer = in.readNBytes(8);
                // The server either sends an Error message (ERRF) and closes, or just closes.
                if (answer.length >= 3) {
                    assertArrayEquals(new byte[] { 'E', 'R', 'R' }, java.util.Arrays.copyOf(answer, 3));
                }
                in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed the connection", e);
            } catch (java.net.SocketException reset) {
                // closed with a reset: fine
            }
        }
        // A correct Hello, then an OpenSecureChannel and a Message whose bodies are noise.
        for (String type : List.of("OPN", "MSG", "CLO")) {
            try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(hello(server.address()));
                out.flush();
                byte[] ack = in.readNBytes(8);
                assertArrayEquals(new byte[] { 'A', 'C', 'K', 'F' }, java.util.Arrays.copyOf(ack, 4));
                int ackSize = java.nio.ByteBuffer.wrap(ack, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
                assertEquals(28, ackSize, "an Acknowledge message");
                in.readNBytes(ackSize - 8);
                byte[] body = new byte[200];
                new Random(11).nextBytes(body);
                java.nio.ByteBuffer msg = java.nio.ByteBuffer.allocate(8 + body.length)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                msg.put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 'F')
                        .putInt(8 + body.length).put(body);
                out.write(msg.array());
                out.flush();
                byte[] answer = in.readNBytes(3);
                if (answer.length == 3) {
                    assertArrayEquals(new byte[] { 'E', 'R', 'R' }, answer, type + " with a garbage body");
                }
                in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a garbage " + type + " was neither answered nor closed", e);
            } catch (java.net.SocketException reset) {
                // closed with a reset: fine
            }
        }
        OpcUaClient c = client();
        assertTrue(readDouble(c, node("Simulation.Time")) >= 0, "still serving after garbage");
    }

    /** An OPC UA TCP Hello message (Part 6, 7.1.2.3) for {@code url}. */
    static byte[] hello(String url) {
        byte[] u = url.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32 + u.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'H').put((byte) 'E').put((byte) 'L').put((byte) 'F').putInt(32 + u.length);
        b.putInt(0).putInt(65536).putInt(65536).putInt(0).putInt(0).putInt(u.length).put(u);
        return b.array();
    }

    static OpcUaBrowser.Node find(List<OpcUaBrowser.Node> nodes, String id) {
        return nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id + " in " + nodes.stream()
                        .map(OpcUaBrowser.Node::nodeId).toList()));
    }
}
