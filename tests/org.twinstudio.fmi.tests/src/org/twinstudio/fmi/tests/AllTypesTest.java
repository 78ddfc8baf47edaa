package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.fmi.tests.TestTwins.add;
import static org.twinstudio.fmi.tests.TestTwins.connect;
import static org.twinstudio.fmi.tests.TestTwins.param;
import static org.twinstudio.fmi.tests.TestTwins.port;
import static org.twinstudio.fmi.tests.TestTwins.registry;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ScalarType;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/**
 * Get and set of every scalar type, on the feedthrough model (FMI 2.0: Integer iOut = 3 iIn, Enumeration
 * modeOut = modeIn, Boolean bOut = not bIn, String label; FMI 3.0 also Float32 f32Out = 2 f32In and echoes
 * xOut = xIn of Int8 … UInt64, Enumeration and Binary), in process and out of process, directly and as ports and
 * parameters of a component.
 */
class AllTypesTest {

    @TempDir
    Path dir;

    private FmuInstance open(Fmu fmu, boolean isolated) {
        FmuInstance f = isolated ? fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "types", Duration.ofSeconds(30))
                : fmu.instantiate(FmuKind.CO_SIMULATION, "types");
        f.enterInitializationMode(Double.NaN, 0, Double.NaN);
        f.exitInitializationMode();
        return f;
    }

    @ParameterizedTest(name = "isolated = {0}")
    @ValueSource(booleans = { false, true })
    void fmi3RoundTripsEveryTypeAtTheEndsOfItsRange(boolean isolated) throws Exception {
        try (Fmu fmu = Fmu.open(TestFmus.fmu3(dir, "feedthrough3")); FmuInstance f = open(fmu, isolated)) {
            // echo: xOut = xIn, so a sign or zero extension error shows at the ends of each range
            Object[][] cases = { { ScalarType.INT8, 410, -128L, 127L }, { ScalarType.UINT8, 420, 0L, 255L },
                    { ScalarType.INT16, 430, -32768L, 32767L }, { ScalarType.UINT16, 440, 0L, 65535L },
                    { ScalarType.INT32, 101, (long) Integer.MIN_VALUE / 3, (long) Integer.MAX_VALUE / 3 },
                    { ScalarType.UINT32, 460, 0L, 4294967295L },
                    { ScalarType.INT64, 470, Long.MIN_VALUE, Long.MAX_VALUE },
                    { ScalarType.UINT64, 480, 0L, -1L /* 2^64 - 1 */ }, { ScalarType.INT64, 490, 1L, 2L } };
            for (Object[] c : cases) {
                ScalarType type = (ScalarType) c[0];
                int vr = (Integer) c[1];
                for (long value : new long[] { (Long) c[2], (Long) c[3] }) {
                    f.setIntegers(type, new int[] { vr }, new long[] { value });
                    long[] out = new long[1];
                    f.getIntegers(type, new int[] { vr + 1 }, out);
                    long expected = vr == 101 ? 3 * value : value; // iOut = 3 iIn
                    assertEquals(expected, out[0], type + " " + type.toString(value));
                }
            }
            long[] u64 = new long[1];
            f.getIntegers(ScalarType.UINT64, new int[] { 481 }, u64);
            assertEquals("18446744073709551615", ScalarType.UINT64.toString(u64[0]));
            assertEquals(18446744073709551615.0, ScalarType.UINT64.toDouble(u64[0]));

            f.setFloat32(new int[] { 400 }, new float[] { 1.1f });
            float[] f32 = new float[1];
            f.getFloat32(new int[] { 401 }, f32);
            assertEquals(2 * 1.1f, f32[0], "Float32 arithmetic in the FMU, exactly");

            f.setBoolean(new int[] { 201 }, new boolean[] { true });
            boolean[] b = new boolean[1];
            f.getBoolean(new int[] { 202 }, b);
            assertEquals(false, b[0], "bOut = not bIn");

            byte[] bytes = { 0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff };
            f.setBinary(new int[] { 500 }, new byte[][] { bytes });
            byte[][] bin = new byte[1][];
            f.getBinary(new int[] { 501 }, bin);
            assertArrayEquals(bytes, bin[0]);

            f.setString(new int[] { 300 }, new String[] { "Größe ✓" });
            String[] s = new String[1];
            f.getString(new int[] { 300 }, s);
            assertEquals("Größe ✓", s[0], "UTF-8 both ways");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.setIntegers(ScalarType.UINT8, new int[] { 420 }, new long[] { 256 }));
            assertTrue(e.getMessage().contains("256 is out of the range of UInt8 [0, 255] (value reference 420)"),
                    e.getMessage());
        }
    }

    @ParameterizedTest(name = "isolated = {0}")
    @ValueSource(booleans = { false, true })
    void fmi2RoundTripsIntegerEnumerationBooleanAndString(boolean isolated) throws Exception {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "feedthrough")); FmuInstance f = open(fmu, isolated)) {
            f.setInteger(new int[] { 1, 3 }, new int[] { -700, 2 });
            int[] i = new int[2];
            f.getInteger(new int[] { 2, 4 }, i);
            assertArrayEquals(new int[] { -2100, 2 }, i, "iOut = 3 iIn, modeOut = modeIn");
            long[] l = new long[1];
            f.getIntegers(ScalarType.INT32, new int[] { 2 }, l);
            assertEquals(-2100, l[0], "FMI 2.0 Integer through the sized interface");
            f.setBoolean(new int[] { 1 }, new boolean[] { false });
            boolean[] b = new boolean[1];
            f.getBoolean(new int[] { 2 }, b);
            assertTrue(b[0], "bOut = not bIn");
            f.setString(new int[] { 0 }, new String[] { "Größe ✓" });
            String[] s = new String[1];
            f.getString(new int[] { 0 }, s);
            assertEquals("Größe ✓", s[0]);
            FmuException e = assertThrows(FmuException.class,
                    () -> f.getFloat32(new int[] { 0 }, new float[1]));
            assertTrue(e.getMessage().contains("Float32 variables exist only in FMI 3.0"), e.getMessage());
        }
    }

    /** Every type as a port or a parameter of a component: inputs set by name, outputs read through ports. */
    @ParameterizedTest(name = "isolation = {0}")
    @ValueSource(strings = { "none", "process" })
    void everyTypeAsPortsAndParametersOfAComponent(String isolation) throws Exception {
        TwinModel m = TwinModels.createModel("types");
        Component c = add(m, "fmu", "ft");
        param(c, "fmu", TestFmus.fmu3(dir, "feedthrough3").toString());
        param(c, "isolation", isolation);
        param(c, "i8In", "-128");
        param(c, "u8In", "255");
        param(c, "i16In", "-32768");
        param(c, "u16In", "65535");
        param(c, "iIn", "-5");
        param(c, "u32In", "4294967295");
        param(c, "i64In", "-9007199254740993");
        param(c, "u64In", "18446744073709551615");
        param(c, "modeIn", "on");
        param(c, "f32In", "0.1");
        param(c, "bIn", "true");
        param(c, "label", "ok");
        param(c, "binIn", "0x01ff");
        for (String out : new String[] { "i8Out", "u8Out", "i16Out", "u16Out", "iOut", "u32Out", "i64Out", "u64Out",
                "modeOut" }) {
            port(c, out, PortDirection.OUT, DataType.INTEGER);
        }
        port(c, "f32Out", PortDirection.OUT, DataType.REAL);
        port(c, "bOut", PortDirection.OUT, DataType.BOOLEAN);
        SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(0.2).build().run();
        assertEquals(-128, r.finalValue("ft.i8Out"));
        assertEquals(255, r.finalValue("ft.u8Out"));
        assertEquals(-32768, r.finalValue("ft.i16Out"));
        assertEquals(65535, r.finalValue("ft.u16Out"));
        assertEquals(-15, r.finalValue("ft.iOut"), "3 iIn");
        assertEquals(4294967295.0, r.finalValue("ft.u32Out"));
        assertEquals(-9007199254740992.0, r.finalValue("ft.i64Out"), "-(2^53 + 1) as the nearest double");
        assertEquals(18446744073709551615.0, r.finalValue("ft.u64Out"));
        assertEquals(2, r.finalValue("ft.modeOut"), "item 'on' = 2");
        assertEquals(2 * 0.1f, r.finalValue("ft.f32Out"), "2 (float) 0.1, computed in single precision");
        assertEquals(0, r.finalValue("ft.bOut"), "not true");
    }

    @Test
    void fmi2TypesAsPortsAndParameters() throws Exception {
        TwinModel m = TwinModels.createModel("types2");
        Component c = add(m, "fmu", "ft");
        param(c, "fmu", TestFmus.fmu(dir, "feedthrough").toString());
        param(c, "iIn", "7");
        param(c, "modeIn", "on");
        param(c, "bIn", "true");
        param(c, "label", "renamed");
        port(c, "iOut", PortDirection.OUT, DataType.INTEGER);
        port(c, "modeOut", PortDirection.OUT, DataType.INTEGER);
        port(c, "bOut", PortDirection.OUT, DataType.BOOLEAN);
        SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(0.2).build().run();
        assertEquals(21, r.finalValue("ft.iOut"));
        assertEquals(2, r.finalValue("ft.modeOut"));
        assertEquals(0, r.finalValue("ft.bOut"));
    }

    @Test
    void integerPortsAreRangeCheckedWhenNarrowed() throws Exception {
        // a.iOut = 3 * a.iIn (Int32) drives b.i8In (Int8): 3 * 40 = 120 fits, 3 * 50 = 150 does not
        for (int iIn : new int[] { 40, 50 }) {
            TwinModel m = TwinModels.createModel("narrow");
            Component a = add(m, "fmu", "a");
            param(a, "fmu", TestFmus.fmu3(dir, "feedthrough3").toString());
            param(a, "iIn", Integer.toString(iIn));
            Component b = add(m, "fmu", "b");
            param(b, "fmu", TestFmus.fmu3(dir, "feedthrough3").toString());
            connect(m, port(a, "iOut", PortDirection.OUT, DataType.INTEGER),
                    port(b, "i8In", PortDirection.IN, DataType.INTEGER));
            port(b, "i8Out", PortDirection.OUT, DataType.INTEGER);
            if (iIn == 40) {
                SimulationResult r = Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(0.3).build()
                        .run();
                assertEquals(120, r.finalValue("b.i8Out"));
            } else {
                SimulationException e = assertThrows(SimulationException.class,
                        () -> Simulation.builder(m).behaviours(registry()).stepSize(0.1).stopTime(0.3).build().run());
                assertTrue(e.getMessage().contains("component 'b'"), e.getMessage());
                assertTrue(e.getMessage().contains("port 'i8In': 150 is out of the range of Int8 [-128, 127]"),
                        e.getMessage());
            }
        }
    }

    @Test
    void parametersAreRangeCheckedAndTypeMismatchesNamed() throws Exception {
        String[][] bad = { { "u8In", "256", "parameter 'u8In' = '256': 256 is out of the range of UInt8 [0, 255]" },
                { "i8In", "-129", "-129 is out of the range of Int8 [-128, 127]" },
                { "u64In", "-1", "-1 is out of the range of UInt64 [0, 18446744073709551615]" },
                { "i64In", "9223372036854775808", "out of the range of Int64" },
                { "iIn", "1.5", "'1.5' is not a whole number (Int32)" },
                { "modeIn", "sideways", "'sideways' is not an item of enumeration Mode (its items: off, on)" },
                { "f32In", "1e39", "1e39 is out of the range of Float32" },
                { "binIn", "0x123", "'0x123' is not a Binary value: give an even number of hex digits" },
                { "bIn", "yes", "parameter 'bIn' = 'yes' is not a Boolean value" } };
        for (String[] b : bad) {
            TwinModel m = TwinModels.createModel("bad");
            Component c = add(m, "fmu", "ft");
            param(c, "fmu", TestFmus.fmu3(dir, "feedthrough3").toString());
            param(c, b[0], b[1]);
            SimulationException e = assertThrows(SimulationException.class,
                    () -> Simulation.builder(m).behaviours(registry()).build());
            assertTrue(e.getMessage().contains("component 'ft'") && e.getMessage().contains(b[2]),
                    b[0] + ": " + e.getMessage());
        }
        TwinModel m = TwinModels.createModel("ports");
        Component c = add(m, "fmu", "ft");
        param(c, "fmu", TestFmus.fmu3(dir, "feedthrough3").toString());
        port(c, "u8Out", PortDirection.OUT, DataType.REAL);
        port(c, "binOut", PortDirection.OUT, DataType.INTEGER);
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.builder(m).behaviours(registry()).build());
        assertTrue(e.getMessage().contains("port 'u8Out' has data type real, but variable 'u8Out' of "
                + "feedthrough3.fmu is UInt8 (use integer)"), e.getMessage());
        assertTrue(e.getMessage().contains("port 'binOut': variable type Binary cannot be a port"), e.getMessage());
    }
}
