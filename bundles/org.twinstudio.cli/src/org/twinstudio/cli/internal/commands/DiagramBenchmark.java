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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The measurements of {@link BenchDiagramCommand}. */
final class DiagramBenchmark {

    private DiagramBenchmark() {
    }

    static int run(int components, int connections, int opens, int moves, Path save, boolean json, PrintWriter out,
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
            if (save != null) {
                Files.copy(file, save, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                err.println("laid-out twin saved to " + save);
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
            // As the web client: layout-only changes come back as the moved elements' new places.
            double[] move = moves(server, uri, placed, moves, new Random(7), DiagramSocketClient.LAYOUT_UPDATE_KIND);
            // As a plain GLSP client: every change comes back as the whole model.
            int fullMoves = Math.min(moves, 10);
            err.println("moving components " + fullMoves + " times as a client without layout updates");
            double[] moveFull = moves(server, uri, placed, fullMoves, new Random(8));
            figures.put("moveFullModelMillis", Arrays.stream(moveFull).boxed().toList());
            figures.put("moveMillis", Arrays.stream(move).boxed().toList());
            print(figures, open, move, moveFull, json, out);
            return ExitCodes.OK;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Moves random components by 10 units, one operation at a time, in a session whose client handles
     * {@code extraKinds}; each time from sending the operation to the update received, checked to place the node.
     */
    private static double[] moves(DiagramWebServer server, String uri, List<JsonObject> placed, int moves,
            Random random, String... extraKinds) throws Exception {
        double[] millis = new double[moves];
        String session = "move" + extraKinds.length;
        try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
            client.initialize();
            client.openSession(session, extraKinds);
            client.requestModel(session, uri);
            for (int i = 0; i < moves; i++) {
                JsonObject node = placed.get(random.nextInt(placed.size()));
                JsonObject position = node.getAsJsonObject("position");
                double x = position.get("x").getAsDouble() + 10;
                double y = position.get("y").getAsDouble() + 10;
                position.addProperty("x", x);
                position.addProperty("y", y);
                JsonObject size = node.getAsJsonObject("size");
                String id = node.get("id").getAsString();
                String operation = String.format(Locale.ROOT,
                        "{\"kind\":\"changeBounds\",\"newBounds\":[{\"elementId\":\"%s\",\"newSize\":%s,"
                                + "\"newPosition\":{\"x\":%s,\"y\":%s}}]}",
                        id, size, x, y);
                long start = System.nanoTime();
                client.process(session, operation);
                JsonObject update = client.awaitUpdate();
                millis[i] = millis(start);
                JsonObject moved = movedNode(update, id);
                if (moved == null || !moved.has("position") || moved.getAsJsonObject("position").get("x").getAsDouble() != x
                        || moved.getAsJsonObject("position").get("y").getAsDouble() != y) {
                    throw new IllegalStateException("the update after moving " + id + " does not place it at " + x
                            + "," + y + ": " + (moved == null ? update.get("kind") : moved));
                }
            }
        }
        return millis;
    }

    /** The moved node in a layout update or a whole model. */
    private static JsonObject movedNode(JsonObject update, String id) {
        JsonArray candidates = update.has("nodes") ? update.getAsJsonArray("nodes")
                : update.getAsJsonObject("newRoot").getAsJsonArray("children");
        for (JsonElement candidate : candidates) {
            if (id.equals(candidate.getAsJsonObject().get("id").getAsString())) {
                return candidate.getAsJsonObject();
            }
        }
        return null;
    }

    private static void print(Map<String, Object> figures, double[] open, double[] move, double[] moveFull,
            boolean json, PrintWriter out) {
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
            out.println(String.format(Locale.ROOT,
                    "  move, whole model sent back (clients without layout updates): median %.1f ms, max %.1f ms",
                    median(moveFull), Arrays.stream(moveFull).max().orElse(0)));
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
