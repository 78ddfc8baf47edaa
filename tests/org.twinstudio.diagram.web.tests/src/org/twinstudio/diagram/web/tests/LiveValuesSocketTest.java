package org.twinstudio.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.glsp.server.di.ServerModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.web.DiagramSocketClient;
import org.twinstudio.diagram.web.DiagramWebServer;

import com.google.gson.JsonObject;

/**
 * Live values over the WebSocket while connections end: a client that goes away in the middle of a stream of
 * batches, and the server closing, neither hang nor leave subscriptions behind.
 */
class LiveValuesSocketTest {

    @TempDir
    Path dir;

    @Test
    void connectionsEndCleanlyWhileBatchesStream() throws Exception {
        Path model = Files.copy(DiagramWebServerTest.HEATING_LINE, dir.resolve("line.twin"));
        String uri = model.toUri().toString();
        // 500 batches a second: the session's dispatcher is nearly always sending when the connection ends.
        try (LiveValues hub = new LiveValues(500)) {
            ServerModule module = new ServerModule()
                    .configureDiagramModule(new TwinDiagramModule(new FileTwinModelAccess()).liveValues(hub));
            DiagramWebServer server = DiagramWebServer.start(module, path -> null);
            // Large batches (20,000 values) keep sends long, so connections end while one is under way.
            List<String> ids = new java.util.ArrayList<>(List.of("tank.temperature"));
            for (int i = 1; i < 20_000; i++) {
                ids.add("tank.value" + i);
            }
            LiveValues.Ports ports = hub.open(uri).ports(ids);
            double[] values = new double[ids.size()];
            Thread producer = new Thread(() -> {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                    java.util.Arrays.fill(values, 18 + i * 1e-3);
                    ports.publish(i * 0.001, values);
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
            });
            producer.start();
            try {
                for (int round = 0; round < 10; round++) {
                    DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri());
                    client.initialize();
                    client.openSession("live" + round);
                    client.requestModel("live" + round, uri);
                    JsonObject first = client.awaitAction("twinstudio.liveValues");
                    JsonObject next = client.awaitAction("twinstudio.liveValues");
                    assertTrue(next.get("time").getAsDouble() > first.get("time").getAsDouble());
                    if (round % 2 == 0) {
                        client.closeNormally(); // leaves mid-stream, as a browser closing the page
                    } else {
                        client.close(); // the connection breaks mid-stream
                    }
                    awaitNoSubscribers(hub, uri);
                }
                DiagramSocketClient last = DiagramSocketClient.connect(server.socketUri());
                last.initialize();
                last.openSession("last");
                last.requestModel("last", uri);
                last.awaitAction("twinstudio.liveValues");
                closeWithin(server); // the server closes while it streams to the client
                awaitNoSubscribers(hub, uri);
                last.close();
            } finally {
                producer.interrupt();
                producer.join();
                closeWithin(server);
            }
        }
    }

    /** Closes the server, failing (instead of hanging the build) when that takes more than 20 s. */
    private static void closeWithin(DiagramWebServer server) throws Exception {
        Thread closing = new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "closing diagram server");
        closing.setDaemon(true);
        closing.start();
        closing.join(20_000);
        assertTrue(!closing.isAlive(), "the server did not close within 20 s (a send waiting on a shutdown?)");
    }

        private static void awaitNoSubscribers(LiveValues hub, String uri) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (hub.subscriberCount(uri) > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(0, hub.subscriberCount(uri), "subscriptions left after the connection ended");
    }
}
