package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.modbus.WordOrder.BIG_ENDIAN;
import static org.twinstudio.connect.modbus.WordOrder.LITTLE_ENDIAN;
import static org.twinstudio.model.ModbusValueType.BOOL;
import static org.twinstudio.model.ModbusValueType.FLOAT32;
import static org.twinstudio.model.ModbusValueType.FLOAT64;
import static org.twinstudio.model.ModbusValueType.INT16;
import static org.twinstudio.model.ModbusValueType.INT32;
import static org.twinstudio.model.ModbusValueType.UINT16;
import static org.twinstudio.model.ModbusValueType.UINT32;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.connect.modbus.ModbusCodec;
import org.twinstudio.connect.modbus.ModbusCodec.ValueRangeException;
import org.twinstudio.connect.modbus.WordOrder;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusValueType;

/** Register images worked out by hand from the IEEE 754 and two's-complement bit patterns. */
class ModbusCodecTest {

    private static int[] enc(ModbusValueType type, WordOrder order, double value) {
        return ModbusCodec.encode(type, order, 1, 0, value);
    }

    private static double dec(ModbusValueType type, WordOrder order, int... registers) {
        return ModbusCodec.decode(type, order, 1, 0, registers, 0);
    }

    @Test
    void int16TwosComplementAndLimits() {
        assertArrayEquals(new int[] { 0xFFFF }, enc(INT16, BIG_ENDIAN, -1));
        assertArrayEquals(new int[] { 0x7FFF }, enc(INT16, BIG_ENDIAN, 32767));
        assertArrayEquals(new int[] { 0x8000 }, enc(INT16, BIG_ENDIAN, -32768));
        assertEquals(-1, dec(INT16, BIG_ENDIAN, 0xFFFF));
        assertEquals(-32768, dec(INT16, BIG_ENDIAN, 0x8000));
        assertThrows(ValueRangeException.class, () -> enc(INT16, BIG_ENDIAN, 32768));
        assertThrows(ValueRangeException.class, () -> enc(INT16, BIG_ENDIAN, -32769));
    }

    @Test
    void uint16LimitsAndRoundingHalvesAwayFromZero() {
        assertArrayEquals(new int[] { 0xFFFF }, enc(UINT16, BIG_ENDIAN, 65535));
        assertEquals(65535, dec(UINT16, BIG_ENDIAN, 0xFFFF));
        assertArrayEquals(new int[] { 0 }, enc(UINT16, BIG_ENDIAN, 0.49));
        assertArrayEquals(new int[] { 1 }, enc(UINT16, BIG_ENDIAN, 0.5));
        assertArrayEquals(new int[] { 3 }, enc(UINT16, BIG_ENDIAN, 2.5));
        assertArrayEquals(new int[] { 0xFFFD }, enc(INT16, BIG_ENDIAN, -2.5));
        assertArrayEquals(new int[] { 0 }, enc(UINT16, BIG_ENDIAN, -0.4));
        ValueRangeException negative = assertThrows(ValueRangeException.class, () -> enc(UINT16, BIG_ENDIAN, -1));
        assertTrue(negative.getMessage().contains("uint16 (0 .. 65535)"), negative.getMessage());
        assertThrows(ValueRangeException.class, () -> enc(UINT16, BIG_ENDIAN, -0.5));
        assertThrows(ValueRangeException.class, () -> enc(UINT16, BIG_ENDIAN, 65536));
        assertThrows(ValueRangeException.class, () -> enc(UINT16, BIG_ENDIAN, 65535.5));
    }

    @Test
    void every16BitPatternRoundTrips() {
        for (int word = 0; word <= 0xFFFF; word++) {
            double signed = dec(INT16, BIG_ENDIAN, word);
            assertEquals((short) word, signed);
            assertArrayEquals(new int[] { word }, enc(INT16, BIG_ENDIAN, signed));
            double unsigned = dec(UINT16, BIG_ENDIAN, word);
            assertEquals(word, unsigned);
            assertArrayEquals(new int[] { word }, enc(UINT16, LITTLE_ENDIAN, unsigned));
        }
    }

    @Test
    void int32WordOrder() {
        // 305419896 = 0x12345678
        assertArrayEquals(new int[] { 0x1234, 0x5678 }, enc(INT32, BIG_ENDIAN, 305419896));
        assertArrayEquals(new int[] { 0x5678, 0x1234 }, enc(INT32, LITTLE_ENDIAN, 305419896));
        assertEquals(305419896, dec(INT32, BIG_ENDIAN, 0x1234, 0x5678));
        assertEquals(305419896, dec(INT32, LITTLE_ENDIAN, 0x5678, 0x1234));
        assertArrayEquals(new int[] { 0xFFFF, 0xFFFE }, enc(INT32, BIG_ENDIAN, -2));
        assertEquals(-2, dec(INT32, BIG_ENDIAN, 0xFFFF, 0xFFFE));
        assertArrayEquals(new int[] { 0x8000, 0x0000 }, enc(INT32, BIG_ENDIAN, Integer.MIN_VALUE));
        assertThrows(ValueRangeException.class, () -> enc(INT32, BIG_ENDIAN, 2147483648.0));
        assertThrows(ValueRangeException.class, () -> enc(INT32, BIG_ENDIAN, -2147483649.0));
    }

