package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.bench.Benchmark;
import org.twinstudio.sim.bench.BenchmarkPlant;
import org.twinstudio.sim.bench.PlainPlant;

/** The benchmark plant and its hand-written twin compute the same thing, so the measured ratio is honest. */
class BenchmarkPlantTest {

    @Test
    void theStandardPlantHasOneHundredComponentsAndStates() throws SimulationException {
        TwinModel plant = BenchmarkPlant.create();
        assertEquals(100, plant.getComponents().size());
        assertEquals(100, plant.getConnections().size());
        Simulation sim = Simulation.builder(plant).stopTime(1).stepSize(0.01).build();
        assertEquals(100, sim.evaluationOrder().size());
    }

    /** The fixed-step solvers only: the plain loop is their baseline; dopri5 chooses its own steps. */
    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void masterAndPlainLoopAgree(Solver solver) throws SimulationException {
        // 3000 s at 0.5 s: the loops heat at full power, leave saturation, overshoot to the lower limit: every branch
        TwinModel plant = BenchmarkPlant.create(4);
        double deviation = Benchmark.deviation(plant, 4, solver, 6000, 0.5);
        assertTrue(deviation <= 1e-12, "relative deviation " + deviation);
        SimulationResult r = Simulation.builder(plant).solver(solver).stepSize(0.5).stopTime(3000).build().run();
        PlainPlant p = new PlainPlant(4);
        p.run(6000, 0.5, solver);
        for (int c = 0; c < 4; c++) {
            assertEquals(50 + c, r.finalValue("tank" + c + ".temperature"), 2.5, "chain " + c + " near its setpoint");
            assertEquals(r.finalValue("tank" + c + ".temperature"), p.temperature(c), 1e-9);
            double[] output = r.series("pid" + c + ".output");
            assertEquals(100, output[10], 0, "chain " + c + " saturated while cold");
            assertTrue(java.util.Arrays.stream(output).anyMatch(u -> u > 1 && u < 99), "chain " + c + " controls");
        }
        assertTrue(java.util.Arrays.stream(r.series("pid0.output")).anyMatch(u -> u == 0), "overshoot: lower limit");
    }

    @Test
    void thePlainLoopRefusesTheAdaptiveSolver() {
        assertThrows(IllegalArgumentException.class, () -> new PlainPlant(1).run(1, 0.5, Solver.DOPRI5));
    }

    @Test
    void aDifferentPlainLoopWouldBeCaught() throws SimulationException {
        // the check can fail: one step more in the plain loop is a visible difference
        TwinModel plant = BenchmarkPlant.create(1);
        SimulationResult r = Simulation.builder(plant).solver(Solver.RK4).stepSize(0.5).stopTime(100).build().run();
        PlainPlant p = new PlainPlant(1);
        p.run(201, 0.5, Solver.RK4);
        assertTrue(Math.abs(r.finalValue("tank0.temperature") - p.temperature(0)) > 1e-6);
    }
}
