package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.start;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** DC motor, control valve, centrifugal pump and sensor quantisation against closed forms and hand calculations. */
class DrivesAndHydraulicsTest {

    private static final double RPM = 60 / (2 * Math.PI);

    private static SimulationResult run(TwinModel m, double stop, double h) throws SimulationException {
        return Simulation.builder(m).stopTime(stop).stepSize(h).solver(Solver.RK4).build().run();
    }

    private static Component dcMotor(TwinModel m, String inductance, String volts, String load) {
        Component c = add(m, "dcMotor", "m");
        param(c, "resistance", "2", "Ohm");
        param(c, "inductance", inductance, "H");
        param(c, "motorConstant", "0.5", "N*m/A");
        param(c, "inertia", "0.01", "kg*m^2");
        param(c, "friction", "0.001", "N*m*s");
        start(c, "voltage", volts);
        start(c, "loadTorque", load);
        return c;
    }

    /**
     * L = 0, R = 2 Ω, k = 0.5, J = 0.01, b = 0.001, V = 12 V, load 1 N·m: Rb + k² = 0.252, τ_m = JR/0.252 = 79.37 ms,
     * ω_ss = (kV − Rτ)/0.252 = 15.873 rad/s, i_ss = (bV + kτ)/0.252 = 2.0317 A; ω = ω_ss (1 − e^(−t/τ_m)).
     */
    @Test
    void withoutInductanceTheSpeedIsFirstOrder() throws SimulationException {
        TwinModel m = model();
        dcMotor(m, "0", "12", "1");
        SimulationResult r = run(m, 1, 1e-3);
        double tau = 0.01 * 2 / 0.252;
        double omegaSteady = (0.5 * 12 - 2 * 1) / 0.252;
        assertEquals(15.873, omegaSteady, 1e-3);
        for (int i = 0; i < r.size(); i += 25) {
            double t = r.time(i);
            double omega = omegaSteady * (1 - Math.exp(-t / tau));
            assertEquals(omega * RPM, r.series("m.speed")[i], 1e-7, "t = " + t);
            assertEquals((12 - 0.5 * omega) / 2, r.series("m.current")[i], 1e-8, "t = " + t);
        }
        assertEquals(2.0317, r.finalValue("m.current"), 1e-4);
        assertEquals(0.5 * 2.0317, r.finalValue("m.torque"), 1e-4);
        // at t = τ_m the speed has covered 1 − 1/e of its way
        assertEquals(1 - Math.exp(-1), r.series("m.speed")[(int) Math.round(tau / 1e-3)] / (omegaSteady * RPM), 2e-2);
    }

    /**
     * L = 2 mH: characteristic polynomial LJ s² + (Lb + RJ) s + (Rb + k²) with real roots s1, s2; from rest under a
     * voltage step, ω = ω_ss (1 + (s2 e^(s1 t) − s1 e^(s2 t)) / (s1 − s2)) and i = (J ω' + b ω)/k.
     */
    @Test
    void withInductanceTheSecondOrderSolutionHolds() throws SimulationException {
        TwinModel m = model();
        dcMotor(m, "0.002", "12", "0");
        SimulationResult r = run(m, 0.5, 1e-4);
        double a = 0.002 * 0.01;
        double b = 0.002 * 0.001 + 2 * 0.01;
        double c = 2 * 0.001 + 0.25;
        double root = Math.sqrt(b * b - 4 * a * c);
        double s1 = (-b + root) / (2 * a);
        double s2 = (-b - root) / (2 * a);
        double omegaSteady = 0.5 * 12 / c;
        for (int i = 0; i < r.size(); i += 100) {
            double t = r.time(i);
            double omega = omegaSteady * (1 + (s2 * Math.exp(s1 * t) - s1 * Math.exp(s2 * t)) / (s1 - s2));
            double domega = omegaSteady * s1 * s2 * (Math.exp(s1 * t) - Math.exp(s2 * t)) / (s1 - s2);
            assertEquals(omega * RPM, r.series("m.speed")[i], 1e-6 * omegaSteady * RPM, "t = " + t);
            assertEquals((0.01 * domega + 0.001 * omega) / 0.5, r.series("m.current")[i], 1e-6 * 24, "t = " + t);
        }
        // τ_e = L/R = 1 ms ≪ τ_m: the slow root tends to −1/τ_m of the L = 0 model
        assertEquals(-0.252 / 0.02, s1, 0.02 * 0.252 / 0.02);
        assertEquals(-2 / 0.002, s2, 0.05 * 2 / 0.002);
    }

    /** A rotor held by a huge inertia: back-EMF stays ~0 and the current rises as i = V/R (1 − e^(−t R/L)). */
    @Test
    void lockedRotorShowsTheElectricalTimeConstant() throws SimulationException {
        TwinModel m = model();
        Component c = dcMotor(m, "0.01", "12", "0");
        param(c, "inertia", "1e7", "kg*m^2");
        SimulationResult r = run(m, 0.05, 1e-5);
        for (int i = 0; i < r.size(); i += 100) {
            double t = r.time(i);
            assertEquals(6 * (1 - Math.exp(-t * 2 / 0.01)), r.series("m.current")[i], 1e-6, "t = " + t);
        }
    }

