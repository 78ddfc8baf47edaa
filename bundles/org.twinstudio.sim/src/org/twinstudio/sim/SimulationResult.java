package org.twinstudio.sim;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The recorded run, in memory: one row per point of the output grid (the start and every multiple of the step size /
 * output interval), one column per
 * {@link Signal}.
 */
public final class SimulationResult {

    private final List<Signal> signals;
    private final double[] times;
    /**
     * Rows of the first {@link #recorded} signals in blocks of {@link #BLOCK_ROWS}, each block row-major (row r,
     * signal c at {@code blocks[r >> BLOCK_SHIFT][(r & (BLOCK_ROWS - 1))·recorded + c]}): the master appends a row
     * with sequential writes and allocates once per block, never per row, and never copies what it recorded.
     */
    private final double[][] blocks;
    private final int width;
    /**
     * The signals stored per row; the others (the unconnected inputs, which cannot change during a recorded run)
     * have the same value in every row, {@link #fixed}.
     */
    private final int recorded;
    private final double[] fixed;

    static final int BLOCK_SHIFT = 12;
    static final int BLOCK_ROWS = 1 << BLOCK_SHIFT;
    private final long steps;
    private final long rejectedSteps;
    private final long derivativeEvaluations;
    private final long eventCount;
    private final List<SimulationEvent> events;
    private final long wallNanos;

    SimulationResult(List<Signal> signals, double[] times, double[][] blocks, int recorded, double[] fixed,
            long steps, long rejectedSteps, long derivativeEvaluations, long eventCount, List<SimulationEvent> events,
            long wallNanos) {
        this.signals = signals;
        this.times = times;
        this.blocks = blocks;
        this.width = signals.size();
        this.recorded = recorded;
        this.fixed = fixed;
        if (recorded + fixed.length != width) {
            throw new IllegalArgumentException("recorded and fixed signals differ from the signals");
        }
        this.steps = steps;
        this.rejectedSteps = rejectedSteps;
        this.derivativeEvaluations = derivativeEvaluations;
        this.eventCount = eventCount;
        this.events = List.copyOf(events);
        this.wallNanos = wallNanos;
    }

    public List<Signal> signals() {
        return signals;
    }

    /** Number of recorded rows. */
    public int size() {
        return times.length;
    }

    public double time(int row) {
        return times[row];
    }

    public double value(int row, int column) {
        java.util.Objects.checkIndex(row, times.length);
        java.util.Objects.checkIndex(column, width);
        return column < recorded ? blocks[row >> BLOCK_SHIFT][(row & (BLOCK_ROWS - 1)) * recorded + column]
                : fixed[column - recorded];
    }

    /** Column of {@code component.port}, or -1. */
    public int column(String signal) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).name().equals(signal)) {
                return i;
            }
        }
        return -1;
    }

    /** The whole time series of {@code component.port}. */
    public double[] series(String signal) {
        int c = column(signal);
        if (c < 0) {
            throw new IllegalArgumentException("no signal '" + signal + "'");
        }
        double[] s = new double[times.length];
        if (c >= recorded) {
            java.util.Arrays.fill(s, fixed[c - recorded]);
            return s;
        }
        for (int r = 0; r < s.length; r++) {
            s[r] = blocks[r >> BLOCK_SHIFT][(r & (BLOCK_ROWS - 1)) * recorded + c];
        }
        return s;
    }

    public double[] times() {
        return times.clone();
    }

    /** Last value of {@code component.port}. */
    public double finalValue(String signal) {
        double[] s = series(signal);
        return s[s.length - 1];
    }

    /** First recorded time at which the signal is at or above {@code threshold}. */
    public OptionalDouble firstTimeAtOrAbove(String signal, double threshold) {
        double[] s = series(signal);
        for (int r = 0; r < s.length; r++) {
            if (s[r] >= threshold) {
                return OptionalDouble.of(times[r]);
            }
        }
        return OptionalDouble.empty();
    }

    /** Solver steps accepted (for fixed-step solvers: every step, including steps shortened to an event). */
    public long steps() {
        return steps;
    }

    /** Steps rejected by the error control of an adaptive solver and retried smaller (0 for fixed-step solvers). */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    /** How often the derivatives of the whole model were evaluated (solver stages, event location included). */
    public long derivativeEvaluations() {
        return derivativeEvaluations;
    }

    /** Events handled (state, time and input events). */
    public long eventCount() {
        return eventCount;
    }

    /** The handled events in time order (at most the first {@value Simulation#MAX_LISTED_EVENTS} are listed). */
    public List<SimulationEvent> events() {
        return events;
    }

    /** Wall-clock time of the run (building excluded). */
    public long wallNanos() {
        return wallNanos;
    }

    /** Simulated time divided by wall-clock time. */
    public double realTimeRatio() {
        double simulated = times[times.length - 1] - times[0];
        return wallNanos == 0 ? Double.POSITIVE_INFINITY : simulated / (wallNanos / 1e9);
    }
}
