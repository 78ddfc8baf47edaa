package org.twinstudio.sim;

/**
 * Optional fast path of a {@link ComponentBehaviour}: the same equations working directly on the master's flat
 * arrays, so that nothing is gathered into or copied out of per-component arrays. The master binds the kernel once
 * at build to the slots of its ports and states, and calls it instead of {@code outputs}/{@code derivatives} while no
 * fault is active, the component's connections need no unit conversion and the model has no algebraic loop; every
 * other case uses the {@link ComponentBehaviour} methods, which must compute exactly the same values (share the
 * equations, e.g. through static functions both call).
 * <p>
 * A kernel writes only its own output slots and derivatives; it does not check for values that are not finite (the
 * master checks whole vectors once per pass and, on a failure, re-runs the pass through the behaviour methods to
 * report the component, port and time).
 */
public interface FlatKernel {

    /**
     * Binds the kernel to its slots: {@code values[inputSlots[i]]} is input i (the driver's output for a connected
     * input), {@code values[outputSlots[o]]} is output o, {@code x[stateOffset + s]} state s and
     * {@code dx[stateOffset + s]} its derivative.
     */
    void bind(int[] inputSlots, int[] outputSlots, int stateOffset);

    /** As {@link ComponentBehaviour#outputs}: writes the outputs into their slots of {@code values}. */
    void kernelOutputs(double time, double[] values, double[] x);

    /** As {@link ComponentBehaviour#derivatives}: writes the state derivatives into {@code dx}. */
    default void kernelDerivatives(double time, double[] values, double[] x, double[] dx) {
    }
}
