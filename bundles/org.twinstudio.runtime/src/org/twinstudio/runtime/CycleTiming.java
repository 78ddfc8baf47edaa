package org.twinstudio.runtime;

import java.util.Arrays;

/**
 * Timing of every cycle of a live session: how long reading inputs, stepping and writing outputs took, the whole
 * cycle, and how late each cycle started against its schedule (the jitter). A cycle whose work does not end before
 * the next cycle is due is an overrun. Kept for every cycle (8 bytes × 5 per cycle: 10 minutes at 10 ms is 2.4 MB),
 * so percentiles are exact. Written by the session thread only; {@link #summary()} may be called from any thread.
 */
public final class CycleTiming {

    private long[] read = new long[1024];
    private long[] step = new long[1024];
    private long[] write = new long[1024];
    private long[] total = new long[1024];
    private long[] lateness = new long[1024];
    private int count;
    private long overruns;
    /** The indices of the first {@link #KEPT_OVERRUNS} cycles that overran, to find out what stalled them. */
    private final int[] overrunCycles = new int[KEPT_OVERRUNS];
    private final long periodNanos;

    /** How many overrunning cycles are kept by index. */
    public static final int KEPT_OVERRUNS = 1000;

    /** One cycle that overran: its index (0 = the first cycle), how late it started and its work, in ms. */
    public record Overrun(int cycle, double lateMillis, double workMillis) {
    }

    public CycleTiming(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** Records one cycle; all in nanoseconds; {@code late} is start minus scheduled start (never negative). */
    public synchronized void record(long readNanos, long stepNanos, long writeNanos, long totalNanos, long late) {
        if (count == total.length) {
            int n = count * 2;
            read = Arrays.copyOf(read, n);
            step = Arrays.copyOf(step, n);
            write = Arrays.copyOf(write, n);
            total = Arrays.copyOf(total, n);
            lateness = Arrays.copyOf(lateness, n);
        }
        read[count] = readNanos;
        step[count] = stepNanos;
        write[count] = writeNanos;
        total[count] = totalNanos;
        lateness[count] = Math.max(0, late);
        if (late + totalNanos > periodNanos) {
            if (overruns < KEPT_OVERRUNS) {
                overrunCycles[(int) overruns] = count;
            }
            overruns++;
        }
        count++;
    }

    public synchronized int cycles() {
        return count;
    }

    public synchronized long overruns() {
        return overruns;
    }

    /** The cycles that overran, in order (the first {@link #KEPT_OVERRUNS} of them). */
    public synchronized java.util.List<Overrun> overrunList() {
        int n = (int) Math.min(overruns, KEPT_OVERRUNS);
        java.util.List<Overrun> list = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = overrunCycles[i];
            list.add(new Overrun(c, lateness[c] / 1e6, total[c] / 1e6));
        }
        return list;
    }

    /** Percentiles over all cycles so far. */
    public synchronized Summary summary() {
        return new Summary(count, overruns, periodNanos / 1e6, Stat.of(read, count), Stat.of(step, count),
                Stat.of(write, count), Stat.of(total, count), Stat.of(lateness, count));
    }

    /** One measured quantity in milliseconds. */
    public record Stat(double p50, double p99, double max, double mean) {

        static Stat of(long[] values, int n) {
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            double sum = 0;
            for (long v : sorted) {
                sum += v;
            }
            return new Stat(ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)), ms(sorted[n - 1]),
                    sum / n / 1e6);
        }

        /** Nearest-rank percentile. */
        private static long percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    /**
     * Timing of a session: {@code jitter} is how late cycles started against their schedule; {@code total} the
     * work of a cycle (read + step + write + listeners).
     */
    public record Summary(int cycles, long overruns, double periodMillis, Stat read, Stat step, Stat write,
            Stat total, Stat jitter) {
    }
}
