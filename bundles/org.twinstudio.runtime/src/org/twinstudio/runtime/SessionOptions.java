package org.twinstudio.runtime;

/**
 * How a live session runs.
 *
 * @param mode           {@link Mode#SERVE}: the twin is the plant, peers drive it through servers;
 *                       {@link Mode#HIL}: each cycle reads the model's read bindings, steps, writes its write
 *                       bindings
 * @param realtimeFactor simulated seconds per wall-clock second (1: real time)
 * @param cyclePeriod    simulated seconds per cycle; NaN takes the model's step size
 * @param duration       simulated seconds after which the session ends by itself; infinite runs until closed
 * @param spinMicros     the last microseconds before a cycle is due are spent spinning rather than sleeping, which
 *                       keeps wake-up jitter well under a millisecond; 0 only sleeps
 * @param realtimePriority 0: the cycle thread is scheduled like any other; 1–99: it alone runs under the real-time
 *                       policy SCHED_FIFO at this priority (Linux; see {@link RealtimeScheduling})
 */
public record SessionOptions(Mode mode, double realtimeFactor, double cyclePeriod, double duration, long spinMicros,
        int realtimePriority) {

    public enum Mode {
        SERVE, HIL
    }

    public SessionOptions {
        if (mode == null) {
            throw new IllegalArgumentException("no session mode");
        }
        if (!(realtimeFactor > 0) || Double.isInfinite(realtimeFactor)) {
            throw new IllegalArgumentException("the real-time factor must be a positive number, not " + realtimeFactor);
        }
        if (!Double.isNaN(cyclePeriod) && !(cyclePeriod > 0 && Double.isFinite(cyclePeriod))) {
            throw new IllegalArgumentException("the cycle period must be a positive number of seconds, not "
                    + cyclePeriod);
        }
        if (!(duration > 0)) {
            throw new IllegalArgumentException("the duration must be positive, not " + duration);
        }
        if (spinMicros < 0) {
            throw new IllegalArgumentException("spinMicros must not be negative");
        }
        if (realtimePriority != 0 && (realtimePriority < RealtimeScheduling.MIN_PRIORITY
                || realtimePriority > RealtimeScheduling.MAX_PRIORITY)) {
            throw new IllegalArgumentException("the real-time priority is 0 (none) or between "
                    + RealtimeScheduling.MIN_PRIORITY + " and " + RealtimeScheduling.MAX_PRIORITY + ", not "
                    + realtimePriority);
        }
    }

    /** Serving in real time with the model's step as the cycle, until closed. */
    public static SessionOptions serve() {
        return new SessionOptions(Mode.SERVE, 1, Double.NaN, Double.POSITIVE_INFINITY, 200, 0);
    }

    /** A HIL loop in real time with the model's step as the cycle, until closed. */
    public static SessionOptions hil() {
        return new SessionOptions(Mode.HIL, 1, Double.NaN, Double.POSITIVE_INFINITY, 200, 0);
    }

    public SessionOptions withRealtimeFactor(double factor) {
        return new SessionOptions(mode, factor, cyclePeriod, duration, spinMicros, realtimePriority);
    }

    public SessionOptions withCyclePeriod(double seconds) {
        return new SessionOptions(mode, realtimeFactor, seconds, duration, spinMicros, realtimePriority);
    }

    public SessionOptions withDuration(double seconds) {
        return new SessionOptions(mode, realtimeFactor, cyclePeriod, seconds, spinMicros, realtimePriority);
    }

    public SessionOptions withSpinMicros(long micros) {
        return new SessionOptions(mode, realtimeFactor, cyclePeriod, duration, micros, realtimePriority);
    }

    /** The cycle thread under SCHED_FIFO at this priority (1–99), or 0 for ordinary scheduling. */
    public SessionOptions withRealtimePriority(int priority) {
        return new SessionOptions(mode, realtimeFactor, cyclePeriod, duration, spinMicros, priority);
    }
}
