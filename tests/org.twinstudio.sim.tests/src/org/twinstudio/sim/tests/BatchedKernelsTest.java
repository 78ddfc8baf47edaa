package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.bench.BenchmarkPlant;
import org.twinstudio.sim.faults.Fault;

/**
 * The batched kernel passes (one loop per class, output pass regrouped by level, a solver stage as one pass,
 * derivatives computed ahead with the end-of-step outputs, the tanks' level stops in one loop) against the behaviour
 * methods, which the master calls while a fault is active: identical to the last bit, including the shapes that
 * fall back to per-component kernels or to the two separate passes.
 */
class BatchedKernelsTest {

    @Test
    void theBenchmarkPlantRunsInBatchesByClassAndLevel() throws Exception {
        Simulation sim = Simulation.builder(BenchmarkPlant.create(3)).solver(Solver.RK4).stepSize(0.1).stopTime(1)
                .build();
        // level 0: tanks and sensors (outputs from states), 1: PIDs, 2: heaters; constants written once
        assertEquals("[tank 3, sensor 3, pid 3, heater 3; constants 3]", field(sim, "outputBatches").toString());
        // the sensors' and PIDs' drivers all come from earlier batches: their derivatives in the same loop; the
        // tanks' need the heaters' power, so after all outputs
        assertEquals("[tank 3, sensor+derivatives 3, pid+derivatives 3, heater 3, tank derivatives 3; constants 3]",
                field(sim, "stageBatches").toString());
    }

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void fallbackShapesAgreeWithTheBehaviourMethodsToTheLastBit(Solver solver) throws Exception {
        Simulation viaKernels = Simulation.builder(mixedPlant()).solver(solver).stepSize(0.5).stopTime(2400).build();
        Simulation viaMethods = Simulation.builder(mixedPlant()).solver(solver).stepSize(0.5).stopTime(2400).build();
        viaMethods.faults().inject(Fault.offset("sp.y", 0)); // neutral, always active: every call through wrappers
        // the noisy sensor and the gain are per-component kernels in runs of their own; the second sensor reads the
        // first one's output in the same batch, so the sensors' derivatives come after all outputs
        String stage = field(viaKernels, "stageBatches").toString();
        assertEquals("[kernels 1, tank 1, sensor 2, kernels 1, pid+derivatives 1, heater 1, kernel derivatives 1, "
                + "tank derivatives 1, sensor derivatives 2; constants 1]", stage);
        SimulationResult a = viaKernels.run();
        SimulationResult b = viaMethods.run();
        assertTrue(viaMethods.faults().anyActive());
        assertSameSeries(a, b);
        assertNotEquals(a.finalValue("noisy.value"), a.finalValue("tank.temperature"), "the noise is there");
        assertTrue(a.finalValue("tank.temperature") > 40, "the loop heats: " + a.finalValue("tank.temperature"));
    }

    @Test
    void aModelWithAComponentWithoutKernelKeepsPerComponentPasses() throws Exception {
        // a step source (no kernel) drives the setpoint: no batched output or stage pass, the derivatives batched
        TwinModel m = BenchmarkPlant.create(1);
        Component step = add(m, "stepSignal", "step");
        param(step, "initial", "40", null);
        param(step, "final", "60", null);
        param(step, "time", "300", "s");
        m.getConnections().removeIf(c -> c.getTarget().getName().equals("setpoint"));
        connect(m, step, "y", m.getComponents().stream().filter(c -> c.getName().equals("pid0")).findFirst()
                .orElseThrow(), "setpoint");
        Simulation sim = Simulation.builder(m).solver(Solver.RK4).stepSize(0.5).stopTime(900).build();
        assertNull(field(sim, "outputBatches"));
        assertNull(field(sim, "stageBatches"));
        Simulation viaMethods = Simulation.builder(m).solver(Solver.RK4).stepSize(0.5).stopTime(900).build();
        viaMethods.faults().inject(Fault.offset("sensor0.value", 0));
        assertSameSeries(sim.run(), viaMethods.run());
    }

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void derivativesComputedAheadAreDroppedWhenAnInputIsSet(Solver solver) throws Exception {
        // inflow into tank0 from t = 100 s: the level rises; the derivatives computed at the end of the step before
        // must not be used for the next step
        double[] viaKernels = levelsAfterInflow(solver, false);
        double[] viaMethods = levelsAfterInflow(solver, true);
        assertArrayEquals(viaMethods, viaKernels);
        assertEquals(0.8 + 0.002 * 100 / 0.25, viaKernels[0], 1e-9, "tank0 filled for 100 s at 2 l/s");
    }

