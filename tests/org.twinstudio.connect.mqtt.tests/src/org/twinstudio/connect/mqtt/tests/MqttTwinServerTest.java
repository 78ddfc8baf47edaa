package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.mqtt.tests.Fixtures.await;
import static org.twinstudio.connect.mqtt.tests.MqttBindingConnectorTest.bytes;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.mqtt.MqttTwinServer;
import org.twinstudio.connect.mqtt.MqttTwinServerProvider;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

import com.google.gson.JsonObject;

/** The heating line served live through the embedded broker, seen by a plain Paho client. */
class MqttTwinServerTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();
    static final String PREFIX = "twinstudio/heating_line/";

    @TempDir
    Path state;

    /** The heating line's step is 0.1 s; at 20 × real time a cycle completes every 5 ms. */
    static TwinSession session() throws Exception {
        return TwinSession.builder(HEATING_LINE).options(SessionOptions.serve().withRealtimeFactor(20)).start();
    }

    ServerOptions embedded(Map<String, String> settings) {
        return new ServerOptions("127.0.0.1", 0, "embedded", settings, Credentials.NONE, state);
    }

    @Test
    void everyPortIsPublishedAsJsonAndSetTopicsDriveTheInputs() throws Exception {
        Map<String, JsonObject> latest = new ConcurrentHashMap<>();
        try (TwinSession twin = session();
                MqttTwinServer server = (MqttTwinServer) new MqttTwinServerProvider().serve(twin,
                        embedded(Map.of("samplePeriodMs", "20")))) {
            assertTrue(server.address().startsWith("tcp://127.0.0.1:"), server.address());
            await(() -> server.status().state() == ConnectionState.CONNECTED, "the publisher to connect");
            assertEquals("3.1.1", server.protocolVersion(), "Moquette speaks 3.1.1; MQTT 5 fell back");
            try (MqttClient dashboard = EmbeddedBrokerTest.client(server.address(), "dashboard")) {
                dashboard.subscribe(PREFIX + "#", 0, (topic, msg) -> {
                    if (!topic.endsWith("/set")) {
                        latest.put(topic.substring(PREFIX.length()), Fixtures.json(msg.getPayload()));
                    }
                });
                await(() -> latest.size() == twin.ports().size(), "one topic per port, inputs included");
                assertEquals(PREFIX + "tank/level", server.topicOf(twin.indexOf("tank.level").getAsInt()));
                // With the inlet closed the level holds still, so the published value is the twin's value.
                JsonObject level = latest.get("tank/level");
                assertEquals(twin.value("tank.level"), level.get("value").getAsDouble(), 0.0);
                assertEquals("m", level.get("unit").getAsString());
                assertEquals("good", level.get("quality").getAsString());
                assertNotNull(java.time.Instant.parse(level.get("timestamp").getAsString()));
                assertEquals(0.0, latest.get("inletValve/open").get("value").getAsDouble());
                assertTrue(server.status().peers() >= 1, "the dashboard counts as a peer");

                dashboard.publish(PREFIX + "inletValve/open/set", bytes("true"), 1, false);
                await(() -> twin.value("inletValve.open") == 1.0, "the set to reach the twin");
                await(() -> latest.get("inletValve/open").get("value").getAsDouble() == 1.0,
                        "the new input value to be published");
                double before = level.get("value").getAsDouble();
                await(() -> latest.get("tank/level").get("value").getAsDouble() > before + 1e-6,
                        "the rising level to be published");
                assertEquals(1, server.setsApplied());

                // Malformed sets are dropped and explained; the server keeps serving.
                dashboard.publish(PREFIX + "controller/setpoint/set", bytes("{\"value\": 6"), 1, false);
                await(() -> server.setsRefused() == 1, "the bad JSON to be refused");
                assertTrue(server.status().lastError().contains("invalid JSON"), server.status().lastError());
                dashboard.publish(PREFIX + "tank/inflow/set", bytes("0.5"), 1, false);
                await(() -> server.setsRefused() == 2, "the set of a driven input to be refused");
                assertTrue(server.status().lastError().contains("tank.inflow"), server.status().lastError());
                dashboard.publish(PREFIX + "controller/setpoint/set", bytes("{\"value\": 65}"), 1, false);
                await(() -> twin.value("controller.setpoint") == 65.0, "a good set after the bad ones");
                assertEquals(2, server.setsApplied());
                assertEquals(ConnectionState.CONNECTED, server.status().state());
                dashboard.disconnect();
            }
        }
        try (Stream<Path> left = Files.list(state)) {
            assertEquals(0, left.count(), "the embedded broker left nothing behind");
        }
    }

    @Test
    void aSamplePeriodBoundsThePublicationRate() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (TwinSession twin = session();
                TwinServer server = new MqttTwinServerProvider().serve(twin,
                        embedded(Map.of("samplePeriodMs", "200", "inputs", "false")))) {
            twin.setInput("inletValve.open", 1);
            try (MqttClient dashboard = EmbeddedBrokerTest.client(server.address(), "dashboard")) {
                dashboard.subscribe(PREFIX + "tank/level", 0, (t, m) -> arrivals.add(System.nanoTime()));
                dashboard.subscribe(PREFIX + "inletValve/open", 0, (t, m) -> arrivals.add(-1L));
                Thread.sleep(2000);
                dashboard.disconnect();
            }
            // 2 s at one publication per 200 ms: at most 10, plus the retained one on subscribing, plus one in
            // flight at the edges. The level rises all the time, so it is published every period.
            long count = arrivals.stream().filter(t -> t > 0).count();
            assertTrue(count >= 5 && count <= 13, count + " publications in 2 s");
            assertTrue(arrivals.stream().noneMatch(t -> t < 0), "inputs=false publishes no inputs");
            assertTrue(twin.cycle() > 200, "the twin ran " + twin.cycle() + " cycles, far more than were published");
        }
    }

    @Test
    void aPortWithAnMqttBindingTakesItsSamplePeriod() throws Exception {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        TwinModel model = TwinModels.load(HEATING_LINE).model();
        MqttEndpoint e = Fixtures.endpoint(model, "dashboard", "tcp://127.0.0.1:1");
        Port level = null;
        for (Component c : model.getComponents()) {
            for (Port p : c.getPorts()) {
                if (c.getName().equals("tank") && p.getName().equals("level")) {
                    level = p;
                }
            }
        }
        MqttBinding slow = Fixtures.binding(model, e, level, BindingDirection.WRITE, "unused", null, 0, false);
        slow.setSamplePeriodMs(500);
        try (TwinSession twin = session();
                TwinServer server = new MqttTwinServerProvider().serve(new WithBindings(twin, List.of(slow)),
                        embedded(Map.of("samplePeriodMs", "50")))) {
            twin.setInput("inletValve.open", 1);
            try (MqttClient dashboard = EmbeddedBrokerTest.client(server.address(), "dashboard")) {
                dashboard.subscribe(PREFIX + "tank/+", 0, (t, m) -> counts.merge(t, 1, Integer::sum));
                Thread.sleep(2000);
                dashboard.disconnect();
            }
        }
        int levels = counts.getOrDefault(PREFIX + "tank/level", 0);
        int temperatures = counts.getOrDefault(PREFIX + "tank/temperature", 0);
        // 2 s: the bound level at most every 500 ms (4, +1 at each edge), the others every 50 ms (40).
        assertTrue(levels >= 2 && levels <= 6, levels + " level publications");
        assertTrue(temperatures >= 15, temperatures + " temperature publications");
    }

    @Test
    void garbageOnTheBrokerPortLeavesThePublisherServing() throws Exception {
        List<Double> levels = new CopyOnWriteArrayList<>();
        try (TwinSession twin = session();
                MqttTwinServer server = (MqttTwinServer) new MqttTwinServerProvider().serve(twin,
                        embedded(Map.of("samplePeriodMs", "50")))) {
            int port = server.embeddedBroker().port();
            for (int i = 0; i < 3; i++) {
                try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = raw.getOutputStream();
                    out.write(new byte[] { 0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00, 0x04 });
                    out.write("MQTT garbage".getBytes());
                    out.flush();
                } catch (java.io.IOException reset) {
                    // closed on us: fine
                }
            }
            twin.setInput("inletValve.open", 1);
            try (MqttClient dashboard = EmbeddedBrokerTest.client(server.address(), "dashboard")) {
                dashboard.subscribe(PREFIX + "tank/level", 0,
                        (t, m) -> levels.add(Fixtures.valueOf(m.getPayload())));
                await(() -> levels.size() >= 3, "values after the garbage");
                dashboard.disconnect();
            }
            EndpointStatus s = server.status();
            assertEquals(ConnectionState.CONNECTED, s.state());
            assertEquals(0, s.reconnects());
        }
    }

    @Test
    void badSettingsAreClearErrors() throws Exception {
        try (TwinSession twin = session()) {
            MqttTwinServerProvider provider = new MqttTwinServerProvider();
            IllegalArgumentException qos = assertThrows(IllegalArgumentException.class,
                    () -> provider.serve(twin, embedded(Map.of("qos", "3"))));
            assertTrue(qos.getMessage().contains("qos=3"), qos.getMessage());
            IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                    () -> provider.serve(twin, embedded(Map.of("topic", "plant/{unit}"))));
            assertTrue(topic.getMessage().contains("{unit}"), topic.getMessage());
            IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> provider.serve(twin,
                    new ServerOptions(null, 0, "http://example.invalid", Map.of(), Credentials.NONE, state)));
            assertTrue(url.getMessage().contains("scheme 'http'"), url.getMessage());
        }
        try (Stream<Path> left = Files.list(state)) {
            assertEquals(0, left.count(), "a refused start leaves no broker directory behind");
        }
    }
}
