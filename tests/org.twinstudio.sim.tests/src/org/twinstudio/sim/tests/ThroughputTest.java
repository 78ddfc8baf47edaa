package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/**
 * Component-steps per second of the fixed-step master on a chain of 100 lags and 100 gains fed by a constant: a
 * smoke figure (printed), with a floor far below the expected rate so that it only catches gross regressions.
 */
class ThroughputTest {

    private static TwinModel chain(int links) {
        TwinModel m = model();
        Component previous = add(m, "constant", "source");
        param(previous, "value", "1", null);
        for (int i = 0; i < links; i++) {
            Component lag = add(m, "lag", "lag" + i);
            param(lag, "timeConstant", "0.5", "s");
            Component gain = add(m, "gain", "gain" + i);
            param(gain, "k", "1.0", "");
            connect(m, previous, "y", lag, "u");
            connect(m, lag, "y", gain, "u");
            previous = gain;
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = Solver.class, names = { "EULER", "RK4" })
    void fixedStepThroughput(Solver solver) throws SimulationException {
        TwinModel m = chain(100);
        int components = m.getComponents().size();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            SimulationResult r = Simulation.builder(m).solver(solver).stepSize(0.001).stopTime(20).build().run();
            assertEquals(20000, r.steps());
            best = Math.max(best, components * r.steps() / (r.wallNanos() / 1e9));
        }
        System.out.printf("throughput %s: %.1f M component-steps/s (%d components, best of 5 runs of 20000 steps)%n",
                solver, best / 1e6, components);
        assertTrue(best > 1e6, "component-steps/s: " + best);
    }
}
