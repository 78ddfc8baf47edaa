package org.twinstudio.runtime;

/**
 * The timing of the most recent cycles of a live session, for live displays (the CLI's status line, the IDE's
 * views): a ring of the last {@link #capacity()} cycles with the wall-clock instant each ended. {@link #window}
 * summarises those that ended within a recent span (e.g. the last second) with the same statistics as
 * {@link CycleTiming} (nearest-rank percentiles, exact over the window). The whole run stays in {@link CycleTiming},
 * which reports use. Written by the session thread only; readable from any thread.
 */
public final class RollingTiming {

    private final long periodNanos;
    private final int capacity;
    private final long[] endedAt;
    private final long[] read;
    private final long[] step;
    private final long[] write;
    private final long[] total;
    private final long[] lateness;
    private final boolean[] overrun;
    /** Cycles recorded so far; slot of cycle n is n % capacity. */
    private long count;

    /** @param capacity how many of the latest cycles are kept (at least 1) */
    public RollingTiming(long periodNanos, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.periodNanos = periodNanos;
        this.capacity = capacity;
        endedAt = new long[capacity];
        read = new long[capacity];
        step = new long[capacity];
        write = new long[capacity];
        total = new long[capacity];
        lateness = new long[capacity];
        overrun = new boolean[capacity];
    }

    /**
     * Enough room for two seconds of cycles at {@code periodNanos} (so a one-second window is complete), between
     * 1,024 and 1,048,576 cycles.
     */
    public static RollingTiming forPeriod(long periodNanos) {
        long twoSeconds = 2_000_000_000L / Math.max(1, periodNanos);
        return new RollingTiming(periodNanos, (int) Math.max(1024, Math.min(1 << 20, twoSeconds)));
    }

    public int capacity() {
        return capacity;
    }

    /** Records one cycle that ended at {@code endNanos} ({@link System#nanoTime()}); as {@link CycleTiming#record}. */
    public synchronized void record(long endNanos, long readNanos, long stepNanos, long writeNanos, long totalNanos,
            long late) {
        int i = (int) (count % capacity);
        endedAt[i] = endNanos;
        read[i] = readNanos;
        step[i] = stepNanos;
        write[i] = writeNanos;
        total[i] = totalNanos;
        lateness[i] = Math.max(0, late);
        overrun[i] = late + totalNanos > periodNanos;
        count++;
    }

    /** Cycles recorded since the start (not only those still kept). */
    public synchronized long recorded() {
        return count;
    }

    /** The last {@code n} cycles kept (fewer if fewer were recorded or kept). */
    public synchronized CycleTiming.Summary last(int n) {
        int k = (int) Math.min(Math.min(n, count), capacity);
        return summarise(k);
    }

    /**
     * The cycles kept that ended at or after {@code nowNanos - spanNanos} ({@link System#nanoTime()} clock), e.g.
     * {@code window(System.nanoTime(), 1_000_000_000L)} for the last second.
     */
    public synchronized CycleTiming.Summary window(long nowNanos, long spanNanos) {
        long from = nowNanos - spanNanos;
        int kept = (int) Math.min(count, capacity);
        int k = 0;
        // newest first until a cycle ended before the window
        while (k < kept && endedAt[(int) ((count - 1 - k) % capacity)] - from >= 0) {
            k++;
        }
        return summarise(k);
    }

    /** Summary of the newest {@code k} cycles (caller holds the lock). */
    private CycleTiming.Summary summarise(int k) {
        long[][] columns = { new long[k], new long[k], new long[k], new long[k], new long[k] };
        long overruns = 0;
        for (int j = 0; j < k; j++) {
            int i = (int) ((count - 1 - j) % capacity);
            columns[0][j] = read[i];
            columns[1][j] = step[i];
            columns[2][j] = write[i];
            columns[3][j] = total[i];
            columns[4][j] = lateness[i];
            if (overrun[i]) {
                overruns++;
            }
        }
        return new CycleTiming.Summary(k, overruns, periodNanos / 1e6, CycleTiming.Stat.of(columns[0], k),
                CycleTiming.Stat.of(columns[1], k), CycleTiming.Stat.of(columns[2], k),
                CycleTiming.Stat.of(columns[3], k), CycleTiming.Stat.of(columns[4], k));
    }

    @Override
    public synchronized String toString() {
        return "RollingTiming[" + Math.min(count, capacity) + " of " + count + " cycles, period "
                + periodNanos / 1e6 + " ms]";
    }
}
