package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.internal.behaviours.TankBehaviour;

/**
 * The heating-line example as shipped: 0.25 m² × 0.8 m = 200 kg of water, 24 kW heater at 98 %, PI controller
 * (kp = 15 %/K, ti = 900 s) with setpoint 60 °C, inlet valve closed, 3600 s at 0.1 s steps.
 */
class HeatingLineTest {

    /** While the controller saturates, the tank follows T = Ta + P/k + (T0 − Ta − P/k)·exp(−k·t/C), C = ρ·c·V. */
    @Test
    void whileTheHeaterRunsFlatOutTheTankFollowsTheClosedForm() throws SimulationException {
        SimulationResult r = Simulation.builder(MasterTest.HEATING_LINE).build().run();
        assertEquals(36000, r.steps());
        double[] temperature = r.series("tank.temperature");
        double[] command = r.series("controller.output");
        double capacity = TankBehaviour.DENSITY * TankBehaviour.SPECIFIC_HEAT * 0.25 * 0.8;
        double p = 0.98 * 24000;
        double k = 15;
        int checked = 0;
        // stop one sample early: during the step in which the controller leaves saturation the heat input drops
        for (int i = 0; i + 10 < r.size() && command[i] == 100 && command[i + 10] == 100; i += 10) {
            double t = r.time(i);
            double expected = 20 + p / k + (18 - 20 - p / k) * Math.exp(-k * t / capacity);
            assertEquals(expected, temperature[i], 1e-6, "t = " + t);
            checked++;
        }
        assertTrue(checked > 100, "the heater should run flat out for the first minutes, checked " + checked);
        assertEquals(0.8, r.finalValue("tank.level"), 1e-12);
    }

    /**
     * Within the model's own stop time the loop reaches 59 °C, overshoots by less than 1 K and stays within ±1 °C
     * of the setpoint from then on.
     */
    @Test
    void temperatureReachesAndHoldsTheSetpoint() throws SimulationException {
        SimulationResult r = Simulation.builder(MasterTest.HEATING_LINE).build().run();
        OptionalDouble reached = r.firstTimeAtOrAbove("tank.temperature", 59);
        assertTrue(reached.isPresent(), "never reached 59 degC");
        double[] temperature = r.series("tank.temperature");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int from = (int) Math.round(reached.getAsDouble() / 0.1);
        for (int i = from; i < r.size(); i++) {
            min = Math.min(min, temperature[i]);
            max = Math.max(max, temperature[i]);
        }
        System.out.printf("heating line: 59 degC first reached at %.1f s; afterwards %.3f..%.3f degC; final %.3f degC;"
                + " %d steps in %.1f ms (%.0fx real time)%n", reached.getAsDouble(), min, max,
                r.finalValue("tank.temperature"), r.steps(), r.wallNanos() / 1e6, r.realTimeRatio());
        assertTrue(reached.getAsDouble() < 1800, "59 degC reached only at " + reached.getAsDouble() + " s");
        assertTrue(min >= 59 - 1e-9, "undershoot after reaching 59 degC: " + min);
        assertTrue(max < 61, "overshoot: " + max);
        assertEquals(60, r.finalValue("tank.temperature"), 0.5);
    }
}
