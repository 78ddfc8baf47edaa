package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.mqtt.tests.Fixtures.await;
import static org.twinstudio.connect.mqtt.tests.Fixtures.binding;
import static org.twinstudio.connect.mqtt.tests.Fixtures.component;
import static org.twinstudio.connect.mqtt.tests.Fixtures.context;
import static org.twinstudio.connect.mqtt.tests.Fixtures.endpoint;
import static org.twinstudio.connect.mqtt.tests.Fixtures.model;
import static org.twinstudio.connect.mqtt.tests.Fixtures.port;
import static org.twinstudio.connect.mqtt.tests.MqttBindingConnectorTest.bytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.mqtt.MqttBindingConnector;
import org.twinstudio.connect.mqtt.MqttConnectorProvider;
import org.twinstudio.connect.mqtt.MqttTwinServer;
import org.twinstudio.connect.mqtt.MqttTwinServerProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.runtime.TwinSession;

/** The same connectors against an external broker: Debian's mosquitto, which speaks MQTT 5. */
class MosquittoTest {

    @TempDir
    Path dir;

    private final MqttConnectorProvider provider = new MqttConnectorProvider();

    @Test
    void bindingsSpeakMqtt5WithMosquittoAndRefuseBadPayloads() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            TwinModel m = model("line");
            Component heater = component(m, "heater");
            Port power = port(heater, "power", PortDirection.OUT, DataType.REAL, "W");
            Port command = port(heater, "command", PortDirection.IN, DataType.REAL, "W");
            MqttEndpoint twinSide = endpoint(m, "twin", broker.url());
            MqttEndpoint plcSide = endpoint(m, "plc", broker.url());
            MqttBinding write = binding(m, twinSide, power, BindingDirection.WRITE, "line/heater/power", null, 1, false);
            MqttBinding read = binding(m, plcSide, command, BindingDirection.READ, "line/heater/power", null, 1, false);
            try (MqttBindingConnector out = (MqttBindingConnector) provider.create(twinSide, List.of(write),
                    context(dir, 100));
                    MqttBindingConnector in = (MqttBindingConnector) provider.create(plcSide, List.of(read),
                            context(dir, 100))) {
                out.start();
                in.start();
                await(() -> out.status().state() == ConnectionState.CONNECTED
                        && in.status().state() == ConnectionState.CONNECTED, "both connectors to connect");
                assertEquals("5", out.protocolVersion());
                assertEquals("5", in.protocolVersion());

                out.writeOutputs(b -> 1234.5);
                await(() -> in.messagesAccepted(read) == 1, "the value to travel through mosquitto");
                Map<Binding, Double> values = new HashMap<>();
                in.readInputs(values::put);
                assertEquals(1234.5, values.get(read), "the reader takes /value of the writer's JSON");
                assertTrue(out.bindingStatus().get(0).latencyMillis() >= 0, "QoS 1 latency is measured");

                try (MqttClient plc = EmbeddedBrokerTest.client(broker.url(), "raw")) {
                    plc.publish("line/heater/power", bytes("{\"value\": oops}"), 1, false);
                    byte[] big = new byte[100 * 1024];
                    java.util.Arrays.fill(big, (byte) '7');
                    plc.publish("line/heater/power", big, 1, false);
                    await(() -> in.messagesRefused(read) == 2, "bad JSON and an oversized payload refused");
                    BindingStatus s = in.bindingStatus().get(0);
                    assertTrue(s.lastError().contains("102400 bytes"), s.lastError());
                    plc.publish("line/heater/power", bytes("17"), 1, false);
                    await(() -> in.messagesAccepted(read) == 2, "a good message after the bad ones");
                    plc.disconnect();
                }
                values.clear();
                in.readInputs(values::put);
                assertEquals(17.0, values.get(read));
                assertEquals(0, in.status().reconnects());
            }
        }
    }

    @Test
    void overTlsABrokerIsTrustedThroughTheTrustDirectoryAndOnlyThen() throws Exception {
        try (Mosquitto broker = Mosquitto.startTls(dir)) {
            TwinModel m = model("line");
            Component heater = component(m, "heater");
            Port command = port(heater, "command", PortDirection.IN, DataType.REAL, "W");
            MqttEndpoint plcSide = endpoint(m, "plc", broker.tlsUrl());
            MqttBinding read = binding(m, plcSide, command, BindingDirection.READ, "line/heater/command", null, 1, false);

            // The broker's certificate comes from a CA the Java runtime does not know: refused, and said why.
            Path stranger = Files.createDirectories(dir.resolve("stranger"));
            try (MqttBindingConnector in = (MqttBindingConnector) provider.create(plcSide, List.of(read),
                    context(stranger, 100))) {
                in.start();
                await(() -> in.status().lastError() != null, "the refused handshake to be reported");
                String why = in.status().lastError();
                assertTrue(in.status().state() != ConnectionState.CONNECTED, in.status().toString());
                assertTrue(why.contains("PKIX") && why.contains("not trusted") && why.contains("mqtt/trusted"), why);
            }

            // With the plant's CA in the trust directory: connected over TLS, values arrive.
            Path state = dir.resolve("state");
            Path trusted = Files.createDirectories(state.resolve(org.twinstudio.connect.mqtt.BrokerTrust.TRUSTED_DIRECTORY));
            Files.copy(broker.caCertificate(), trusted.resolve("plant-ca.pem"));
            try (MqttBindingConnector in = (MqttBindingConnector) provider.create(plcSide, List.of(read),
                    context(state, 100))) {
                in.start();
                await(() -> in.status().state() == ConnectionState.CONNECTED, "the connector to connect over TLS");
                assertEquals(broker.tlsUrl(), in.status().address());
                try (MqttClient plc = EmbeddedBrokerTest.client(broker.url(), "plain-publisher")) {
                    plc.publish("line/heater/command", bytes("42.5"), 1, false);
                    await(() -> in.messagesAccepted(read) == 1, "the value to arrive over TLS");
                    plc.disconnect();
                }
                Map<Binding, Double> values = new HashMap<>();
                in.readInputs(values::put);
                assertEquals(42.5, values.get(read));
            }

            // A file in the trust directory that is no certificate is a configuration error naming it.
            Files.writeString(trusted.resolve("notes.pem"), "not a certificate");
            try (MqttBindingConnector in = (MqttBindingConnector) provider.create(plcSide, List.of(read),
                    context(state, 100))) {
                in.start();
                String why = in.status().lastError();
                assertTrue(why != null && why.contains("notes.pem"), String.valueOf(why));
            }
        }
    }

    @Test
    void mosquittoStoppedAndRestartedOnTheSamePortLosesNoBufferedWrite() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            List<Double> received = new CopyOnWriteArrayList<>();
            // A subscriber with a persistent session: mosquitto keeps its subscription and queues for it while
            // it is away, so it sees every message however the reconnects interleave.
            MqttClient plc = new MqttClient(broker.url(), "plc-persistent", new MemoryPersistence());
            plc.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(Fixtures.valueOf(message.getPayload()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions persistent = new MqttConnectOptions();
            persistent.setCleanSession(false);
            plc.connect(persistent);
            plc.subscribe("line/pump/speed", 1);

            TwinModel m = model("line");
            Port speed = port(component(m, "pump"), "speed", PortDirection.OUT, DataType.REAL, "rpm");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            MqttBinding write = binding(m, e, speed, BindingDirection.WRITE, "line/pump/speed", null, 1, false);
            try (MqttBindingConnector c = (MqttBindingConnector) provider.create(e, List.of(write),
                    context(dir, 500))) {
                c.start();
                await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to connect");
                for (int v = 1; v <= 5; v++) {
                    double value = v;
                    c.writeOutputs(b -> value);
                }
                await(() -> received.size() == 5, "five values before the stop");
                // Acknowledged too: an unacknowledged QoS 1 message is resent after the reconnect (and arrives twice).
                await(() -> c.writesDelivered(write) == 5, "five acknowledgements before the stop");

                broker.stop();
                await(() -> c.status().state() == ConnectionState.RECONNECTING, "the connector to notice");
                List<Double> expected = new ArrayList<>(received);
                for (int v = 6; v <= 105; v++) {
                    double value = v;
                    expected.add(value);
                    c.writeOutputs(b -> value);
                }
                assertEquals(100, c.bindingStatus().get(0).writesBuffered());

                broker.restart();
                await(() -> c.status().state() == ConnectionState.CONNECTED, "the connector to reconnect",
                        Duration.ofSeconds(30));
                plc.connect(persistent);
                // QoS 1 is at least once: a message the broker had not acknowledged before it stopped may come
                // again after the restart. What counts: every value arrives, new values in order.
                await(() -> firstDeliveries(received).size() >= 105, "every buffered value", Duration.ofSeconds(30));
                assertEquals(expected, firstDeliveries(received).subList(0, 105), "in order, none lost");
                assertEquals(1, c.status().reconnects());
                assertEquals(0, c.bindingStatus().get(0).writesDropped());
                assertEquals("5", c.protocolVersion());
            } finally {
                if (plc.isConnected()) {
                    plc.disconnect();
                }
                plc.close();
            }
        }
    }

    @Test
    void mqtt5CredentialsComeFromTheCredentialKeyAndARefusalEndsInFailed() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, "line-plc", "s3cret")) {
            TwinModel m = model("line");
            Port p = port(component(m, "c"), "p", PortDirection.OUT, DataType.REAL, "");
            MqttEndpoint e = endpoint(m, "plc", broker.url());
            e.setCredentialKey("plc");
            MqttBinding b = binding(m, e, p, BindingDirection.WRITE, "c/p", null, 1, false);
            org.twinstudio.connect.ConnectorContext wrong = new org.twinstudio.connect.ConnectorContext(
                    Credentials.fromMap(Map.of("TWINSTUDIO_CREDENTIAL_PLC_USER", "line-plc",
                            "TWINSTUDIO_CREDENTIAL_PLC_PASSWORD", "guess")), dir, 10);
            try (MqttBindingConnector refused = (MqttBindingConnector) provider.create(e, List.of(b), wrong)) {
                refused.start();
                await(() -> refused.status().state() == ConnectionState.FAILED, "the refusal");
                // MQTT 5's "bad user name or password" is final: no fall-back to 3.1.1, no retries.
                assertTrue(refused.status().lastError().contains("MQTT 5 connect"), refused.status().lastError());
                assertEquals(0, refused.status().reconnects());
            }
            org.twinstudio.connect.ConnectorContext right = new org.twinstudio.connect.ConnectorContext(
                    Credentials.fromMap(Map.of("TWINSTUDIO_CREDENTIAL_PLC_USER", "line-plc",
                            "TWINSTUDIO_CREDENTIAL_PLC_PASSWORD", "s3cret")), dir, 10);
            try (MqttBindingConnector ok = (MqttBindingConnector) provider.create(e, List.of(b), right)) {
                ok.start();
                await(() -> ok.status().state() == ConnectionState.CONNECTED, "the connection with credentials");
                assertEquals("5", ok.protocolVersion());
                ok.writeOutputs(x -> 2.0);
                await(() -> ok.writesDelivered(b) == 1, "an acknowledged write");
            }
        }
    }

    @Test
    void thePublisherServesATwinThroughMosquitto() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
                TwinSession twin = MqttTwinServerTest.session();
                MqttTwinServer server = (MqttTwinServer) new MqttTwinServerProvider().serve(twin,
                        new ServerOptions(null, 0, broker.url(), Map.of("samplePeriodMs", "50", "qos", "1"),
                                Credentials.NONE, dir))) {
            assertEquals(broker.url(), server.address());
            assertEquals(null, server.embeddedBroker());
            await(() -> server.status().state() == ConnectionState.CONNECTED, "the publisher to connect");
            assertEquals("5", server.protocolVersion());
            Map<String, Double> latest = new ConcurrentHashMap<>();
            try (MqttClient dashboard = EmbeddedBrokerTest.client(broker.url(), "dashboard")) {
                dashboard.subscribe(MqttTwinServerTest.PREFIX + "#", 1,
                        (t, msg) -> {
                            if (!t.endsWith("/set")) {
                                latest.put(t, Fixtures.valueOf(msg.getPayload()));
                            }
                        });
                String open = MqttTwinServerTest.PREFIX + "inletValve/open";
                await(() -> latest.containsKey(open), "the retained input value");
                dashboard.publish(open + "/set", bytes("1"), 1, false);
                await(() -> twin.value("inletValve.open") == 1.0, "the set to reach the twin through mosquitto");
                await(() -> Double.valueOf(1.0).equals(latest.get(open)), "the new value to come back");
                dashboard.disconnect();
            }
            assertTrue(server.flush(Duration.ofSeconds(5)));
            assertTrue(server.published() > 0);
        }
        assertTrue(Files.exists(dir.resolve("mosquitto.conf")));
    }

    /** The values in the order they first arrived, repeated deliveries left out. */
    static List<Double> firstDeliveries(List<Double> received) {
        java.util.Set<Double> seen = new java.util.HashSet<>();
        List<Double> first = new java.util.ArrayList<>();
        synchronized (received) {
            for (Double v : received) {
                if (seen.add(v)) {
                    first.add(v);
                }
            }
        }
        return first;
    }
}
