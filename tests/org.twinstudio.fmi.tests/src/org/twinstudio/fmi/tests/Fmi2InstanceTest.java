package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuInstance.EventInfo;
import org.twinstudio.fmi.FmuKind;

/** FMI 2.0 FMUs compiled from C, driven through the native bindings. */
class Fmi2InstanceTest {

    private static final int U = 0;
    private static final int Y = 1;
    private static final int TAU = 4;

    @TempDir
    Path dir;

    @Test
    void lagCoSimulationFollowsTheStepResponse() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "lag")); FmuInstance lag = fmu.instantiate(FmuKind.CO_SIMULATION, "lag1")) {
            double tau = 0.5;
            lag.enterInitializationMode(Double.NaN, 0, 5);
            lag.setReal(new int[] { TAU }, new double[] { tau });
            lag.setReal(new int[] { U }, new double[] { 1 });
            lag.exitInitializationMode();
            double[] y = new double[1];
            double h = 0.1;
            for (int k = 1; k <= 30; k++) {
                lag.doStep((k - 1) * h, h);
                lag.getReal(new int[] { Y }, y);
                double t = k * h;
                assertEquals(1 - Math.exp(-t / tau), y[0], 1e-12, "y at t = " + t);
            }
            lag.terminate();
        }
    }

    @Test
    void lagModelExchangeGivesDerivativesAndStates() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "lag")); FmuInstance lag = fmu.instantiate(FmuKind.MODEL_EXCHANGE, "me")) {
            lag.enterInitializationMode(Double.NaN, 0, Double.NaN);
            lag.setReal(new int[] { TAU }, new double[] { 2 });
            lag.setReal(new int[] { U }, new double[] { 3 });
            lag.exitInitializationMode();
            EventInfo info = lag.newDiscreteStates();
            assertFalse(info.newDiscreteStatesNeeded());
            lag.enterContinuousTimeMode();
            double[] x = new double[1];
            lag.getContinuousStates(x);
            assertEquals(0, x[0]);
            lag.setTime(0.5);
            lag.setContinuousStates(new double[] { 1 });
            double[] dx = new double[1];
            lag.getDerivatives(dx);
            assertEquals((3 - 1) / 2.0, dx[0], 1e-15, "dx/dt = (u - x) / tau");
            double[] y = new double[1];
            lag.getReal(new int[] { Y }, y);
            assertEquals(1, y[0]);
            assertFalse(lag.completedIntegratorStep().enterEventMode());
            // Hand-rolled explicit Euler to t = 1 s with h = 1e-4 against u + (x0 - u) e^(-t/tau)
            lag.setContinuousStates(new double[] { 0 });
            double xe = 0;
            double h = 1e-4;
            for (int k = 0; k < 10_000; k++) {
                lag.setTime(k * h);
                lag.setContinuousStates(new double[] { xe });
                lag.getDerivatives(dx);
                xe += h * dx[0];
            }
            assertEquals(3 * (1 - Math.exp(-1 / 2.0)), xe, 1e-4);
        }
    }

    @Test
    void exchangesEveryValueType() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "feedthrough"));
                FmuInstance f = fmu.instantiate(FmuKind.CO_SIMULATION, "gain")) {
            f.enterInitializationMode(Double.NaN, 0, Double.NaN);
            String[] label = new String[1];
            f.getString(new int[] { 0 }, label);
            assertEquals("gain", label[0]);
            f.setString(new int[] { 0 }, new String[] { "Verstärker ✓" });
            f.setReal(new int[] { 1 }, new double[] { 4 });
            f.exitInitializationMode();
            f.setReal(new int[] { 0 }, new double[] { -1.5 });
            f.doStep(0, 0.1);
            f.doStep(0.1, 0.1);
            double[] y = new double[1];
            f.getReal(new int[] { 2 }, y);
            assertEquals(-6, y[0]);
            int[] steps = new int[1];
            f.getInteger(new int[] { 0 }, steps);
            assertEquals(2, steps[0]);
            boolean[] positive = { true };
            f.getBoolean(new int[] { 0 }, positive);
            assertFalse(positive[0]);
            f.setReal(new int[] { 0 }, new double[] { 0.25 });
            f.getBoolean(new int[] { 0 }, positive);
            assertTrue(positive[0]);
            f.getString(new int[] { 0 }, label);
            assertEquals("Verstärker ✓", label[0], "UTF-8 both ways");
            double[] two = new double[2];
            f.getReal(new int[] { 2, 0 }, two);
            assertArrayEquals(new double[] { 1, 0.25 }, two);
            f.setInteger(new int[] { 0 }, new int[] { 41 });
            f.getInteger(new int[] { 0 }, steps);
            assertEquals(41, steps[0]);
        }
    }

    @Test
    void preparedRealExchangeGetsAndSetsSeveralVariablesInOneCall() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "feedthrough"));
                FmuInstance f = fmu.instantiate(FmuKind.CO_SIMULATION, "gain")) {
            f.enterInitializationMode(Double.NaN, 0, Double.NaN);
            FmuInstance.RealValues params = f.reals(new int[] { 1, 0 });
            params.set(new double[] { 2.5, 4 }); // k = 2.5, u = 4
            f.exitInitializationMode();
            FmuInstance.RealValues uAndY = f.reals(new int[] { 0, 2 });
            double[] v = new double[2];
            uAndY.get(v);
            assertArrayEquals(new double[] { 4, 10 }, v, "y = k u");
            FmuInstance.RealValues u = f.reals(new int[] { 0 });
            u.set(new double[] { -2 });
            uAndY.get(v);
            assertArrayEquals(new double[] { -2, -5 }, v);
            FmuInstance.RealValues wrong = f.reals(new int[] { 0, 100 });
            FmuException e = assertThrows(FmuException.class, () -> wrong.get(new double[2]));
            assertTrue(e.getMessage().contains("fmi2GetReal returned Error"), e.getMessage());
            assertThrows(FmuException.class, () -> uAndY.get(v), "the instance is freed after Error");
        }
    }

    @Test
    void instancesOfOneFmuKeepTheirOwnState() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "lag"))) {
            FmuInstance fast = fmu.instantiate(FmuKind.CO_SIMULATION, "fast");
            FmuInstance slow = fmu.instantiate(FmuKind.CO_SIMULATION, "slow");
            FmuInstance me = fmu.instantiate(FmuKind.MODEL_EXCHANGE, "me");
            for (FmuInstance i : new FmuInstance[] { fast, slow }) {
                i.enterInitializationMode(Double.NaN, 0, Double.NaN);
                i.setReal(new int[] { TAU }, new double[] { i == fast ? 0.2 : 5 });
                i.setReal(new int[] { U }, new double[] { i == fast ? 1 : 10 });
                i.exitInitializationMode();
            }
            me.enterInitializationMode(Double.NaN, 0, Double.NaN);
            me.exitInitializationMode();
            double[] y = new double[1];
            for (int k = 0; k < 10; k++) {
                fast.doStep(k * 0.1, 0.1);
                slow.doStep(k * 0.1, 0.1);
            }
            fast.getReal(new int[] { Y }, y);
            assertEquals(1 - Math.exp(-1 / 0.2), y[0], 1e-12);
            slow.getReal(new int[] { Y }, y);
            assertEquals(10 * (1 - Math.exp(-1 / 5.0)), y[0], 1e-12);
            fast.close();
            slow.doStep(1, 1);
            slow.getReal(new int[] { Y }, y);
            assertEquals(10 * (1 - Math.exp(-2 / 5.0)), y[0], 1e-12, "closing one instance leaves the other");
            assertThrows(FmuException.class, () -> fast.doStep(1, 1));
        }
    }

    @Test
    void anFmuErrorCarriesItsLogAndTheInstanceIsFreed() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "failing"));
                FmuInstance f = fmu.instantiate(FmuKind.CO_SIMULATION, "divider1")) {
            f.enterInitializationMode(Double.NaN, 0, Double.NaN);
            f.exitInitializationMode();
            f.doStep(0, 0.25);
            f.doStep(0.25, 0.25);
            FmuException e = assertThrows(FmuException.class, () -> f.doStep(0.5, 0.25));
            String m = e.getMessage();
            assertTrue(m.contains("failing.fmu: instance 'divider1': fmi2DoStep(t = 0.5 s, h = 0.25 s) returned Error"), m);
            assertTrue(m.contains("[Error/logStatusError] division by zero in block 'divider' at t = 0.75 s (step 42)"),
                    "the variadic logger arguments are formatted: " + m);
            FmuException after = assertThrows(FmuException.class, () -> f.doStep(0.5, 0.1));
            assertTrue(after.getMessage().contains("failed before and cannot be used"), after.getMessage());
        }
    }

    @Test
    void aWrongGuidIsRefusedByTheFmuWithItsMessage() throws IOException {
        String md = TestFmus.modelDescription("lag").replace("176fa3c9f001", "000000000000");
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "lag", md))) {
            FmuException e = assertThrows(FmuException.class, () -> fmu.instantiate(FmuKind.CO_SIMULATION, "x"));
            assertTrue(e.getMessage().contains("fmi2Instantiate of 'x' (CO_SIMULATION) returned NULL"), e.getMessage());
            assertTrue(e.getMessage().contains("wrong GUID '{8c4e810f-3df3-4a00-8276-000000000000}', expected "
                    + "'{8c4e810f-3df3-4a00-8276-176fa3c9f001}'"), e.getMessage());
        }
    }

    @Test
    void aMissingBinaryListsThePlatformsTheFmuHas() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("modelDescription.xml", TestFmus.modelDescription("lag").getBytes(StandardCharsets.UTF_8));
        entries.put("binaries/win64/lag.dll", new byte[] { 1 });
        entries.put("binaries/darwin64/lag.dylib", new byte[] { 1 });
        Path file = TestFmus.zip(dir.resolve("foreign.fmu"), entries);
        try (Fmu fmu = Fmu.open(file)) {
            FmuException e = assertThrows(FmuException.class, () -> fmu.instantiate(FmuKind.CO_SIMULATION, "x"));
            assertEquals(file + ": has no binary for this platform (linux64): expected binaries/linux64/lag.so; "
                    + "the FMU has binaries for darwin64, win64", e.getMessage());
        }
    }

    @Test
    void brokenArchivesAreReportedClearly() throws IOException {
        Path noMd = TestFmus.zip(dir.resolve("nomd.fmu"), Map.of("binaries/linux64/x.so", new byte[] { 1 }));
        assertEquals(noMd + ": has no modelDescription.xml at its top level",
                assertThrows(FmuException.class, () -> Fmu.open(noMd)).getMessage());
        Path invalid = TestFmus.zip(dir.resolve("invalid.fmu"),
                Map.of("modelDescription.xml", "<fmiModelDescription fmiVersion='2.0'>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(invalid + ": modelDescription.xml line 1: <fmiModelDescription> has no 'modelName' attribute",
                assertThrows(FmuException.class, () -> Fmu.open(invalid)).getMessage());
        Path v1 = TestFmus.fmu(dir, "lag", TestFmus.modelDescription("lag").replace("fmiVersion=\"2.0\"",
                "fmiVersion=\"1.0\""));
        assertTrue(assertThrows(FmuException.class, () -> Fmu.open(v1)).getMessage()
                .endsWith("fmiVersion '1.0' is not supported (supported: 2.0, 3.0)"));
        Path notZip = dir.resolve("text.fmu");
        Files.writeString(notZip, "hello");
        assertTrue(assertThrows(FmuException.class, () -> Fmu.open(notZip)).getMessage()
                .startsWith(notZip + ": not a valid FMU archive"));
        Path slip = TestFmus.zip(dir.resolve("slip.fmu"), Map.of("../x", new byte[] { 1 }));
        assertTrue(assertThrows(FmuException.class, () -> Fmu.open(slip)).getMessage().contains("'../x' points outside"));
    }

    @Test
    void aKindTheFmuLacksIsNamed() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "bouncingball"))) {
            FmuException e = assertThrows(FmuException.class, () -> fmu.instantiate(FmuKind.CO_SIMULATION, "b"));
            assertTrue(e.getMessage().endsWith("does not implement CoSimulation (it implements ModelExchange)"),
                    e.getMessage());
        }
    }

    @Test
    void closingTheFmuFreesItsInstancesAndDeletesTheFiles() throws IOException {
        Fmu fmu = Fmu.open(TestFmus.fmu(dir, "lag"));
        Path unpacked = fmu.directory();
        FmuInstance i = fmu.instantiate(FmuKind.CO_SIMULATION, "a");
        fmu.close();
        assertFalse(Files.exists(unpacked));
        assertThrows(FmuException.class, () -> i.getReal(new int[] { Y }, new double[1]));
    }
}
