package org.twinstudio.connect.modbus.tests;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/** A raw Modbus TCP client for tests: frames built by hand, answers returned as PDUs. */
final class Frames implements AutoCloseable {

    final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int transaction = 1;

    Frames(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends {@code pdu} to unit 1 and returns the answer's PDU; checks the echoed MBAP header. */
    byte[] request(int... pdu) throws IOException {
        return requestUnit(1, pdu);
    }

    byte[] requestUnit(int unit, int... pdu) throws IOException {
        int tid = transaction++;
        byte[] frame = new byte[7 + pdu.length];
        frame[0] = (byte) (tid >>> 8);
        frame[1] = (byte) tid;
        frame[4] = (byte) ((pdu.length + 1) >>> 8);
        frame[5] = (byte) (pdu.length + 1);
        frame[6] = (byte) unit;
        for (int i = 0; i < pdu.length; i++) {
            frame[7 + i] = (byte) pdu[i];
        }
        out.write(frame);
        out.flush();
        byte[] header = new byte[7];
        in.readFully(header);
        int answeredTid = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
        int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        if (answeredTid != tid || header[2] != 0 || header[3] != 0 || (header[6] & 0xFF) != unit) {
            throw new IOException("bad MBAP header " + Arrays.toString(header));
        }
        byte[] answer = new byte[length - 1];
        in.readFully(answer);
        return answer;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** True if the peer closed the connection (end of stream or reset) within the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            InputStream raw = socket.getInputStream();
            return raw.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /** The 16-bit words of a read-registers answer. */
    static int[] words(byte[] answer) {
        int n = (answer[1] & 0xFF) / 2;
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = ((answer[2 + 2 * i] & 0xFF) << 8) | (answer[3 + 2 * i] & 0xFF);
        }
        return words;
    }

    /** PDU bytes for a write-multiple-registers request. */
    static int[] writeRegisters(int start, int... words) {
        int[] pdu = new int[6 + 2 * words.length];
        pdu[0] = 0x10;
        pdu[1] = start >>> 8;
        pdu[2] = start & 0xFF;
        pdu[3] = 0;
        pdu[4] = words.length;
        pdu[5] = 2 * words.length;
        for (int i = 0; i < words.length; i++) {
            pdu[6 + 2 * i] = words[i] >>> 8;
            pdu[7 + 2 * i] = words[i] & 0xFF;
        }
        return pdu;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
