package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.TestTypes.add;
import static org.twinstudio.sim.tests.TestTypes.builder;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationEvent;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** State and time events: location, event iteration, and the refusal of events that never settle. */
class EventTest {

    private static final double G = 9.81;
    private static final double H0 = 10;
    private static final double E = 0.8;

    private static TwinModel ball() {
        TwinModel m = model();
        add(m, "ball", "ball");
        return m;
    }

    /**
     * Dropped from h0 the ball lands at t1 = √(2h0/g) with speed v0 = g·t1; bounce k leaves with e^k·v0, flies
     * 2e^k·v0/g and peaks at e^(2k)·h0.
     */
    @ParameterizedTest
    @EnumSource(value = Solver.class, names = { "RK4", "DOPRI5" })
    void bouncingBallLandsAndBouncesOnTime(Solver solver) throws SimulationException {
        Simulation.Session s = builder(ball()).solver(solver).stepSize(0.01).relativeTolerance(1e-9)
                .absoluteTolerance(1e-9).build().start();
        s.advanceTo(8);
        List<SimulationEvent> events = s.events();
        double t1 = Math.sqrt(2 * H0 / G);
        double v0 = G * t1;
        assertEquals(4, events.size(), events.toString());
        double expected = t1;
        for (int k = 0; k < events.size(); k++) {
            SimulationEvent ev = events.get(k);
            assertEquals(SimulationEvent.Kind.STATE, ev.kind());
            assertEquals(List.of("ball"), ev.components());
            assertEquals(expected, ev.time(), 1e-6, "impact " + k);
            expected += 2 * Math.pow(E, k + 1) * v0 / G;
        }
        assertEquals(4, s.eventCount());
        // the apex of each flight, read back from a fresh run stopped there
        Simulation.Session apexes = builder(ball()).solver(solver).stepSize(0.01).relativeTolerance(1e-9)
                .absoluteTolerance(1e-9).build().start();
        double previous = H0;
        double landing = t1;
        for (int k = 1; k <= 3; k++) {
            double flight = 2 * Math.pow(E, k) * v0 / G;
            apexes.advanceTo(landing + flight / 2);
            double apex = apexes.value("ball.h");
            assertEquals(Math.pow(E, 2 * k) * H0, apex, 1e-6, "apex " + k);
            assertEquals(E * E, apex / previous, 1e-6, "apex ratio " + k);
            assertEquals(0, apexes.value("ball.v"), 1e-6);
            previous = apex;
            landing += flight;
        }
    }

    /** Explicit Euler's own solution h_n = h0 − g·t_n(t_n − dt)/2 lands half a step late; the event follows it. */
    @Test
    void eulerLocatesTheImpactOfItsOwnSolution() throws SimulationException {
        double dt = 0.01;
        SimulationResult r = builder(ball()).solver(Solver.EULER).stepSize(dt).stopTime(2).build().run();
        assertEquals(1, r.eventCount());
        double landing = dt / 2 + Math.sqrt(dt * dt / 4 + 2 * H0 / G);
        assertEquals(landing, r.events().get(0).time(), 1e-4);
        assertEquals(201, r.size());
        assertTrue(r.steps() == 201, "one step was cut at the impact: " + r.steps());
    }

    /**
     * A thermostat (45/55 degC) heating a tank without flow: T' = (P·on − k(T − Ta))/(ρcV), so between switches
     * T = T∞ + (T − T∞)·exp(−Δt/τ) with τ = ρcV/k and T∞ = Ta + P/k (on) or Ta (off). It switches on at once (20 degC),
     * off at 55, on at 45, off at 55 ...
     */
    @ParameterizedTest
    @EnumSource(value = Solver.class, names = { "RK4", "DOPRI5" })
    void thermostatSwitchesWhereTheHeatedTankCrossesItsThresholds(Solver solver) throws SimulationException {
        TwinModel m = model();
        Component tank = add(m, "tank", "tank");
        param(tank, "area", "0.01", "m2");
        param(tank, "initialLevel", "0.1", "m");
        param(tank, "initialTemperature", "20", "degC");
        param(tank, "ambientTemperature", "20", "degC");
        param(tank, "heatLoss", "10", "W/K");
        Component heater = add(m, "heater", "heater");
        param(heater, "maxPower", "1000", "W");
        param(heater, "efficiency", "1", "");
        Component thermostat = add(m, "thermostat", "thermostat");
        param(thermostat, "setpoint", "50", "");
        param(thermostat, "hysteresis", "10", "");
        Component percent = add(m, "gain", "percent");
        param(percent, "k", "100", "");
        connect(m, tank, "temperature", thermostat, "measurement");
        connect(m, thermostat, "on", percent, "u");
        connect(m, percent, "y", heater, "command");
        connect(m, heater, "power", tank, "heatInput");
        SimulationResult r = builder(m).solver(solver).stepSize(1).stopTime(1000).relativeTolerance(1e-10)
                .absoluteTolerance(1e-10).build().run();
        double tau = 1000 * 4186 * 0.001 / 10;
        double hot = 20 + 1000 / 10.0;
        double on = tau * Math.log((hot - 45) / (hot - 55));
        double off = tau * Math.log((55 - 20) / (45 - 20.0));
        double expected = tau * Math.log((hot - 20) / (hot - 55));
        List<SimulationEvent> events = r.events();
        assertTrue(events.size() >= 6, events.toString());
        for (int k = 0; k < events.size(); k++) {
            assertEquals(List.of("thermostat"), events.get(k).components());
            assertEquals(expected, events.get(k).time(), 1e-5, "switch " + k);
            expected += k % 2 == 0 ? off : on;
        }
        // on the grid the tank follows the closed form piecewise
        double[] temperature = r.series("tank.temperature");
        assertEquals(20 + (hot - 20) * (1 - Math.exp(-100 / tau)), temperature[100], 1e-6);
    }

