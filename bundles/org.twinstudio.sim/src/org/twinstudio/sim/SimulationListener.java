package org.twinstudio.sim;

/**
 * Told about every point of the output grid (t = i·h; for Euler and RK4 every step on it, for dopri5 the values of
 * its continuous extension there). Without listeners the master does not even build the arguments, so the hook
 * costs nothing when unused.
 */
@FunctionalInterface
public interface SimulationListener {

    /**
     * Called when grid point {@code step} (0 at the start) is reached at {@code time}; {@code values} are the
     * recorded signals in the order of {@link Simulation#signals()} and must not be kept (the array is reused).
     */
    void stepCompleted(long step, double time, double[] values);
}
