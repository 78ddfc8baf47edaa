package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.StepObserver;

/**
 * The step observer of a session: every accepted step, grid points inside dopri5 steps, event instants, and an early
 * stop on request. Model: a hold table 0 → 1 at 0.75 s (a time event off the 0.5 s grid) into a lag with T = 1 s.
 */
class StepObserverTest {

    private static Simulation simulation(Solver solver) throws Exception {
        TwinModel m = model();
        Component table = add(m, "table", "src");
        param(table, "table", "0:0, 0.75:1", "");
        param(table, "interpolation", "hold", "");
        Component lag = add(m, "lag", "lag");
        param(lag, "timeConstant", "1", "s");
        connect(m, table, "y", lag, "u");
        return Simulation.builder(m).solver(solver).stepSize(0.5).stopTime(10).build();
    }

    record Seen(double time, StepObserver.Point point, double src, double lag) {
    }

    @Test
    void fixedStepsAreObservedWithTheEventInstant() throws Exception {
        Simulation sim = simulation(Solver.RK4);
        List<Seen> seen = new ArrayList<>();
        try (Simulation.Session s = sim.start()) {
            s.observe((t, p) -> seen.add(new Seen(t, p, s.value("src.y"), s.value("lag.y"))) && false);
            s.advanceTo(2);
            assertEquals(s.acceptedSteps(), seen.stream().filter(x -> x.point() == StepObserver.Point.STEP).count());
        }
        // steps end at 0.5, 0.75 (the event), 1.0, 1.5, 2.0; the event is seen after its step
        assertEquals(List.of(0.5, 0.75, 0.75, 1.0, 1.5, 2.0), seen.stream().map(Seen::time).toList());
        Seen event = seen.get(2);
        assertEquals(StepObserver.Point.EVENT, event.point());
        assertEquals(1, event.src());
        // RK4 on T·y' = u − y: the step 0.5 → 0.75 s ends at the table's row and sees u = 0 at all its stages (the
        // left value until the event), so y(0.75) = 0; from there 1 − y shrinks by
        // R(h) = 1 − h + h²/2 − h³/6 + h⁴/24 per step (steps 0.25, 0.5, 0.5)
        double error = rk4Factor(0.25) * rk4Factor(0.5) * rk4Factor(0.5);
        assertEquals(1 - error, seen.get(5).lag(), 1e-12);
        assertEquals(0, seen.get(1).lag(), 0);
        assertEquals(0, seen.get(1).src(), 0);
    }

    private static double rk4Factor(double h) {
        return 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24;
    }

    @Test
    void dopriStepsAndGridPointsInsideThemAreObservedAndAStopEndsTheAdvanceEarly() throws Exception {
        Simulation sim = simulation(Solver.DOPRI5);
        List<Seen> seen = new ArrayList<>();
        double threshold = 0.5;
        try (Simulation.Session s = sim.start()) {
            s.observe((t, p) -> {
                seen.add(new Seen(t, p, s.value("src.y"), s.value("lag.y")));
                return s.value("lag.y") > threshold;
            });
            s.advanceTo(10);
            // the lag passes 0.5 at 0.75 + ln 2 = 1.443 s: the advance stops at the end of that step
            double crossing = 0.75 + Math.log(2);
            assertTrue(s.time() > crossing && s.time() < 10, "stopped at " + s.time());
            Seen first = seen.stream().filter(x -> x.lag() > threshold).findFirst().orElseThrow();
            assertTrue(first.time() >= crossing && first.time() <= s.time());
            long steps = seen.stream().filter(x -> x.point() == StepObserver.Point.STEP).count();
            assertEquals(s.acceptedSteps(), steps);
            assertTrue(seen.stream().anyMatch(x -> x.point() == StepObserver.Point.GRID),
                    "grid points inside steps");
            for (Seen x : seen) {
                if (x.point() == StepObserver.Point.GRID) {
                    assertEquals(0, Math.IEEEremainder(x.time(), 0.5), 1e-12);
                    double expected = x.time() < 0.75 ? 0 : 1 - Math.exp(-(x.time() - 0.75));
                    assertEquals(expected, x.lag(), 1e-5, "continuous extension at " + x.time());
                }
            }
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).time() >= seen.get(i - 1).time(), "in time order");
            }
            // without the observer the session goes on to the end
            s.observe(null);
            int count = seen.size();
            s.advanceTo(10);
            assertEquals(10, s.time());
            assertEquals(count, seen.size());
        }
    }
}
