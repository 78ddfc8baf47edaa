package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.TestTypes.add;
import static org.twinstudio.sim.tests.TestTypes.builder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** The adaptive Dormand-Prince solver against closed forms, and against RK4 on cost. */
class SolverTest {

    private static TwinModel oscillator(double omega) {
        TwinModel m = model();
        Component c = add(m, "oscillator", "osc");
        param(c, "omega", Double.toString(omega), "rad/s");
        param(c, "x0", "1", "");
        return m;
    }

    /** y = exp(−t): the global error stays within a small multiple of the tolerance and shrinks with it. */
    @ParameterizedTest
    @ValueSource(doubles = { 1e-4, 1e-6, 1e-8, 1e-10 })
    void exponentialDecayStaysWithinTheTolerance(double tolerance) throws SimulationException {
        TwinModel m = model();
        add(m, "decay", "d");
        SimulationResult r = builder(m).solver(Solver.DOPRI5).relativeTolerance(tolerance)
                .absoluteTolerance(tolerance).stepSize(0.1).stopTime(10).build().run();
        assertEquals(101, r.size());
        double maxError = 0;
        for (int i = 0; i < r.size(); i++) {
            assertEquals(i * 0.1, r.time(i), 0.0);
            maxError = Math.max(maxError, Math.abs(r.series("d.y")[i] - Math.exp(-r.time(i))));
        }
        System.out.printf("decay tol %.0e: max error %.3e, %d steps (%d rejected), %d evaluations%n", tolerance,
                maxError, r.steps(), r.rejectedSteps(), r.derivativeEvaluations());
        assertTrue(maxError <= 10 * tolerance, "max error " + maxError + " for tolerance " + tolerance);
        if (tolerance >= 1e-6) {
            assertTrue(r.steps() < 100, "steps are not tied to the output grid: " + r.steps());
        }
    }

    /** x = cos(ωt), v = −ω sin(ωt) over ten periods, on the output grid from the continuous extension. */
    @ParameterizedTest
    @ValueSource(doubles = { 1e-5, 1e-8 })
    void harmonicOscillatorFollowsTheClosedForm(double tolerance) throws SimulationException {
        double omega = 2 * Math.PI * 0.5;
        SimulationResult r = builder(oscillator(omega)).solver(Solver.DOPRI5).relativeTolerance(tolerance)
                .absoluteTolerance(tolerance).stepSize(0.05).stopTime(20).build().run();
        double maxError = 0;
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            maxError = Math.max(maxError, Math.abs(r.series("osc.x")[i] - Math.cos(omega * t)));
            maxError = Math.max(maxError, Math.abs(r.series("osc.v")[i] + omega * Math.sin(omega * t)) / omega);
        }
        System.out.printf("oscillator tol %.0e: max error %.3e, %d steps (%d rejected)%n", tolerance, maxError,
                r.steps(), r.rejectedSteps());
        assertTrue(maxError <= 100 * tolerance, "max error " + maxError + " for tolerance " + tolerance);
    }

    /**
     * On a smooth problem dopri5 reaches RK4's accuracy with fewer evaluations of the model: the loosest of a series
     * of tolerances whose error is at most RK4's (h = 0.1) needs less than 60 % of RK4's evaluations.
     */
    @Test
    void fewerDerivativeEvaluationsThanRk4AtEqualAccuracy() throws SimulationException {
        SimulationResult rk4 = builder(oscillator(1)).solver(Solver.RK4).stepSize(0.1).stopTime(20).build().run();
        double rk4Error = maxError(rk4);
        assertEquals(800, rk4.derivativeEvaluations());
        SimulationResult dopri = null;
        double dopriError = Double.NaN;
        for (double tolerance = 1e-3; tolerance >= 1e-9; tolerance /= 10) {
            dopri = builder(oscillator(1)).solver(Solver.DOPRI5).relativeTolerance(tolerance)
                    .absoluteTolerance(tolerance).stepSize(0.1).stopTime(20).build().run();
            dopriError = maxError(dopri);
            if (dopriError <= rk4Error) {
                System.out.printf("oscillator: rk4 error %.3e with %d evaluations; dopri5 (tolerance %.0e) error %.3e "
                        + "with %d evaluations%n", rk4Error, rk4.derivativeEvaluations(), tolerance, dopriError,
                        dopri.derivativeEvaluations());
                break;
            }
        }
        assertTrue(dopriError <= rk4Error, "dopri5 error " + dopriError + " vs rk4 " + rk4Error);
        assertTrue(dopri.derivativeEvaluations() < 0.6 * rk4.derivativeEvaluations(),
                "dopri5 " + dopri.derivativeEvaluations() + " evaluations vs rk4 " + rk4.derivativeEvaluations());
    }

    private static double maxError(SimulationResult r) {
        double e = 0;
        for (int i = 0; i < r.size(); i++) {
            e = Math.max(e, Math.abs(r.series("osc.x")[i] - Math.cos(r.time(i))));
        }
        return e;
    }

    @Test
    void maxStepSizeBoundsTheSteps() throws SimulationException {
        SimulationResult r = builder(oscillator(1)).solver(Solver.DOPRI5).maxStepSize(0.01).stepSize(0.1)
                .stopTime(2).build().run();
        assertTrue(r.steps() >= 200, "steps: " + r.steps());
    }

    /** x' = x² from 1 blows up at t = 1: the step size collapses there and the error names the state. */
    @Test
    void aStepSizeCollapseNamesTheStateAndTheTime() {
        TwinModel m = model();
        add(m, "blowup", "runaway");
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(m).solver(Solver.DOPRI5).stepSize(0.1).stopTime(2).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        assertTrue(e.getMessage().startsWith("dopri5 cannot meet the tolerance"), e.getMessage());
        assertTrue(e.getMessage().contains("state 'x' of component 'runaway'"), e.getMessage());
        double t = Double.parseDouble(e.getMessage().replaceAll("(?s).* at t = ([0-9.E-]+) s.*", "$1"));
        assertEquals(1, t, 1e-6, e.getMessage());
    }

    @Test
    void solverAndTolerancesComeFromTheModel() throws SimulationException {
        TwinModel m = oscillator(1);
        m.getSimulation().setSolver(Solver.DOPRI5);
        m.getSimulation().setRelativeTolerance(1e-9);
        m.getSimulation().setAbsoluteTolerance(1e-11);
        m.getSimulation().setMaxStepSize(0.5);
        Simulation sim = builder(m).build();
        assertEquals(Solver.DOPRI5, sim.solver());
        assertEquals(1e-9, sim.relativeTolerance());
        assertEquals(1e-11, sim.absoluteTolerance());
        assertEquals(0.5, sim.maxStepSize());
        m.getSimulation().setMaxStepSize(0);
        assertEquals(Double.POSITIVE_INFINITY, builder(m).build().maxStepSize());
    }

    @Test
    void badTolerancesAreModelErrors() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(oscillator(1)).relativeTolerance(0).build());
        assertEquals(SimulationException.Kind.MODEL, e.kind());
        assertTrue(e.getMessage().contains("relative tolerance"), e.getMessage());
        e = assertThrows(SimulationException.class, () -> builder(oscillator(1)).absoluteTolerance(-1).build());
        assertTrue(e.getMessage().contains("absolute tolerance"), e.getMessage());
        e = assertThrows(SimulationException.class, () -> builder(oscillator(1)).maxStepSize(-1).build());
        assertTrue(e.getMessage().contains("maximum step size"), e.getMessage());
    }
}
