package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.mqtt.tests.Fixtures.await;
import static org.twinstudio.connect.mqtt.tests.Fixtures.binding;
import static org.twinstudio.connect.mqtt.tests.Fixtures.component;
import static org.twinstudio.connect.mqtt.tests.Fixtures.context;
import static org.twinstudio.connect.mqtt.tests.Fixtures.endpoint;
import static org.twinstudio.connect.mqtt.tests.Fixtures.model;
import static org.twinstudio.connect.mqtt.tests.Fixtures.port;
import static org.twinstudio.connect.mqtt.tests.Fixtures.valueOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.mqtt.EmbeddedBroker;
import org.twinstudio.connect.mqtt.MqttBindingConnector;
import org.twinstudio.connect.mqtt.MqttConnectorProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;

import com.google.gson.JsonObject;

/** Bindings against the embedded broker, with a plain Paho client as the plant's side. */
class MqttBindingConnectorTest {

    @TempDir
    Path state;

    private final MqttConnectorProvider provider = new MqttConnectorProvider();

    private static Map<Binding, Double> read(BindingConnector c) {
        Map<Binding, Double> values = new HashMap<>();
        c.readInputs(values::put);
        return values;
    }

    private static BindingStatus statusOf(BindingConnector c, Binding b) {
        return c.bindingStatus().get(c.bindings().indexOf(b));
    }

