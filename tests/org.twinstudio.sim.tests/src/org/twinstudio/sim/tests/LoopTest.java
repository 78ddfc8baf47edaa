package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.start;
import static org.twinstudio.sim.tests.TestTypes.add;
import static org.twinstudio.sim.tests.TestTypes.builder;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** Per-port ordering and the solution of algebraic loops. */
class LoopTest {

    /** u → sum.a; sum.y → gain.u; gain.y → sum.b: y = u + k·y, so y = u/(1 − k). */
    private static TwinModel gainSumLoop(double k) {
        TwinModel m = model();
        Component u = add(m, "sine", "u");
        param(u, "amplitude", "2", null);
        param(u, "frequency", "0.1", "Hz");
        param(u, "offset", "3", null);
        Component sum = add(m, "sum", "sum");
        Component gain = add(m, "gain", "gain");
        param(gain, "k", Double.toString(k), "");
        connect(m, u, "y", sum, "a");
        connect(m, sum, "y", gain, "u");
        connect(m, gain, "y", sum, "b");
        return m;
    }

    @ParameterizedTest
    @ValueSource(doubles = { 0.5, -3, 2, 0.999 })
    void gainSumLoopSolvesToTheClosedForm(double k) throws SimulationException {
        Simulation sim = builder(gainSumLoop(k)).stepSize(0.1).stopTime(10).build();
        assertEquals(1, sim.algebraicLoops().size());
        String loop = sim.algebraicLoops().get(0);
        assertTrue(loop.contains("sum.y -> gain.u") && loop.contains("gain.y -> sum.b"), loop);
        SimulationResult r = sim.run();
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double u = 3 + 2 * Math.sin(2 * Math.PI * 0.1 * t);
            double y = u / (1 - k);
            assertEquals(y, r.series("sum.y")[i], 1e-8 * Math.max(1, Math.abs(y)), "t = " + t);
            assertEquals(k * y, r.series("gain.y")[i], 1e-8 * Math.max(1, Math.abs(y)), "t = " + t);
        }
    }

    /** k = 1: y = u + y has no solution; the error names the loop, the residual and the time. */
    @Test
    void aLoopWithoutSolutionIsAClearError() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(gainSumLoop(1)).stepSize(0.1).stopTime(1).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        String msg = e.getMessage();
        assertTrue(msg.startsWith("algebraic loop "), msg);
        assertTrue(msg.contains("sum.y -> gain.u") && msg.contains("gain.y -> sum.b"), msg);
        assertTrue(msg.contains("residual 3.0"), msg);
        assertTrue(msg.contains("at t = 0.0 s"), msg);
    }

    /** y = 1 + y² has no real solution (y² − y + 1 ≥ 3/4): Newton wanders and gives up with the residual. */
    @Test
    void aNonConvergentLoopGivesUpWithItsResidual() {
        TwinModel m = model();
        Component one = add(m, "constant", "one");
        param(one, "value", "1", null);
        Component sum = add(m, "sum", "sum");
        Component square = add(m, "square", "square");
        connect(m, one, "y", sum, "a");
        connect(m, sum, "y", square, "u");
        connect(m, square, "y", sum, "b");
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(m).stepSize(0.1).stopTime(1).build().run());
        String msg = e.getMessage();
        assertTrue(msg.startsWith("algebraic loop "), msg);
        assertTrue(msg.contains("square.y -> sum.b") && msg.contains("sum.y -> square.u"), msg);
        assertTrue(msg.contains("did not converge after 50 Newton iterations")
                || msg.contains("singular Jacobian"), msg);
        double residual = Math.abs(Double.parseDouble(msg.replaceAll("(?s).*residual (\\S+) on .*", "$1")));
        assertTrue(residual >= 0.75 - 1e-9, msg);
    }

    /** A loop through boolean ports cannot be iterated: still refused when building, with its ports. */
    @Test
    void aLoopThroughDiscretePortsIsReported() {
        TwinModel m = model();
        Component a = add(m, "not", "a");
        Component b = add(m, "not", "b");
        connect(m, a, "y", b, "u");
        connect(m, b, "y", a, "u");
        SimulationException e = assertThrows(SimulationException.class, () -> builder(m).build());
        assertEquals(SimulationException.Kind.MODEL, e.kind());
        assertTrue(e.getMessage().startsWith("algebraic loop: "), e.getMessage());
        assertTrue(e.getMessage().contains("a.y -> b.u"), e.getMessage());
        assertTrue(e.getMessage().contains("b.y -> a.u"), e.getMessage());
        assertTrue(e.getMessage().contains("boolean"), e.getMessage());
    }

    /**
     * split.s (a state) → gain.u, gain.y → split.u, split.y → lag.u: as whole components split and gain form a
     * loop of feedthrough components, port by port there is none. split.s' = w − s with w = 1, s(0) = 2.
     */
    @Test
    void portDependenciesAvoidFalseLoops() throws SimulationException {
        TwinModel m = model();
        Component split = add(m, "split", "split");
        start(split, "w", "1");
        Component gain = add(m, "gain", "gain");
        param(gain, "k", "3", "");
        connect(m, split, "s", gain, "u");
        connect(m, gain, "y", split, "u");
        Simulation sim = builder(m).solver(Solver.RK4).stepSize(0.01).stopTime(2).build();
        assertEquals(List.of(), sim.algebraicLoops());
        SimulationResult r = sim.run();
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double s = 1 + (0 - 1) * Math.exp(-t);
            assertEquals(s, r.series("split.s")[i], 1e-9, "t = " + t);
            assertEquals(3 * s, r.series("split.y")[i], 1e-9, "t = " + t);
        }
    }
}
