package org.twinstudio.fmi.internal;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Expands a C printf format with the variadic arguments of an FMI 2.0 logger call.
 * <p>
 * Java cannot declare a variadic upcall. On x86-64 System V the fixed arguments of the logger occupy five integer
 * registers, so its variadic arguments lie in r9 and then on the stack (integers and pointers) and in xmm0–xmm7 and
 * then on the stack (doubles), stack slots shared in argument order. The upcall is therefore declared with those
 * registers and eight stack slots as extra parameters; this class consumes them as the format asks. Supported:
 * {@code d i u x X o c s p f F e E g G %} with flags, width, precision ({@code *} too) and the length modifiers
 * {@code hh h l ll z j t}. Formatting stops (the rest is left as written) at {@code long double}, {@code %n}, an
 * unknown conversion, or when the registers and slots run out. On other platforms the message stays unexpanded.
 */
public final class CFormat {

    /** Where the variadic arguments come from. */
    public static final class Args {
        private final long[] integers;
        private final double[] doubles;
        private final long[] stack;
        private int nextInteger;
        private int nextDouble;
        private int nextStack;

        public Args(long[] integerRegisters, double[] doubleRegisters, long[] stackSlots) {
            this.integers = integerRegisters;
            this.doubles = doubleRegisters;
            this.stack = stackSlots;
        }

        long integer() {
            if (nextInteger < integers.length) {
                return integers[nextInteger++];
            }
            return slot();
        }

        double real() {
            if (nextDouble < doubles.length) {
                return doubles[nextDouble++];
            }
            return Double.longBitsToDouble(slot());
        }

        private long slot() {
            if (nextStack >= stack.length) {
                throw new IndexOutOfBoundsException();
            }
            return stack[nextStack++];
        }
    }

    private static final int MAX_STRING = 4096;

    private CFormat() {
    }

