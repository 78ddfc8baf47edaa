package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.SyntheticTwins;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.web.DiagramSocketClient;
import org.twinstudio.diagram.web.DiagramWebServer;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The measurements of {@link BenchDiagramCommand}. */
final class DiagramBenchmark {

    private DiagramBenchmark() {
    }

    static int run(int components, int connections, int opens, int moves, boolean json, PrintWriter out,
            PrintWriter err) throws Exception {
        Path dir = Files.createTempDirectory("twinstudio-bench-diagram");
        try (DiagramWebServer server = DiagramWebServer.start(TwinDiagramModule.serverModule(new FileTwinModelAccess()),
                path -> null)) {
            Path file = dir.resolve("generated.twin");
            TwinModel model = SyntheticTwins.generate(components, connections, new Random(20261125));
            TwinModels.save(model, file);
            String uri = file.toUri().toString();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("components", components);
            figures.put("connections", connections);

            err.println("laying out " + components + " components");
            try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
                client.initialize();
                client.openSession("layout");
                client.requestModel("layout", uri);
                long start = System.nanoTime();
                client.process("layout", "{\"kind\":\"layout\",\"elementIds\":[]}");
                client.awaitModel();
                figures.put("layoutMillis", millis(start));
                client.process("layout", "{\"kind\":\"saveModel\"}");
                client.await(m -> isAction(m, "setDirtyState"));
            }

            err.println("opening it " + opens + " times");
            double[] open = new double[opens];
            JsonObject root = null;
            for (int i = 0; i < opens; i++) {
                try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
                    client.initialize();
                    client.openSession("open" + i);
                    long start = System.nanoTime();
                    root = client.requestModel("open" + i, uri);
                    open[i] = millis(start);
                }
            }
            figures.put("openMillis", Arrays.stream(open).boxed().toList());
            long nodes = count(root, DiagramTypes.COMPONENT);
            long edges = count(root, DiagramTypes.CONNECTION);
            if (nodes != components || edges != connections) {
                err.println("twinstudio bench-diagram: the diagram has " + nodes + " nodes and " + edges
                        + " edges, expected " + components + " and " + connections);
                return ExitCodes.INTERNAL;
            }

            err.println("moving components " + moves + " times");
            List<JsonObject> placed = nodes(root);
            double[] move = new double[moves];
            Random random = new Random(7);
            try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
                client.initialize();
                client.openSession("move");
                client.requestModel("move", uri);
                for (int i = 0; i < moves; i++) {
                    JsonObject node = placed.get(random.nextInt(placed.size()));
                    JsonObject position = node.getAsJsonObject("position");
                    double x = position.get("x").getAsDouble() + 10;
                    double y = position.get("y").getAsDouble() + 10;
                    position.addProperty("x", x);
                    position.addProperty("y", y);
                    JsonObject size = node.getAsJsonObject("size");
                    String operation = String.format(Locale.ROOT,
                            "{\"kind\":\"changeBounds\",\"newBounds\":[{\"elementId\":\"%s\",\"newSize\":%s,"
                                    + "\"newPosition\":{\"x\":%s,\"y\":%s}}]}",
                            node.get("id").getAsString(), size, x, y);
                    long start = System.nanoTime();
                    client.process("move", operation);
                    client.awaitModel();
                    move[i] = millis(start);
                }
            }
            figures.put("moveMillis", Arrays.stream(move).boxed().toList());
            print(figures, open, move, json, out);
            return ExitCodes.OK;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(Map<String, Object> figures, double[] open, double[] move, boolean json,
            PrintWriter out) {
        if (json) {
            out.println(Json.write(figures));
        } else {
            out.println(String.format(Locale.ROOT, "diagram of %d components, %d connections over the WebSocket:",
                    figures.get("components"), figures.get("connections")));
            out.println(String.format(Locale.ROOT, "  auto-layout (ELK, operation to updated diagram): %.0f ms",
                    (double) figures.get("layoutMillis")));
            out.println(String.format(Locale.ROOT,
                    "  open (model request to diagram received): first %.0f ms, median %.0f ms, min %.0f ms (goal with rendering: < 1 s)",
                    open[0], median(open), Arrays.stream(open).min().orElse(0)));
            out.println(String.format(Locale.ROOT,
                    "  move (operation to updated diagram received): median %.1f ms, p90 %.1f ms, max %.1f ms (goal: < 50 ms)",
                    median(move), percentile(move, 0.9), Arrays.stream(move).max().orElse(0)));
        }
        out.flush();
    }

    private static boolean isAction(JsonObject message, String kind) {
        return message.has("method") && message.get("method").getAsString().equals("process")
                && kind.equals(message.getAsJsonObject("params").getAsJsonObject("action").get("kind").getAsString());
    }

    private static List<JsonObject> nodes(JsonObject root) {
        List<JsonObject> nodes = new ArrayList<>();
        for (JsonElement child : root.getAsJsonArray("children")) {
            JsonObject object = child.getAsJsonObject();
            if (DiagramTypes.COMPONENT.equals(object.get("type").getAsString()) && object.has("position")
                    && object.has("size")) {
                nodes.add(object);
            }
        }
        return nodes;
    }

    private static long count(JsonObject root, String type) {
        long n = 0;
        for (JsonElement child : root.getAsJsonArray("children")) {
            if (type.equals(child.getAsJsonObject().get("type").getAsString())) {
                n++;
            }
        }
        return n;
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
