package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.connect;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;
import static org.twinstudio.sim.tests.SimulationFixtures.port;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.types.PortSpec;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.faults.Fault;
import org.twinstudio.sim.faults.FaultInjector;
import org.twinstudio.sim.faults.FaultSpecs;

/**
 * Faults on the chain constant (20) → lag (T = 2 s, y(0) = 0) → temperature sensor (no lag, no noise), run with
 * Euler at h = 0.25 s so that every time and the healthy trace y_k = 20·(1 − 0.875^k) are exact in binary.
 */
class FaultInjectionTest {

    static final double C = 20;
    static final double H = 0.25;
    static final double DECAY = 1 - H / 2; // Euler factor of the lag per step: 0.875

    static TwinModel chain() {
        TwinModel m = model();
        Component src = add(m, "constant", "src");
        param(src, "value", "20", "degC");
        port(src, "y").setUnit("degC");
        Component lag = add(m, "lag", "lag");
        param(lag, "timeConstant", "2", "s");
        port(lag, "u").setUnit("degC");
        port(lag, "y").setUnit("degC");
        port(lag, "y").setStart("0");
        Component sensor = add(m, "temperatureSensor", "sensor");
        param(sensor, "timeConstant", "0", "s");
        connect(m, src, "y", lag, "u");
        connect(m, lag, "y", sensor, "input");
        return m;
    }

    static Simulation build(double stop) throws SimulationException {
        return Simulation.builder(chain()).stopTime(stop).stepSize(H).solver(Solver.EULER).build();
    }

    static SimulationResult run(double stop, Fault... faults) throws SimulationException {
        Simulation sim = build(stop);
        for (Fault f : faults) {
            sim.faults().inject(f);
        }
        return sim.run();
    }

    /** The healthy lag output at step k. */
    static double healthy(int k) {
        return C * (1 - Math.pow(DECAY, k));
    }