    public static String format(String fmt, Args args) {
        StringBuilder out = new StringBuilder(fmt.length() + 32);
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            if (i < n && fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            try {
                StringBuilder spec = new StringBuilder("%");
                while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                    spec.append(fmt.charAt(i++));
                }
                if (i < n && fmt.charAt(i) == '*') {
                    spec.append((int) args.integer());
                    i++;
                } else {
                    while (i < n && Character.isDigit(fmt.charAt(i))) {
                        spec.append(fmt.charAt(i++));
                    }
                }
                String precision = "";
                if (i < n && fmt.charAt(i) == '.') {
                    i++;
                    int p = 0;
                    if (i < n && fmt.charAt(i) == '*') {
                        p = Math.max(0, (int) args.integer());
                        i++;
                    } else {
                        while (i < n && Character.isDigit(fmt.charAt(i))) {
                            p = p * 10 + (fmt.charAt(i++) - '0');
                        }
                    }
                    precision = "." + p;
                }
                int lengthStart = i;
                while (i < n && "hlzjtL".indexOf(fmt.charAt(i)) >= 0) {
                    i++;
                }
                String length = fmt.substring(lengthStart, i);
                if (length.contains("L")) {
                    return out.append(fmt, start, n).toString();
                }
                int bits = length.isEmpty() ? 32 : length.equals("hh") ? 8 : length.equals("h") ? 16 : 64;
                if (i >= n) {
                    return out.append(fmt, start, n).toString();
                }
                char conv = fmt.charAt(i++);
                String flagsWidth = spec.toString().replace("#", conv == 'x' || conv == 'X' || conv == 'o' ? "#" : "");
                switch (conv) {
                    case 'd', 'i' -> out.append(String.format(Locale.ROOT, flagsWidth + "d", signed(args.integer(), bits)));
                    case 'u' -> out.append(String.format(Locale.ROOT, flagsWidth.replace("+", "").replace(" ", "") + "d",
                            unsigned(args.integer(), bits)));
                    case 'x', 'X', 'o' -> out.append(String.format(Locale.ROOT, flagsWidth.replace("+", "").replace(" ", "")
                            + conv, unsigned(args.integer(), bits)));
                    case 'c' -> out.append((char) (args.integer() & 0xFF));
                    case 'p' -> out.append("0x").append(Long.toHexString(args.integer()));
                    case 's' -> {
                        String s = string(args.integer());
                        if (!precision.isEmpty()) {
                            s = s.substring(0, Math.min(s.length(), Integer.parseInt(precision.substring(1))));
                        }
                        out.append(String.format(Locale.ROOT, flagsWidth.replace("0", "") + "s", s));
                    }
                    case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                        double v = args.real();
                        char j = conv == 'F' ? 'f' : conv;
                        if (Double.isNaN(v) || Double.isInfinite(v)) {
                            out.append(Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
                        } else if (j == 'g' || j == 'G') {
                            out.append(pad(general(v, precision.isEmpty() ? 6 : Integer.parseInt(precision.substring(1)),
                                    flagsWidth.contains("#"), flagsWidth.contains("+"), j == 'G'), flagsWidth));
                        } else {
                            out.append(String.format(Locale.ROOT, flagsWidth + precision + j, v));
                        }
                    }
                    default -> {
                        return out.append(fmt, start, n).toString();
                    }
                }
            } catch (RuntimeException e) {
                // out of arguments or an odd format: keep the rest as the FMU wrote it
                return out.append(fmt, start, n).toString();
            }
        }
        return out.toString();
    }

    /** C's %g: %e or %f by the decimal exponent, trailing zeros removed unless '#'. */
    static String general(double v, int precision, boolean keepZeros, boolean plus, boolean upper) {
        int p = precision == 0 ? 1 : precision;
        String e = String.format(Locale.ROOT, "%." + (p - 1) + "e", v);
        int x = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        String s;
        if (p > x && x >= -4) {
            s = String.format(Locale.ROOT, "%." + (p - 1 - x) + "f", v);
            if (!keepZeros && s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
        } else {
            String mantissa = e.substring(0, e.indexOf('e'));
            if (!keepZeros && mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            s = mantissa + e.substring(e.indexOf('e'));
        }
        if (plus && v >= 0) {
            s = "+" + s;
        }
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** Applies the width and the '-' / '0' flags of a spec such as "%-8" to formatted text. */
    private static String pad(String s, String flagsWidth) {
        String digits = flagsWidth.replaceAll("[^0-9]", "");
        boolean left = flagsWidth.contains("-");
        boolean zero = flagsWidth.matches("%[-+ #]*0.*") && !left;
        int width = digits.isEmpty() ? 0 : Integer.parseInt(zero ? digits.replaceFirst("^0+", "").isEmpty() ? "0"
                : digits.replaceFirst("^0+", "") : digits);
        if (s.length() >= width) {
            return s;
        }
        String fill = (zero ? "0" : " ").repeat(width - s.length());
        if (left) {
            return s + fill;
        }
        if (zero && (s.startsWith("-") || s.startsWith("+"))) {
            return s.charAt(0) + fill + s.substring(1);
        }
        return fill + s;
    }

    private static long signed(long v, int bits) {
        return switch (bits) {
            case 8 -> (byte) v;
            case 16 -> (short) v;
            case 32 -> (int) v;
            default -> v;
        };
    }

    private static Object unsigned(long v, int bits) {
        return switch (bits) {
            case 8 -> v & 0xFFL;
            case 16 -> v & 0xFFFFL;
            case 32 -> v & 0xFFFFFFFFL;
            default -> v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v));
        };
    }

    /** A C string argument; null and addresses in the first page (never valid) are shown, not read. */
    static String string(long address) {
        if (address == 0) {
            return "(null)";
        }
        if (Long.compareUnsigned(address, 4096) < 0) {
            return "(invalid pointer)";
        }
        return cString(MemorySegment.ofAddress(address));
    }

    /** Reads a NUL-terminated UTF-8 string of at most {@value #MAX_STRING} bytes. */
    static String cString(MemorySegment pointer) {
        if (pointer == null || pointer.address() == 0) {
            return null;
        }
        MemorySegment s = pointer.reinterpret(MAX_STRING);
        int len = 0;
        while (len < MAX_STRING && s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, len) != 0) {
            len++;
        }
        byte[] bytes = new byte[len];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes, 0, len);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
