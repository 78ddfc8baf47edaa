package org.twinstudio.connect.modbus;

import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusValueType;

/**
 * Converts port values to Modbus registers or bits and back. Pure and thread-safe.
 * <p>
 * Engineering value and raw value are related by {@code value = raw * scale + offset} (read) and
 * {@code raw = (value - offset) / scale} (write). Integer types round the raw value to the nearest integer, halves
 * away from zero. A raw value that does not fit the type (for example 70000 as {@code uint16}, -1 as
 * {@code uint32}, 1e39 as {@code float32}) or is not finite is <b>refused</b> with a {@link ValueRangeException}
 * naming the value and the type's range: nothing is clamped or wrapped, so a plant never sees a value the twin did
 * not have.
 * <p>
 * Register layout: {@code int16}/{@code uint16} take 1 register, {@code int32}/{@code uint32}/{@code float32} 2
 * (IEEE 754 single for float32), {@code float64} 4 (IEEE 754 double). Bytes in a register are big-endian; the order
 * of the registers is the {@link WordOrder}. {@code bool} is one coil or discrete input: true is any value other
 * than 0, read back as 1 or 0; scale and offset do not apply to it.
 */
public final class ModbusCodec {

    private ModbusCodec() {
    }

    /** A value that cannot be represented in a Modbus type; the message says which value, type and range. */
    public static final class ValueRangeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ValueRangeException(String message) {
            super(message);
        }
    }

    /** Registers a value of this type occupies (1 for bool, which takes one bit). */
    public static int registerCount(ModbusValueType type) {
        return switch (type) {
            case INT16, UINT16, BOOL -> 1;
            case INT32, UINT32, FLOAT32 -> 2;
            case FLOAT64 -> 4;
        };
    }

    /** Coils and discrete inputs hold bits; holding and input registers hold 16-bit words. */
    public static boolean isBitTable(ModbusTable table) {
        return table == ModbusTable.COIL || table == ModbusTable.DISCRETE_INPUT;
    }

    /** Whether a peer may write the table (coils and holding registers). */
    public static boolean isWritableTable(ModbusTable table) {
        return table == ModbusTable.COIL || table == ModbusTable.HOLDING_REGISTER;
    }

    /** Whether the type may live in the table: bool only in bit tables, every other type only in register tables. */
    public static boolean fits(ModbusValueType type, ModbusTable table) {
        return (type == ModbusValueType.BOOL) == isBitTable(table);
    }

    /** The raw value range of an integer type as {@code {min, max}}; float types give their finite range. */
    public static double[] range(ModbusValueType type) {
        return switch (type) {
            case INT16 -> new double[] { Short.MIN_VALUE, Short.MAX_VALUE };
            case UINT16 -> new double[] { 0, 0xFFFF };
            case INT32 -> new double[] { Integer.MIN_VALUE, Integer.MAX_VALUE };
            case UINT32 -> new double[] { 0, 0xFFFF_FFFFL };
            case FLOAT32 -> new double[] { -Float.MAX_VALUE, Float.MAX_VALUE };
            case FLOAT64 -> new double[] { -Double.MAX_VALUE, Double.MAX_VALUE };
            case BOOL -> new double[] { 0, 1 };
        };
    }

    /**
     * The registers (each 0..65535) for {@code value} of a register type, {@code raw = (value - offset) / scale}.
     *
     * @throws ValueRangeException      if the value is not finite or the raw value does not fit the type
     * @throws IllegalArgumentException for {@code bool} (a bit, see {@link #encodeBit}) or {@code scale == 0}
     */
    public static int[] encode(ModbusValueType type, WordOrder order, double scale, double offset, double value) {
        if (type == ModbusValueType.BOOL) {
            throw new IllegalArgumentException("bool is a single bit, not a register value");
        }
        checkScale(scale);
        if (!Double.isFinite(value)) {
            throw new ValueRangeException("value " + value + " is not a finite number and cannot be sent as " + name(type));
        }
        double raw = (value - offset) / scale;
        return switch (type) {
            case INT16, UINT16 -> new int[] { (int) checkedInteger(type, raw, value) & 0xFFFF };
            case INT32, UINT32 -> words(order, checkedInteger(type, raw, value), 2);
            case FLOAT32 -> {
                if (!Double.isFinite(raw) || Math.abs(raw) > Float.MAX_VALUE) {
                    throw outOfRange(type, raw, value);
                }
                yield words(order, Float.floatToRawIntBits((float) raw) & 0xFFFF_FFFFL, 2);
            }
            case FLOAT64 -> {
                if (!Double.isFinite(raw)) {
                    throw outOfRange(type, raw, value);
                }
                yield words(order, Double.doubleToRawLongBits(raw), 4);
            }
            case BOOL -> throw new AssertionError();
        };
    }

    /**
     * The port value for registers read from a device, {@code value = raw * scale + offset}. Only the first
     * {@link #registerCount} entries of {@code registers} starting at {@code from} are used; each is taken modulo
     * 65536.
     *
     * @throws ValueRangeException if a float register pair or quadruple holds NaN or an infinity
     */
    public static double decode(ModbusValueType type, WordOrder order, double scale, double offset, int[] registers,
            int from) {
        if (type == ModbusValueType.BOOL) {
            throw new IllegalArgumentException("bool is a single bit, not a register value");
        }
        checkScale(scale);
        double raw = switch (type) {
            case INT16 -> (short) registers[from];
            case UINT16 -> registers[from] & 0xFFFF;
            case INT32 -> (int) join(order, registers, from, 2);
            case UINT32 -> join(order, registers, from, 2) & 0xFFFF_FFFFL;
            case FLOAT32 -> Float.intBitsToFloat((int) join(order, registers, from, 2));
            case FLOAT64 -> Double.longBitsToDouble(join(order, registers, from, 4));
            case BOOL -> throw new AssertionError();
        };
        if (!Double.isFinite(raw)) {
            throw new ValueRangeException("registers hold " + raw + " as " + name(type) + ", not a finite number");
        }
        return raw * scale + offset;
    }

    /** A bit for a port value: NaN is refused, 0 is false, anything else true. */
    public static boolean encodeBit(double value) {
        if (Double.isNaN(value)) {
            throw new ValueRangeException("value NaN cannot be sent as bool");
        }
        return value != 0;
    }

    public static double decodeBit(boolean bit) {
        return bit ? 1 : 0;
    }

    /** The type's name as the model spells it. */
    public static String name(ModbusValueType type) {
        return type.getLiteral();
    }

    private static void checkScale(double scale) {
        if (scale == 0 || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number other than 0, got " + scale);
        }
    }

    private static long checkedInteger(ModbusValueType type, double raw, double value) {
        double rounded = Math.signum(raw) * Math.floor(Math.abs(raw) + 0.5);
        double[] range = range(type);
        if (!(rounded >= range[0] && rounded <= range[1])) {
            throw outOfRange(type, raw, value);
        }
        return (long) rounded;
    }

    private static ValueRangeException outOfRange(ModbusValueType type, double raw, double value) {
        double[] range = range(type);
        String scaled = raw == value ? "" : " (raw " + raw + " after scale and offset)";
        return new ValueRangeException("value " + value + scaled + " does not fit " + name(type) + " ("
                + format(range[0]) + " .. " + format(range[1]) + "); refused, not clamped");
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Splits the low {@code count * 16} bits of {@code bits} into registers in word order. */
    private static int[] words(WordOrder order, long bits, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int shift = 16 * (count - 1 - i); // most significant first
            int word = (int) (bits >>> shift) & 0xFFFF;
            out[order == WordOrder.BIG_ENDIAN ? i : count - 1 - i] = word;
        }
        return out;
    }

    private static long join(WordOrder order, int[] registers, int from, int count) {
        long bits = 0;
        for (int i = 0; i < count; i++) {
            int word = registers[from + (order == WordOrder.BIG_ENDIAN ? i : count - 1 - i)] & 0xFFFF;
            bits = (bits << 16) | word;
        }
        return bits;
    }
}
