package org.twinstudio.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.web.DiagramSocketClient;
import org.twinstudio.diagram.web.DiagramWebServer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The diagram web host against real clients: the JDK's HTTP and WebSocket clients on loopback. */
class DiagramWebServerTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin");

    @TempDir
    Path dir;
    Path model;
    Path assets;
    DiagramWebServer server;

    @BeforeEach
    void start() throws Exception {
        model = Files.copy(HEATING_LINE, dir.resolve("heating-line.twin"), StandardCopyOption.REPLACE_EXISTING);
        assets = Files.createDirectories(dir.resolve("web"));
        Files.writeString(assets.resolve("diagram.html"), "<!DOCTYPE html><title>diagram</title>");
        Files.writeString(dir.resolve("secret.txt"), "not to be served");
        server = DiagramWebServer.start(TwinDiagramModule.serverModule(new FileTwinModelAccess()), path -> {
            Path file = assets.resolve(path);
            try {
                return Files.isRegularFile(file) ? file.toUri().toURL() : null;
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", server.baseUri().getHost());
        assertTrue(server.port() > 0);
        assertTrue(server.pageUri(model.toString(), "c1").getQuery().contains("token=" + server.token()));
    }

    @Test
    void servesTheClientPageAndNothingOutsideIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.pageUri(model.toString(), "c1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>diagram</title>"));
        assertEquals(200, http.send(HttpRequest.newBuilder(server.baseUri()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        for (String path : new String[] { "../secret.txt", "%2e%2e/secret.txt", "missing.js", "web/../../secret.txt" }) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUri() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertFalse(response.body().contains("not to be served"), path);
            assertTrue(response.statusCode() >= 400, path + " gave " + response.statusCode());
        }
    }

    @Test
    void unchangedAssetsAreRevalidatedWithoutBeingSentAgain() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI page = server.baseUri().resolve("diagram.html");
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertEquals("no-cache", first.headers().firstValue("cache-control").orElse(""));
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(page).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(page).header("If-None-Match", "\"stale\"").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode());
        assertTrue(other.body().contains("<title>diagram</title>"));
    }

    @Test
    void refusesClientsWithoutTheToken() {
        URI noToken = URI.create("ws://127.0.0.1:" + server.port() + DiagramWebServer.SOCKET_PATH);
        URI forged = URI.create(noToken + "?token=" + "A".repeat(server.token().length()));
        for (URI uri : new URI[] { noToken, forged }) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> DiagramSocketClient.connect(uri));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                    failure.getCause());
            assertEquals(403, handshake.getResponse().statusCode());
        }
        assertEquals(0, server.openConnections());
    }

    @Test
    void refusesPagesOfOtherOriginsEvenWithTheToken() throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> DiagramSocketClient.connect(server.socketUri(), "http://evil.example"));
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, failure.getCause()).getResponse()
                .statusCode());
        try (DiagramSocketClient own = DiagramSocketClient.connect(server.socketUri(), "http://127.0.0.1:" + server.port())) {
            assertEquals("1.0.0", initialize(own).get("protocolVersion").getAsString());
        }
    }

    @Test
    void servesTheDiagramOfAModelOverGlsp() throws Exception {
        try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
            JsonObject init = initialize(client);
            assertEquals("1.0.0", init.get("protocolVersion").getAsString());
            openSession(client, "c1");
            JsonObject root = requestModel(client, "c1");
            assertEquals(Set.of("inletValve", "tank", "heater", "sensorT", "sensorL", "controller"),
                    childIdsOfType(root, "node:component"));
            assertEquals(1, server.openConnections());
        }
    }

    @Test
    void answersMalformedMessagesAndKeepsServing() throws Exception {
        try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
            client.sendRaw("{ this is not json");
            JsonObject parseError = client.await(m -> m.has("error"));
            assertEquals(-32700, parseError.getAsJsonObject("error").get("code").getAsInt());
            JsonObject unknown = client.request("noSuchMethod", "{}");
            assertTrue(unknown.has("error"), unknown.toString());
            assertEquals("1.0.0", initialize(client).get("protocolVersion").getAsString());
        }
    }

    @Test
    void survivesAClientThatDisconnectsMidOperation() throws Exception {
        for (int i = 0; i < 3; i++) {
            DiagramSocketClient leaving = DiagramSocketClient.connect(server.socketUri());
            initialize(leaving);
            openSession(leaving, "gone" + i);
            leaving.process("gone" + i, requestModelAction());
            leaving.close(); // before the model has arrived
        }
        try (DiagramSocketClient client = DiagramSocketClient.connect(server.socketUri())) {
            initialize(client);
            openSession(client, "c2");
            assertEquals(6, childIdsOfType(requestModel(client, "c2"), "node:component").size());
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.openConnections());
    }

    String requestModelAction() {
        return "{\"kind\":\"requestModel\",\"options\":{\"sourceUri\":\"" + model.toUri() + "\",\"diagramType\":\"twin\"}}";
    }

    static JsonObject initialize(DiagramSocketClient client) throws Exception {
        return client.initialize();
    }

    static void openSession(DiagramSocketClient client, String clientId) throws Exception {
        client.openSession(clientId);
    }

    JsonObject requestModel(DiagramSocketClient client, String clientId) throws Exception {
        return client.requestModel(clientId, model.toUri().toString());
    }

    static Set<String> childIdsOfType(JsonObject root, String type) {
        Set<String> ids = new TreeSet<>();
        JsonArray children = root.getAsJsonArray("children");
        for (JsonElement child : children) {
            JsonObject object = child.getAsJsonObject();
            if (type.equals(object.get("type").getAsString())) {
                ids.add(object.get("id").getAsString());
            }
        }
        return ids;
    }
}
