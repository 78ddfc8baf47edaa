package org.twinstudio.testlang.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test did over time: the series of every port its statements used (inputs it set or ramped, ports its
 * expectations read), sampled at every instant the target reported, and its expectations with their windows and
 * failure points. Filled while the test runs; read after.
 */
public final class TestTrace {

    private final Map<String, SignalTrace> signals = new LinkedHashMap<>();
    private final List<AssertionTrace> assertions = new ArrayList<>();
    private final int capacity;
    private double start = Double.NaN;
    private double end = Double.NaN;

    TestTrace(int capacity) {
        this.capacity = capacity;
    }

    /** Starts tracing a port (once; an input stays an input). */
    void track(String port, String unit, SignalTrace.Role role) {
        SignalTrace old = signals.get(port);
        if (old == null || old.role() != role && role == SignalTrace.Role.INPUT && old.samplesSeen() == 0) {
            signals.put(port, new SignalTrace(port, unit, role, capacity));
        }
    }

    /** Samples every traced port at {@code time}. */
    void sample(double time, TestTarget target) throws Exception {
        if (Double.isNaN(start)) {
            start = time;
        }
        end = time;
        for (SignalTrace s : signals.values()) {
            s.add(time, s.role() == SignalTrace.Role.ALERT ? alertState(target, s.name()) : target.value(s.name()));
        }
    }

    /** The trace name of an alert rule's state. */
    static String alertSignal(String alert) {
        return ALERT_PREFIX + alert;
    }

    private static final String ALERT_PREFIX = "alert ";

    private static double alertState(TestTarget target, String signal) {
        try {
            return target.alertActive(signal.substring(ALERT_PREFIX.length())) ? 1 : 0;
        } catch (Exception e) {
            return Double.NaN; // a target without alerts: the expectation itself reports it
        }
    }

    AssertionTrace assertion(String text, String port, AssertionTrace.Timing timing, double t0, double t1,
            double expected, double tolerance) {
        AssertionTrace a = new AssertionTrace(text, port, timing, t0, t1, expected, tolerance);
        assertions.add(a);
        return a;
    }

    /** The traced signals in the order the test first used them. */
    public List<SignalTrace> signals() {
        return List.copyOf(signals.values());
    }

    /** The trace of one port, or null. */
    public SignalTrace signal(String port) {
        return signals.get(port);
    }

    /** The expectations in the order they were met. */
    public List<AssertionTrace> assertions() {
        return Collections.unmodifiableList(assertions);
    }

    /** The first sampled time, s (NaN when nothing was sampled). */
    public double start() {
        return start;
    }

    /** The last sampled time, s. */
    public double end() {
        return end;
    }
}
