package org.twinstudio.diagram.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.glsp.server.di.ServerModule;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Serves twin diagrams to browsers and to the IDE's embedded browser: the web client's page and files over HTTP,
 * and GLSP over a WebSocket at {@value #SOCKET_PATH}.
 *
 * <p>It listens on the loopback address only, on a port the system picks. Every WebSocket upgrade must carry this
 * server's random token ({@code ?token=}); a browser page from another origin is refused even with it. The token is
 * what stops other local users' processes and web pages in the user's own browser from reading or editing models:
 * it is only handed out in {@link #pageUri}.
 */
public final class DiagramWebServer implements AutoCloseable {

    public static final String SOCKET_PATH = "/glsp";

    private final Server server;
    private final ServerConnector connector;
    private final String token;
    private final Set<JsonRpcSocket> sockets = ConcurrentHashMap.newKeySet();
    private final PreparedInjectors injectors;

    private DiagramWebServer(ServerModule serverModule, AssetSource assets) {
        this.token = newToken();
        this.injectors = new PreparedInjectors(serverModule);
        QueuedThreadPool threads = new QueuedThreadPool(32, 2, 30_000);
        threads.setName("twinstudio-diagram-web");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        container.setMaxTextMessageSize(8 * 1024 * 1024);
        // The browser keeps the connection for as long as the editor is open, idle or not.
        container.setIdleTimeout(Duration.ZERO);
        StaticAssetHandler files = new StaticAssetHandler(assets);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!SOCKET_PATH.equals(Request.getPathInContext(request))) {
                    return files.handle(request, response, callback);
                }
                String refusal = refusal(request);
                if (refusal != null) {
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, refusal);
                    return true;
                }
                boolean upgraded = container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
                    JsonRpcSocket socket = new JsonRpcSocket(injectors, sockets::remove);
                    sockets.add(socket);
                    return socket;
                }, request, response, callback);
                if (!upgraded) {
                    Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                            "Expected a WebSocket upgrade");
                }
                return true;
            }
        });
    }

    /**
     * Starts a server for the diagrams of {@code serverModule} (one GLSP server per connection) with the web client
     * files from {@code assets}.
     */
    public static DiagramWebServer start(ServerModule serverModule, AssetSource assets) throws Exception {
        DiagramWebServer web = new DiagramWebServer(serverModule, assets);
        web.server.start();
        return web;
    }

    /** The port the system gave this server. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The secret every WebSocket client must present. */
    public String token() {
        return token;
    }

    /** The editor page for the model at {@code sourceUri}, with the token; {@code clientId} names the editor. */
    public URI pageUri(String sourceUri, String clientId) {
        StringBuilder query = new StringBuilder().append("token=").append(encode(token)).append("&source=")
                .append(encode(sourceUri));
        if (clientId != null) {
            query.append("&client=").append(encode(clientId));
        }
        return URI.create(baseUri() + StaticAssetHandler.PAGE + "?" + query);
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI baseUri() {
        return URI.create("http://" + connector.getHost() + ":" + port() + "/");
    }

    /** The GLSP WebSocket with the token, for clients that are not the web page. */
    public URI socketUri() {
        return URI.create("ws://" + connector.getHost() + ":" + port() + SOCKET_PATH + "?token=" + encode(token));
    }

    /** How many diagram connections are open now. */
    public int openConnections() {
        return sockets.size();
    }

    @Override
    public void close() throws Exception {
        for (JsonRpcSocket socket : sockets) {
            socket.close();
        }
        injectors.close();
        server.stop();
    }

    /** Why an upgrade request is refused, or {@code null} when it may connect. */
    private String refusal(Request request) {
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        String presented = query.getValue("token");
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "Missing or wrong diagram session token";
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !isOwnOrigin(origin)) {
            return "Diagram connections are accepted only from this server's own pages, not from " + origin;
        }
        return null;
    }

    private boolean isOwnOrigin(String origin) {
        int port = port();
        return origin.equals("http://" + connector.getHost() + ":" + port) || origin.equals("http://localhost:" + port);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
