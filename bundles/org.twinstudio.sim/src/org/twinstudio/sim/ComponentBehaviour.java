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
}
