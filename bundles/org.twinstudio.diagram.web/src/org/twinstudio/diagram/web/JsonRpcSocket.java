package org.twinstudio.diagram.web;

import java.util.function.Consumer;

import org.eclipse.glsp.server.gson.ServerGsonConfigurator;
import org.eclipse.glsp.server.protocol.GLSPClient;
import org.eclipse.glsp.server.protocol.GLSPServer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonParseException;
import com.google.inject.Injector;

/**
 * One browser connection: a GLSP server of its own (a fresh injector, as GLSP expects per client connection) spoken
 * to in JSON-RPC, one message per WebSocket text frame.
 *
 * <p>GLSP ships a jakarta-websocket endpoint; we bridge lsp4j to Jetty's own WebSocket API instead, which needs no
 * servlet container, and no jakarta or ee10 bundles in the product.
 *
 * <p>Public only because Jetty calls the listener methods through method handles.
 */
public final class JsonRpcSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcSocket.class);

    private final PreparedInjectors injectors;
    private final Consumer<JsonRpcSocket> onClose;
    private final Object sendLock = new Object();
    private volatile Session session;
    private GLSPServer glspServer;
    private MessageJsonHandler jsonHandler;
    private RemoteEndpoint remoteEndpoint;

    JsonRpcSocket(PreparedInjectors injectors, Consumer<JsonRpcSocket> onClose) {
        this.injectors = injectors;
        this.onClose = onClose;
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        this.session = openedSession;
        Injector injector = injectors.take();
        glspServer = injector.getInstance(GLSPServer.class);
        ServerGsonConfigurator gson = injector.getInstance(ServerGsonConfigurator.class);
        SocketLauncher launcher = new SocketLauncher(this::send);
        launcher.setLocalService(glspServer).setRemoteInterface(GLSPClient.class)
                .configureGson(gson::configureGsonBuilder);
        GLSPClient client = launcher.connect();
        jsonHandler = launcher.jsonHandler;
        remoteEndpoint = launcher.remoteEndpoint;
        glspServer.connect(client);
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            remoteEndpoint.consume(jsonHandler.parseMessage(text));
        } catch (MessageIssueException e) {
            // A well-formed message with bad content: answer requests with an error, keep the connection.
            remoteEndpoint.handle(e.getRpcMessage(), e.getIssues());
        } catch (JsonParseException e) {
            ResponseMessage error = new ResponseMessage();
            error.setError(new ResponseError(ResponseErrorCode.ParseError,
                    "Not a JSON-RPC message: " + e.getMessage(), null));
            send(jsonHandler.serialize(error));
        } catch (RuntimeException e) {
            LOG.warn("Diagram request failed", e);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        shutdown();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Diagram connection failed", cause);
        shutdown();
    }

    /** Ends this connection's GLSP server and closes the socket if still open. */
    void close() {
        Session open = session;
        if (open != null && open.isOpen()) {
            open.close();
        }
        shutdown();
    }

    private synchronized void shutdown() {
        if (glspServer != null) {
            GLSPServer server = glspServer;
            glspServer = null;
            try {
                server.shutdown();
            } catch (RuntimeException e) {
                LOG.debug("Diagram server shutdown failed", e);
            }
            onClose.accept(this);
        }
    }

    private void send(String text) {
        Session open = session;
        if (open == null || !open.isOpen()) {
            return; // the client went away; the GLSP server is being shut down
        }
        // Jetty queues frames; ordering is kept by sending under this lock. Not the socket's own monitor: shutdown
        // holds that while the GLSP server waits for its dispatcher, which may be sending right now.
        synchronized (sendLock) {
            open.sendText(text, Callback.from(() -> {
            }, failure -> LOG.debug("Diagram message not delivered", failure)));
        }
    }

    /** lsp4j's launcher wired to a text sink instead of streams. */
    private static final class SocketLauncher extends Launcher.Builder<GLSPClient> {

        private final Consumer<String> sink;
        MessageJsonHandler jsonHandler;
        RemoteEndpoint remoteEndpoint;

        SocketLauncher(Consumer<String> sink) {
            this.sink = sink;
        }

        GLSPClient connect() {
            jsonHandler = createJsonHandler();
            remoteEndpoint = createRemoteEndpoint(jsonHandler);
            return createProxy(remoteEndpoint);
        }

        @Override
        protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
            MessageConsumer outgoing = wrapMessageConsumer(message -> sink.accept(handler.serialize(message)));
            RemoteEndpoint endpoint = exceptionHandler == null
                    ? new RemoteEndpoint(outgoing, ServiceEndpoints.toEndpoint(localServices))
                    : new RemoteEndpoint(outgoing, ServiceEndpoints.toEndpoint(localServices), exceptionHandler);
            handler.setMethodProvider(endpoint);
            return endpoint;
        }
    }
}
