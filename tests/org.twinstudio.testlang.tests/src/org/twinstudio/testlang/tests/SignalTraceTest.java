package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinstudio.testlang.runner.SignalTrace;

/** The bounded series: thinning keeps every stride-th sample and the latest one, never more than the capacity + 1. */
class SignalTraceTest {

    @Test
    void keepsEverythingBelowTheCapacity() {
        SignalTrace s = new SignalTrace("a.y", "K", SignalTrace.Role.ASSERTED, 8);
        for (int i = 0; i < 8; i++) {
            s.add(i, 2 * i);
        }
        assertArrayEquals(new double[] { 0, 1, 2, 3, 4, 5, 6, 7 }, s.times());
        assertArrayEquals(new double[] { 0, 2, 4, 6, 8, 10, 12, 14 }, s.values());
        assertEquals(1, s.stride());
    }

    @Test
    void thinsEvenlyPastTheCapacityAndKeepsTheLastSample() {
        SignalTrace s = new SignalTrace("a.y", "", SignalTrace.Role.INPUT, 8);
        for (int i = 0; i < 100; i++) {
            s.add(i, -i);
        }
        // 100 samples into 8: stride 16 keeps 0, 16, …, 96 (7 samples), plus the latest, 99
        assertEquals(16, s.stride());
        assertArrayEquals(new double[] { 0, 16, 32, 48, 64, 80, 96, 99 }, s.times());
        assertArrayEquals(new double[] { 0, -16, -32, -48, -64, -80, -96, -99 }, s.values());
        assertEquals(100, s.samplesSeen());
    }

    @Test
    void neverGrowsPastTheCapacity() {
        SignalTrace s = new SignalTrace("a.y", "", SignalTrace.Role.INPUT, 50);
        for (int i = 0; i < 1_000_000; i++) {
            s.add(i * 0.01, Math.sin(i));
            assertTrue(s.times().length <= 51 || i % 100_000 != 0);
        }
        assertTrue(s.times().length <= 51, "" + s.times().length);
        double[] t = s.times();
        double gap = t[1] - t[0];
        for (int i = 1; i < t.length - 1; i++) {
            assertEquals(gap, t[i] - t[i - 1], 1e-6, "even spacing");
        }
        assertEquals(9999.99, t[t.length - 1], 1e-9);
    }

    @Test
    void anUnchangedRepeatOfTheSameInstantIsNotASample() {
        SignalTrace s = new SignalTrace("a.y", "", SignalTrace.Role.ASSERTED, 8);
        s.add(1, 5);
        s.add(1, 5);
        s.add(1, 7);
        assertArrayEquals(new double[] { 1, 1 }, s.times());
        assertArrayEquals(new double[] { 5, 7 }, s.values());
        assertThrows(IllegalArgumentException.class, () -> new SignalTrace("a", "", SignalTrace.Role.INPUT, 3));
    }
}
