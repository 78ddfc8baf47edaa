package org.twinstudio.sim;

/**
 * Told about every instant a {@link Simulation.Session} passes while it advances: each accepted solver step (for
 * dopri5 the adaptive steps themselves), each output grid point inside a dopri5 step (from its continuous
 * extension), and each event instant twice: as the step that ends on it (values before the event) and after the event
 * iteration settled (values after). During the call {@link Simulation.Session#value} reads the values at that
 * instant. Meant for checks that must see everything the solver saw (temporal assertions), not for recording the
 * output grid ({@link SimulationListener} does that).
 */
@FunctionalInterface
public interface StepObserver {

    /** Where an observed instant comes from. */
    enum Point {
        /** the end of an accepted solver step (before any event located there is handled) */
        STEP,
        /** an output grid point inside a dopri5 step, from the continuous extension */
        GRID,
        /** an instant after its event (time, state or input) was handled */
        EVENT
    }

    /**
     * Called at {@code time}; returns true to ask the session to stop advancing at the next instant where it is
     * consistent (at the latest at the end of the current step, after its events).
     */
    boolean observe(double time, Point point);
}
