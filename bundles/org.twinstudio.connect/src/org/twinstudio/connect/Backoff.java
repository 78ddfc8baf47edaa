package org.twinstudio.connect;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter for reconnects. Attempt n (from 0) waits {@code min(max, initial * factor^n)}
 * scaled by a random factor in {@code [1 - jitter, 1]}, so peers that lost the same server do not come back in step.
 * Not thread-safe: one per connection loop.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final double factor;
    private final double jitter;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration max, double factor, double jitter, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        if (factor < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("need factor >= 1 and 0 <= jitter <= 1");
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.factor = factor;
        this.jitter = jitter;
        this.random = random;
    }

    /** 100 ms doubling up to 10 s, 20 % jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2, 0.2, RandomGenerator.getDefault());
    }

    /** The wait before the next attempt; each call counts one failed attempt. */
    public Duration next() {
        double ceiling = Math.min(maxNanos, initialNanos * Math.pow(factor, attempt));
        if (attempt < 64) {
            attempt++;
        }
        double scaled = ceiling * (1 - jitter * random.nextDouble());
        return Duration.ofNanos(Math.max(1, (long) scaled));
    }

    /** Failed attempts since the last {@link #reset()}. */
    public int attempts() {
        return attempt;
    }

    /** Call on success: the next failure waits the initial delay again. */
    public void reset() {
        attempt = 0;
    }
}
