package org.twinstudio.fmi;

import java.math.BigInteger;

/**
 * The exact C type a variable is exchanged as. FMI 2.0: Real = {@link #FLOAT64}, Integer and Enumeration =
 * {@link #INT32}; FMI 3.0: each element has its own type, an Enumeration is exchanged as {@link #INT64}. Integer
 * types know their range, so narrowing a value (a port's double, a parameter's text) can be checked before it is
 * sent; unsigned 64-bit values travel in a {@code long} as their bit pattern.
 */
public enum ScalarType {
    FLOAT64("Float64", 8), FLOAT32("Float32", 4),
    INT8("Int8", 1), UINT8("UInt8", 1), INT16("Int16", 2), UINT16("UInt16", 2), INT32("Int32", 4),
    UINT32("UInt32", 4), INT64("Int64", 8), UINT64("UInt64", 8),
    BOOLEAN("Boolean", 1), STRING("String", 0), BINARY("Binary", 0), CLOCK("Clock", 1);

    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final String fmi3Name;
    private final int bytes;

    ScalarType(String fmi3Name, int bytes) {
        this.fmi3Name = fmi3Name;
        this.bytes = bytes;
    }

    /** The FMI 3.0 name, also the middle of its functions (fmi3GetUInt8, ...). */
    public String fmi3Name() {
        return fmi3Name;
    }

    /** Bytes of one value in C (0 for strings and binaries, which are passed by pointer). */
    public int bytes() {
        return bytes;
    }

    public boolean isInteger() {
        return ordinal() >= INT8.ordinal() && ordinal() <= UINT64.ordinal();
    }

    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** The smallest value of an integer type. */
    public double min() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    /** The largest value of an integer type (for UInt64 2^64 − 1, rounded to a double: 2^64). */
    public double max() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 0xFF;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xFFFF;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> 18446744073709551615.0;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    /** The range as text, e.g. {@code [0, 255]}. */
    public String range() {
        return switch (this) {
            case INT64 -> "[" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]";
            case UINT64 -> "[0, 18446744073709551615]";
            default -> "[" + (long) min() + ", " + (long) max() + "]";
        };
    }

    /**
     * A signal value (a double) as this integer type: it must be a whole number (within 1e-9, so that a value
     * computed as 2.9999999999 passes) inside the range, else an {@link IllegalArgumentException} saying why.
     * Unsigned 64-bit values above 2^63 come back as their bit pattern.
     */
    public long fromDouble(double value) {
        double rounded = Math.rint(value);
        if (Double.isNaN(value) || Math.abs(value - rounded) > 1e-9) {
            throw new IllegalArgumentException(value + " is not a whole number (" + fmi3Name + ")");
        }
        if (rounded < min() || rounded > max() || (this == INT64 && rounded >= 0x1p63)
                || (this == UINT64 && rounded >= 0x1p64)) {
            throw new IllegalArgumentException(format(value) + " is out of the range of " + fmi3Name + " " + range());
        }
        if (this == UINT64 && rounded >= 0x1p63) {
            return new BigInteger(String.format("%.0f", rounded)).longValue();
        }
        return (long) rounded;
    }

    /** A value of this integer type as a signal value (UInt64 bit patterns read as unsigned). */
    public double toDouble(long value) {
        if (this == UINT64 && value < 0) {
            return (double) (value >>> 1) * 2.0 + (value & 1);
        }
        return value;
    }

    /** Parses a parameter's text as this integer type (decimal), checking the range. */
    public long parse(String text) {
        BigInteger v;
        try {
            v = new BigInteger(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number (" + fmi3Name + ")");
        }
        BigInteger lo = this == UINT64 ? BigInteger.ZERO
                : this == INT64 ? BigInteger.valueOf(Long.MIN_VALUE) : BigInteger.valueOf((long) min());
        BigInteger hi = this == UINT64 ? UINT64_LIMIT.subtract(BigInteger.ONE)
                : this == INT64 ? BigInteger.valueOf(Long.MAX_VALUE) : BigInteger.valueOf((long) max());
        if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
            throw new IllegalArgumentException(text.trim() + " is out of the range of " + fmi3Name + " " + range());
        }
        return v.longValue();
    }

    /** A value of this integer type as decimal text (UInt64 unsigned). */
    public String toString(long value) {
        return this == UINT64 ? Long.toUnsignedString(value) : Long.toString(value);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The type a variable is exchanged as, from its version and element name; null for what is not a scalar
     * (FMI 3.0 arrays, whose type name ends in {@code []}).
     */
    public static ScalarType of(FmiVersion version, Variable v) {
        String name = v.typeName();
        if (version == FmiVersion.FMI2) {
            return switch (name) {
                case "Real" -> FLOAT64;
                case "Integer", "Enumeration" -> INT32;
                case "Boolean" -> BOOLEAN;
                default -> STRING;
            };
        }
        if (name.equals("Enumeration")) {
            return INT64;
        }
        for (ScalarType t : values()) {
            if (t.fmi3Name.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
