package org.twinstudio.testlang.runner;

/**
 * One expectation of a test as it ran: its text, the port it read, its timing and window [t0, t1] in simulated
 * seconds, and, when it failed, where: time and actual value. For {@code always} and {@code never} the window ends
 * where the test (or the failure) ended; an expectation without timing has t0 = t1.
 */
public final class AssertionTrace {

    /** The timing of an expectation. */
    public enum Timing {
        NOW, WITHIN, FOR, ALWAYS, NEVER
    }

    /** Still being checked, passed or failed. */
    public enum Outcome {
        RUNNING, PASSED, FAILED
    }

    private final String text;
    private final String port;
    private final Timing timing;
    private final double start;
    private final double expected;
    private final double tolerance;
    private double end;
    private Outcome outcome = Outcome.RUNNING;
    private double failureTime = Double.NaN;
    private double actual = Double.NaN;

    AssertionTrace(String text, String port, Timing timing, double start, double end, double expected,
            double tolerance) {
        this.text = text;
        this.port = port;
        this.timing = timing;
        this.start = start;
        this.end = end;
        this.expected = expected;
        this.tolerance = tolerance;
    }

    void passed(double time) {
        if (outcome == Outcome.RUNNING) {
            outcome = Outcome.PASSED;
            if (timing == Timing.ALWAYS || timing == Timing.NEVER || timing == Timing.WITHIN) {
                end = time;
            }
        }
    }

    void failed(double time, double actualValue) {
        outcome = Outcome.FAILED;
        failureTime = time;
        actual = actualValue;
        end = time;
    }

    /** The expectation in words: {@code port op value ± tolerance unit}. */
    public String text() {
        return text;
    }

    /** The port read ({@code component.port}). */
    public String port() {
        return port;
    }

    /** The value compared against, in the port's unit. */
    public double expected() {
        return expected;
    }

    /** The tolerance around {@link #expected()} (0 for none), in the port's unit. */
    public double tolerance() {
        return tolerance;
    }

    public Timing timing() {
        return timing;
    }

    /** The start of the window, s. */
    public double start() {
        return start;
    }

    /** The end of the window, s (where it passed or failed; for always/never where the test ended). */
    public double end() {
        return end;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The simulated time of the failure; NaN unless failed. */
    public double failureTime() {
        return failureTime;
    }

    /** The value that broke it; NaN unless failed. */
    public double actual() {
        return actual;
    }
}
