package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.TestTypes.add;
import static org.twinstudio.sim.tests.TestTypes.builder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.bench.Benchmark;
import org.twinstudio.sim.bench.BenchmarkPlant;
import org.twinstudio.sim.faults.Fault;

/**
 * Runs of more than 100 000 steps, where the master evaluates the model through the components' kernels or, for
 * models without, through passes specialised for it (straight line code per model): same results, same errors,
 * faults still applied.
 */
class LongRunTest {

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void longRunsAgreeWithThePlainLoopToTheLastBit(Solver solver) throws SimulationException {
        // 100 100 steps of 0.03 s: 50 min in which every loop heats, controls and settles
        double deviation = Benchmark.deviation(BenchmarkPlant.create(4), 4, solver, 100_100, 0.03);
        assertEquals(0, deviation, "relative deviation " + deviation);
    }

    @Test
    void aValueThatIsNotFiniteIsReportedWithItsComponent() {
        TwinModel m = SimulationFixtures.model();
        add(m, "blowup", "runaway"); // x' = x², x(0) = 1: infinite at t = 1
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(m).solver(Solver.EULER).stepSize(1e-5).stopTime(2).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        assertTrue(e.getMessage().startsWith("component 'runaway' (blowup) produced Infinity"), e.getMessage());
        double t = Double.parseDouble(e.getMessage().replaceAll("(?s).* at t = ([0-9.E-]+) s.*", "$1"));
        assertTrue(t > 1 && t < 2, e.getMessage());
    }

    @Test
    void faultsActAndEndInALongRun() throws Exception {
        // the fault-injection chain (constant 20 → lag, T = 2 s → sensor), Euler at 0.25 s for 30 000 s
        Simulation sim = Simulation.builder(FaultInjectionTest.chain()).solver(Solver.EULER).stepSize(0.25)
                .stopTime(30_000).build();
        sim.faults().inject(Fault.stuck("sensor.value", 55).at(20_000).lasting(1_000));
        sim.faults().inject(Fault.offset("lag.u", -4).at(25_000).lasting(0.5));
        SimulationResult r = sim.run();
        // white box: the constant and the sensor ran through their kernels (the specialised passes are then not
        // made; KernelTest runs them on a model without kernels)
        java.lang.reflect.Field kernels = Simulation.class.getDeclaredField("flatCapable");
        kernels.setAccessible(true);
        assertTrue((boolean) kernels.get(sim), "kernels bound");
        double[] v = r.series("sensor.value");
        double[] y = r.series("lag.y");
        assertEquals(120_001, r.size());
        assertEquals(20, v[79_999], 1e-9, "settled before the fault");
        assertEquals(55, v[80_000], 0, "stuck from 20 000 s");
        assertEquals(55, v[83_999], 0);
        assertEquals(y[84_000], v[84_000], 0, "healthy again from 21 000 s");
        // two Euler steps with u = 16 from 25 000 s, then back towards 20
        double state = y[100_000];
        for (int k = 0; k < 2; k++) {
            state += 0.25 * ((16 - state) / 2);
            assertEquals(state, y[100_001 + k], 1e-12, "step " + k + " of the offset");
        }
        assertEquals(state + 0.25 * ((20 - state) / 2), y[100_003], 1e-12, "recovering after the offset ended");
    }
}
