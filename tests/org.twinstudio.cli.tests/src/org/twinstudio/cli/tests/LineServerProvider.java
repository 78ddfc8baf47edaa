package org.twinstudio.cli.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;

/**
 * A real, tiny protocol server for testing the command line's plumbing: a plain TCP socket speaking lines.
 * {@code get PORT} answers the port's value, {@code time} the twin's time, {@code set PORT VALUE} writes an input
 * ({@code ok} or {@code error MESSAGE}), {@code index PORT} the port's index; PORT is {@code component.port} or
 * {@code #INDEX}. Registered by the tests under the protocol id {@link #PROTOCOL}.
 */
final class LineServerProvider implements TwinServerProvider {

    static final String PROTOCOL = "test-lines";

    /** Every server this provider started, open or closed. */
    final List<LineServer> servers = new CopyOnWriteArrayList<>();

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public TwinServer serve(TwinAccess twin, ServerOptions options) throws IOException {
        LineServer server = new LineServer(twin, new ServerSocket(options.port(), 8, InetAddress.getByName(options.host())));
        servers.add(server);
        return server;
    }

    static final class LineServer implements TwinServer {
        private final TwinAccess twin;
        private final ServerSocket socket;
        private final List<Socket> peers = new CopyOnWriteArrayList<>();
        private final Instant since = Instant.now();
        volatile boolean closed;

        LineServer(TwinAccess twin, ServerSocket socket) {
            this.twin = twin;
            this.socket = socket;
            Thread accept = new Thread(this::accept, "test-lines accept");
            accept.setDaemon(true);
            accept.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket peer = socket.accept();
                    peers.add(peer);
                    Thread t = new Thread(() -> talk(peer), "test-lines peer");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void talk(Socket peer) {
            try (peer;
                    BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(peer.getOutputStream(), true, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null;) {
                    out.println(answer(line.trim().split("\\s+")));
                }
            } catch (IOException e) {
                // the peer left
            } finally {
                peers.remove(peer);
            }
        }

        private String answer(String[] words) {
            try {
                if (words.length == 1 && words[0].equals("time")) {
                    return Double.toString(twin.time());
                }
                if (words.length == 2 && words[0].equals("index")) {
                    return Integer.toString(port(words[1]));
                }
                if (words.length == 2 && words[0].equals("get")) {
                    return Double.toString(twin.value(port(words[1])));
                }
                if (words.length == 3 && words[0].equals("set")) {
                    twin.setInput(port(words[1]), Double.parseDouble(words[2]));
                    return "ok";
                }
                return "error unknown request";
            } catch (IllegalArgumentException e) {
                return "error " + e.getMessage();
            }
        }

        private int port(String path) {
            if (path.startsWith("#")) {
                int n = Integer.parseInt(path.substring(1));
                if (n < 0 || n >= twin.ports().size()) {
                    throw new IllegalArgumentException("no port " + path);
                }
                return n;
            }
            OptionalInt i = twin.indexOf(path);
            if (i.isEmpty()) {
                throw new IllegalArgumentException("no port " + path);
            }
            return i.getAsInt();
        }

        @Override
        public String address() {
            return String.format(Locale.ROOT, "%s:%d", socket.getInetAddress().getHostAddress(), socket.getLocalPort());
        }

        @Override
        public EndpointStatus status() {
            return new EndpointStatus(PROTOCOL, PROTOCOL, address(), closed ? ConnectionState.STOPPED
                    : ConnectionState.CONNECTED, since, null, 0, peers.size());
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Socket p : peers) {
                try {
                    p.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
