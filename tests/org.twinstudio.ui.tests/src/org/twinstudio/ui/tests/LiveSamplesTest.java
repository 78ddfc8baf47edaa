package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinstudio.ui.internal.run.LiveSamples;

/** The live plot's sample buffer: bounded, evenly thinned, always ending at the latest step. */
class LiveSamplesTest {

    @Test
    void fewSamplesAreAllKept() {
        LiveSamples samples = new LiveSamples(2);
        for (int i = 0; i <= 10; i++) {
            samples.add(i * 0.5, new double[] { i, -i });
        }
        LiveSamples.Snapshot s = samples.snapshot(new int[] { 1 });
        assertEquals(11, s.times().length);
        assertEquals(5.0, s.times()[10]);
        assertEquals(-10.0, s.values()[0][10]);
        assertEquals(-3.0, s.values()[0][3]);
    }

    @Test
    void manySamplesAreThinnedEvenlyAndEndAtTheLatest() {
        LiveSamples samples = new LiveSamples(1);
        int steps = 100_003;
        double[] row = new double[1];
        for (int i = 0; i < steps; i++) {
            row[0] = 2.0 * i; // the row is reused, as the simulation does
            samples.add(i, row);
        }
        LiveSamples.Snapshot s = samples.snapshot(new int[] { 0 });
        int n = s.times().length;
        assertTrue(n <= LiveSamples.MAX_POINTS + 1, "bounded: " + n);
        assertTrue(n > LiveSamples.MAX_POINTS / 4, "not thinned too far: " + n);
        // 100003 steps exceed 8192 four times over: every 16th step is kept
        for (int k = 0; k < n - 1; k++) {
            assertEquals(16.0 * k, s.times()[k]);
            assertEquals(2 * s.times()[k], s.values()[0][k]);
        }
        assertEquals(steps - 1.0, s.times()[n - 1], "ends at the latest step");
        assertEquals(2.0 * (steps - 1), s.values()[0][n - 1]);
        assertEquals(steps, samples.offered());
    }
}
