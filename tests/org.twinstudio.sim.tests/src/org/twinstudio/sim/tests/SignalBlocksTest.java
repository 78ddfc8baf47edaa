package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.start;

import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** The signal blocks against their equations. */
class SignalBlocksTest {

    private static SimulationResult run(TwinModel m, double stop, double h) throws SimulationException {
        return Simulation.builder(m).stopTime(stop).stepSize(h).solver(Solver.RK4).build().run();
    }

    @Test
    void sourcesFollowTheirFormulas() throws SimulationException {
        TwinModel m = model();
        Component c = add(m, "constant", "c");
        param(c, "value", "4.5", null);
        Component s = add(m, "stepSignal", "s");
        param(s, "initial", "1", null);
        param(s, "final", "3", null);
        param(s, "time", "2", "s");
        Component r = add(m, "ramp", "r");
        param(r, "offset", "10", null);
        param(r, "slope", "0.5", null);
        param(r, "startTime", "1", "s");
        Component w = add(m, "sine", "w");
        param(w, "amplitude", "2", null);
        param(w, "frequency", "0.25", "Hz");
        param(w, "offset", "1", null);
        SimulationResult res = run(m, 4, 0.1);
        for (int i = 0; i < res.size(); i++) {
            double t = res.time(i);
            assertEquals(4.5, res.series("c.y")[i], 0);
            assertEquals(t < 2 - 1e-9 ? 1 : 3, res.series("s.y")[i], 0, "t = " + t);
            assertEquals(10 + 0.5 * Math.max(0, t - 1), res.series("r.y")[i], 1e-12, "t = " + t);
            assertEquals(1 + 2 * Math.sin(2 * Math.PI * 0.25 * t), res.series("w.y")[i], 1e-12, "t = " + t);
        }
    }

    @Test
    void staticBlocksChain() throws SimulationException {
        TwinModel m = model();
        Component ramp = add(m, "ramp", "ramp");
        param(ramp, "slope", "10", null);
        Component gain = add(m, "gain", "gain");
        param(gain, "k", "-2", "");
        Component offset = add(m, "constant", "offset");
        param(offset, "value", "50", null);
        Component sum = add(m, "sum", "sum");
        Component limit = add(m, "limiter", "limit");
        param(limit, "min", "0", null);
        param(limit, "max", "40", null);
        connect(m, ramp, "y", gain, "u");
        connect(m, gain, "y", sum, "a");
        connect(m, offset, "y", sum, "b");
        connect(m, sum, "y", limit, "u");
        SimulationResult r = run(m, 5, 0.25);
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double expected = Math.min(Math.max(50 - 20 * t, 0), 40);
            assertEquals(expected, r.series("limit.y")[i], 1e-9, "t = " + t);
        }
    }

    /** y' = (u − y)/T with u = 1, y(0) = 0: y = 1 − exp(−t/T); integrator of the same input: y = k·t. */
    @Test
    void lagAndIntegratorSolveTheirEquations() throws SimulationException {
        TwinModel m = model();
        Component one = add(m, "constant", "one");
        param(one, "value", "1", null);
        Component lag = add(m, "lag", "lag");
        param(lag, "timeConstant", "3", "s");
        Component integrator = add(m, "integrator", "integral");
        param(integrator, "k", "0.5", "");
        start(integrator, "y", "2");
        connect(m, one, "y", lag, "u");
        connect(m, one, "y", integrator, "u");
        SimulationResult r = run(m, 10, 0.01);
        for (int i = 0; i < r.size(); i += 50) {
            double t = r.time(i);
            assertEquals(1 - Math.exp(-t / 3), r.series("lag.y")[i], 1e-9, "t = " + t);
            assertEquals(2 + 0.5 * t, r.series("integral.y")[i], 1e-9, "t = " + t);
        }
    }

    /** A sine from 16 to 24 into a thermostat at 20 ± 1: on below 19, off above 21, held in between. */
    @Test
    void thermostatSwitchesWithHysteresis() throws SimulationException {
        TwinModel m = model();
        Component wave = add(m, "sine", "wave");
        param(wave, "amplitude", "4", null);
        param(wave, "frequency", "0.05", "Hz");
        param(wave, "offset", "20", null);
        Component thermostat = add(m, "thermostat", "thermostat");
        param(thermostat, "setpoint", "20", null);
        param(thermostat, "hysteresis", "2", null);
        connect(m, wave, "y", thermostat, "measurement");
        SimulationResult r = run(m, 60, 0.05);
        double[] u = r.series("wave.y");
        double[] on = r.series("thermostat.on");
        int switches = 0;
        for (int i = 1; i < r.size(); i++) {
            // the thermostat switches where the measurement crosses a threshold (a located state event)
            if (u[i] < 19) {
                assertEquals(1, on[i], 0, "t = " + r.time(i));
            } else if (u[i] > 21) {
                assertEquals(0, on[i], 0, "t = " + r.time(i));
            } else {
                assertEquals(on[i - 1], on[i], 0, "changed inside the dead band at t = " + r.time(i));
            }
            if (on[i] != on[i - 1]) {
                switches++;
            }
        }
        assertTrue(switches >= 5, "switches: " + switches);
    }

    @Test
    void limiterWithMinAboveMaxIsAModelError() {
        TwinModel m = model();
        Component limit = add(m, "limiter", "limit");
        param(limit, "min", "5", null);
        param(limit, "max", "1", null);
        SimulationException e = assertThrows(SimulationException.class, () -> run(m, 1, 0.1));
        assertTrue(e.getMessage().contains("min (5.0) must not be above max (1.0)"), e.getMessage());
    }
}
