package org.twinstudio.sim;

/**
 * Told about every accepted step. Without listeners the master does not even build the arguments, so the hook costs
 * nothing when unused.
 */
@FunctionalInterface
public interface SimulationListener {

    /**
     * Called after step {@code step} reached {@code time}; {@code values} are the recorded signals in the order of
     * {@link Simulation#signals()} and must not be kept (the array is reused).
     */
    void stepCompleted(long step, double time, double[] values);
}
