package org.twinstudio.connect.modbus.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.modbus.ModbusCodec;
import org.twinstudio.connect.modbus.ModbusCodec.ValueRangeException;
import org.twinstudio.connect.modbus.ModbusMap;
import org.twinstudio.connect.modbus.ModbusPoint;
import org.twinstudio.connect.modbus.WordOrder;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusValueType;

/**
 * The slave's process image and its answers to Modbus request PDUs (function code and data, without the MBAP
 * header). Thread-safe: one lock guards the image, held only for copying.
 * <p>
 * The image holds each mapped port's raw registers or bit as of the last completed cycle ({@link #refresh}); a
 * write changes the image at once and sets the input through {@link TwinAccess#setInput}, which the twin applies
 * before its next step. A write to part of a multi-register value combines the written words with the others as
 * the image holds them.
 * <p>
 * Function codes 1, 2, 3, 4, 5, 6, 15 and 16. Checks in the order of the Modbus specification: an unknown
 * function code gives exception 01 (illegal function); a quantity outside the function's limit (reads 1..2000
 * bits or 1..125 registers, writes 1..1968 bits or 1..123 registers), a byte count that disagrees with the
 * quantity, a PDU of the wrong length, a coil value other than 0xFF00/0x0000, a written value that decodes to NaN
 * or infinity or lies outside the port's declared range give 03 (illegal data value); an address range that leaves
 * 0..65535, touches an unmapped address, or writes a read-only point gives 02 (illegal data address); a value that
 * cannot be encoded for reading (e.g. 70000 as uint16) or an input the twin refuses gives 04 (server device
 * failure). A refused request changes nothing.
 */
public final class SlaveImage {

    public static final int ILLEGAL_FUNCTION = 1;
    public static final int ILLEGAL_DATA_ADDRESS = 2;
    public static final int ILLEGAL_DATA_VALUE = 3;
    public static final int SERVER_DEVICE_FAILURE = 4;

    private final TwinAccess twin;
    private final ModbusMap map;
    private final WordOrder order;
    private final Map<ModbusTable, int[]> words = new EnumMap<>(ModbusTable.class);
    /** Per point: the last refresh could not encode its value (reads of it answer 04). */
    private final String[] faults;
    private final List<PortInfo> ports;
    private volatile String lastError;

    public SlaveImage(TwinAccess twin, ModbusMap map, WordOrder order) {
        this.twin = twin;
        this.map = map;
        this.order = order;
        this.ports = twin.ports();
        for (ModbusTable t : ModbusTable.values()) {
            words.put(t, new int[0x10000]);
        }
        this.faults = new String[map.points().size()];
        refresh();
    }

