package org.twinstudio.sim.internal.behaviours;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Centrifugal pump, static. With n = clamp(speed, 0, 100) / 100 while {@code run}, else 0:
 * {@code flow = maxFlow · n} [m³/s] and, by the affinity laws, {@code power = ratedPower · n³} [W]. Direct
 * feedthrough from both inputs.
 */
public final class PumpBehaviour implements ComponentBehaviour {

    private final double maxFlow;
    private final double ratedPower;
    private final int run;
    private final int speed;
    private final int flow;
    private final int power;

    PumpBehaviour(BehaviourContext ctx) {
        maxFlow = ctx.parameter("maxFlow");
        ratedPower = ctx.parameter("ratedPower");
        run = ctx.inputIndex("run");
        speed = ctx.inputIndex("speed");
        flow = ctx.outputIndex("flow");
        power = ctx.outputIndex("power");
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return true;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double n = Behaviours.on(in[run]) ? Behaviours.clamp(in[speed], 0, 100) / 100 : 0;
        out[flow] = maxFlow * n;
        out[power] = ratedPower * n * n * n;
    }

    /** Registers the pump behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.PUMP;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new PumpBehaviour(context);
        }
    }
}
