package org.twinstudio.connect.modbus;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.modbus.internal.SlaveImage;

/**
 * A running twin as a Modbus TCP slave. Each connection has its own thread reading MBAP frames (transaction id,
 * protocol id 0, length = unit id + PDU, 2..254) and answering them in order from a {@link SlaveImage} that the
 * twin's {@link CycleListener} refreshes after every cycle.
 * <p>
 * A frame that cannot be a Modbus TCP frame (protocol id other than 0, length outside 2..254, a frame not complete
 * within {@code frameTimeoutMs}) closes that connection only, since the byte stream cannot be resynchronised;
 * well-formed frames with bad content get exception responses. Other connections and the listener carry on.
 */
public final class ModbusServer implements TwinServer {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusServer.class);

    /** The settings a {@link org.twinstudio.connect.ServerOptions} may carry, with their defaults. */
    public record Settings(WordOrder wordOrder, int unitId, int maxConnections, int frameTimeoutMs) {
        public static final Settings DEFAULT = new Settings(WordOrder.BIG_ENDIAN, -1, 64, 1000);
    }

    private final TwinAccess twin;
    private final ModbusMap map;
    private final Settings settings;
    private final SlaveImage image;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CycleListener refresher;
    private final Instant since = Instant.now();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile String lastError;
    private volatile boolean closed;

    /**
     * Listens on {@code host:port} (0 picks a free port) and serves {@code map}; returns once peers can connect.
     */
    public ModbusServer(TwinAccess twin, ModbusMap map, String host, int port, Settings settings) throws IOException {
        this.twin = twin;
        this.map = map;
        this.settings = settings;
        this.image = new SlaveImage(twin, map, settings.wordOrder());
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
        this.refresher = (cycle, time) -> image.refresh();
        twin.addCycleListener(refresher);
        this.acceptor = Thread.ofPlatform().daemon().name("modbus-slave-accept-" + port()).start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public ModbusMap map() {
        return map;
    }

    /** Requests answered (exception responses included) and connections closed for malformed frames. */
    public long requestsServed() {
        return requests.get();
    }

    public long malformedFrames() {
        return malformed.get();
    }

    @Override
    public String address() {
        return listener.getInetAddress().getHostAddress() + ":" + port();
    }

    @Override
    public EndpointStatus status() {
        String error = lastError != null ? lastError : image.lastError();
        return new EndpointStatus("modbus", "modbus", address(), closed ? ConnectionState.STOPPED
                : ConnectionState.CONNECTED, since, error, 0, connections.size());
    }

    @Override
    public void close() {
        closed = true;
        twin.removeCycleListener(refresher);
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the Modbus listener", e);
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    lastError = "accept failed: " + e.getMessage();
                    LOG.warn("Modbus slave on {}: {}", address(), lastError);
                    // e.g. out of file descriptors: give connections time to close instead of spinning
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
                }
                continue;
            }
            if (connections.size() >= settings.maxConnections()) {
                lastError = "refused a connection from " + socket.getRemoteSocketAddress() + ": "
                        + settings.maxConnections() + " connections open";
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("modbus-slave-" + socket.getRemoteSocketAddress()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            byte[] header = new byte[7];
            while (!closed) {
                socket.setSoTimeout(0); // idle peers may wait as long as they like between requests
                int first = in.read();
                if (first < 0) {
                    return;
                }
                header[0] = (byte) first;
                socket.setSoTimeout(settings.frameTimeoutMs());
                readFully(in, header, 1, 6);
                int transaction = u16(header, 0);
                int protocol = u16(header, 2);
                int length = u16(header, 4);
                int unit = header[6] & 0xFF;
                if (protocol != 0 || length < 2 || length > 254) {
                    dropMalformed(socket, "protocol id " + protocol + ", length " + length);
                    return;
                }
                byte[] pdu = new byte[length - 1];
                readFully(in, pdu, 0, pdu.length);
                byte[] response;
                if (settings.unitId() >= 0 && unit != settings.unitId()) {
                    // gateway target device failed to respond: this slave is not that unit
                    response = new byte[] { (byte) ((pdu[0] & 0xFF) | 0x80), 0x0B };
                } else {
                    response = image.handle(pdu);
                }
                requests.incrementAndGet();
                out.write(new byte[] { (byte) (transaction >>> 8), (byte) transaction, 0, 0,
                        (byte) ((response.length + 1) >>> 8), (byte) (response.length + 1), (byte) unit });
                out.write(response);
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            dropMalformed(socket, "frame incomplete after " + settings.frameTimeoutMs() + " ms");
        } catch (EOFException e) {
            dropMalformed(socket, "connection ended inside a frame");
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("Modbus connection {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
            }
        } finally {
            // closed here, after any count above, so a peer that sees the close also sees the count
            closeQuietly(socket);
            connections.remove(socket);
        }
    }

    private void dropMalformed(Socket socket, String why) {
        malformed.incrementAndGet();
        lastError = "closed connection from " + socket.getRemoteSocketAddress() + ": malformed frame (" + why + ")";
        LOG.debug(lastError);
        closeQuietly(socket);
    }

    private static void readFully(InputStream in, byte[] buffer, int from, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = in.read(buffer, from + done, count - done);
            if (n < 0) {
                throw new EOFException();
            }
            done += n;
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