    private static double[] levelsAfterInflow(Solver solver, boolean neutralFault) throws Exception {
        Simulation sim = Simulation.builder(BenchmarkPlant.create(2)).solver(solver).stepSize(0.1).stopTime(400)
                .build();
        if (neutralFault) {
            sim.faults().inject(Fault.offset("sensor1.value", 0));
        }
        try (Simulation.Session s = sim.start()) {
            s.advanceTo(100);
            s.setInput("tank0.inflow", 0.002);
            s.advanceTo(200);
            return new double[] { s.value("tank0.level"), s.value("tank0.temperature"), s.value("pid0.output"),
                    s.value("tank1.temperature") };
        }
    }

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void tanksStopsRunThroughTheirWrappersWhileAFaultIsScheduled(Solver solver) throws Exception {
        // tank0's level output stuck from 100 s for 50 s: its wrapper must see the step boundaries; the plant then
        // behaves as when every call goes through the wrappers
        Simulation a = Simulation.builder(BenchmarkPlant.create(2)).solver(solver).stepSize(0.5).stopTime(400).build();
        a.faults().inject(Fault.stuck("tank0.temperature", 10).at(100).lasting(50));
        Simulation b = Simulation.builder(BenchmarkPlant.create(2)).solver(solver).stepSize(0.5).stopTime(400).build();
        b.faults().inject(Fault.stuck("tank0.temperature", 10).at(100).lasting(50));
        b.faults().inject(Fault.offset("sensor1.value", 0));
        SimulationResult ra = a.run();
        assertSameSeries(ra, b.run());
        int row = (int) Math.round(120 / 0.5);
        assertEquals(10, ra.value(row, ra.column("tank0.temperature")), 0, "stuck during the fault");
        assertTrue(ra.finalValue("tank0.temperature") > 10, "released after it");
    }

    @Test
    void unconnectedInputsAreRecordedInEveryRow() throws Exception {
        SimulationResult r = Simulation.builder(BenchmarkPlant.create(1)).solver(Solver.RK4).stepSize(1)
                .stopTime(10).build().run();
        double[] inflowTemperature = r.series("tank0.inflowTemperature");
        assertEquals(11, inflowTemperature.length);
        for (int row = 0; row < r.size(); row++) {
            assertEquals(15, inflowTemperature[row], 0);
            assertEquals(15, r.value(row, r.column("tank0.inflowTemperature")), 0);
            assertEquals(1, r.value(row, r.column("pid0.enable")), 0);
        }
    }

    @Test
    void aDerivativeThatIsNotFiniteInAStageIsReportedAtThatStage() throws Exception {
        // sensor with τ = 1e-300 s behind a constant 1, starting at 0: k1 = 1e300 is finite; in stage 2 (t = h/2)
        // y = h/2 · 1e300 and dy/dt = (1 − y) / τ overflows to −Infinity. The stage passes leave derivatives to the
        // step's check, which runs the step again checked: reported as the derivative at t = 0.005 s, as when every
        // pass is checked (the output y = 5e297 is still finite there; stage 3's is not)
        TwinModel m = model();
        Component one = add(m, "constant", "one");
        param(one, "value", "1", null);
        Component sensor = add(m, "temperatureSensor", "sensor");
        param(sensor, "timeConstant", "1e-300", "s");
        SimulationFixtures.start(sensor, "value", "0");
        connect(m, one, "y", sensor, "input");
        Simulation sim = Simulation.builder(m).solver(Solver.RK4).stepSize(0.01).stopTime(1).build();
        assertEquals("[sensor+derivatives 1; constants 1]", field(sim, "stageBatches").toString());
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertEquals("component 'sensor' (temperatureSensor) produced -Infinity as the derivative of state 'value' at"
                + " t = 0.005 s", e.getMessage());
    }

