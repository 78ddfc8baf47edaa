package org.twinstudio.connect.modbus;

import java.util.Locale;

/**
 * How a 32- or 64-bit value is spread over consecutive 16-bit registers. Bytes inside one register are always
 * big-endian (the Modbus rule); only the order of the registers differs between devices.
 */
public enum WordOrder {
    /** Most significant word at the lowest address ("ABCD"), the Modbus convention and the default. */
    BIG_ENDIAN,
    /** Least significant word at the lowest address ("CDAB", "swapped words"). */
    LITTLE_ENDIAN;

    /**
     * Reads a setting value: {@code big}, {@code bigEndian}, {@code ABCD} or {@code little}, {@code littleEndian},
     * {@code swapped}, {@code CDAB} (any case); null or blank gives {@link #BIG_ENDIAN}.
     *
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static WordOrder parse(String text) {
        if (text == null || text.isBlank()) {
            return BIG_ENDIAN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
            case "big", "bigendian", "abcd", "msw" -> BIG_ENDIAN;
            case "little", "littleendian", "swapped", "cdab", "lsw" -> LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException(
                    "unknown word order '" + text + "': use big (ABCD, the default) or little (CDAB, swapped words)");
        };
    }
}
