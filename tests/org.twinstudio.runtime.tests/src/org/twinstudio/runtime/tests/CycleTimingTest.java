package org.twinstudio.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.runtime.CycleTiming;

class CycleTimingTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreExactAndOverrunsAreKeptByCycle() {
        CycleTiming t = new CycleTiming(10 * MS);
        for (int i = 0; i < 3000; i++) {
            long late = i == 1500 ? 12 * MS : i % 100; // one cycle started 12 ms late
            long work = i == 2500 ? 11 * MS : (i == 2700 ? 6 * MS : MS); // one too long; one fits only if on time
            t.record(work / 4, work / 2, work / 4, work, i == 2700 ? 5 * MS : late);
        }
        CycleTiming.Summary s = t.summary();
        assertEquals(3000, s.cycles());
        assertEquals(3, s.overruns());
        assertEquals(12.0, s.jitter().max(), 1e-9);
        assertEquals(1.0, s.total().p50(), 1e-9);
        assertEquals(11.0, s.total().max(), 1e-9);
        List<CycleTiming.Overrun> overruns = t.overrunList();
        assertEquals(List.of(1500, 2500, 2700), overruns.stream().map(CycleTiming.Overrun::cycle).toList());
        assertEquals(12.0, overruns.get(0).lateMillis(), 1e-9);
        assertEquals(11.0, overruns.get(1).workMillis(), 1e-9);
        assertEquals(5.0, overruns.get(2).lateMillis(), 1e-9);
        assertEquals(6.0, overruns.get(2).workMillis(), 1e-9);
    }

    @Test
    void onlyTheFirstOverrunsAreKeptButAllAreCounted() {
        CycleTiming t = new CycleTiming(MS);
        int n = CycleTiming.KEPT_OVERRUNS + 50;
        for (int i = 0; i < n; i++) {
            t.record(0, 2 * MS, 0, 2 * MS, 0);
        }
        assertEquals(n, t.overruns());
        assertEquals(CycleTiming.KEPT_OVERRUNS, t.overrunList().size());
        assertEquals(CycleTiming.KEPT_OVERRUNS - 1, t.overrunList().get(CycleTiming.KEPT_OVERRUNS - 1).cycle());
    }
}
