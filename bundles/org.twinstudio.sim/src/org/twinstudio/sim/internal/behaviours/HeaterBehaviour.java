package org.twinstudio.sim.internal.behaviours;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Electric heater, static: {@code power = efficiency · maxPower · clamp(command, 0, 100) / 100} [W]. Direct
 * feedthrough from {@code command} to {@code power}.
 */
public final class HeaterBehaviour implements ComponentBehaviour {

    private final double maxPower;
    private final double efficiency;
    private final int command;
    private final int power;

    HeaterBehaviour(BehaviourContext ctx) {
        maxPower = ctx.parameter("maxPower");
        efficiency = ctx.parameter("efficiency");
        command = ctx.inputIndex("command");
        power = ctx.outputIndex("power");
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return true;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        out[power] = efficiency * maxPower * Behaviours.clamp(in[command], 0, 100) / 100;
    }

    /** Registers the heater behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.HEATER;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new HeaterBehaviour(context);
        }
    }
}
