package org.twinstudio.connect.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.twinstudio.connect.Credentials.UserPassword;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.InterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;

/**
 * An MQTT 3.1.1 broker inside the Twinstudio process (Moquette), the default peer of the MQTT publisher. It keeps
 * sessions, subscriptions and retained messages in memory only, sends no telemetry, and listens on one address
 * (127.0.0.1 by default; port 0 picks a free one). Its working directory is {@code stateDirectory/moquette-broker}
 * or, without a state directory, a temporary directory; either is removed on {@link #close()}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Largest MQTT packet the broker accepts: 1 MiB, well above {@link MqttPayload#DEFAULT_MAX_BYTES}. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 1024 * 1024;

    private final Server server;
    private final String host;
    private final int port;
    private final Path workDirectory;
    private volatile boolean closed;

    /**
     * Where and how to listen. {@code user} may be null: then any client may connect, else only one that presents
     * that user and password. {@code publishListener} (may be null) sees every message clients publish, in the
     * order the broker received them, from the broker's first connection on (for monitoring and tests).
     */
    public record Options(String host, int port, Path stateDirectory, int maxPacketBytes, UserPassword user,
            Consumer<Published> publishListener) {

        public Options(String host, int port, Path stateDirectory, int maxPacketBytes, UserPassword user) {
            this(host, port, stateDirectory, maxPacketBytes, user, null);
        }

        public static Options loopback() {
            return new Options("127.0.0.1", 0, null, DEFAULT_MAX_PACKET_BYTES, null, null);
        }

        public Options withPort(int newPort) {
            return new Options(host, newPort, stateDirectory, maxPacketBytes, user, publishListener);
        }

        public Options withStateDirectory(Path directory) {
            return new Options(host, port, directory, maxPacketBytes, user, publishListener);
        }

        public Options withUser(UserPassword newUser) {
            return new Options(host, port, stateDirectory, maxPacketBytes, newUser, publishListener);
        }

        public Options withPublishListener(Consumer<Published> listener) {
            return new Options(host, port, stateDirectory, maxPacketBytes, user, listener);
        }
    }

    /** A message a client published to the broker. */
    public record Published(String clientId, String topic, byte[] payload) {
    }

    private EmbeddedBroker(Server server, String host, int port, Path workDirectory) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.workDirectory = workDirectory;
    }

    /** A broker on 127.0.0.1 with a free port. */
    public static EmbeddedBroker start() throws IOException {
        return start(Options.loopback());
    }

    /**
     * Starts a broker; returns once it accepts connections.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static EmbeddedBroker start(Options options) throws IOException {
        if (options.port() != 0) {
            return startOn(options, options.port());
        }
        // Moquette records the port it bound in a plain HashMap from its event loop, so asking it back races (and
        // once lost the entry for good): pick a free port here instead, and try another if it was taken meanwhile.
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int free;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getByName(options.host()))) {
                free = probe.getLocalPort();
            }
            try {
                return startOn(options, free);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static EmbeddedBroker startOn(Options options, int port) throws IOException {
        Path work = options.stateDirectory() != null
                ? Files.createDirectories(options.stateDirectory().resolve("moquette-broker"))
                : Files.createTempDirectory("twinstudio-mqtt-broker");
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, options.host());
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(options.user() == null));
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, work.toString() + "/");
        // Moquette reports usage to its authors unless told not to; a plant network must not see that.
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(options.maxPacketBytes()));
        // Moquette drops a publish (without acknowledging it) when a session loop's queue is full: leave room for
        // bursts such as a reconnect's flush of buffered writes.
        p.setProperty(IConfig.SESSION_QUEUE_SIZE, "8192");
        // Without this, a non-empty websocket_port default could open a second listener.
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        Server server = new Server();
        IAuthenticator authenticator = options.user() == null ? null : new SingleUser(options.user());
        try {
            List<InterceptHandler> handlers = options.publishListener() == null ? List.of()
                    : List.of(new PublishInterceptor(options.publishListener()));
            server.startServer(new MemoryConfig(p), handlers, null, authenticator, null);
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            deleteTree(work);
            throw new IOException("MQTT broker cannot listen on " + options.host() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        // Moquette binds on its event loop after startServer returns: wait until the port takes connections.
        boolean listening = accepts(options.host(), port);
        for (long deadline = System.nanoTime() + 5_000_000_000L; !listening && System.nanoTime() < deadline;) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            listening = accepts(options.host(), port);
        }
        if (!listening) {
            server.stopServer();
            deleteTree(work);
            throw new IOException("MQTT broker did not bind " + options.host() + ":" + port);
        }
        return new EmbeddedBroker(server, options.host(), port, work);
    }

    private static boolean accepts(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://host:port}, what clients connect to. */
    public String url() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Clients connected right now. */
    public int connectedClients() {
        return closed ? 0 : server.listConnectedClients().size();
    }

    Path workDirectory() {
        return workDirectory;
    }

    /** Disconnects every client, frees the port and removes the working directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stopServer();
        deleteTree(workDirectory);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the MQTT broker's directory " + root, e);
        }
    }

    /** Hands published messages on; the broker's interceptor thread calls it, one message at a time. */
    private static final class PublishInterceptor extends AbstractInterceptHandler {
        private final Consumer<Published> listener;

        PublishInterceptor(Consumer<Published> listener) {
            this.listener = listener;
        }

        @Override
        public String getID() {
            return "twinstudio-publish-listener";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] { InterceptPublishMessage.class };
        }

        @Override
        public void onPublish(InterceptPublishMessage message) {
            ByteBuf buf = message.getPayload();
            try {
                byte[] payload = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), payload);
                listener.accept(new Published(message.getClientID(), message.getTopicName(), payload));
            } catch (RuntimeException e) {
                // A failing listener must not disturb the broker.
            } finally {
                buf.release();
            }
        }

        @Override
        public void onSessionLoopError(Throwable error) {
        }
    }

    /** Accepts exactly one user; compares passwords in constant time. */
    private record SingleUser(UserPassword user) implements IAuthenticator {
        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            if (username == null || password == null) {
                return false;
            }
            byte[] expected = new String(user.password()).getBytes(StandardCharsets.UTF_8);
            return username.equals(user.user()) && MessageDigest.isEqual(expected, password);
        }
    }
}