    /**
     * Induction motor, defaults (J = 0.05, 1450 rpm, 50 N·m, T_max = 100 N·m, I_rated = 11 A, I_0 = 4.5 A) under a
     * 30 N·m load: load compensation keeps n = 1000 (1 − e^(−t/τ)), τ = J ω_rated/T_rated = 0.15184 s, no droop;
     * current at 30 N·m: √(4.5² + (11² − 4.5²) · 0.6²) = 7.518 A.
     */
    @Test
    void inductionMotorCarriesItsLoadWithoutDroop() throws SimulationException {
        TwinModel m = model();
        Component motor = add(m, "motor", "motor");
        start(motor, "enable", "true");
        start(motor, "speedSetpoint", "1000");
        start(motor, "loadTorque", "30");
        Component idle = add(m, "motor", "idle");
        start(idle, "enable", "true");
        Component off = add(m, "motor", "off");
        SimulationResult r = run(m, 2, 1e-3);
        double tau = 0.05 * 1450 * 2 * Math.PI / 60 / 50;
        assertEquals(0.15184, tau, 1e-5);
        for (int i = 0; i < r.size(); i += 50) {
            double t = r.time(i);
            assertEquals(1000 * (1 - Math.exp(-t / tau)), r.series("motor.speed")[i], 1e-6, "t = " + t);
        }
        assertEquals(7.518, r.finalValue("motor.current"), 1e-3);
        assertEquals(4.5, r.finalValue("idle.current"), 0, "magnetised at no load");
        assertEquals(0, r.finalValue("off.current"), 0, "disabled at standstill");
    }

    /** A 120 N·m load beyond the 100 N·m limit: dω/dt = (100 − 120)/0.05 = −400 rad/s², n = 1000 − 3819.7 t rpm. */
    @Test
    void inductionMotorStallsUnderAnOverload() throws SimulationException {
        TwinModel m = model();
        Component motor = add(m, "motor", "motor");
        start(motor, "enable", "true");
        start(motor, "speedSetpoint", "1000");
        start(motor, "speed", "1000");
        start(motor, "loadTorque", "120");
        SimulationResult r = run(m, 0.5, 1e-3);
        for (int i = 0; i < r.size(); i += 50) {
            double t = r.time(i);
            assertEquals(1000 - 400 * RPM * t, r.series("motor.speed")[i], 1e-6, "t = " + t);
        }
        assertEquals(Math.sqrt(4.5 * 4.5 + (121 - 4.5 * 4.5) * 4), r.finalValue("motor.current"), 1e-9);
    }

    /**
     * Kv 10 m³/h, Δp = 3 − 1 = 2 bar, water: linear at 50 %: Q = 10 · 0.5 · √2 = 7.0711 m³/h; equal percentage R = 50
     * at 50 %: f = 50^(−0.5), Q = 10 · √(2/50) = 2 m³/h; reverse Δp = −2.25 bar, fully open, ρ_rel 0.9:
     * Q = −10 · √2.5 = −15.811 m³/h.
     */
    @ParameterizedTest
    @CsvSource({ "linear, 50, 3, 1, 1, 7.0710678", "equalPercentage, 50, 3, 1, 1, 2.0",
            "linear, 100, 1, 3.25, 0.9, -15.8113883", "equalPercentage, 0, 3, 1, 1, 0",
            "linear, 130, 2, 1, 1, 10" })
    void controlValveFlowFromKv(String characteristic, double opening, double inlet, double outlet, double density,
            double expected) throws SimulationException {
        TwinModel m = model();
        Component v = add(m, "controlValve", "v");
        param(v, "kv", "10", "m3/h");
        param(v, "characteristic", characteristic, "");
        param(v, "relativeDensity", Double.toString(density), "");
        start(v, "opening", Double.toString(opening));
        start(v, "inletPressure", Double.toString(inlet));
        start(v, "outletPressure", Double.toString(outlet));
        SimulationResult r = run(m, 1, 0.5);
        assertEquals(expected, r.finalValue("v.flow"), 1e-6);
        assertEquals(inlet - outlet, r.finalValue("v.pressureDrop"), 1e-12);
    }

