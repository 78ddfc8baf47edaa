package org.twinstudio.sim;

import java.util.List;

/**
 * The dynamic model of one component instance. Inputs and outputs are indexed in the order of the type's port
 * descriptors (inputs and outputs counted separately); values are in the units of the type's port descriptors (for
 * ports of any unit, the model port's unit). Booleans are 1.0 (true) and 0.0 (false).
 * <p>
 * The master calls {@link #outputs} whenever it needs the outputs, {@link #derivatives} once per solver stage, and
 * {@link #stepCompleted} once after every accepted step. Implementations must be deterministic for given inputs,
 * states and seed.
 * <p>
 * <b>Events.</b> A behaviour with discontinuities declares them instead of hiding them inside a step, so that
 * adaptive solvers do not step across them blindly:
 * <ul>
 * <li><em>State events</em>: {@link #eventIndicatorCount()} functions z(t, u, x) computed by
 * {@link #eventIndicators}; an event happens when one changes sign. The master locates the crossing (bisection /
 * regula falsi on the step's interpolant) within its event tolerance, advances to it, and calls
 * {@link #handleEvent}.</li>
 * <li><em>Time events</em>: {@link #nextTimeEvent} names the next instant at which the behaviour changes
 * discontinuously (a step source's step time); the master ends a step exactly there and calls
 * {@link #handleEvent}.</li>
 * </ul>
 * At an event the behaviour may re-initialise states (a bouncing ball's velocity) and switch discrete modes (a
 * thermostat's relay); the master then re-evaluates outputs and repeats the event handling (event iteration) until
 * no behaviour reports a change, with a bounded number of iterations.
 */
public interface ComponentBehaviour {

    /** Names of the continuous states, e.g. {@code "level"}; their count fixes the length of the state arrays. */
    default List<String> stateNames() {
        return List.of();
    }

    /** Fills the initial states; {@code inputs} hold the values known at start (already-initialised sources). */
    default void initialize(double[] inputs, double[] states) {
    }

    /**
     * Whether output {@code outputIndex} depends on the inputs at the same instant (direct feedthrough). Outputs that
     * depend only on states break algebraic loops.
     */
    boolean directFeedthrough(int outputIndex);

    /**
     * Whether output {@code outputIndex} depends directly on input {@code inputIndex}. The default is
     * {@link #directFeedthrough(int)} for every input; behaviours with several inputs and outputs narrow it so that
     * the master can order by port rather than by component (fewer false algebraic loops).
     */
    default boolean dependsOn(int outputIndex, int inputIndex) {
        return directFeedthrough(outputIndex);
    }

    /** Computes every output from time, inputs and states. */
    void outputs(double time, double[] inputs, double[] states, double[] outputs);

    /** Computes the time derivative of every state. */
    default void derivatives(double time, double[] inputs, double[] states, double[] derivatives) {
    }

    /**
     * After an accepted step ending at {@code time}: may project states onto their admissible range (e.g. a valve
     * position onto 0..100 %) and update discrete parts such as held noise samples.
     */
    default void stepCompleted(double time, double[] inputs, double[] states) {
    }

    /**
     * Whether {@link #stepCompleted} may update values held besides the states (a noise sample) that the outputs,
     * derivatives or event indicators read. Asked once when the simulation is built. When it is false for every
     * behaviour whose hook ran and no hook changed a state, the master keeps the outputs it has instead of evaluating
     * them again (and dopri5 keeps its last stage as the next step's first). Default: true.
     */
    default boolean stepCompletedUpdatesHeldValues() {
        return true;
    }

    /** Number of state-event indicator functions; 0 when the behaviour has no state events. */
    default int eventIndicatorCount() {
        return 0;
    }

    /** Computes the event indicators; an event happens where one changes sign. */
    default void eventIndicators(double time, double[] inputs, double[] states, double[] indicators) {
    }

    /**
     * The next time event strictly after {@code time}, or {@link Double#POSITIVE_INFINITY} when there is none. Called
     * after initialisation and after every event.
     */
    default double nextTimeEvent(double time) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Handles an event at {@code time} (a state event located by the master, a time event this behaviour announced,
     * or an event of another component that changed this one's inputs). May change {@code states} (re-initialisation)
     * and discrete modes.
     *
     * @return whether anything changed (states, modes or outputs), so that the master iterates until nothing does
     */
    default boolean handleEvent(double time, double[] inputs, double[] states) {
        return false;
    }

    /** Releases what the behaviour holds outside the JVM heap (a native FMU instance); called once after the run. */
    default void close() {
    }
}
