package org.twinstudio.fmi.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The binary protocol between the importing JVM and an FMU host process, over a Unix-domain socket. A message is
 * a 4-byte length and its body, in native byte order (both ends are on one machine). A request body is an
 * operation code and its arguments; the host answers with any number of {@link #LOG} frames (forwarded as the
 * FMU logs, so they survive a crash), then one {@link #OK} frame with the results or one {@link #ERROR} frame.
 * Buffers are direct and reused: an exchange allocates nothing but the strings it carries.
 */
final class Wire {

    // Operations
    static final byte INSTANTIATE = 1, ENTER_INIT = 2, EXIT_INIT = 3, GET_REAL = 4, SET_REAL = 5, GET_INT = 6,
            SET_INT = 7, GET_BOOL = 8, SET_BOOL = 9, GET_STRING = 10, SET_STRING = 11, GET_FLOAT32 = 12,
            SET_FLOAT32 = 13, GET_INTEGERS = 14, SET_INTEGERS = 15, GET_BINARY = 16, SET_BINARY = 17,
            DO_STEP = 18, SET_TIME = 19, SET_STATES = 20, GET_STATES = 21, GET_DERIVATIVES = 22,
            GET_INDICATORS = 23, ENTER_EVENT = 24, NEW_DISCRETE = 25, ENTER_CONTINUOUS = 26, COMPLETED_STEP = 27,
            TERMINATE = 28, CLOSE = 29, PING = 30,
            /** doStep, then getReal of the given references; the answer carries the values or why they failed. */
            DO_STEP_GET = 31;
    // Answer frames
    static final byte LOG = 1, OK = 2, ERROR = 3;
    // Exception kinds carried by an ERROR frame
    static final byte FMU_EXCEPTION = 0, ILLEGAL_ARGUMENT = 1, ILLEGAL_STATE = 2;

    /**
     * How long a reader polls the socket before it blocks, from {@code -Dtwinstudio.fmi.spinMicros} (default 50; 0:
     * block at once). A blocked reader is woken by the kernel, which on a virtual machine whose other CPU idles costs
     * tens of µs; polling catches the answers to short calls and the next request of a stepping simulation at the
     * price of that much CPU per wait at most.
     */
    static final long SPIN_NANOS = Math.max(0, Long.getLong("twinstudio.fmi.spinMicros", 50)) * 1000;

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
    ByteBuffer out = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.nativeOrder());
    ByteBuffer in = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.nativeOrder());

    /** Over a connected socket, which this puts into non-blocking mode when polling is on. */
    Wire(SocketChannel channel) throws IOException {
        this.channel = channel;
        if (SPIN_NANOS > 0) {
            channel.configureBlocking(false);
        }
    }

    /** Starts a message (its length is filled in by {@link #send}). */
    Wire begin(byte code) {
        out.clear();
        out.putInt(0);
        out.put(code);
        return this;
    }

    private void room(int bytes) {
        if (out.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + bytes + 1024))
                    .order(ByteOrder.nativeOrder());
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    Wire putByte(int v) {
        room(1);
        out.put((byte) v);
        return this;
    }

    Wire putInt(int v) {
        room(4);
        out.putInt(v);
        return this;
    }

    Wire putLong(long v) {
        room(8);
        out.putLong(v);
        return this;
    }

    Wire putDouble(double v) {
        room(8);
        out.putDouble(v);
        return this;
    }

    Wire putFloat(float v) {
        room(4);
        out.putFloat(v);
        return this;
    }

    Wire putInts(int[] v) {
        room(4 + 4 * v.length);
        out.putInt(v.length);
        for (int x : v) {
            out.putInt(x);
        }
        return this;
    }

    Wire putDoubles(double[] v) {
        room(4 + 8 * v.length);
        out.putInt(v.length);
        for (double x : v) {
            out.putDouble(x);
        }
        return this;
    }

    Wire putBytes(byte[] v) {
        if (v == null) {
            return putInt(-1);
        }
        room(4 + v.length);
        out.putInt(v.length);
        out.put(v);
        return this;
    }

    Wire putString(String s) {
        return putBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the message begun with {@link #begin}. */
    void send() throws IOException {
        out.putInt(0, out.position() - 4);
        out.flip();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                Thread.onSpinWait(); // non-blocking and the socket's buffer is full: the reader is draining it
            }
        }
    }

    /** Reads the next message into {@link #in}; returns its first byte (operation or frame kind). */
    byte receive() throws IOException {
        header.clear();
        fill(header);
        int length = header.getInt(0);
        if (length < 1) {
            throw new IOException("corrupt message length " + length);
        }
        if (in.capacity() < length) {
            in = ByteBuffer.allocateDirect(Math.max(length, in.capacity() * 2)).order(ByteOrder.nativeOrder());
        }
        in.clear().limit(length);
        fill(in);
        in.flip();
        return in.get();
    }

    private void fill(ByteBuffer b) throws IOException {
        if (SPIN_NANOS > 0) {
            long deadline = 0;
            while (b.hasRemaining()) {
                int n = channel.read(b);
                if (n < 0) {
                    throw new EOFException("the other end closed the connection");
                }
                if (n == 0) {
                    long now = System.nanoTime();
                    if (deadline == 0) {
                        deadline = now + SPIN_NANOS;
                    } else if (now > deadline) {
                        break;
                    }
                    Thread.onSpinWait();
                }
            }
            if (!b.hasRemaining()) {
                return;
            }
            channel.configureBlocking(true);
            try {
                blockingFill(b);
            } finally {
                if (channel.isOpen()) {
                    channel.configureBlocking(false);
                }
            }
        } else {
            blockingFill(b);
        }
    }

    private void blockingFill(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("the other end closed the connection");
            }
        }
    }

    int getInt() {
        return in.getInt();
    }

    long getLong() {
        return in.getLong();
    }

    double getDouble() {
        return in.getDouble();
    }

    float getFloat() {
        return in.getFloat();
    }

    boolean getBoolean() {
        return in.get() != 0;
    }

    byte getByte() {
        return in.get();
    }

    int[] getInts() {
        int[] v = new int[in.getInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.getInt();
        }
        return v;
    }

    double[] getDoubles() {
        double[] v = new double[in.getInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.getDouble();
        }
        return v;
    }

    /** Reads doubles into an existing array (its length must match what was sent). */
    void getDoubles(double[] into) {
        int n = in.getInt();
        if (n != into.length) {
            throw new IllegalStateException(n + " values for " + into.length + " places");
        }
        for (int i = 0; i < n; i++) {
            into[i] = in.getDouble();
        }
    }

    byte[] getBytes() {
        int n = in.getInt();
        if (n < 0) {
            return null;
        }
        byte[] v = new byte[n];
        in.get(v);
        return v;
    }

    String getString() {
        byte[] b = getBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