    @Test
    void readBindingTakesTheValueAtItsPointerAndRefusesBadMessagesWithoutThrowing() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            TwinModel m = model("line");
            Component valve = component(m, "valve");
            Port command = port(valve, "command", PortDirection.IN, DataType.REAL, "%");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            MqttBinding b = binding(m, e, command, BindingDirection.READ, "plc/+/valve", "/data/command", 1, false);
            try (MqttBindingConnector c = (MqttBindingConnector) provider.create(e, List.of(b), context(state, 100));
                    MqttClient plc = EmbeddedBrokerTest.client(broker.url(), "plc")) {
                c.start();
                await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to connect");
                // Moquette speaks 3.1.1 only: the MQTT 5 attempt fell back by itself.
                assertEquals("3.1.1", c.protocolVersion());
                assertTrue(read(c).isEmpty(), "no value before the first message");

                plc.publish("plc/line1/valve", bytes("{\"data\":{\"command\":37.5}}"), 1, false);
                await(() -> c.messagesAccepted(b) == 1, "the first message");
                assertEquals(37.5, read(c).get(b));

                List<String> bad = List.of("{\"data\":{\"command\":", "{\"data\":{}}", "{\"data\":{\"command\":\"open\"}}",
                        "not json");
                for (String payload : bad) {
                    plc.publish("plc/line1/valve", bytes(payload), 1, false);
                }
                byte[] oversized = new byte[70 * 1024];
                java.util.Arrays.fill(oversized, (byte) '1');
                plc.publish("plc/line1/valve", oversized, 1, false);
                await(() -> c.messagesRefused(b) == 5, "five refused messages");
                assertEquals(37.5, read(c).get(b), "a refused message keeps the last good value");
                BindingStatus s = statusOf(c, b);
                assertTrue(s.lastError().contains("exceeds the limit of 65536 bytes"), s.lastError());
                assertEquals(ConnectionState.CONNECTED, s.state());

                plc.publish("plc/line2/valve", bytes("{\"data\":{\"command\":true},\"timestamp\":\""
                        + java.time.Instant.now() + "\"}"), 1, false);
                await(() -> c.messagesAccepted(b) == 2, "a good message after the bad ones");
                assertEquals(1.0, read(c).get(b));
                assertTrue(statusOf(c, b).latencyMillis() >= 0, "latency from the message's timestamp");
                assertEquals(0, c.status().reconnects(), "bad payloads never cost the connection");
                plc.disconnect();
            }
        }
    }

    @Test
    void writeBindingPublishesJsonWithItsQosAndRetainFlagAndMeasuresLatency() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            TwinModel m = model("line");
            Component heater = component(m, "heater");
            Port power = port(heater, "power", PortDirection.OUT, DataType.REAL, "W");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            MqttBinding b = binding(m, e, power, BindingDirection.WRITE, "twin/heater/power", null, 1, true);
            try (BindingConnector c = provider.create(e, List.of(b), context(state, 100))) {
                c.start();
                await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to connect");
                c.writeOutputs(binding -> 1500.0);
                await(() -> ((MqttBindingConnector) c).writesDelivered(b) == 1, "the acknowledgement");
                BindingStatus s = statusOf(c, b);
                assertTrue(s.latencyMillis() >= 0 && s.latencyMillis() < 5000, "latency " + s.latencyMillis());
                assertEquals(1500.0, s.lastValue());
                assertEquals(0, s.writesBuffered());
                assertNull(s.lastError());
                // Retained: a subscriber that comes later still gets the value.
                MqttClient late = EmbeddedBrokerTest.client(broker.url(), "late");
                BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(4);
                late.subscribe("twin/heater/power", 1, (t, msg) -> got.add(msg.getPayload()));
                byte[] payload = got.poll(5, TimeUnit.SECONDS);
                JsonObject json = Fixtures.json(payload);
                assertEquals(1500.0, json.get("value").getAsDouble());
                assertEquals("W", json.get("unit").getAsString());
                assertEquals("good", json.get("quality").getAsString());
                late.disconnect();
                late.close();
            }
        }
    }

    @Test
    void deadbandAndSamplePeriodBoundWhatIsPublished() throws Exception {
        List<Double> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback()
                .withPublishListener(p -> seen.add(valueOf(p.payload()))))) {
            TwinModel m = model("line");
            Component tank = component(m, "tank");
            Port level = port(tank, "level", PortDirection.OUT, DataType.REAL, "m");
            Port temperature = port(tank, "temperature", PortDirection.OUT, DataType.REAL, "degC");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            MqttBinding byDeadband = binding(m, e, level, BindingDirection.WRITE, "t/level", null, 1, false);
            byDeadband.setDeadband(1.0);
            MqttBinding byPeriod = binding(m, e, temperature, BindingDirection.WRITE, "t/temp", null, 1, false);
            byPeriod.setSamplePeriodMs(60_000);
            try (BindingConnector c = provider.create(e, List.of(byDeadband, byPeriod), context(state, 100))) {
                c.start();
                await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to connect");
                double[] levels = { 10, 10.5, 11.0, 11.5, 9.0, 9.9 };
                for (int i = 0; i < levels.length; i++) {
                    double lv = levels[i];
                    double temp = 20 + i;
                    c.writeOutputs(binding -> binding == byDeadband ? lv : temp);
                }
                // |10.5-10| and |11-10| stay within 1.0; 11.5 moves 1.5; 9.0 moves 2.5; 9.9 moves 0.9.
                // The temperature goes out once: the next is due a minute later.
                await(() -> seen.size() == 4, "four publications");
                Thread.sleep(200);
                assertEquals(List.of(10.0, 20.0, 11.5, 9.0), seen);
            }
        }
    }

    @Test
    void writesWhileTheBrokerIsDownAreBufferedAndArriveInOrderAfterItComesBackOnTheSamePort() throws Exception {
        List<Double> first = new CopyOnWriteArrayList<>();
        List<Double> second = new CopyOnWriteArrayList<>();
        EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback()
                .withPublishListener(p -> first.add(valueOf(p.payload()))));
        int brokerPort = broker.port();
        TwinModel m = model("line");
        Component pump = component(m, "pump");
        Port speed = port(pump, "speed", PortDirection.OUT, DataType.REAL, "rpm");
        Port setpoint = port(pump, "setpoint", PortDirection.IN, DataType.REAL, "rpm");
        MqttEndpoint e = endpoint(m, "plc", broker.url());
        MqttBinding write = binding(m, e, speed, BindingDirection.WRITE, "line/pump/speed", null, 1, false);
        MqttBinding read = binding(m, e, setpoint, BindingDirection.READ, "line/pump/setpoint", "/value", 1, false);
        try (MqttBindingConnector c = (MqttBindingConnector) provider.create(e, List.of(write, read),
                context(state, 1000))) {
            c.start();
            await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to connect");
            for (int v = 1; v <= 5; v++) {
                double value = v;
                c.writeOutputs(b -> value);
            }
            await(() -> first.size() == 5, "five writes through the first broker");

            broker.close();
            await(() -> c.status().state() == ConnectionState.RECONNECTING, "the connector to notice");
            List<Double> expected = new ArrayList<>();
            for (int v = 6; v <= 55; v++) {
                double value = v;
                expected.add(value);
                c.writeOutputs(b -> value);
            }
            BindingStatus down = statusOf(c, write);
            assertEquals(ConnectionState.RECONNECTING, down.state());
            assertEquals(50, down.writesBuffered());
            String why = c.status().lastError();
            assertTrue(why.startsWith("connection lost") || why.contains("127.0.0.1:" + brokerPort), why);

            broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withPort(brokerPort)
                    .withPublishListener(p -> {
                        if (p.topic().equals("line/pump/speed")) {
                            second.add(valueOf(p.payload()));
                        }
                    }));
            await(() -> second.size() >= 50, "the buffered writes after the restart", Duration.ofSeconds(30));
            assertEquals(expected, second.subList(0, 50), "every buffered write, in order");
            assertEquals(ConnectionState.CONNECTED, c.status().state());
            assertEquals(1, c.status().reconnects());
            await(() -> statusOf(c, write).writesBuffered() == 0, "the buffer to empty");
            assertEquals(0, statusOf(c, write).writesDropped());

            // Subscriptions were renewed on the new broker.
            try (MqttClient plc = EmbeddedBrokerTest.client(broker.url(), "plc")) {
                plc.publish("line/pump/setpoint", bytes("{\"value\":1450}"), 1, false);
                await(() -> c.messagesAccepted(read) == 1, "a read after the reconnect");
                assertEquals(1450.0, read(c).get(read));
                plc.disconnect();
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void aFullBufferDropsTheOldestWritesAndCountsThem() throws Exception {
        List<Double> second = new CopyOnWriteArrayList<>();
        EmbeddedBroker broker = EmbeddedBroker.start();
        int brokerPort = broker.port();
        TwinModel m = model("line");
        Port speed = port(component(m, "pump"), "speed", PortDirection.OUT, DataType.REAL, "rpm");
        MqttEndpoint e = endpoint(m, "plc", broker.url());
        MqttBinding write = binding(m, e, speed, BindingDirection.WRITE, "line/pump/speed", null, 1, false);
        try (BindingConnector c = provider.create(e, List.of(write), context(state, 10))) {
            c.start();
            await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to connect");
            broker.close();
            await(() -> c.status().state() == ConnectionState.RECONNECTING, "the connector to notice");
            for (int v = 1; v <= 25; v++) {
                double value = v;
                c.writeOutputs(b -> value);
            }
            assertEquals(10, statusOf(c, write).writesBuffered());
            assertEquals(15, statusOf(c, write).writesDropped());
            assertTrue(statusOf(c, write).lastError().contains("write buffer full (10 messages)"));
            broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withPort(brokerPort)
                    .withPublishListener(p -> second.add(valueOf(p.payload()))));
            await(() -> second.size() >= 10, "the kept writes", Duration.ofSeconds(30));
            assertEquals(List.of(16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0), second);
        } finally {
            broker.close();
        }
    }

    @Test
    void checkNamesEveryProblemOfABinding() {
        TwinModel m = model("line");
        Component c = component(m, "c");
        Port out = port(c, "out", PortDirection.OUT, DataType.REAL, "");
        Port text = port(c, "label", PortDirection.IN, DataType.STRING, "");
        MqttEndpoint e = endpoint(m, "plc", "tcp://127.0.0.1:1");
        MqttBinding wildcardWrite = binding(m, e, out, BindingDirection.WRITE, "a/+/b", null, 1, false);
        assertTrue(String.join("\n", provider.check(wildcardWrite)).contains("invalid for publishing"));
        MqttBinding readOfOutput = binding(m, e, out, BindingDirection.READ, "a/#", "x", 3, false);
        String problems = String.join("\n", provider.check(readOfOutput));
        assertTrue(problems.contains("QoS 3"), problems);
        assertTrue(problems.contains("must be empty or start with '/'"), problems);
        assertTrue(problems.contains("c.out is an output"), problems);
        MqttBinding badFilter = binding(m, e, text, BindingDirection.READ, "a/#/b", null, 0, false);
        String filter = String.join("\n", provider.check(badFilter));
        assertTrue(filter.contains("is invalid"), filter);
        assertTrue(filter.contains("is a string"), filter);
        MqttBinding fine = binding(m, e, out, BindingDirection.WRITE, "line/c/out", "", 1, true);
        assertEquals(List.of(), provider.check(fine));
        assertTrue(provider.supports(e));
    }

    @Test
    void aBindingThatFailsItsCheckIsReportedAndTheOthersStillWork() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            TwinModel m = model("line");
            Component c = component(m, "c");
            Port a = port(c, "a", PortDirection.OUT, DataType.REAL, "");
            Port bPort = port(c, "b", PortDirection.OUT, DataType.REAL, "");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            MqttBinding broken = binding(m, e, a, BindingDirection.WRITE, "x/#", null, 1, false);
            MqttBinding good = binding(m, e, bPort, BindingDirection.WRITE, "x/b", null, 1, false);
            try (MqttBindingConnector conn = (MqttBindingConnector) provider.create(e, List.of(broken, good),
                    context(state, 10))) {
                conn.start();
                await(() -> conn.status().state() == ConnectionState.CONNECTED, "the connector to connect");
                conn.writeOutputs(b -> 3.0);
                await(() -> conn.writesDelivered(good) == 1, "the good binding's write");
                BindingStatus s = conn.bindingStatus().get(0);
                assertEquals(ConnectionState.FAILED, s.state());
                assertTrue(s.lastError().contains("x/#"), s.lastError());
            }
        }
    }

    @Test
    void missingCredentialsAndRefusedCredentialsEndInFailedWithAReason() throws Exception {
        Credentials.UserPassword user = new Credentials.UserPassword("plc", "pw".toCharArray());
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withUser(user))) {
            TwinModel m = model("line");
            Port p = port(component(m, "c"), "p", PortDirection.OUT, DataType.REAL, "");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            e.setCredentialKey("line-plc");
            MqttBinding b = binding(m, e, p, BindingDirection.WRITE, "c/p", null, 1, false);
            try (BindingConnector none = provider.create(e, List.of(b), context(state, 10))) {
                none.start();
                assertEquals(ConnectionState.FAILED, none.status().state());
                assertTrue(none.status().lastError().contains("no credentials for key 'line-plc'"));
            }
            ConnectorContext wrong = new ConnectorContext(Credentials.fromMap(Map.of(
                    "TWINSTUDIO_CREDENTIAL_LINE_PLC_USER", "plc", "TWINSTUDIO_CREDENTIAL_LINE_PLC_PASSWORD", "nope")),
                    state, 10);
            try (BindingConnector refused = provider.create(e, List.of(b), wrong)) {
                refused.start();
                await(() -> refused.status().state() == ConnectionState.FAILED, "the refusal");
                assertFalse(refused.status().lastError().isEmpty());
            }
            ConnectorContext right = new ConnectorContext(Credentials.fromMap(Map.of(
                    "TWINSTUDIO_CREDENTIAL_LINE_PLC_USER", "plc", "TWINSTUDIO_CREDENTIAL_LINE_PLC_PASSWORD", "pw")),
                    state, 10);
            try (BindingConnector ok = provider.create(e, List.of(b), right)) {
                ok.start();
                await(() -> ok.status().state() == ConnectionState.CONNECTED, "the connection with credentials");
            }
        }
    }

    @Test
    void theProviderIsFoundThroughServiceLoading() {
        Connectors registry = Connectors.getDefault();
        TwinModel m = model("line");
        MqttEndpoint e = endpoint(m, "plc", "tcp://127.0.0.1:1883");
        assertTrue(registry.clientFor(e).orElseThrow() instanceof MqttConnectorProvider);
        assertTrue(registry.server("mqtt").isPresent());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
