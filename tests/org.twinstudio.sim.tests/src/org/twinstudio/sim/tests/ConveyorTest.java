package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.start;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/**
 * Conveyor at constant speed v = 0.5 m/s, items every T = 3 s from t = 0, sensor at 4 m, items 0.3 m long, belt 5 m:
 * item k (placed at 3k) reaches the sensor at 3k + 8 s, clears it at 3k + 8.6 s and leaves the belt at 3k + 10.6 s.
 */
class ConveyorTest {

    private static final double EDGE = 1e-6;

    private static Component conveyor(TwinModel m) {
        Component c = add(m, "conveyor", "belt");
        param(c, "length", "5", "m");
        param(c, "sensorPosition", "4", "m");
        param(c, "itemLength", "0.3", "m");
        param(c, "spawnPeriod", "3", "s");
        return c;
    }

    /** h = 0.1 lands on every instant; h = 0.07 does not, and the placing interpolation keeps the positions exact. */
    @ParameterizedTest
    @CsvSource({ "0.1, belt", "0.07, belt", "0.1, motor" })
    void countsAndDetectionTimesAtConstantSpeed(double h, String drive) throws SimulationException {
        TwinModel m = model();
        Component c = conveyor(m);
        param(c, "drive", drive, "");
        if (drive.equals("motor")) {
            param(c, "rollerRadius", "0.05", "m");
            start(c, "motorSpeed", Double.toString(10 * 60 / (2 * Math.PI))); // 10 rad/s · 0.05 m = 0.5 m/s
        } else {
            start(c, "beltSpeed", "0.5");
        }
        SimulationResult r = Simulation.builder(m).stopTime(30).stepSize(h).solver(Solver.RK4).build().run();
        double[] count = r.series("belt.itemCount");
        double[] present = r.series("belt.itemPresent");
        double[] onBelt = r.series("belt.itemsOnBelt");
        double[] delivered = r.series("belt.delivered");
        int checked = 0;
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            if (nearEdge(t)) {
                continue;
            }
            int expectedCount = 0;
            int expectedOnBelt = 0;
            int expectedDelivered = 0;
            boolean expectedPresent = false;
            for (int k = 0; 3 * k <= t; k++) {
                double placed = 3 * k;
                expectedCount += t >= placed + 8 ? 1 : 0;
                expectedPresent |= t >= placed + 8 && t < placed + 8.6;
                expectedOnBelt += t < placed + 10.6 ? 1 : 0;
                expectedDelivered += t >= placed + 10.6 ? 1 : 0;
            }
            assertEquals(expectedCount, count[i], 0, "count at t = " + t);
            assertEquals(expectedPresent ? 1 : 0, present[i], 0, "presence at t = " + t);
            assertEquals(expectedOnBelt, onBelt[i], 0, "on belt at t = " + t);
            assertEquals(expectedDelivered, delivered[i], 0, "delivered at t = " + t);
            checked++;
        }
        assertTrue(checked > r.size() * 0.8);
        assertEquals(0.5, r.finalValue("belt.speed"), 1e-12);
        // items 0..7 reached the sensor by 30 s (3·7 + 8 = 29); the count rises in the first sample at or after 8 s
        assertEquals(8, r.finalValue("belt.itemCount"), 0);
        int first = 0;
        while (count[first] == 0) {
            first++;
        }
        assertEquals(Math.ceil(8 / h - 1e-9) * h, r.time(first), 1e-9);
    }

    /**
     * Induction motor (τ = 0.15184 s) at 100 rpm driving the belt through a 0.05 m roller: v = 0.05 · ω_t (1 − e^(−t/τ)),
     * s(t) = 0.05 ω_t (t − τ (1 − e^(−t/τ))). The item placed at t = 0 reaches the sensor (4 m) at the root of
     * s(t) = 4, found by bisection here; the count rises at the first sample at or after it.
     */
    @Test
    void motorDrivenBeltDetectsAtTheRootOfItsTravel() throws SimulationException {
        TwinModel m = model();
        Component motor = add(m, "motor", "motor");
        start(motor, "enable", "true");
        start(motor, "speedSetpoint", "100");
        Component c = conveyor(m);
        param(c, "spawnPeriod", "100", "s");
        param(c, "drive", "motor", "");
        param(c, "rollerRadius", "0.05", "m");
        SimulationFixtures.connect(m, motor, "speed", c, "motorSpeed");
        double h = 0.01;
        SimulationResult r = Simulation.builder(m).stopTime(12).stepSize(h).solver(Solver.RK4).build().run();
        double tau = 0.05 * 1450 * 2 * Math.PI / 60 / 50;
        double v = 0.05 * 100 * 2 * Math.PI / 60;
        double lo = 0;
        double hi = 12;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            double travel = v * (mid - tau * (1 - Math.exp(-mid / tau)));
            if (travel < 4) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assertEquals(7.791, lo, 1e-3); // 4 m / 0.5236 m/s = 7.639 s, plus the lag τ = 0.152 s
        double[] count = r.series("belt.itemCount");
        int first = 0;
        while (count[first] == 0) {
            first++;
        }
        assertEquals(Math.ceil(lo / h) * h, r.time(first), 1e-9);
        assertEquals(v, r.finalValue("belt.speed"), 1e-6);
    }

    private static boolean nearEdge(double t) {
        for (int k = 0; k < 12; k++) {
            for (double edge : new double[] { 3 * k, 3 * k + 8, 3 * k + 8.6, 3 * k + 10.6 }) {
                if (Math.abs(t - edge) < EDGE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Driving the behaviour directly: time events at the placing instants, rising edges place items, indicators. */
    @Test
    void eventsPlaceItemsAndLocateTheSensorEdges() {
        DirectContext ctx = DirectContext.of("conveyor").with("spawnPeriod", "0").with("sensorPosition", "2")
                .with("itemLength", "0.5").with("length", "5");
        ComponentBehaviour b = ctx.create();
        double[] in = new double[ctx.inputs()];
        double[] out = new double[ctx.outputs()];
        double[] x = new double[1];
        double[] z = new double[1];
        int beltSpeed = 0;
        int spawn = 2;
        in[beltSpeed] = 1;
        b.initialize(in, x);
        assertEquals(Double.POSITIVE_INFINITY, b.nextTimeEvent(0), "no periodic placing");
        b.eventIndicators(0, in, x, z);
        assertEquals(-1, z[0], "no item: nothing to locate");
        // a rising edge at t = 1 s (belt travel 1 m) places an item
        x[0] = 1;
        in[spawn] = 1;
        assertTrue(b.handleEvent(1, in, x));
        assertEquals(false, b.handleEvent(1, in, x), "the same edge places one item");
        b.outputs(1, in, x, out);
        assertEquals(1, out[2], "items on belt");
        // its leading edge reaches the sensor (2 m) at travel 3 m: indicator −(2 − (s − 1)) crosses zero there
        b.eventIndicators(2.9, in, new double[] { 2.9 }, z);
        assertEquals(-0.1, z[0], 1e-12);
        b.outputs(3, in, new double[] { 3 }, out);
        assertEquals(1, out[0], "present");
        assertEquals(1, out[1], "counted");
        // its tail (0.5 m behind) is next: clears at travel 3.5 m
        b.eventIndicators(3.2, in, new double[] { 3.2 }, z);
        assertEquals(-0.3, z[0], 1e-12);
        b.outputs(3.5, in, new double[] { 3.5 }, out);
        assertEquals(0, out[0], "cleared");
        assertEquals(1, out[1], "still counted");

        ComponentBehaviour periodic = DirectContext.of("conveyor").with("spawnPeriod", "2.5").create();
        assertEquals(2.5, periodic.nextTimeEvent(0));
        assertEquals(5, periodic.nextTimeEvent(2.5));
        assertEquals(7.5, periodic.nextTimeEvent(6));
    }
}