    @Test
    void withoutFaultsTheTraceIsTheHandComputedOne() throws SimulationException {
        SimulationResult r = run(5);
        double[] v = r.series("sensor.value");
        for (int k = 0; k < r.size(); k++) {
            assertEquals(healthy(k), v[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void stuckHoldsItsValueFromTheStartForTheDuration() throws SimulationException {
        SimulationResult r = run(3, Fault.stuck("sensor.value", 55).at(1).lasting(0.5));
        double[] v = r.series("sensor.value");
        double[] y = r.series("lag.y");
        for (int k = 0; k < r.size(); k++) {
            // active at t = 1.0 and 1.25 (k = 4, 5); t = 1.5 is the end, exclusive
            assertEquals(k == 4 || k == 5 ? 55 : healthy(k), v[k], 1e-12, "k = " + k);
            assertEquals(healthy(k), y[k], 1e-12, "an output fault leaves the plant alone, k = " + k);
        }
    }

    /**
     * The healthy lag output on the grid when the master also ends steps at {@code breaks} (time events between grid
     * points): Euler y += h·(C − y)/T over each piece, T = 2 s.
     */
    static double[] healthyWithBreaks(int points, double... breaks) {
        double[] y = new double[points];
        double state = 0;
        double time = 0;
        for (int k = 1; k < points; k++) {
            double grid = k * H;
            for (double b : breaks) {
                if (b > time && b < grid) {
                    state += (b - time) * ((C - state) / 2);
                    time = b;
                }
            }
            state += (grid - time) * ((C - state) / 2);
            time = grid;
            y[k] = state;
        }
        return y;
    }

    @Test
    void betweenGridPointsAScheduledFaultStartsAndEndsExactlyAtItsTimes() throws SimulationException {
        // start 1.1 s, end 1.6 s (exclusive): both are time events, so Euler steps end there (1.0 → 1.1 → 1.25 and
        // 1.5 → 1.6 → 1.75); on the grid the fault shows at 1.25 and 1.5 (k = 5, 6)
        SimulationResult r = run(3, Fault.stuck("sensor.value", -1).at(1.1).lasting(0.5));
        double[] v = r.series("sensor.value");
        double[] healthy = healthyWithBreaks(r.size(), 1.1, 1.6);
        for (int k = 0; k < r.size(); k++) {
            assertEquals(k == 5 || k == 6 ? -1 : healthy[k], v[k], 1e-12, "k = " + k);
        }
        assertEquals(r.size() - 1 + 2, r.steps(), "12 grid steps and two more, ending at 1.1 and 1.6 s");
        // the step split changes the healthy trace measurably: the fault's timing is visible in it
        assertNotEquals(healthy(7), v[7], 1e-6);
        // in a session the fault is on from the instant 1.1 s, and off again from 1.6 s
        Simulation sim = build(3);
        sim.faults().inject(Fault.stuck("sensor.value", -1).at(1.1).lasting(0.5));
        try (Simulation.Session s = sim.start()) {
            s.advanceTo(Math.nextDown(1.1));
            assertNotEquals(-1, s.value("sensor.value"));
            s.advanceTo(1.1);
            assertEquals(-1, s.value("sensor.value"), 0);
            double y = healthy(4) + 0.1 * ((C - healthy(4)) / 2);
            assertEquals(y, s.value("lag.y"), 1e-12, "the lag stepped exactly to 1.1 s");
            s.advanceTo(Math.nextDown(1.6));
            assertEquals(-1, s.value("sensor.value"), 0);
            s.advanceTo(1.6);
            assertEquals(s.value("lag.y"), s.value("sensor.value"), 0, "the end is exclusive");
        }
    }

    @Test
    void offsetOnAnOutputShiftsWhatTheNextComponentSees() throws SimulationException {
        SimulationResult r = run(3, Fault.offset("lag.y", 2.5).at(0.5));
        double[] v = r.series("sensor.value");
        double[] y = r.series("lag.y");
        for (int k = 0; k < r.size(); k++) {
            double expected = healthy(k) + (k >= 2 ? 2.5 : 0);
            assertEquals(expected, y[k], 1e-12, "k = " + k);
            assertEquals(expected, v[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void offsetOnAnInputChangesTheDynamics() throws SimulationException {
        SimulationResult r = run(4, Fault.offset("lag.u", -4).at(1));
        double[] y = r.series("lag.y");
        double state = 0;
        for (int k = 0; k < r.size(); k++) {
            assertEquals(state, y[k], 1e-12, "k = " + k);
            double u = C + (k * H >= 1 ? -4 : 0); // the input during the step starting at k
            state += H * (u - state) / 2;
        }
    }

    @Test
    void driftGrowsWithTimeSinceActivation() throws SimulationException {
        SimulationResult r = run(4, Fault.drift("sensor.value", 0.5).at(1));
        double[] v = r.series("sensor.value");
        for (int k = 0; k < r.size(); k++) {
            double t = k * H;
            assertEquals(healthy(k) + (t >= 1 ? 0.5 * (t - 1) : 0), v[k], 1e-12, "k = " + k);
        }
        // scheduled between grid points: active from 1.1 s exactly, drifting from there (no jump at activation)
        SimulationResult between = run(4, Fault.drift("sensor.value", 0.5).at(1.1));
        v = between.series("sensor.value");
        double[] healthy = healthyWithBreaks(v.length, 1.1);
        for (int k = 0; k < v.length; k++) {
            double t = between.time(k);
            assertEquals(healthy[k] + (t >= 1.1 ? 0.5 * (t - 1.1) : 0), v[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void noiseIsDeterministicWithTheSeedAndHasItsStandardDeviation() throws SimulationException {
        Fault noise = Fault.noise("sensor.value", 0.8);
        double[] a = run(1000, noise).series("sensor.value");
        double[] b = run(1000, noise).series("sensor.value");
        assertArrayEquals(a, b, "same seed, same noise");
        double[] other = Simulation.builder(chain()).stopTime(1000).stepSize(H).solver(Solver.EULER).seed(7).build()
                .run().series("sensor.value");
        assertArrayEquals(run(1000).series("sensor.value"), other, "the healthy run does not depend on the seed");
        Simulation seeded = Simulation.builder(chain()).stopTime(1000).stepSize(H).solver(Solver.EULER).seed(7).build();
        seeded.faults().inject(noise);
        assertFalse(java.util.Arrays.equals(a, seeded.run().series("sensor.value")), "another seed, other noise");
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < a.length; k++) {
            double n = a[k] - healthy(k);
            sum += n;
            squares += n * n;
        }
        double mean = sum / a.length;
        double sd = Math.sqrt(squares / a.length - mean * mean);
        assertEquals(0, mean, 4 * 0.8 / Math.sqrt(a.length), "mean");
        assertEquals(0.8, sd, 0.04, "standard deviation over " + a.length + " samples");
    }

    @Test
    void noiseIsHeldOverTheStepSoEveryRk4StageSeesTheSameInput() throws SimulationException {
        Simulation sim = Simulation.builder(chain()).stopTime(20).stepSize(H).solver(Solver.RK4).build();
        sim.faults().inject(Fault.noise("src.y", 3));
        SimulationResult r = sim.run();
        double[] u = r.series("src.y");
        double[] y = r.series("lag.y");
        double a = H / 2;
        double phi = a - a * a / 2 + a * a * a / 6 - a * a * a * a / 24; // RK4 on T·dy/dt = u − y, u constant
        int differing = 0;
        for (int k = 0; k + 1 < r.size(); k++) {
            assertEquals(y[k] + phi * (u[k] - y[k]), y[k + 1], 1e-12, "k = " + k);
            differing += u[k] != C ? 1 : 0;
        }
        assertTrue(differing > r.size() - 3, "noise present");
    }

    @Test
    void dropoutHoldsTheValueFromItsStart() throws SimulationException {
        SimulationResult r = run(4, Fault.dropout("sensor.value").at(1).lasting(1));
        double[] v = r.series("sensor.value");
        for (int k = 0; k < r.size(); k++) {
            double t = k * H;
            assertEquals(t >= 1 && t < 2 ? healthy(4) : healthy(k), v[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void intermittentDropoutLosesAboutItsShareOfStepsAndHoldsTheLastGoodValue() throws SimulationException {
        SimulationResult r = run(100, Fault.dropout("lag.y", 0.3));
        double[] v = r.series("sensor.value");
        int dropped = 0;
        double lastGood = v[0];
        // while the lag still rises every value differs from the last one; it settles at 20 after ~200 steps
        for (int k = 1; k <= 100; k++) {
            if (Math.abs(v[k] - healthy(k)) < 1e-12) {
                lastGood = v[k];
            } else {
                assertEquals(lastGood, v[k], 0, "a lost value holds the last delivered one, k = " + k);
                dropped++;
            }
        }
        assertTrue(dropped >= 15 && dropped <= 45, dropped + " of 100 steps lost, expected ~30");
        assertArrayEquals(v, run(100, Fault.dropout("lag.y", 0.3)).series("sensor.value"), "seeded draws repeat");
    }

    @Test
    void failureFreezesOutputsStopsStatesAndResumesWhenCleared() throws SimulationException {
        SimulationResult r = run(4, Fault.fail("lag").at(1).lasting(1));
        double[] y = r.series("lag.y");
        for (int k = 0; k < r.size(); k++) {
            double t = k * H;
            double expected = t < 1 ? healthy(k)
                    : t < 2 ? healthy(4) // frozen output, stopped state
                            : C - (C - healthy(4)) * Math.pow(DECAY, k - 8); // resumes from the stopped state
            assertEquals(expected, y[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void failureWithAValueSetsEveryOutput() throws SimulationException {
        SimulationResult r = run(2, Fault.fail("lag", 0).at(1));
        double[] y = r.series("lag.y");
        for (int k = 0; k < r.size(); k++) {
            assertEquals(k >= 4 ? 0 : healthy(k), y[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void valuesWithAUnitAreConvertedToThePortsUnit() throws SimulationException {
        // quantities convert with the offset of the scale, differences without it
        assertEquals(26.85, run(1, Fault.stuck("sensor.value", 300).in("K")).finalValue("sensor.value"), 1e-9);
        assertEquals(20, run(1, Fault.stuck("lag.y", 293.15).in("K")).finalValue("lag.y"), 1e-9, "model's unit");
        SimulationResult r = run(1, Fault.offset("sensor.value", 1).in("K"), Fault.offset("lag.y", 500).in("mK"));
        assertEquals(healthy(4) + 1.5, r.finalValue("sensor.value"), 1e-9);
        r = run(2, Fault.drift("sensor.value", 2000).in("mK").at(1));
        assertEquals(healthy(8) + 2, r.finalValue("sensor.value"), 1e-9);
        r = run(1, Fault.fail("lag", 300).in("K"));
        assertEquals(26.85, r.finalValue("lag.y"), 1e-9);
        FaultInjector faults = build(1).faults();
        assertEquals("stuck value 1.0 m does not fit the port 'sensor.value' [degC]", assertThrows(
                IllegalArgumentException.class, () -> faults.inject(Fault.stuck("sensor.value", 1).in("m")))
                .getMessage());
        assertEquals("offset value 1.0 furlong does not fit the port 'sensor.value' [degC]", assertThrows(
                IllegalArgumentException.class, () -> faults.inject(Fault.offset("sensor.value", 1).in("furlong")))
                .getMessage());
    }

    @Test
    void aSignalFaultOnAWholeComponentAppliesToEachOutput() throws SimulationException {
        SimulationResult r = run(1, Fault.stuck("lag", 7));
        for (double v : r.series("lag.y")) {
            assertEquals(7, v, 0);
        }
    }

    @Test
    void faultsOnOnePortApplyInTheOrderInjected() throws SimulationException {
        SimulationResult r = run(1, Fault.stuck("sensor.value", 10), Fault.offset("sensor.value", 1));
        assertEquals(11, r.finalValue("sensor.value"), 0);
        r = run(1, Fault.offset("sensor.value", 1), Fault.stuck("sensor.value", 10));
        assertEquals(10, r.finalValue("sensor.value"), 0);
    }

    @Test
    void clearTakesEffectAtTheNextStep() throws SimulationException {
        AtomicLong id = new AtomicLong();
        Simulation[] holder = new Simulation[1];
        Simulation sim = Simulation.builder(chain()).stopTime(3).stepSize(H).solver(Solver.EULER)
                .listener((step, t, values) -> {
                    if (step == 5) {
                        holder[0].faults().clear(id.get());
                    }
                }).build();
        holder[0] = sim;
        id.set(sim.faults().inject(Fault.stuck("sensor.value", 99)));
        SimulationResult r = sim.run();
        double[] v = r.series("sensor.value");
        for (int k = 0; k < r.size(); k++) {
            assertEquals(k <= 5 ? 99 : healthy(k), v[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void clearByTargetAndClearAll() throws SimulationException {
        Simulation[] holder = new Simulation[1];
        Simulation sim = Simulation.builder(chain()).stopTime(3).stepSize(H).solver(Solver.EULER)
                .listener((step, t, values) -> {
                    if (step == 2) {
                        holder[0].faults().clear("sensor.value");
                    } else if (step == 4) {
                        holder[0].faults().clearAll();
                    }
                }).build();
        holder[0] = sim;
        sim.faults().inject(Fault.offset("sensor.value", 1));
        sim.faults().inject(Fault.offset("lag.y", 10));
        SimulationResult r = sim.run();
        double[] v = r.series("sensor.value");
        for (int k = 0; k < r.size(); k++) {
            assertEquals(healthy(k) + (k <= 2 ? 11 : k <= 4 ? 10 : 0), v[k], 1e-12, "k = " + k);
        }
    }

    @Test
    void injectionFromAnotherThreadAppliesAtTheNextStepBoundary() throws Exception {
        Simulation[] holder = new Simulation[1];
        Simulation sim = Simulation.builder(chain()).stopTime(3).stepSize(H).solver(Solver.EULER)
                .listener((step, t, values) -> {
                    if (step == 3) {
                        Thread hil = new Thread(() -> holder[0].faults().inject(Fault.stuck("sensor.value", -5)));
                        hil.start();
                        try {
                            hil.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        assertTrue(holder[0].faults().hasPendingChanges());
                        assertEquals(List.of(), holder[0].faults().active());
                    }
                }).build();
        holder[0] = sim;
        SimulationResult r = sim.run();
        double[] v = r.series("sensor.value");
        for (int k = 0; k < r.size(); k++) {
            assertEquals(k >= 4 ? -5 : healthy(k), v[k], 1e-12, "k = " + k);
        }
        assertEquals(List.of(Fault.stuck("sensor.value", -5)), sim.faults().active());
    }

    @Test
    void errorsNameTheComponentAndPort() throws SimulationException {
        TwinModel m = chain();
        Component thermostat = add(m, "thermostat", "thermostat");
        connect(m, m.getComponents().get(2), "value", thermostat, "measurement");
        FaultInjector faults = Simulation.builder(m).stopTime(1).stepSize(H).build().faults();
        assertEquals("unknown component 'heater' (components: src, lag, sensor, thermostat)",
                assertThrows(IllegalArgumentException.class, () -> faults.inject(Fault.stuck("heater", 1)))
                        .getMessage());
        assertEquals("component 'sensor' has no port 'temperature' (ports: input, value)",
                assertThrows(IllegalArgumentException.class,
                        () -> faults.inject(Fault.stuck("sensor.temperature", 1))).getMessage());
        assertEquals("noise is not applicable to the port 'thermostat.on' (boolean): use stuck or dropout",
                assertThrows(IllegalArgumentException.class, () -> faults.inject(Fault.noise("thermostat.on", 1)))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> faults.inject(Fault.stuck("thermostat.on", 2))).getMessage().contains("use 0/1"));
        faults.inject(Fault.stuck("thermostat.on", 1));
        faults.inject(Fault.dropout("thermostat.on"));
        assertEquals("duration must be positive, not -1.0 s", assertThrows(IllegalArgumentException.class,
                () -> Fault.stuck("sensor.value", 1).lasting(-1)).getMessage());
        assertEquals("start time must be zero or positive, not -2.0 s", assertThrows(IllegalArgumentException.class,
                () -> Fault.stuck("sensor.value", 1).at(-2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Fault(Fault.Kind.FAIL, "lag", "y",
                Double.NaN, 1, Double.NaN, Double.POSITIVE_INFINITY, null)).getMessage().contains("whole component"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.dropout("lag.y", 1.5)).getMessage()
                .contains("(0, 1]"));
    }

    @Test
    void specificationsParseAndPrintBack() {
        assertEquals(Fault.stuck("tempSensor.temperature", 20).at(100).lasting(60),
                FaultSpecs.parse("tempSensor.temperature=stuck:20@100s+60s"));
        assertEquals(Fault.fail("heater").at(300), FaultSpecs.parse("heater=fail@300s"));
        assertEquals(Fault.fail("heater", 0).at(300), FaultSpecs.parse("heater = fail:0 @ 5min"));
        assertEquals(Fault.drift("s.value", 0.01).at(0), FaultSpecs.parse("s.value=drift:0.01/s@0"));
        assertEquals(Fault.noise("s.value", 0.5), FaultSpecs.parse("s.value=noise:0.5"));
        assertEquals(Fault.dropout("s.value", 0.2).at(0.25).lasting(3600), FaultSpecs.parse("s.value=dropout:0.2@250ms+1h"));
        assertEquals(Fault.stuck("v.open", 1), FaultSpecs.parse("v.open=stuck:true"));
        assertEquals(Fault.offset("s.value", -1e3).at(1000), FaultSpecs.parse("s.value=offset:-1e+3@1e+3"));
        for (String spec : List.of("a.b=stuck:20@100s+60s", "heater=fail@300s", "heater=fail:0@300s",
                "s.value=drift:0.01/s@0s", "s.value=noise:0.5", "s.value=dropout:0.2@0.25s+3600s", "s.value=dropout")) {
            assertEquals(spec, FaultSpecs.parse(spec).toString());
            assertEquals(FaultSpecs.parse(spec), FaultSpecs.parse(FaultSpecs.parse(spec).toString()));
        }
        assertEquals("'s.value=stuck:20@100s+-5s': duration must not be negative, not -5s",
                assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("s.value=stuck:20@100s+-5s"))
                        .getMessage());
        assertEquals("'s.value=wobble:1': unknown fault 'wobble' (stuck, offset, drift, noise, dropout, fail)",
                assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("s.value=wobble:1")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("heater.power=fail"))
                .getMessage().contains("whole component"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("s.value"))
                .getMessage().contains("expected TARGET=FAULT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("s.value=stuck"))
                .getMessage().contains("missing value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("s.value=stuck:abc"))
                .getMessage().contains("'abc' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpecs.parse("s.value=stuck:1@soon"))
                .getMessage().contains("'soon' is not a time"));
        assertNotEquals(Fault.stuck("a.b", 1), Fault.stuck("a.b", 1).at(0));
        assertEquals(Fault.stuck("s.value", 45).in("degC"), FaultSpecs.parse("s.value=stuck:45degC"));
        assertEquals(Fault.offset("s.value", -0.5).in("K").at(10), FaultSpecs.parse("s.value=offset:-0.5 K@10s"));
        assertEquals(Fault.drift("s.value", 0.01).in("K"), FaultSpecs.parse("s.value=drift:0.01K/s"));
        assertEquals(Fault.fail("pump", 0).in("m3/s"), FaultSpecs.parse("pump=fail:0m3/s"));
        for (String spec : List.of("s.value=stuck:45degC", "s.value=drift:0.01K/s", "s.value=noise:0.2K@1s+2s")) {
            assertEquals(spec, FaultSpecs.parse(spec).toString());
        }
        assertEquals("'s.value=stuck:5 zorks': 'zorks' in '5 zorks' is not a unit", assertThrows(
                IllegalArgumentException.class, () -> FaultSpecs.parse("s.value=stuck:5 zorks")).getMessage());
    }

    @Test
    void scheduledStartsAndEndsAreTimeEventsForAnEventAwareMaster() {
        FaultInjector faults = new FaultInjector(1);
        ComponentBehaviour lag = new ComponentBehaviour() { // y = state, dy/dt = u − y
            @Override
            public List<String> stateNames() {
                return List.of("y");
            }

            @Override
            public boolean directFeedthrough(int outputIndex) {
                return false;
            }

            @Override
            public void outputs(double time, double[] in, double[] x, double[] out) {
                out[0] = x[0];
            }

            @Override
            public void derivatives(double time, double[] in, double[] x, double[] dx) {
                dx[0] = in[0] - x[0];
            }

            @Override
            public double nextTimeEvent(double time) {
                return time < 5 ? 5 : Double.POSITIVE_INFINITY;
            }
        };
        ComponentBehaviour wrapped = faults.wrap(context("lag"),
                List.of(new PortSpec("u", PortDirection.IN, DataType.REAL, "", "0", null)),
                List.of(new PortSpec("y", PortDirection.OUT, DataType.REAL, "", "0", null)), lag);
        faults.inject(Fault.stuck("lag.y", 3).at(1.3).lasting(0.4));
        faults.inject(Fault.fail("lag").at(2.5));
        double[] in = { 10 };
        double[] x = { 0 };
        double[] out = new double[1];
        double[] dx = new double[1];
        wrapped.initialize(in, x);
        assertEquals(1.3, wrapped.nextTimeEvent(0), 0, "the stuck fault's start");
        x[0] = 4;
        assertTrue(wrapped.handleEvent(1.3, in, x));
        wrapped.outputs(1.3, in, x, out);
        assertEquals(3, out[0], 0);
        double end = 1.3 + 0.4;
        assertEquals(end, wrapped.nextTimeEvent(1.3), 0, "its end");
        assertTrue(wrapped.handleEvent(end, in, x));
        wrapped.outputs(end, in, x, out);
        assertEquals(4, out[0], 0);
        assertEquals(2.5, wrapped.nextTimeEvent(end), 0, "the failure");
        assertFalse(wrapped.handleEvent(2, in, x), "nothing happens between events");
        wrapped.derivatives(2, in, x, dx);
        assertEquals(6, dx[0], 0);
        assertTrue(wrapped.handleEvent(2.5, in, x));
        wrapped.derivatives(2.5, in, x, dx);
        assertEquals(0, dx[0], 0, "a failed component's states stop");
        x[0] = 8;
        wrapped.outputs(2.6, in, x, out);
        assertEquals(4, out[0], 0, "frozen at the failure instant");
        assertEquals(5, wrapped.nextTimeEvent(2.5), 0, "the behaviour's own events still come through");
    }

    private static BehaviourContext context(String name) {
        return new BehaviourContext() {
            @Override
            public String componentName() {
                return name;
            }

            @Override
            public double parameter(String p) {
                throw new IllegalArgumentException(p);
            }

            @Override
            public int inputIndex(String port) {
                return port.equals("u") ? 0 : -1;
            }

            @Override
            public int outputIndex(String port) {
                return port.equals("y") ? 0 : -1;
            }

            @Override
            public double outputStart(String port) {
                return 0;
            }

            @Override
            public String stringParameter(String p) {
                return null;
            }

            @Override
            public Component component() {
                return null;
            }

            @Override
            public Path modelFile() {
                return null;
            }

            @Override
            public RandomGenerator random() {
                return new SplittableRandom(1);
            }
        };
    }
}
