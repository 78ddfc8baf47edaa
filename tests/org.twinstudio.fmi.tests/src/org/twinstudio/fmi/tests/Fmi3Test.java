package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.sim.FmuBehaviourProvider;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationResult;

/** FMI 3.0 FMUs built from the same C models as the FMI 2.0 ones. */
class Fmi3Test {

    @TempDir
    Path dir;

    @Test
    void lagCoSimulationFollowsTheStepResponse() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu3(dir, "lag3"))) {
            assertEquals(FmiVersion.FMI3, fmu.modelDescription().fmiVersion());
            try (FmuInstance lag = fmu.instantiate(FmuKind.CO_SIMULATION, "lag")) {
                lag.enterInitializationMode(Double.NaN, 0, Double.NaN);
                lag.setReal(new int[] { 4, 0 }, new double[] { 0.25, 2 });
                lag.exitInitializationMode();
                double[] y = new double[1];
                for (int k = 1; k <= 20; k++) {
                    lag.doStep((k - 1) * 0.05, 0.05);
                    lag.getReal(new int[] { 1 }, y);
                    assertEquals(2 * (1 - Math.exp(-k * 0.05 / 0.25)), y[0], 1e-12);
                }
                lag.terminate();
            }
        }
    }

    @Test
    void exchangesEveryValueType() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu3(dir, "feedthrough3"));
                FmuInstance f = fmu.instantiate(FmuKind.CO_SIMULATION, "gain")) {
            f.enterInitializationMode(Double.NaN, 0, Double.NaN);
            String[] label = new String[1];
            f.getString(new int[] { 300 }, label);
            assertEquals("gain", label[0]);
            f.setString(new int[] { 300 }, new String[] { "Verstärker" });
            f.setReal(new int[] { 1 }, new double[] { 4 });
            f.exitInitializationMode();
            f.setReal(new int[] { 0 }, new double[] { 0.5 });
            f.doStep(0, 0.1);
            f.doStep(0.1, 0.1);
            f.doStep(0.2, 0.1);
            double[] y = new double[1];
            f.getReal(new int[] { 2 }, y);
            assertEquals(2, y[0]);
            int[] steps = new int[1];
            f.getInteger(new int[] { 100 }, steps);
            assertEquals(3, steps[0]);
            boolean[] positive = new boolean[1];
            f.getBoolean(new int[] { 200 }, positive);
            assertTrue(positive[0]);
            f.setReal(new int[] { 0 }, new double[] { -0.5 });
            f.getBoolean(new int[] { 200 }, positive);
            assertFalse(positive[0]);
            f.getString(new int[] { 300 }, label);
            assertEquals("Verstärker", label[0]);
            FmuException wrongType = assertThrows(FmuException.class, () -> f.getReal(new int[] { 100 }, y));
            assertTrue(wrongType.getMessage().contains("fmi3GetFloat64 returned Error")
                    && wrongType.getMessage().contains("Float64: value reference 100 is not one"), wrongType.getMessage());
        }
    }

    @Test
    void errorsCarryTheFmusMessage() throws IOException {
        try (Fmu fmu = Fmu.open(TestFmus.fmu3(dir, "failing3"));
                FmuInstance f = fmu.instantiate(FmuKind.CO_SIMULATION, "f3")) {
            f.enterInitializationMode(Double.NaN, 0, Double.NaN);
            f.exitInitializationMode();
            FmuException e = assertThrows(FmuException.class, () -> f.doStep(0.4, 0.2));
            assertTrue(e.getMessage().contains("fmi3DoStep(t = 0.4 s, h = 0.2 s) returned Error"), e.getMessage());
            assertTrue(e.getMessage().contains("division by zero in block 'divider' at t = 0.6 s (step 42)"),
                    e.getMessage());
        }
    }

    @Test
    void aMissingBinaryListsThePlatforms() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("modelDescription.xml", Files.readAllBytes(TestFmus.nativeDir().resolve("lag3.xml")));
        entries.put("binaries/aarch64-darwin/lag3.dylib", new byte[] { 1 });
        Path file = TestFmus.zip(dir.resolve("mac.fmu"), entries);
        try (Fmu fmu = Fmu.open(file)) {
            FmuException e = assertThrows(FmuException.class, () -> fmu.instantiate(FmuKind.MODEL_EXCHANGE, "x"));
            assertTrue(e.getMessage().endsWith("has no binary for this platform (x86_64-linux): expected "
                    + "binaries/x86_64-linux/lag3.so; the FMU has binaries for aarch64-darwin"), e.getMessage());
        }
    }

    private static void param(Component c, String name, String value) {
        Parameter p = c.getParameters().stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (p == null) {
            p = TwinFactory.eINSTANCE.createParameter();
            p.setName(name);
            p.setUnit("");
            c.getParameters().add(p);
        }
        p.setValue(value);
    }

    private static Port port(Component c, String name, PortDirection d, DataType t) {
        Port p = TwinFactory.eINSTANCE.createPort();
        p.setName(name);
        p.setDirection(d);
        p.setDataType(t);
        p.setUnit("");
        c.getPorts().add(p);
        return p;
    }

    @Test
    void modelExchangeLagAndBouncingBallInTheMaster() throws Exception {
        BehaviourRegistry registry = BehaviourRegistry.builtins();
        registry.register(new FmuBehaviourProvider());
        TwinModel m = TwinModels.createModel("fmi3");
        Component lag = ComponentTypeRegistry.getDefault().find("fmu").orElseThrow().instantiate("lag");
        m.getComponents().add(lag);
        param(lag, "fmu", TestFmus.fmu3(dir, "lag3").toString());
        param(lag, "interface", "model-exchange");
        param(lag, "tau", "0.5");
        port(lag, "y", PortDirection.OUT, DataType.REAL);
        Port u = port(lag, "u", PortDirection.IN, DataType.REAL);
        u.setStart("1");
        Component ball = ComponentTypeRegistry.getDefault().find("fmu").orElseThrow().instantiate("ball");
        m.getComponents().add(ball);
        param(ball, "fmu", TestFmus.fmu3(dir, "bouncingball3").toString());
        port(ball, "height", PortDirection.OUT, DataType.REAL);
        port(ball, "bounces", PortDirection.OUT, DataType.INTEGER);
        double h = 0.001;
        SimulationResult r = Simulation.builder(m).behaviours(registry).stepSize(h).stopTime(1).solver(Solver.RK4)
                .build().run();
        assertEquals(1 - Math.exp(-1 / 0.5), r.finalValue("lag.y"), 1e-9);
        double[] count = r.series("ball.bounces");
        double[] t = r.times();
        int first = 0;
        while (count[first] == 0) {
            first++;
        }
        double contact = Math.sqrt(2 / 9.81);
        assertTrue(t[first] >= contact && t[first] < contact + h, "bounce at " + t[first]);
        assertFalse(r.finalValue("ball.height") < 0);
    }
}
