package org.twinstudio.testlang.runner;

/**
 * What a test sequence drives: a simulated twin here, a real-time hardware-in-the-loop rig later. Values are in the
 * target's own unit of each port ({@link #unit}); booleans are 0/1. Times are in seconds of the target's clock.
 */
public interface TestTarget extends AutoCloseable {

    /** The current time in seconds. */
    double time();

    /** The interval at which the runner checks expectations and applies ramps, in seconds. */
    double stepSize();

    /** The unit the target uses for {@code component.port} ("" for none). */
    String unit(String port);

    /** Writes an input port. */
    void set(String port, double value) throws Exception;

    /** The current value of a port. */
    double value(String port) throws Exception;

    /** Runs the target up to {@code time} (at or after {@link #time()}). */
    void advanceTo(double time) throws Exception;

    /**
     * Runs the target up to {@code time} like {@link #advanceTo(double)}, calling {@code samples} at every instant
     * the target computes on the way: each solver step and each event instant (before and after it) of a simulation,
     * each cycle of a real-time rig. During the call {@link #value} reads the values at that instant. When the
     * listener returns true the target may stop early (at the end of the current step); {@link #time()} tells where
     * it stopped. The default samples only where it arrives.
     */
    default void advanceTo(double time, SampleListener samples) throws Exception {
        advanceTo(time);
        samples.sample(time());
    }

    /**
     * Injects a fault on {@code component.port} or a whole component. {@code unit} is the unit of {@code value}
     * (null for the port's unit); {@code start} is NaN for at once; {@code duration} is infinite for until cleared.
     */
    void injectFault(FaultRequest fault) throws Exception;

    /** Removes every fault on {@code component.port}, or on a component and all its ports. */
    void clearFault(String target) throws Exception;

    /**
     * Whether the model's alert rule {@code alert} is raised now (a simulation evaluates the rules, a rig reads its
     * alarm state). A target that cannot tell throws, and expectations on alerts become errors with its message.
     */
    default boolean alertActive(String alert) throws Exception {
        throw new UnsupportedOperationException("this test target does not report alerts");
    }

    @Override
    void close() throws Exception;

    /** Told about each instant a target passes; returns true to stop advancing there. */
    @FunctionalInterface
    interface SampleListener {
        boolean sample(double time) throws Exception;
    }

    /** A fault to inject; kind is one of stuck, offset, drift, noise, dropout, fail. */
    record FaultRequest(String kind, String target, double value, String unit, double start, double duration) {
    }
}
