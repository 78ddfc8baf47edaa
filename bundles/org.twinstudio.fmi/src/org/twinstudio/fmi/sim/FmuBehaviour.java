package org.twinstudio.fmi.sim;

import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.sim.ComponentBehaviour;

/** What co-simulation and model-exchange behaviours share: the instance's life cycle. */
abstract class FmuBehaviour implements ComponentBehaviour {

    final FmuBinding binding;
    FmuInstance instance;
    private boolean closed;

    FmuBehaviour(FmuBinding binding) {
        this.binding = binding;
    }

    /** Instantiates, sets parameters and inputs, and runs the initialisation mode (start time 0). */
    void instantiate(FmuKind kind, double[] inputs) {
        instance = binding.isolation == null ? binding.fmu.instantiate(kind, binding.component)
                : binding.fmu.instantiateIsolated(kind, binding.component, binding.isolation);
        try {
            instance.enterInitializationMode(Double.NaN, 0, Double.NaN);
            binding.applyParameters(instance);
            binding.inputs.write(instance, inputs);
            instance.exitInitializationMode();
        } catch (RuntimeException e) {
            instance.close();
            instance = null;
            throw e;
        }
    }

    /** The instance, for tests and tools (null before initialisation). */
    FmuInstance instance() {
        return instance;
    }

    /** Terminates the instance (when it is still healthy), frees it and deletes the unpacked FMU. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (instance != null) {
                try {
                    instance.terminate();
                } catch (RuntimeException ignored) {
                    // a failed instance cannot terminate; it is still freed below
                }
                instance.close();
            }
        } finally {
            binding.fmu.close();
        }
    }
}