    /** A step at 0.25 s (off the 0.1 s grid) into an integrator: exact when no step straddles the step time. */
    @ParameterizedTest
    @EnumSource(Solver.class)
    void stepSourceAnnouncesItsStepAsATimeEvent(Solver solver) throws SimulationException {
        TwinModel m = model();
        Component step = add(m, "stepSignal", "s");
        param(step, "initial", "1", null);
        param(step, "final", "3", null);
        param(step, "time", "0.25", "s");
        Component integrator = add(m, "integrator", "i");
        connect(m, step, "y", integrator, "u");
        SimulationResult r = builder(m).solver(solver).stepSize(0.1).stopTime(1).build().run();
        assertEquals(11, r.size());
        assertEquals(1, r.eventCount());
        SimulationEvent ev = r.events().get(0);
        assertEquals(SimulationEvent.Kind.TIME, ev.kind());
        assertEquals(0.25, ev.time(), 0.0);
        assertEquals(List.of("s"), ev.components());
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double exact = t <= 0.25 ? t : 0.25 + 3 * (t - 0.25);
            assertEquals(exact, r.series("i.y")[i], 1e-12, "t = " + t);
            assertEquals(t < 0.25 ? 1 : 3, r.series("s.y")[i], 0.0, "t = " + t);
        }
        if (solver != Solver.DOPRI5) {
            assertEquals(11, r.steps());
        }
    }

    @Test
    void anEventThatNeverSettlesIsRefused() {
        TwinModel m = model();
        add(m, "chatter", "relay");
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(m).stepSize(0.1).stopTime(2).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        assertTrue(e.getMessage().contains("does not settle"), e.getMessage());
        assertTrue(e.getMessage().contains("relay"), e.getMessage());
        assertTrue(e.getMessage().contains("t = 1.0"), e.getMessage());
    }

    /** With e = 0.8 the bounces accumulate at 9·t1 ≈ 12.85 s: refused as Zeno behaviour, not an endless loop. */
    @Test
    void accumulatingEventsAreRefused() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(ball()).solver(Solver.DOPRI5).stepSize(0.1).stopTime(20).build().run());
        assertEquals(SimulationException.Kind.RUNTIME, e.kind());
        System.out.println("Zeno: " + e.getMessage());
        assertTrue(e.getMessage().contains("ball"), e.getMessage());
    }

    @Test
    void aNonFiniteIndicatorOrAFailingHandlerIsALocatedError() {
        TwinModel nan = model();
        Component a = add(nan, "faulty", "sensor");
        param(a, "mode", "0", "");
        SimulationException e = assertThrows(SimulationException.class,
                () -> builder(nan).stepSize(0.1).stopTime(1).build().run());
        assertTrue(e.getMessage().startsWith("component 'sensor' (faulty) produced NaN as event indicator 0 at t = 0.7"),
                e.getMessage());
        TwinModel throwing = model();
        Component b = add(throwing, "faulty", "relay");
        param(b, "mode", "1", "");
        e = assertThrows(SimulationException.class,
                () -> builder(throwing).stepSize(0.1).stopTime(1).build().run());
        assertTrue(e.getMessage().startsWith("component 'relay' (faulty) failed to handle an event at t = 0.5"),
                e.getMessage());
        assertTrue(e.getMessage().contains("relay stuck"), e.getMessage());
    }
}
