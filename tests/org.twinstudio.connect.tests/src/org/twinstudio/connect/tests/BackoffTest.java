package org.twinstudio.connect.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.Backoff;

class BackoffTest {

    @Test
    void withoutJitterDelaysDoubleUpToTheCeilingAndResetStartsOver() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0, RandomGenerator.getDefault());
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        for (long ms : expected) {
            assertEquals(Duration.ofMillis(ms), b.next());
        }
        assertEquals(6, b.attempts());
        b.reset();
        assertEquals(Duration.ofMillis(100), b.next());
    }

    @Test
    void jitterStaysWithinItsBandAndSpreadsTheDelays() {
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(1000), 2, 0.5,
                RandomGenerator.of("L64X128MixRandom"));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = b.next().toMillis();
            assertTrue(ms >= 500 && ms <= 1000, "delay " + ms + " ms outside [500, 1000]");
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(max - min > 400, "jitter should spread delays over most of the band, got " + min + ".." + max);
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheCeiling() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofSeconds(30), 3, 0, RandomGenerator.getDefault());
        for (int i = 0; i < 500; i++) {
            b.next();
        }
        assertEquals(Duration.ofSeconds(30), b.next());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        RandomGenerator r = RandomGenerator.getDefault();
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0, r));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, r));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0, r));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5, r));
    }
}
