package org.twinstudio.sim.internal.behaviours;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.FlatKernel;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Electric heater, static: {@code power = efficiency · maxPower · clamp(command, 0, 100) / 100} [W]. Direct
 * feedthrough from {@code command} to {@code power}.
 */
public final class HeaterBehaviour implements ComponentBehaviour, FlatKernel {

    final double maxPower;
    final double efficiency;
    private final int command;
    private final int power;
    int commandSlot;
    int powerSlot;

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
        out[power] = power(in[command]);
    }

    /** The equation, shared by both call paths. */
    private double power(double commandPercent) {
        return power(efficiency, maxPower, commandPercent);
    }

    static double power(double efficiency, double maxPower, double commandPercent) {
        return efficiency * maxPower * Behaviours.clamp(commandPercent, 0, 100) / 100;
    }

    @Override
    public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
        commandSlot = inputSlots[command];
        powerSlot = outputSlots[power];
    }

    @Override
    public void kernelOutputs(double time, double[] values, double[] x) {
        values[powerSlot] = power(values[commandSlot]);
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
