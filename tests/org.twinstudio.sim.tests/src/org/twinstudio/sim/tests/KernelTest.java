package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.port;

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
 * The flat kernels of the built-in behaviours (constant, pid, heater, tank, sensor) against their behaviour methods,
 * which the master calls instead while a fault is active: the same values to the last bit, and the same located
 * errors.
 */
class KernelTest {

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void kernelsAndBehaviourMethodsAgreeToTheLastBit(Solver solver) throws Exception {
        // 4 loops over 50 min: every controller saturates, controls and overshoots
        Simulation viaKernels = Simulation.builder(BenchmarkPlant.create(4)).solver(solver).stepSize(0.5)
                .stopTime(3000).build();
        Simulation viaMethods = Simulation.builder(BenchmarkPlant.create(4)).solver(solver).stepSize(0.5)
                .stopTime(3000).build();
        // a fault that changes nothing (v + 0) but is active all the time: every call goes through the wrappers
        viaMethods.faults().inject(Fault.offset("sensor0.value", 0));
        assertTrue((boolean) field("flatCapable").get(viaKernels), "the plant's components have kernels");
        SimulationResult a = viaKernels.run();
        SimulationResult b = viaMethods.run();
        assertTrue(viaMethods.faults().anyActive(), "the neutral fault stayed active");
        assertEquals(a.size(), b.size());
        for (Signal s : a.signals()) {
            String name = s.name();
            assertArrayEquals(b.series(name), a.series(name), name);
        }
        double[] level = a.series("tank0.temperature");
        assertTrue(level[level.length - 1] != level[0], "the plant moved");
    }

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4", "DOPRI5" })
    void signalBlockKernelsAgreeWithTheirBehaviourMethods(Solver solver) throws Exception {
        // sine → gain → sum.a, ramp → sum.b, sum → limiter → lag → integrator
        Simulation viaKernels = Simulation.builder(signalChain()).solver(solver).stepSize(0.05).stopTime(60).build();
        Simulation viaMethods = Simulation.builder(signalChain()).solver(solver).stepSize(0.05).stopTime(60).build();
        viaMethods.faults().inject(Fault.offset("sine.y", 0)); // neutral, but active: the wrappers are called
        SimulationResult a = viaKernels.run();
        SimulationResult b = viaMethods.run();
        assertEquals(a.size(), b.size());
        for (Signal s : a.signals()) {
            assertArrayEquals(b.series(s.name()), a.series(s.name()), s.name());
        }
        double[] limited = a.series("limiter.y");
        assertTrue(java.util.Arrays.stream(limited).anyMatch(v -> v == 1.5), "the limiter limits");
        assertTrue(a.finalValue("integrator.y") > 1, "the integrator integrates: " + a.finalValue("integrator.y"));
    }

    private static TwinModel signalChain() {
        TwinModel m = model();
        Component sine = add(m, "sine", "sine");
        param(sine, "frequency", "0.1", "Hz");
        Component gain = add(m, "gain", "gain");
        param(gain, "k", "2", "");
        Component ramp = add(m, "ramp", "ramp");
        param(ramp, "slope", "0.05", null);
        Component sum = add(m, "sum", "sum");
        param(sum, "ka", "1", "");
        param(sum, "kb", "1", "");
        Component limiter = add(m, "limiter", "limiter");
        param(limiter, "min", "-1", null);
        param(limiter, "max", "1.5", null);
        Component lag = add(m, "lag", "lag");
        param(lag, "timeConstant", "2", "s");
        Component integrator = add(m, "integrator", "integrator");
        connect(m, sine, "y", gain, "u");
        connect(m, gain, "y", sum, "a");
        connect(m, ramp, "y", sum, "b");
        connect(m, sum, "y", limiter, "u");
        connect(m, limiter, "y", lag, "u");
        connect(m, lag, "y", integrator, "u");
        return m;
    }

    @Test
    void aKernelsValueThatIsNotFiniteIsReportedWithItsComponentPortAndTime() throws Exception {
        // power = 1 · 1e308 W · command / 100 with command = t (in %): the product overflows once t > 1.797 s
        TwinModel m = model();
        Component ramp = add(m, "ramp", "ramp");
        param(ramp, "slope", "1", null);
        port(ramp, "y").setUnit("%");
        Component heater = add(m, "heater", "heater");
        param(heater, "maxPower", "1e308", "W");
        param(heater, "efficiency", "1", "");
        connect(m, ramp, "y", heater, "command");
        Simulation sim = Simulation.builder(m).solver(Solver.EULER).stepSize(0.01).stopTime(5).build();
        assertTrue((boolean) field("flatCapable").get(sim), "the heater runs through its kernel");
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        assertTrue(e.getMessage().startsWith("component 'heater' (heater) produced Infinity on output 'power' at t = "),
                e.getMessage());
        double t = Double.parseDouble(e.getMessage().replaceAll("(?s).* at t = ([0-9.E-]+) s.*", "$1"));
        assertEquals(1.8, t, 1e-9, e.getMessage());
    }

    @Test
    void modelsWithoutKernelsStillUseTheSpecialisedPassesInLongRuns() throws Exception {
        // 120 000 Euler steps go through the specialised passes
        Simulation longRun = TestTypes.builder(withoutKernels()).solver(Solver.EULER).stepSize(0.01).stopTime(1200).build();
        SimulationResult r = longRun.run();
        assertNotNull(field("specialised").get(longRun), "specialised passes made");
        // the same steps in a session, which stays on the generic passes this long
        Simulation stepped = TestTypes.builder(withoutKernels()).solver(Solver.EULER).stepSize(0.01).stopTime(1200).build();
        try (Simulation.Session s = stepped.start()) {
            s.advanceTo(1200);
            assertNull(field("specialised").get(stepped));
            assertEquals(s.value("split.s"), r.finalValue("split.s"), 0);
            assertEquals(s.value("oscillator.x"), r.finalValue("oscillator.x"), 0);
        }
    }

    /** oscillator → square → split (u and w): behaviours without kernels, as a third party's. */
    private static TwinModel withoutKernels() {
        TwinModel m = model();
        Component oscillator = TestTypes.add(m, "oscillator", "oscillator");
        param(oscillator, "omega", "0.05", "rad/s");
        Component square = TestTypes.add(m, "square", "square");
        Component split = TestTypes.add(m, "split", "split");
        connect(m, oscillator, "x", square, "u");
        connect(m, square, "y", split, "w");
        connect(m, oscillator, "v", split, "u");
        return m;
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = Simulation.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
