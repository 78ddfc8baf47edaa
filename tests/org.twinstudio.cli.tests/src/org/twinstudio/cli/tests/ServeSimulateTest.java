package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.Twinstudio;
import org.twinstudio.diagram.web.DiagramSocketClient;

import com.google.gson.JsonObject;

/** {@code twinstudio serve --web --simulate}: the running heating line's values reach a diagram client live. */
class ServeSimulateTest {

    @Test
    void simulatedValuesReachTheDiagramClientAndAdvance(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(Twinstudio.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), "serve", "--web", "--simulate", "--realtime-factor", "100",
                model.toString())));
        serving.start();
        List<JsonObject> batches = new ArrayList<>();
        try {
            Matcher page = awaitPage(out);
            URI pageUri = URI.create(page.group(1));
            URI socket = URI.create("ws://" + pageUri.getAuthority() + "/glsp?token=" + page.group(2));
            try (DiagramSocketClient client = DiagramSocketClient.connect(socket)) {
                client.initialize();
                client.openSession("live");
                client.requestModel("live", model.toUri().toString());
                for (int i = 0; i < 3; i++) {
                    batches.add(client.awaitAction("twinstudio.liveValues"));
                }
            }
        } finally {
            serving.interrupt();
            serving.join(20_000);
        }
        assertEquals(0, exit.get(), () -> out + "\n" + err);
        assertTrue(out.toString().contains("Simulating 1 model at 100.0 x real time"), out::toString);

        double previous = -1;
        for (JsonObject batch : batches) {
            assertTrue(batch.get("running").getAsBoolean(), batch::toString);
            double time = batch.get("time").getAsDouble();
            assertTrue(time > previous, "simulated time advances: " + batches);
            previous = time;
        }
        // The first batch carries every port; the tank starts at its initialTemperature of 18 degC (heating-line.twin)
        // and warms by at most 24 kW / (200 kg · 4186 J/(kg K)) ≈ 0.03 K per simulated second.
        JsonObject first = batches.get(0).getAsJsonObject("values");
        double temperature = first.get("tank.temperature").getAsDouble();
        double firstTime = batches.get(0).get("time").getAsDouble();
        assertTrue(temperature >= 18 - 1e-9 && temperature <= 18 + 0.03 * firstTime + 0.5,
                "tank.temperature " + temperature + " at t = " + firstTime + " s");
        assertTrue(first.has("heater.power") && first.has("sensorT.value"), first::toString);
        // At 100 x real time with 5 batches a second, batches are about 20 simulated seconds apart.
        double spacing = (previous - firstTime) / (batches.size() - 1);
        assertTrue(spacing >= 10 && spacing <= 200, "batches " + spacing + " simulated s apart");
    }

    private static Matcher awaitPage(StringWriter out) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = DiagramCommandsTest.PAGE.matcher(out.toString());
            if (m.find()) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve printed no page address: " + out);
    }
}