    @Test
    void aDerivativeComputedAheadThatIsNotFiniteIsReportedWhenTheNextStepNeedsIt() throws Exception {
        // Euler, τ = 1e-300 s: dy/dt(0) = 1e300, y(h) = 1e298 (finite output), dy/dt(h) = −Infinity: computed
        // ahead with the outputs at t = h, unchecked, and reported by the next step at t = h as before
        TwinModel m = model();
        Component one = add(m, "constant", "one");
        param(one, "value", "1", null);
        Component sensor = add(m, "temperatureSensor", "sensor");
        param(sensor, "timeConstant", "1e-300", "s");
        SimulationFixtures.start(sensor, "value", "0");
        connect(m, one, "y", sensor, "input");
        Simulation sim = Simulation.builder(m).solver(Solver.EULER).stepSize(0.01).stopTime(1).build();
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertEquals("component 'sensor' (temperatureSensor) produced -Infinity as the derivative of state 'value' at"
                + " t = 0.01 s", e.getMessage());
    }

    /** sp → pid → heater → tank → sensor (fed back through a gain of 1) and a noisy sensor behind the first one. */
    private static TwinModel mixedPlant() {
        TwinModel m = model();
        Component sp = add(m, "constant", "sp");
        param(sp, "value", "50", null);
        Component pid = add(m, "pid", "pid");
        param(pid, "kp", "12", "");
        param(pid, "ti", "600", "s");
        param(pid, "td", "4", "s");
        Component heater = add(m, "heater", "heater");
        param(heater, "maxPower", "18000", "W");
        param(heater, "efficiency", "0.98", "");
        Component tank = add(m, "tank", "tank");
        param(tank, "area", "0.25", "m2");
        param(tank, "height", "2", "m");
        param(tank, "initialLevel", "0.8", "m");
        param(tank, "initialTemperature", "15", "degC");
        param(tank, "ambientTemperature", "20", "degC");
        param(tank, "heatLoss", "15", "W/K");
        Component sensor = add(m, "temperatureSensor", "sensor");
        param(sensor, "timeConstant", "3", "s");
        Component noisy = add(m, "temperatureSensor", "noisy");
        param(noisy, "timeConstant", "5", "s");
        param(noisy, "noise", "0.2", "K");
        Component second = add(m, "temperatureSensor", "second");
        param(second, "timeConstant", "2", "s");
        Component gain = add(m, "gain", "feedback");
        param(gain, "k", "1", "");
        connect(m, sp, "y", pid, "setpoint");
        connect(m, pid, "output", heater, "command");
        connect(m, heater, "power", tank, "heatInput");
        connect(m, tank, "temperature", sensor, "input");
        connect(m, sensor, "value", gain, "u");
        connect(m, gain, "y", pid, "measurement");
        connect(m, tank, "temperature", noisy, "input");
        connect(m, sensor, "value", second, "input");
        return m;
    }

    private static void assertSameSeries(SimulationResult a, SimulationResult b) {
        assertEquals(a.size(), b.size());
        for (Signal s : a.signals()) {
            assertArrayEquals(b.series(s.name()), a.series(s.name()), s.name());
        }
    }

    private static Object field(Simulation sim, String name) throws ReflectiveOperationException {
        Field f = Simulation.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(sim);
    }
}
