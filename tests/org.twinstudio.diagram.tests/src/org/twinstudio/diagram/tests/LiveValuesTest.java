package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.glsp.server.gson.ServerGsonConfigurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.live.LiveValuesAction;
import org.twinstudio.diagram.server.FileTwinModelAccess;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Live values from a producer to the diagram sessions showing the twin: coalesced to the latest value per port,
 * pushed at a bounded rate, only to the sessions showing that twin, and not to sessions that ended.
 */
class LiveValuesTest {

    @TempDir
    Path dir;

    record Received(long nanos, LiveValuesAction batch) {
    }

    @Test
    void aThousandPublishesASecondBecomeAtMostSixBatchesWithTheLatestValues() throws Exception {
        List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
        String twin = dir.resolve("line.twin").toString();
        try (LiveValues hub = new LiveValues(5)) {
            hub.subscribe(twin, batch -> received.add(new Received(System.nanoTime(), batch)));
            LiveValues.Channel run = hub.open(dir.resolve("line.twin").toUri().toString());
            Map<String, Object> last = new HashMap<>();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(1);
            int published = 0;
            for (long next = start; next < end; next += 1_000_000) {
                LockSupport.parkNanos(next - System.nanoTime());
                last.put("tank.temperature", 18 + published * 0.01);
                last.put("heater.on", published % 2 == 0);
                last.put("controller.mode", "step " + published);
                run.publish(published * 0.001, last);
                published++;
            }
            long publishedUntil = System.nanoTime();
            Thread.sleep(600); // one more period for the values of the last 200 ms, and slack
            List<Received> batches = List.copyOf(received);

            // 1.0 s of publishing + the last values: 5 batches, 6 with a tick right at the start; slack for one
            System.out.println("live values at 5 Hz: " + published + " publishes in 1 s -> " + batches.size() + " batches");
            long during = batches.stream().filter(r -> r.nanos() <= publishedUntil + TimeUnit.MILLISECONDS.toNanos(250)).count();
            assertTrue(during >= 3 && during <= 7, during + " batches for 1 s at 5 Hz (" + published + " publishes)");
            assertTrue(batches.size() <= 8, batches.size() + " batches in 1.6 s");
            // (No check of single gaps: batches go out on a sender pool, so under load two can arrive close
            // together although the ticker runs them a period apart; the counts above bound the rate.)
            // Merged as a client merges them: exactly the last published values, and the last time.
            Map<String, Object> shown = new HashMap<>();
            batches.forEach(r -> shown.putAll(r.batch().getValues()));
            assertEquals(last, shown);
            LiveValuesAction latest = batches.get(batches.size() - 1).batch();
            assertEquals((published - 1) * 0.001, latest.getTime(), 1e-12);
            assertTrue(latest.isRunning());
            assertTrue(published > 900, published + " publishes in 1 s");

            run.close();
            Thread.sleep(500);
            LiveValuesAction ended = received.get(received.size() - 1).batch();
            assertFalse(ended.isRunning());
            assertTrue(ended.getValues().isEmpty());
            assertFalse(hub.isRunning(twin));
        }
    }

    @Test
    void unchangedPortsAreNotSentAgain() throws Exception {
        List<LiveValuesAction> received = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LiveValues hub = new LiveValues(20)) {
            hub.subscribe("file:///plant/a.twin", received::add);
            LiveValues.Channel run = hub.open("/plant/../plant/a.twin");
            LiveValues.Ports ports = run.ports(List.of("a.x", "a.y"));
            ports.publish(0, new double[] { 1, 2 });
            awaitSize(received, 1);
            ports.publish(0.1, new double[] { 1, 3 });
            awaitSize(received, 2);
            assertEquals(Map.of("a.x", 1.0, "a.y", 2.0), received.get(0).getValues());
            assertEquals(Map.of("a.y", 3.0), received.get(1).getValues());
            assertEquals(0.1, received.get(1).getTime());
        }
    }

    @Test
    void onlySessionsShowingTheTwinGetItsValuesAndEndedSessionsNone() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        GlspSession showing = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess());
        try (GlspSession elsewhere = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, other, new FileTwinModelAccess())) {
            // The client names its file by path, the producer by file: URI.
            showing.requestModel(showing.file.toString());
            elsewhere.requestModel(elsewhere.file.toUri().toString());
            LiveValues hub = LiveValues.getDefault();
            // The subscription is made beside the model request, on the session's thread: maybe just after the model.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (hub.subscriberCount(showing.file.toUri().toString()) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, hub.subscriberCount(showing.file.toUri().toString()));

            LiveValues.Channel run = hub.open(showing.file.toUri().toString());
            run.publish(2.5, Map.of("tank.temperature", 18.25, "heater.power", 0));
            LiveValuesAction batch = showing.await(LiveValuesAction.class);
            assertEquals(2.5, batch.getTime());
            assertEquals(Map.of("tank.temperature", 18.25, "heater.power", 0.0), batch.getValues());

            // As the WebSocket endpoint writes it, and back (plain Gson: clients never send this action, so the
            // server does not register it for reading, which would also announce it as one the server handles).
            Gson gson = showing.injector.getInstance(ServerGsonConfigurator.class).configureGsonBuilder(new GsonBuilder()).create();
            String json = gson.toJson(batch, org.eclipse.glsp.server.actions.Action.class);
            JsonObject wire = JsonParser.parseString(json).getAsJsonObject();
            assertEquals("twinstudio.liveValues", wire.get("kind").getAsString());
            assertEquals(18.25, wire.getAsJsonObject("values").get("tank.temperature").getAsDouble());
            assertTrue(wire.get("running").getAsBoolean());
            LiveValuesAction back = new Gson().fromJson(json, LiveValuesAction.class);
            assertEquals(LiveValuesAction.KIND, back.getKind());
            assertEquals(batch.getValues(), back.getValues());
            assertEquals(2.5, back.getTime());

            showing.close();
            assertEquals(0, hub.subscriberCount(showing.file.toString()), "the ended session is unsubscribed");
            int before = showing.history.size();
            for (int i = 0; i < 5; i++) {
                run.publish(3 + i, Map.of("tank.temperature", 19.0 + i));
                Thread.sleep(100);
            }
            run.close();
            Thread.sleep(300);
            assertEquals(before, showing.history.size());
            assertTrue(elsewhere.history.stream().noneMatch(LiveValuesAction.class::isInstance),
                    "a session showing another twin got " + elsewhere.history);
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(list.size() >= size, "got " + list.size() + " batches, expected " + size);
    }
}
