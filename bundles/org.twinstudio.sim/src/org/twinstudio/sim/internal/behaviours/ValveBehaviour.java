package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * On/off valve with travel time τ: state position p [%] moves at constant speed towards 100 % while {@code open},
 * towards 0 % otherwise: {@code dp/dt = ±100/τ}; p is projected onto 0..100 after each step. Output
 * {@code flow = maxFlow · p / 100} [m³/s]. Outputs depend on the state only: no direct feedthrough.
 */
public final class ValveBehaviour implements ComponentBehaviour {

    private final double maxFlow;
    private final double rate;
    private final int open;
    private final int position;
    private final int flow;
    private final double startPosition;

    ValveBehaviour(BehaviourContext ctx) {
        maxFlow = ctx.parameter("maxFlow");
        rate = 100 / Behaviours.positive(ctx.parameter("travelTime"), "travelTime");
        open = ctx.inputIndex("open");
        position = ctx.outputIndex("position");
        flow = ctx.outputIndex("flow");
        double s = ctx.outputStart("position");
        startPosition = Double.isNaN(s) ? 0 : Behaviours.clamp(s, 0, 100);
    }

    @Override
    public List<String> stateNames() {
        return List.of("position");
    }

    @Override
    public void initialize(double[] in, double[] x) {
        x[0] = startPosition;
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return false;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double p = Behaviours.clamp(x[0], 0, 100);
        out[position] = p;
        out[flow] = maxFlow * p / 100;
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        // The end stops are applied by projection after each step (and by clamping the outputs): a derivative
        // that switched off at the stop inside a Runge-Kutta step would spoil the exact ramp.
        dx[0] = Behaviours.on(in[open]) ? rate : -rate;
    }

    @Override
    public void stepCompleted(double time, double[] in, double[] x) {
        x[0] = Behaviours.clamp(x[0], 0, 100);
    }

    /** {@inheritDoc} */
    @Override
    public boolean stepCompletedUpdatesHeldValues() {
        return false;
    }

    /** Registers the valve behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.VALVE;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new ValveBehaviour(context);
        }
    }
}
