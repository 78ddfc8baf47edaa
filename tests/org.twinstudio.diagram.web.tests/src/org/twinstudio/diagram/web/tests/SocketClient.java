package org.twinstudio.diagram.web.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A GLSP client over the JDK's WebSocket that keeps every JSON-RPC message it receives, in order. */
final class SocketClient implements AutoCloseable {

    final WebSocket socket;
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private int nextId = 1;

    private SocketClient(WebSocket.Builder builder, URI uri) throws Exception {
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

    static SocketClient connect(URI uri) throws Exception {
        return new SocketClient(HttpClient.newHttpClient().newWebSocketBuilder(), uri);
    }

    static SocketClient connect(URI uri, String origin) throws Exception {
        return new SocketClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin), uri);
    }

    /** Sends a request and returns the response with its id. */
    JsonObject request(String method, String paramsJson) throws Exception {
        int id = nextId++;
        sendRaw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        return await(m -> m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsInt() == id && !m.has("method"));
    }

    /** Sends an action to the server for client session {@code clientId}. */
    void process(String clientId, String actionJson) throws Exception {
        sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"process\",\"params\":{\"clientId\":\"" + clientId
                + "\",\"action\":" + actionJson + "}}");
    }

    void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The first received message (in order) that matches, waiting up to 20 s; earlier ones are dropped. */
    JsonObject await(Predicate<JsonObject> match) throws Exception {
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
    JsonObject awaitAction(String kind) throws Exception {
        return await(m -> m.has("method") && m.get("method").getAsString().equals("process")
                && kind.equals(m.getAsJsonObject("params").getAsJsonObject("action").get("kind").getAsString()))
                .getAsJsonObject("params").getAsJsonObject("action");
    }

    @Override
    public void close() {
        socket.abort();
    }
}
