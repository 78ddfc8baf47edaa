package org.twinstudio.testlang.runner;

import java.util.Arrays;

/**
 * The time series of one signal during a test, sampled at every instant the runner saw (every solver step and event
 * instant), bounded in memory: at most {@code capacity} stored samples. When full, every other stored sample is
 * dropped and from then on only every 2nd (then 4th, 8th …) sample is kept, so the kept samples stay evenly spread
 * over the whole test (sample indices k·stride). The latest sample is always kept as well, so the series ends where
 * the test ended. A sample equal in time and value to the previous one (an event that did not change this signal) is
 * not counted.
 */
public final class SignalTrace {

    /** Why the signal is traced: written by the test ({@code set}, {@code ramp}) or only read by assertions. */
    public enum Role {
        INPUT, ASSERTED,
        /** The state of a model alert rule an expectation names: 1 raised, 0 cleared. */
        ALERT
    }

    /** Samples kept per signal unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 2000;

    private final String name;
    private final String unit;
    private final Role role;
    private final int capacity;
    private double[] times;
    private double[] values;
    private int size;
    private long stride = 1;
    private long seen;
    private double lastTime = Double.NaN;
    private double lastValue = Double.NaN;
    private boolean lastStored;

    public SignalTrace(String name, String unit, Role role, int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("a trace needs room for at least 4 samples, not " + capacity);
        }
        this.name = name;
        this.unit = unit == null ? "" : unit;
        this.role = role;
        this.capacity = capacity;
        this.times = new double[Math.min(capacity, 64)];
        this.values = new double[times.length];
    }

    /** Adds the sample (time, value); see the class comment for which samples are kept. */
    public void add(double time, double value) {
        if (time == lastTime && (value == lastValue || Double.isNaN(value) && Double.isNaN(lastValue))) {
            return;
        }
        lastTime = time;
        lastValue = value;
        long index = seen++;
        if (index % stride != 0) {
            lastStored = false;
            return;
        }
        if (size == capacity) {
            int kept = 0;
            for (int i = 0; i < size; i += 2) {
                times[kept] = times[i];
                values[kept] = values[i];
                kept++;
            }
            size = kept;
            stride *= 2;
            if (index % stride != 0) {
                lastStored = false;
                return;
            }
        }
        if (size == times.length) {
            int grown = Math.min(capacity, times.length * 2);
            times = Arrays.copyOf(times, grown);
            values = Arrays.copyOf(values, grown);
        }
        times[size] = time;
        values[size] = value;
        size++;
        lastStored = true;
    }

    public String name() {
        return name;
    }

    /** The unit of the values ("" for none). */
    public String unit() {
        return unit;
    }

    public Role role() {
        return role;
    }

    /** Every how many samples one is kept now (1 until the first thinning). */
    public long stride() {
        return stride;
    }

    /** How many samples were offered (duplicates aside). */
    public long samplesSeen() {
        return seen;
    }

    /** The kept sample times in order, ending with the latest sample. */
    public double[] times() {
        return lastStored || seen == 0 ? Arrays.copyOf(times, size) : append(times, lastTime);
    }

    /** The kept values, matching {@link #times()}. */
    public double[] values() {
        return lastStored || seen == 0 ? Arrays.copyOf(values, size) : append(values, lastValue);
    }

    private double[] append(double[] array, double last) {
        double[] out = Arrays.copyOf(array, size + 1);
        out[size] = last;
        return out;
    }
}