    @Test
    void controlValveRejectsAnUnknownCharacteristic() {
        TwinModel m = model();
        param(add(m, "controlValve", "v"), "characteristic", "quick", "");
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(m).build());
        assertTrue(e.getMessage().contains("component 'v': characteristic must be linear or equalPercentage, not 'quick'"),
                e.getMessage());
    }

    /**
     * Defaults: H0 = 40 m, Qmax = 60 m³/h (k = 1/90), system through (0, 10 m) and (40 m³/h, 30 m) (r = 1/80).
     * Rated speed: 40 − Q²/90 = 10 + Q²/80 gives Q² = 30 · 7200/170, Q = 35.645 m³/h, H = 25.882 m; at 80 % speed
     * Q² = (25.6 − 10) · 7200/170, Q = 25.704 m³/h; at 50 % the pump's 10 m just equal the static head: Q = 0.
     */
    @ParameterizedTest
    @CsvSource({ "2900, 35.6453", "2320, 25.7042", "1450, 0" })
    void pumpOperatingPointIsTheRootOfHeadEqualsSystemCurve(double speed, double expectedFlow)
            throws SimulationException {
        TwinModel m = model();
        Component p = add(m, "centrifugalPump", "p");
        start(p, "run", "true");
        start(p, "speed", Double.toString(speed));
        SimulationResult r = run(m, 1, 0.5);
        double s = speed / 2900;
        double q = r.finalValue("p.flow");
        double h = r.finalValue("p.head");
        assertEquals(expectedFlow, q, 1e-4);
        double closedForm = Math.sqrt(Math.max(0, 40 * s * s - 10) / (1.0 / 90 + 1.0 / 80));
        assertEquals(closedForm, q, 1e-12);
        assertEquals(40 * s * s - q * q / 90, h, 1e-9, "on the pump curve");
        if (q > 0) {
            assertEquals(10 + q * q / 80, h, 1e-9, "on the system curve");
        }
        double hydraulic = 1000 * 9.80665 * q / 3600 * h;
        assertEquals(hydraulic, r.finalValue("p.hydraulicPower"), 1e-9);
        double x = q / (40 * s);
        assertEquals(0.75 * x * (2 - x), r.finalValue("p.efficiency"), 1e-12);
        double shaft = r.finalValue("p.shaftPower");
        if (q > 0) {
            assertEquals(hydraulic, shaft * r.finalValue("p.efficiency"), 1e-9);
        } else {
            // shut-off: ρ g H Q_bep s / (3600 · 2 ηmax) = 9806.65 · 10 · 20 / 3600 / 1.5 = 363.2 W
            assertEquals(363.2093, shaft, 1e-4);
        }
    }

    @Test
    void stoppedPumpDeliversNothing() throws SimulationException {
        TwinModel m = model();
        add(m, "centrifugalPump", "p");
        SimulationResult r = run(m, 1, 0.5);
        for (String out : new String[] { "flow", "head", "hydraulicPower", "shaftPower", "efficiency" }) {
            assertEquals(0, r.finalValue("p." + out), 0, out);
        }
    }

    /**
     * Flow sensor without lag, 12.34 m³/h plus 0.05 offset: 12.39; with resolution 0.1 the reading is 12.4. With noise,
     * every quantised sample is q·round(r/q) of the unquantised reading of the same seed.
     */
    @Test
    void sensorsQuantiseToTheirResolution() throws SimulationException {
        TwinModel m = model();
        Component exact = add(m, "flowSensor", "exact");
        Component adc = add(m, "flowSensor", "adc");
        for (Component c : new Component[] { exact, adc }) {
            param(c, "timeConstant", "0", "s");
            param(c, "offset", "0.05", "m3/h");
            start(c, "input", "12.34");
        }
        param(adc, "resolution", "0.1", "m3/h");
        SimulationResult r = run(m, 1, 0.5);
        assertEquals(12.39, r.finalValue("exact.value"), 1e-12);
        assertEquals(12.4, r.finalValue("adc.value"), 1e-12);

        SimulationResult plain = noisyLevel("0");
        SimulationResult quantised = noisyLevel("0.005");
        double[] raw = plain.series("lvl.value");
        double[] q = quantised.series("lvl.value");
        int distinct = 0;
        for (int i = 0; i < q.length; i++) {
            double steps = q[i] / 0.005;
            assertEquals(Math.rint(steps), steps, 1e-6, "a multiple of the resolution");
            assertEquals(0.005 * Math.floor(raw[i] / 0.005 + 0.5), q[i], 1e-12);
            assertTrue(Math.abs(q[i] - raw[i]) <= 0.0025 + 1e-12);
            distinct += q[i] != raw[i] ? 1 : 0;
        }
        assertTrue(distinct > q.length / 2, "quantisation changed the samples");
    }

    private static SimulationResult noisyLevel(String resolution) throws SimulationException {
        TwinModel m = model();
        Component c = add(m, "levelSensor", "lvl");
        param(c, "noise", "0.01", "m");
        param(c, "resolution", resolution, "m");
        start(c, "input", "1.2");
        return Simulation.builder(m).stopTime(10).stepSize(0.1).seed(7).build().run();
    }

    @Test
    void negativeResolutionIsAModelError() {
        TwinModel m = model();
        param(add(m, "pressureSensor", "ps"), "resolution", "-0.1", "bar");
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(m).build());
        assertTrue(e.getMessage().contains("component 'ps': resolution must be zero or positive, not -0.1"),
                e.getMessage());
    }
}
