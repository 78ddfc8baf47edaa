package org.twinstudio.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.twinstudio.runtime.CycleTiming;
import org.twinstudio.runtime.HilBenchmark;
import org.twinstudio.runtime.RollingTiming;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

class RollingTimingTest {

    /** Cycle k (1..n) took k µs of work and started k µs late, and ended at k ms. */
    private static RollingTiming ramp(int n, int capacity) {
        RollingTiming r = new RollingTiming(1_000_000, capacity);
        for (int k = 1; k <= n; k++) {
            r.record(k * 1_000_000L, 0, k * 1000L, 0, k * 1000L, k * 1000L);
        }
        return r;
    }

    @Test
    void lastCyclesKeepTheNewestAndTheirExactPercentiles() {
        RollingTiming r = ramp(300, 100);
        assertEquals(300, r.recorded());
        CycleTiming.Summary all = r.last(1000);
        // only cycles 201..300 are kept: nearest rank p50 is the 50th of them (250 µs), p99 the 99th (299 µs)
        assertEquals(100, all.cycles());
        assertEquals(0.250, all.total().p50(), 1e-12);
        assertEquals(0.299, all.total().p99(), 1e-12);
        assertEquals(0.300, all.total().max(), 1e-12);
        assertEquals(0.2505, all.jitter().mean(), 1e-12);
        CycleTiming.Summary ten = r.last(10);
        assertEquals(10, ten.cycles());
        assertEquals(0.295, ten.step().p50(), 1e-12); // cycles 291..300: p50 is the 5th, 295 µs
    }

    @Test
    void aWindowTakesTheCyclesThatEndedInIt() {
        RollingTiming r = ramp(300, 1000);
        // now = 300 ms; the last 50 ms hold the cycles that ended at 250..300 ms: 51 cycles
        CycleTiming.Summary w = r.window(300_000_000L, 50_000_000L);
        assertEquals(51, w.cycles());
        assertEquals(0.275, w.total().p50(), 1e-12); // 250..300: the 26th is 275 µs
        assertEquals(0.300, w.jitter().max(), 1e-12);
        assertEquals(0, r.window(10_000_000_000L, 1_000_000_000L).cycles(), "nothing ended in the last second");
    }

    @Test
    void overrunsCountWhereLatenessPlusWorkExceedsThePeriod() {
        RollingTiming r = new RollingTiming(1_000_000, 10);
        r.record(1, 0, 0, 0, 600_000, 300_000); // 0.9 ms: in time
        r.record(2, 0, 0, 0, 600_000, 500_000); // 1.1 ms: overrun
        assertEquals(1, r.last(10).overruns());
        assertTrue(Double.isNaN(new RollingTiming(1, 1).last(5).total().p50()), "no cycles: NaN");
    }

    @Test
    void aLiveSessionFeedsTheRollingWindow() throws Exception {
        try (TwinSession s = TwinSession.builder(TwinSessionTest.HEATING_LINE)
                .options(SessionOptions.serve().withRealtimeFactor(20).withDuration(2.0)).start()) {
            assertTrue(s.awaitEnd(10, TimeUnit.SECONDS));
            assertEquals(20, s.recentTiming().recorded());
            CycleTiming.Summary lastFive = s.recentTiming().last(5);
            assertEquals(5, lastFive.cycles());
            assertTrue(lastFive.total().max() <= s.timing().summary().total().max());
            assertEquals(5_000_000, s.periodNanos());
            TwinSession.Values v = s.snapshot();
            assertEquals(20, v.cycle());
            assertEquals(2.0, v.time(), 1e-12);
            assertEquals(s.ports().size(), v.values().length);
            assertEquals(s.value("tank.temperature"), v.values()[s.indexOf("tank.temperature").getAsInt()]);
        }
    }

    @Test
    void theHilBenchmarkRunsWithoutBindingsAndCountsEveryCycle() throws Exception {
        HilBenchmark.Result r = HilBenchmark.run(
                new HilBenchmark.Options(TwinSessionTest.HEATING_LINE, 0.01, 0.5, true, null, 0));
        assertEquals(TwinSession.State.ENDED, r.state());
        assertEquals(50, r.cycles(), "0.5 s at 10 ms");
        assertEquals(10.0, r.cycleMillis(), 1e-9);
        assertEquals(0, r.bindings());
        assertTrue(r.seconds() >= 0.49, "ran " + r.seconds() + " s");
        assertTrue(r.jitter().p50() >= 0 && r.jitter().p50() <= r.jitter().p99()
                && r.jitter().p99() <= r.jitter().max());
        assertTrue(r.overruns() >= 0 && r.overruns() <= r.cycles());
    }

    @Test
    void faultsCanBeClearedPerTarget() throws Exception {
        try (TwinSession s = TwinSessionTest.fast(Double.POSITIVE_INFINITY)) {
            TwinSessionTest.await(() -> s.cycle() >= 2, "two cycles");
            s.control().injectFault("sensorT.value=stuck:45");
            s.control().injectFault("sensorL.value=stuck:0.5");
            TwinSessionTest.await(() -> s.value("sensorT.value") == 45 && s.value("sensorL.value") == 0.5,
                    "both stuck sensors");
            s.control().clearFault("sensorT.value");
            TwinSessionTest.await(() -> s.value("sensorT.value") != 45, "the temperature sensor to recover");
            long after = s.cycle();
            TwinSessionTest.await(() -> s.cycle() > after + 2, "more cycles");
            assertEquals(0.5, s.value("sensorL.value"), "the level sensor's fault stays");
        }
    }
}
