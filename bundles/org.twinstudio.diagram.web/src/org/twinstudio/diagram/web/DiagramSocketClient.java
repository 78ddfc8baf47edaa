package org.twinstudio.diagram.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A GLSP client over the JDK's WebSocket that keeps every JSON-RPC message it receives, in order: for benchmarks,
 * tests and scripts that talk to a {@link DiagramWebServer} without a browser.
 */
public final class DiagramSocketClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private int nextId = 1;

    private DiagramSocketClient(WebSocket.Builder builder, URI uri) throws Exception {
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    public static DiagramSocketClient connect(URI uri) throws Exception {
        return new DiagramSocketClient(HttpClient.newHttpClient().newWebSocketBuilder(), uri);
    }

    public static DiagramSocketClient connect(URI uri, String origin) throws Exception {
        return new DiagramSocketClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin), uri);
    }

    /** Sends a request and returns the response with its id. */
    public JsonObject request(String method, String paramsJson) throws Exception {
        int id = nextId++;
        sendRaw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        return await(m -> m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsInt() == id && !m.has("method"));
    }

    /** Sends an action to the server for client session {@code clientId}. */
    public void process(String clientId, String actionJson) throws Exception {
        sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"process\",\"params\":{\"clientId\":\"" + clientId
                + "\",\"action\":" + actionJson + "}}");
    }

    public void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The first received message (in order) that matches, waiting up to 20 s; earlier ones are dropped. */
    public JsonObject await(Predicate<JsonObject> match) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("No matching message within 20 s");
            }
            if (match.test(message)) {
                return message;
            }
        }
    }

    /** The first action of {@code kind} the server sends. */
    public JsonObject awaitAction(String kind) throws Exception {
        return await(m -> m.has("method") && m.get("method").getAsString().equals("process")
                && kind.equals(m.getAsJsonObject("params").getAsJsonObject("action").get("kind").getAsString()))
                .getAsJsonObject("params").getAsJsonObject("action");
    }

    /** Action kinds a diagram client declares it handles: the server sends only these. */
    public static final String CLIENT_ACTION_KINDS = "[\"setModel\",\"updateModel\",\"requestBounds\","
            + "\"setDirtyState\",\"status\",\"message\",\"setMarkers\",\"setEditMode\",\"setTypeHints\","
            + "\"triggerNodeCreation\",\"triggerEdgeCreation\",\"selectAll\",\"select\",\"startProgress\","
            + "\"updateProgress\",\"endProgress\",\"setEditValidationResult\",\"setPopupModel\","
            + "\"setContextActions\",\"setClipboardData\",\"setViewport\",\"fitToScreen\",\"centerElements\","
            + "\"navigateToExternalTarget\",\"setNavigationTargets\",\"setMarqueeMode\"]";

    private static final Set<String> MODEL_KINDS = Set.of("requestBounds", "setModel", "updateModel");

    /** The JSON-RPC {@code initialize} handshake; returns its result (protocol version, server actions). */
    public JsonObject initialize() throws Exception {
        JsonObject response = request("initialize", "{\"applicationId\":\"twinstudio\",\"protocolVersion\":\"1.0.0\"}");
        if (!response.has("result")) {
            throw new IllegalStateException("initialize failed: " + response);
        }
        return response.getAsJsonObject("result");
    }

    /** What the twin's web client also handles: layout-only changes as new places of the moved elements. */
    public static final String LAYOUT_UPDATE_KIND = "twinUpdateLayout";

    /** Opens client session {@code clientId} for the twin diagram type. */
    public void openSession(String clientId) throws Exception {
        openSession(clientId, new String[0]);
    }

    /** Opens client session {@code clientId} whose client also handles {@code extraKinds}. */
    public void openSession(String clientId, String... extraKinds) throws Exception {
        StringBuilder kinds = new StringBuilder(CLIENT_ACTION_KINDS.substring(0, CLIENT_ACTION_KINDS.length() - 1));
        for (String kind : extraKinds) {
            kinds.append(",\"").append(kind).append('"');
        }
        kinds.append(']');
        JsonObject response = request("initializeClientSession", "{\"clientSessionId\":\"" + clientId
                + "\",\"diagramType\":\"twin\",\"clientActionKinds\":" + kinds + "}");
        if (response.has("error")) {
            throw new IllegalStateException("initializeClientSession failed: " + response);
        }
    }

    /** Asks for the diagram of {@code sourceUri} and returns its root (from requestBounds, setModel or updateModel). */
    public JsonObject requestModel(String clientId, String sourceUri) throws Exception {
        process(clientId, "{\"kind\":\"requestModel\",\"options\":{\"sourceUri\":\"" + sourceUri.replace("\\", "\\\\")
                + "\",\"diagramType\":\"twin\"}}");
        return awaitModel();
    }

    /** The root of the next model the server sends. */
    public JsonObject awaitModel() throws Exception {
        return await(m -> m.has("method") && m.get("method").getAsString().equals("process")
                && MODEL_KINDS.contains(m.getAsJsonObject("params").getAsJsonObject("action").get("kind").getAsString()))
                .getAsJsonObject("params").getAsJsonObject("action").getAsJsonObject("newRoot");
    }

    /** The next model update the server sends, whole or layout only ({@link #LAYOUT_UPDATE_KIND}): the action. */
    public JsonObject awaitUpdate() throws Exception {
        return await(m -> m.has("method") && m.get("method").getAsString().equals("process")
                && UPDATE_KINDS.contains(m.getAsJsonObject("params").getAsJsonObject("action").get("kind").getAsString()))
                .getAsJsonObject("params").getAsJsonObject("action");
    }

    private static final Set<String> UPDATE_KINDS = Set.of("requestBounds", "setModel", "updateModel",
            LAYOUT_UPDATE_KIND);

    /** Completes with the close code when the server closes the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Ends the connection with a close handshake (as a browser leaving the page does), waiting up to 10 s. */
    public void closeNormally() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
