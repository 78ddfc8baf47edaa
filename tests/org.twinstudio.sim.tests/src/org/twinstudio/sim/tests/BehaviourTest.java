package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.start;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.internal.behaviours.TankBehaviour;

/** Built-in behaviours against closed-form solutions. */
class BehaviourTest {

    private static SimulationResult run(TwinModel m, double stop, double h, Solver solver) throws SimulationException {
        return Simulation.builder(m).stopTime(stop).stepSize(h).solver(solver).types(StepSource.types())
                .behaviours(StepSource.behaviours()).build().run();
    }

    /** First-order lag: sensor starting at 0 with its input at 1 from t = 0, y = 1 − exp(−t/τ). */
    @ParameterizedTest
    @CsvSource({ "RK4, 1e-9", "EULER, 3e-3" })
    void sensorLagFollowsTheExponential(Solver solver, double tolerance) throws SimulationException {
        TwinModel m = model();
        Component sensor = add(m, "temperatureSensor", "sensor");
        param(sensor, "timeConstant", "2", "s");
        start(sensor, "input", "1");
        start(sensor, "value", "0");
        SimulationResult r = run(m, 10, 0.01, solver);
        double[] y = r.series("sensor.value");
        double maxError = 0;
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double expected = 1 - Math.exp(-t / 2);
            maxError = Math.max(maxError, Math.abs(y[i] - expected));
        }
        assertTrue(maxError < tolerance, "max error " + maxError);
        assertEquals(1 - Math.exp(-5), r.finalValue("sensor.value"), tolerance);
    }

    @Test
    void sensorOffsetIsAdded() throws SimulationException {
        TwinModel m = model();
        Component sensor = add(m, "levelSensor", "sensor");
        start(sensor, "input", "1.5");
        param(sensor, "offset", "0.02", "m");
        SimulationResult r = run(m, 1, 0.1, Solver.RK4);
        assertEquals(1.52, r.finalValue("sensor.value"), 1e-12);
    }

    /** No loss, no flow: dT/dt = P / (ρ·c·A·L), so T = T0 + P·t / (ρ·c·A·L). */
    @ParameterizedTest
    @CsvSource({ "RK4", "EULER" })
    void tankHeatsLinearlyWithoutLoss(Solver solver) throws SimulationException {
        TwinModel m = model();
        Component tank = add(m, "tank", "tank");
        param(tank, "area", "0.5", "m2");
        param(tank, "initialLevel", "1.2", "m");
        param(tank, "initialTemperature", "20", "degC");
        param(tank, "heatLoss", "0", "W/K");
        start(tank, "heatInput", "8000");
        SimulationResult r = run(m, 600, 0.1, solver);
        double capacity = TankBehaviour.DENSITY * TankBehaviour.SPECIFIC_HEAT * 0.5 * 1.2;
        double[] temperature = r.series("tank.temperature");
        for (int i = 0; i < r.size(); i += 500) {
            assertEquals(20 + 8000 * r.time(i) / capacity, temperature[i], 1e-9, "t = " + r.time(i));
        }
        assertEquals(1.2, r.finalValue("tank.level"), 1e-12);
    }

    /** A kW output drives a W input: the connection multiplies by 1000. */
    @Test
    void connectionConvertsKilowattsToWatts() throws SimulationException {
        TwinModel m = model();
        Component source = add(m, "step", "source");
        param(source, "before", "10", "");
        param(source, "after", "10", "");
        Component tank = add(m, "tank", "tank");
        param(tank, "area", "1", "m2");
        param(tank, "initialLevel", "1", "m");
        param(tank, "heatLoss", "0", "W/K");
        connect(m, source, "y", tank, "heatInput");
        SimulationResult r = run(m, 100, 0.1, Solver.RK4);
        double capacity = TankBehaviour.DENSITY * TankBehaviour.SPECIFIC_HEAT;
        assertEquals(20 + 10_000 * 100 / capacity, r.finalValue("tank.temperature"), 1e-9);
        assertEquals(10, r.finalValue("source.y"), 0);
    }

    /** Parameters given in other units are converted to the type's unit (kW to W, min to s). */
    @Test
    void parametersAreConvertedToTheDescriptorUnit() throws SimulationException {
        TwinModel m = model();
        Component heater = add(m, "heater", "heater");
        param(heater, "maxPower", "12", "kW");
        param(heater, "efficiency", "0.5", "");
        start(heater, "command", "50");
        Component valve = add(m, "valve", "valve");
        param(valve, "travelTime", "0.5", "min");
        start(valve, "open", "true");
        SimulationResult r = run(m, 15, 0.1, Solver.RK4);
        assertEquals(3000, r.finalValue("heater.power"), 1e-9);
        assertEquals(50, r.finalValue("valve.position"), 1e-9);
    }

    /** Valve opening: p = 100·t/τ until 100 %, flow = maxFlow·p/100; closing ramps back at the same rate. */
    @ParameterizedTest
    @CsvSource({ "RK4", "EULER" })
    void valveRampsOverItsTravelTime(Solver solver) throws SimulationException {
        TwinModel m = model();
        Component valve = add(m, "valve", "valve");
        param(valve, "maxFlow", "0.004", "m3/s");
        param(valve, "travelTime", "8", "s");
        start(valve, "open", "true");
        SimulationResult r = run(m, 12, 0.1, solver);
        double[] p = r.series("valve.position");
        double[] q = r.series("valve.flow");
        for (int i = 0; i < r.size(); i++) {
            double expected = Math.min(100, 100 * r.time(i) / 8);
            assertEquals(expected, p[i], 1e-9, "t = " + r.time(i));
            assertEquals(0.004 * expected / 100, q[i], 1e-12);
        }
    }

    /** P only: output = kp·(setpoint − measurement), clamped to the limits; disabled gives outputMin. */
    @ParameterizedTest
    @CsvSource({ "2, 10, 4, true, 12", "20, 10, 4, true, 100", "2, 4, 10, true, 0", "2, 10, 4, false, 0" })
    void proportionalControllerSteadyState(double kp, double setpoint, double measurement, boolean enable,
            double expected) throws SimulationException {
        TwinModel m = model();
        Component pid = add(m, "pid", "pid");
        param(pid, "kp", Double.toString(kp), "");
        param(pid, "ti", "0", "s");
        start(pid, "setpoint", Double.toString(setpoint));
        start(pid, "measurement", Double.toString(measurement));
        start(pid, "enable", Boolean.toString(enable));
        SimulationResult r = run(m, 5, 0.1, Solver.RK4);
        assertEquals(expected, r.finalValue("pid.output"), 1e-12);
    }

    /**
     * PI with kp = 1, ti = 10 s, setpoint 50, measurement 0 until 50 s then 50. The integral may only grow until the
     * output saturates at 100 % (I = 500, reached at 10 s); once the error is gone the output is I/ti ≈ 50 %.
     * Without anti-windup I would reach 2500 and the output would stay at 100 %.
     */
    @Test
    void antiWindupStopsIntegrationAtTheLimit() throws SimulationException {
        TwinModel m = model();
        Component step = add(m, "stepT", "plant");
        param(step, "before", "0", "");
        param(step, "after", "50", "");
        param(step, "at", "50", "s");
        Component pid = add(m, "pid", "pid");
        param(pid, "kp", "1", "");
        param(pid, "ti", "10", "s");
        start(pid, "setpoint", "50");
        connect(m, step, "y", pid, "measurement");
        SimulationResult r = run(m, 60, 0.1, Solver.RK4);
        double[] u = r.series("pid.output");
        assertEquals(100, u[300], 1e-9, "saturated at 30 s");
        assertEquals(50, u[550], 0.5, "just after the error vanished");
        assertEquals(50, r.finalValue("pid.output"), 0.5);
    }

    /** Motor: first order with τ = J·ω_rated/T_rated; enable false brings it back to 0. */
    @Test
    void motorFollowsItsSetpointWithFirstOrderLag() throws SimulationException {
        TwinModel m = model();
        Component motor = add(m, "motor", "motor");
        start(motor, "enable", "true");
        start(motor, "speedSetpoint", "1000");
        double tau = 0.05 * 1450 * 2 * Math.PI / 60 / 50;
        SimulationResult r = run(m, 1, 0.001, Solver.RK4);
        assertEquals(1000 * (1 - Math.exp(-1 / tau)), r.finalValue("motor.speed"), 1e-6);
    }

    /** Pump: flow proportional to speed, power by the cube law; stopped pump delivers nothing. */
    @Test
    void pumpFollowsTheAffinityLaws() throws SimulationException {
        TwinModel m = model();
        Component pump = add(m, "pump", "pump");
        start(pump, "run", "true");
        start(pump, "speed", "50");
        Component stopped = add(m, "pump", "stopped");
        SimulationResult r = run(m, 1, 0.1, Solver.EULER);
        assertEquals(0.0025, r.finalValue("pump.flow"), 1e-15);
        assertEquals(750 / 8.0, r.finalValue("pump.power"), 1e-12);
        assertEquals(0, r.finalValue("stopped.flow"), 0);
        assertEquals(stopped.getName(), "stopped");
    }
}