    @Test
    void uint32Limits() {
        assertArrayEquals(new int[] { 0xFFFF, 0xFFFF }, enc(UINT32, BIG_ENDIAN, 4294967295.0));
        assertEquals(4294967295.0, dec(UINT32, BIG_ENDIAN, 0xFFFF, 0xFFFF));
        // 65536 = 0x0001_0000: the high word is 1
        assertArrayEquals(new int[] { 0x0001, 0x0000 }, enc(UINT32, BIG_ENDIAN, 65536));
        assertArrayEquals(new int[] { 0x0000, 0x0001 }, enc(UINT32, LITTLE_ENDIAN, 65536));
        assertThrows(ValueRangeException.class, () -> enc(UINT32, BIG_ENDIAN, 4294967296.0));
        assertThrows(ValueRangeException.class, () -> enc(UINT32, BIG_ENDIAN, -1));
    }

    @Test
    void float32BitPatterns() {
        // 1.0f = 0x3F800000, -2.5f = 0xC0200000, 0.1f = 0x3DCCCCCD
        assertArrayEquals(new int[] { 0x3F80, 0x0000 }, enc(FLOAT32, BIG_ENDIAN, 1.0));
        assertArrayEquals(new int[] { 0x0000, 0x3F80 }, enc(FLOAT32, LITTLE_ENDIAN, 1.0));
        assertArrayEquals(new int[] { 0xC020, 0x0000 }, enc(FLOAT32, BIG_ENDIAN, -2.5));
        assertArrayEquals(new int[] { 0x3DCC, 0xCCCD }, enc(FLOAT32, BIG_ENDIAN, 0.1));
        assertEquals(0.1f, dec(FLOAT32, BIG_ENDIAN, 0x3DCC, 0xCCCD));
        assertEquals(0.1f, dec(FLOAT32, LITTLE_ENDIAN, 0xCCCD, 0x3DCC));
        assertThrows(ValueRangeException.class, () -> enc(FLOAT32, BIG_ENDIAN, 3.5e38));
        assertThrows(ValueRangeException.class, () -> enc(FLOAT32, BIG_ENDIAN, Double.NaN));
        assertThrows(ValueRangeException.class, () -> enc(FLOAT32, BIG_ENDIAN, Double.POSITIVE_INFINITY));
        // 0x7FC00000 is NaN, 0x7F800000 is +infinity: a device sending them gives an error, not a port value
        assertThrows(ValueRangeException.class, () -> dec(FLOAT32, BIG_ENDIAN, 0x7FC0, 0x0000));
        assertThrows(ValueRangeException.class, () -> dec(FLOAT32, BIG_ENDIAN, 0x7F80, 0x0000));
    }

    @Test
    void float64BitPatterns() {
        // 1.0 = 0x3FF0_0000_0000_0000, -2.0 = 0xC000_0000_0000_0000, 0.1 = 0x3FB9_9999_9999_999A
        assertArrayEquals(new int[] { 0x3FF0, 0, 0, 0 }, enc(FLOAT64, BIG_ENDIAN, 1.0));
        assertArrayEquals(new int[] { 0, 0, 0, 0x3FF0 }, enc(FLOAT64, LITTLE_ENDIAN, 1.0));
        assertArrayEquals(new int[] { 0xC000, 0, 0, 0 }, enc(FLOAT64, BIG_ENDIAN, -2.0));
        assertArrayEquals(new int[] { 0x3FB9, 0x9999, 0x9999, 0x999A }, enc(FLOAT64, BIG_ENDIAN, 0.1));
        assertEquals(0.1, dec(FLOAT64, BIG_ENDIAN, 0x3FB9, 0x9999, 0x9999, 0x999A));
        assertEquals(0.1, dec(FLOAT64, LITTLE_ENDIAN, 0x999A, 0x9999, 0x9999, 0x3FB9));
        assertThrows(ValueRangeException.class, () -> enc(FLOAT64, BIG_ENDIAN, Double.NEGATIVE_INFINITY));
    }

