package org.twinstudio.ui.internal.run;

import java.util.Arrays;

/**
 * The samples of a running simulation kept for the live plot: filled by the simulation thread, read by the UI thread.
 * Memory stays bounded whatever the number of steps: when {@link #MAX_POINTS} samples are held, every second one is
 * dropped and from then on only every second step is kept (and so on), so the kept samples stay evenly spaced in
 * steps. The latest sample is always available, so the plot reaches the current time.
 */
public final class LiveSamples {

    /** Most samples kept per signal. */
    public static final int MAX_POINTS = 8192;

    private final int columns;
    private double[] times = new double[256];
    private double[][] values;
    private int size;
    private long stride = 1;
    private long offered;
    private double lastTime = Double.NaN;
    private final double[] lastValues;

    public LiveSamples(int columns) {
        this.columns = columns;
        this.values = new double[columns][256];
        this.lastValues = new double[columns];
    }

    /** Adds the sample of one step; {@code row} is copied. */
    public synchronized void add(double time, double[] row) {
        lastTime = time;
        System.arraycopy(row, 0, lastValues, 0, columns);
        if (offered++ % stride != 0) {
            return;
        }
        if (size == MAX_POINTS) {
            halve();
        }
        if (size == times.length) {
            int capacity = Math.min(MAX_POINTS, size * 2);
            times = Arrays.copyOf(times, capacity);
            for (int c = 0; c < columns; c++) {
                values[c] = Arrays.copyOf(values[c], capacity);
            }
        }
        times[size] = time;
        for (int c = 0; c < columns; c++) {
            values[c][size] = row[c];
        }
        size++;
    }

    private void halve() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            times[kept] = times[i];
            for (int c = 0; c < columns; c++) {
                values[c][kept] = values[c][i];
            }
            kept++;
        }
        size = kept;
        stride *= 2;
    }

    /** Number of steps offered so far (the start included). */
    public synchronized long offered() {
        return offered;
    }

    /** A copy of the kept samples of the given columns, ending with the latest sample. */
    public synchronized Snapshot snapshot(int[] wanted) {
        boolean appendLast = size == 0 || times[size - 1] != lastTime;
        int n = appendLast && !Double.isNaN(lastTime) ? size + 1 : size;
        double[] t = Arrays.copyOf(times, n);
        double[][] v = new double[wanted.length][];
        for (int w = 0; w < wanted.length; w++) {
            v[w] = Arrays.copyOf(values[wanted[w]], n);
        }
        if (n > size) {
            t[size] = lastTime;
            for (int w = 0; w < wanted.length; w++) {
                v[w][size] = lastValues[wanted[w]];
            }
        }
        return new Snapshot(t, v);
    }

    /** Times and, per wanted column, values (same length). */
    public record Snapshot(double[] times, double[][] values) {
    }
}
