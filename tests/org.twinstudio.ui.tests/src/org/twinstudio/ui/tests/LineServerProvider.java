package org.twinstudio.ui.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;

/**
 * A small real TCP server protocol for workbench tests ("lines"): a peer sends a port path per line and gets the
 * port's value of the last completed cycle back ({@code tank.level 0.8}), or {@code error ...} for an unknown path.
 * Peers are counted while connected. Stands for the protocol servers in tests of the Connections view without an
 * OPC UA, Modbus or MQTT server installed.
 */
final class LineServerProvider implements TwinServerProvider {

    static final String PROTOCOL = "lines";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public TwinServer serve(TwinAccess twin, ServerOptions options) throws IOException {
        return new LineServer(twin, options);
    }

    static final class LineServer implements TwinServer {
        private final TwinAccess twin;
        private final ServerSocket socket;
        private final Set<Socket> peers = ConcurrentHashMap.newKeySet();
        private final Instant since = Instant.now();
        private volatile boolean closed;
        private volatile String lastError;

        LineServer(TwinAccess twin, ServerOptions options) throws IOException {
            this.twin = twin;
            this.socket = new ServerSocket(options.port(), 50, InetAddress.getByName(options.host()));
            Thread accept = new Thread(this::accept, "lines server " + socket.getLocalPort());
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!closed) {
                try {
                    Socket peer = socket.accept();
                    peers.add(peer);
                    Thread t = new Thread(() -> serve(peer), "lines peer");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    if (!closed) {
                        lastError = e.getMessage();
                    }
                }
            }
        }

        private void serve(Socket peer) {
            try (peer; BufferedReader in = new BufferedReader(
                    new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(peer.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String path = line.trim();
                    OptionalInt index = twin.indexOf(path);
                    out.println(index.isPresent() ? path + " " + String.format(Locale.ROOT, "%s", twin.value(index.getAsInt()))
                            : "error no port '" + path + "'");
                }
            } catch (SocketException e) {
                // the peer left or the server closed
            } catch (IOException e) {
                lastError = e.getMessage();
            } finally {
                peers.remove(peer);
            }
        }

        @Override
        public String address() {
            return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        @Override
        public EndpointStatus status() {
            return new EndpointStatus(PROTOCOL, PROTOCOL, address(),
                    closed ? ConnectionState.STOPPED : ConnectionState.CONNECTED, since, lastError, 0, peers.size());
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                lastError = e.getMessage();
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