    @ParameterizedTest
    @EnumSource(value = ModbusValueType.class, names = "BOOL", mode = EnumSource.Mode.EXCLUDE)
    void randomValuesRoundTripInBothWordOrders(ModbusValueType type) {
        SplittableRandom random = new SplittableRandom(7);
        double[] range = ModbusCodec.range(type);
        for (int i = 0; i < 10_000; i++) {
            double value = switch (type) {
                case FLOAT32 -> (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-30, 30)));
                case FLOAT64 -> random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-300, 300));
                default -> (double) random.nextLong((long) range[0], (long) range[1] + 1);
            };
            for (WordOrder order : WordOrder.values()) {
                int[] registers = enc(type, order, value);
                assertEquals(ModbusCodec.registerCount(type), registers.length);
                for (int r : registers) {
                    assertTrue(r >= 0 && r <= 0xFFFF, "register " + r);
                }
                assertEquals(value, dec(type, order, registers), type + " " + order);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            // type, scale, offset, value, expected raw register (single word types) -- raw = (value - offset) / scale
            "INT16, 0.1, -50, 25.3, 753", // (25.3 + 50) / 0.1
            "UINT16, 0.01, 0, 12.34, 1234",
            "INT16, 10, 0, -1234, 65413", // -123.4 -> -123 -> 0xFF85
            "UINT16, -1, 100, 40, 60", // negative scale inverts
    })
    void scaleAndOffset(ModbusValueType type, double scale, double offset, double value, int raw) {
        assertArrayEquals(new int[] { raw }, ModbusCodec.encode(type, BIG_ENDIAN, scale, offset, value));
        double back = ModbusCodec.decode(type, BIG_ENDIAN, scale, offset, new int[] { raw }, 0);
        // value = raw * scale + offset; within half a step of what was sent
        assertEquals(value, back, Math.abs(scale) / 2 + 1e-9);
    }

    @Test
    void scaledValueOutOfRangeNamesRawValue() {
        // (700 - 0) / 0.01 = 70000 > 65535
        ValueRangeException e = assertThrows(ValueRangeException.class,
                () -> ModbusCodec.encode(UINT16, BIG_ENDIAN, 0.01, 0, 700));
        assertTrue(e.getMessage().contains("raw 70000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModbusCodec.encode(UINT16, BIG_ENDIAN, 0, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ModbusCodec.decode(UINT16, BIG_ENDIAN, 0, 0, new int[] { 1 }, 0));
    }

    @Test
    void decodeReadsFromAnOffsetInABlock() {
        int[] block = { 0xAAAA, 0x3F80, 0x0000, 0x0001, 0x0002 };
        assertEquals(1.0, ModbusCodec.decode(FLOAT32, BIG_ENDIAN, 1, 0, block, 1));
        assertEquals(0x0001_0002, ModbusCodec.decode(UINT32, BIG_ENDIAN, 1, 0, block, 3));
        assertEquals(0x0002_0001, ModbusCodec.decode(UINT32, LITTLE_ENDIAN, 1, 0, block, 3));
    }

    @Test
    void bits() {
        assertTrue(ModbusCodec.encodeBit(1));
        assertTrue(ModbusCodec.encodeBit(-3));
        assertFalse(ModbusCodec.encodeBit(0));
        assertThrows(ValueRangeException.class, () -> ModbusCodec.encodeBit(Double.NaN));
        assertEquals(1, ModbusCodec.decodeBit(true));
        assertEquals(0, ModbusCodec.decodeBit(false));
        assertThrows(IllegalArgumentException.class, () -> enc(BOOL, BIG_ENDIAN, 1));
    }

    @Test
    void tablesAndSizes() {
        assertEquals(1, ModbusCodec.registerCount(INT16));
        assertEquals(2, ModbusCodec.registerCount(UINT32));
        assertEquals(2, ModbusCodec.registerCount(FLOAT32));
        assertEquals(4, ModbusCodec.registerCount(FLOAT64));
        assertTrue(ModbusCodec.fits(BOOL, ModbusTable.COIL));
        assertFalse(ModbusCodec.fits(BOOL, ModbusTable.HOLDING_REGISTER));
        assertFalse(ModbusCodec.fits(FLOAT32, ModbusTable.DISCRETE_INPUT));
        assertTrue(ModbusCodec.fits(FLOAT32, ModbusTable.INPUT_REGISTER));
    }

    @Test
    void wordOrderSpellings() {
        assertEquals(BIG_ENDIAN, WordOrder.parse(null));
        assertEquals(BIG_ENDIAN, WordOrder.parse("ABCD"));
        assertEquals(LITTLE_ENDIAN, WordOrder.parse("swapped"));
        assertEquals(LITTLE_ENDIAN, WordOrder.parse("little-endian"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordOrder.parse("BADC"));
        assertTrue(e.getMessage().contains("BADC"));
    }
}
