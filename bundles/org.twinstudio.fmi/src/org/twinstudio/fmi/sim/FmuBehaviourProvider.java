package org.twinstudio.fmi.sim;

import java.lang.ref.Cleaner;

import org.twinstudio.fmi.FmuKind;
import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Behaviour of components of type {@code fmu}: the component's {@code fmu} parameter names an .fmu (relative to
 * the model file); its ports must be input/output variables of the FMU with matching types; its other parameters
 * set FMU parameters by name; an optional {@code interface} parameter picks {@code co-simulation} or
 * {@code model-exchange} (default: co-simulation when the FMU has it); {@code isolation} = {@code process} runs the
 * FMU in a host process of its own (a crash or a hang, cut after {@code callTimeout} seconds, fails the run instead
 * of the JVM; each FMI call is then a round trip between processes), {@code none} (default) in this JVM. Registered as an OSGi service (declarative
 * services) and through {@link java.util.ServiceLoader} for plain class paths.
 */
public final class FmuBehaviourProvider implements ComponentBehaviourProvider {

    /** Frees native instances whose behaviour was dropped without {@link ComponentBehaviour#close()}. */
    private static final Cleaner CLEANER = Cleaner.create();

    @Override
    public String typeId() {
        return BuiltinComponentTypes.FMU;
    }

    @Override
    public ComponentBehaviour create(BehaviourContext context) {
        FmuBinding binding = FmuBinding.create(context);
        FmuBehaviour behaviour = binding.kind == FmuKind.CO_SIMULATION ? new CoSimulationBehaviour(binding)
                : new ModelExchangeBehaviour(binding);
        CLEANER.register(behaviour, binding.fmu::close);
        return behaviour;
    }
}
