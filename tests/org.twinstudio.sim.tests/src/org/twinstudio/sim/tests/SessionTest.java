package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.TestTypes.add;
import static org.twinstudio.sim.tests.TestTypes.builder;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationEvent;
import org.twinstudio.sim.SimulationException;

/** The stepping API: advance, read, set inputs from outside. */
class SessionTest {

    /** A lag (T = 2 s) whose input is set to 1 at 0 and back to 0 at 3 s: 1 − e^(−t/T), then a decay. */
    @ParameterizedTest
    @EnumSource(Solver.class)
    void inputsSetFromOutsideDriveTheModel(Solver solver) throws SimulationException {
        TwinModel m = model();
        Component lag = add(m, "lag", "lag");
        param(lag, "timeConstant", "2", "s");
        AtomicLong gridPoints = new AtomicLong();
        try (Simulation.Session s = builder(m).solver(solver).stepSize(0.01).relativeTolerance(1e-10)
                .absoluteTolerance(1e-12).listener((step, time, values) -> gridPoints.incrementAndGet()).build()
                .start()) {
            assertEquals(0, s.time());
            s.setInput("lag.u", 1);
            assertEquals(1, s.value("lag.u"));
            s.advanceTo(3);
            assertEquals(3, s.time(), 0.0);
            double y3 = 1 - Math.exp(-3 / 2.0);
            double tolerance = solver == Solver.EULER ? 2e-3 : 1e-8;
            assertEquals(y3, s.value("lag.y"), tolerance);
            s.setInput("lag.u", 0);
            s.advanceTo(4.005);
            assertEquals(4.005, s.time(), 0.0);
            assertEquals(y3 * Math.exp(-1.005 / 2), s.value("lag.y"), tolerance);
            assertEquals(2, s.eventCount());
            assertEquals(SimulationEvent.Kind.INPUT, s.events().get(1).kind());
            assertEquals(3, s.events().get(1).time(), 0.0);
            assertEquals(401, gridPoints.get());
            assertThrows(IllegalArgumentException.class, () -> s.advanceTo(1));
        }
    }

    @Test
    void aThermostatReactsToAnInputAtOnce() throws SimulationException {
        TwinModel m = model();
        Component t = add(m, "thermostat", "t");
        param(t, "setpoint", "20", null);
        param(t, "hysteresis", "2", null);
        Simulation.Session s = builder(m).stepSize(0.1).build().start();
        s.setInput("t.measurement", 25);
        assertEquals(0, s.value("t.on"));
        s.setInput("t.measurement", 18);
        assertEquals(1, s.value("t.on"));
        s.setInput("t.measurement", 20.5);
        assertEquals(1, s.value("t.on"), "held inside the dead band");
        s.advanceTo(1);
        assertEquals(1, s.value("t.on"));
        s.close();
        assertThrows(IllegalStateException.class, () -> s.advanceTo(2));
    }

    @Test
    void onlyUnconnectedInputsCanBeSet() throws SimulationException {
        TwinModel m = model();
        Component c = add(m, "constant", "c");
        Component g = add(m, "gain", "g");
        SimulationFixtures.connect(m, c, "y", g, "u");
        Simulation.Session s = builder(m).build().start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.setInput("g.u", 1));
        assertTrue(e.getMessage().contains("connected to 'c.y'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.setInput("g.y", 1));
        assertTrue(e.getMessage().contains("output"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.value("g.nothing"));
        assertTrue(e.getMessage().contains("no port 'g.nothing'"), e.getMessage());
    }

    @Test
    void aSimulationStartsOnce() throws SimulationException {
        TwinModel m = model();
        add(m, "constant", "c");
        Simulation sim = builder(m).build();
        sim.start();
        assertThrows(IllegalStateException.class, sim::run);
    }
}