    /** Copies every mapped port's value of the last completed cycle into the image. */
    public void refresh() {
        List<ModbusPoint> points = map.points();
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = twin.value(points.get(i).port());
        }
        synchronized (this) {
            for (int i = 0; i < values.length; i++) {
                ModbusPoint p = points.get(i);
                int[] table = words.get(p.table());
                try {
                    if (p.type() == ModbusValueType.BOOL) {
                        table[p.address()] = ModbusCodec.encodeBit(values[i]) ? 1 : 0;
                    } else {
                        int[] raw = ModbusCodec.encode(p.type(), order, p.scale(), p.offset(), values[i]);
                        System.arraycopy(raw, 0, table, p.address(), raw.length);
                    }
                    faults[i] = null;
                } catch (IllegalArgumentException e) {
                    faults[i] = p.path() + ": " + e.getMessage();
                    lastError = faults[i];
                }
            }
        }
    }

    public String lastError() {
        return lastError;
    }

    /** The response PDU to a request PDU; exception responses for every refusal. Never throws. */
    public byte[] handle(byte[] pdu) {
        if (pdu.length == 0) {
            return exception(0, ILLEGAL_FUNCTION);
        }
        int function = pdu[0] & 0xFF;
        try {
            return switch (function) {
                case 0x01 -> readBits(pdu, ModbusTable.COIL);
                case 0x02 -> readBits(pdu, ModbusTable.DISCRETE_INPUT);
                case 0x03 -> readRegisters(pdu, ModbusTable.HOLDING_REGISTER);
                case 0x04 -> readRegisters(pdu, ModbusTable.INPUT_REGISTER);
                case 0x05 -> writeCoil(pdu);
                case 0x06 -> writeRegister(pdu);
                case 0x0F -> writeCoils(pdu);
                case 0x10 -> writeRegisters(pdu);
                default -> exception(function, ILLEGAL_FUNCTION);
            };
        } catch (Refusal r) {
            return exception(function, r.code);
        }
    }

    private byte[] readBits(byte[] pdu, ModbusTable table) {
        requireLength(pdu, 5);
        int start = u16(pdu, 1);
        int quantity = u16(pdu, 3);
        requireQuantity(quantity, 2000);
        requireMapped(table, start, quantity, false);
        byte[] out = new byte[2 + (quantity + 7) / 8];
        out[0] = pdu[0];
        out[1] = (byte) (out.length - 2);
        synchronized (this) {
            requireEncoded(table, start, quantity);
            int[] bits = words.get(table);
            for (int i = 0; i < quantity; i++) {
                if (bits[start + i] != 0) {
                    out[2 + i / 8] |= (byte) (1 << (i % 8));
                }
            }
        }
        return out;
    }

    private byte[] readRegisters(byte[] pdu, ModbusTable table) {
        requireLength(pdu, 5);
        int start = u16(pdu, 1);
        int quantity = u16(pdu, 3);
        requireQuantity(quantity, 125);
        requireMapped(table, start, quantity, false);
        byte[] out = new byte[2 + 2 * quantity];
        out[0] = pdu[0];
        out[1] = (byte) (2 * quantity);
        synchronized (this) {
            requireEncoded(table, start, quantity);
            int[] regs = words.get(table);
            for (int i = 0; i < quantity; i++) {
                out[2 + 2 * i] = (byte) (regs[start + i] >>> 8);
                out[3 + 2 * i] = (byte) regs[start + i];
            }
        }
        return out;
    }

    private byte[] writeCoil(byte[] pdu) {
        requireLength(pdu, 5);
        int address = u16(pdu, 1);
        int value = u16(pdu, 3);
        if (value != 0xFF00 && value != 0x0000) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
        requireMapped(ModbusTable.COIL, address, 1, true);
        writeBitsChecked(address, new boolean[] { value == 0xFF00 });
        return pdu.clone();
    }

    private byte[] writeCoils(byte[] pdu) {
        if (pdu.length < 6) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
        int start = u16(pdu, 1);
        int quantity = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        requireQuantity(quantity, 1968);
        if (byteCount != (quantity + 7) / 8 || pdu.length != 6 + byteCount) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
        requireMapped(ModbusTable.COIL, start, quantity, true);
        boolean[] bits = new boolean[quantity];
        for (int i = 0; i < quantity; i++) {
            bits[i] = (pdu[6 + i / 8] & (1 << (i % 8))) != 0;
        }
        writeBitsChecked(start, bits);
        return new byte[] { pdu[0], pdu[1], pdu[2], pdu[3], pdu[4] };
    }

    private byte[] writeRegister(byte[] pdu) {
        requireLength(pdu, 5);
        int address = u16(pdu, 1);
        requireMapped(ModbusTable.HOLDING_REGISTER, address, 1, true);
        writeRegistersChecked(address, new int[] { u16(pdu, 3) });
        return pdu.clone();
    }

    private byte[] writeRegisters(byte[] pdu) {
        if (pdu.length < 6) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
        int start = u16(pdu, 1);
        int quantity = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        requireQuantity(quantity, 123);
        if (byteCount != 2 * quantity || pdu.length != 6 + byteCount) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
        requireMapped(ModbusTable.HOLDING_REGISTER, start, quantity, true);
        int[] values = new int[quantity];
        for (int i = 0; i < quantity; i++) {
            values[i] = u16(pdu, 6 + 2 * i);
        }
        writeRegistersChecked(start, values);
        return new byte[] { pdu[0], pdu[1], pdu[2], pdu[3], pdu[4] };
    }

    /** Decodes every touched point with the written words laid over the image; applies only if all are valid. */
    private void writeRegistersChecked(int start, int[] values) {
        synchronized (this) {
            int[] regs = words.get(ModbusTable.HOLDING_REGISTER);
            int end = start + values.length - 1;
            int first = map.pointAt(ModbusTable.HOLDING_REGISTER, start);
            int last = map.pointAt(ModbusTable.HOLDING_REGISTER, end);
            int lo = map.points().get(first).address();
            int hi = map.points().get(last).lastAddress();
            int[] merged = java.util.Arrays.copyOfRange(regs, lo, hi + 1);
            System.arraycopy(values, 0, merged, start - lo, values.length);
            int[] touched = touchedPoints(ModbusTable.HOLDING_REGISTER, start, end);
            double[] decoded = new double[touched.length];
            for (int k = 0; k < touched.length; k++) {
                ModbusPoint p = map.points().get(touched[k]);
                try {
                    decoded[k] = ModbusCodec.decode(p.type(), order, p.scale(), p.offset(), merged, p.address() - lo);
                } catch (ValueRangeException e) {
                    lastError = p.path() + ": " + e.getMessage();
                    throw new Refusal(ILLEGAL_DATA_VALUE);
                }
                requireInRange(p, decoded[k]);
            }
            apply(touched, decoded);
            System.arraycopy(merged, 0, regs, lo, merged.length);
        }
    }

    private void writeBitsChecked(int start, boolean[] bits) {
        synchronized (this) {
            int[] touched = touchedPoints(ModbusTable.COIL, start, start + bits.length - 1);
            double[] decoded = new double[touched.length];
            for (int k = 0; k < touched.length; k++) {
                decoded[k] = ModbusCodec.decodeBit(bits[map.points().get(touched[k]).address() - start]);
            }
            apply(touched, decoded);
            int[] coils = words.get(ModbusTable.COIL);
            for (int i = 0; i < bits.length; i++) {
                coils[start + i] = bits[i] ? 1 : 0;
            }
        }
    }

    private void apply(int[] touched, double[] decoded) {
        for (int k = 0; k < touched.length; k++) {
            ModbusPoint p = map.points().get(touched[k]);
            try {
                twin.setInput(p.port(), decoded[k]);
            } catch (IllegalArgumentException | IllegalStateException e) {
                lastError = p.path() + ": " + e.getMessage();
                throw new Refusal(SERVER_DEVICE_FAILURE);
            }
        }
    }

    private void requireInRange(ModbusPoint p, double value) {
        PortInfo port = ports.get(p.port());
        if (port.hasRange() && (value < port.min() || value > port.max())) {
            lastError = p.path() + ": written value " + value + " is outside " + port.min() + " .. " + port.max();
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
    }

    private int[] touchedPoints(ModbusTable table, int start, int end) {
        return java.util.stream.IntStream.rangeClosed(start, end).map(a -> map.pointAt(table, a)).distinct()
                .toArray();
    }

    private void requireMapped(ModbusTable table, int start, int quantity, boolean write) {
        if (start + quantity - 1 > 0xFFFF) {
            throw new Refusal(ILLEGAL_DATA_ADDRESS);
        }
        for (int a = start; a < start + quantity; a++) {
            int point = map.pointAt(table, a);
            if (point < 0 || (write && !map.points().get(point).writable())) {
                throw new Refusal(ILLEGAL_DATA_ADDRESS);
            }
        }
    }

    private void requireEncoded(ModbusTable table, int start, int quantity) {
        for (int a = start; a < start + quantity; a++) {
            if (faults[map.pointAt(table, a)] != null) {
                throw new Refusal(SERVER_DEVICE_FAILURE);
            }
        }
    }

    private static void requireLength(byte[] pdu, int length) {
        if (pdu.length != length) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
    }

    private static void requireQuantity(int quantity, int max) {
        if (quantity < 1 || quantity > max) {
            throw new Refusal(ILLEGAL_DATA_VALUE);
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static byte[] exception(int function, int code) {
        return new byte[] { (byte) (function | 0x80), (byte) code };
    }

    /** A request refused with a Modbus exception code. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Refusal(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
