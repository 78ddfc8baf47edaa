package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Induction motor as a first-order speed response: state speed n [rpm],
 * {@code dn/dt = (n_target − n) / τ} with n_target = speedSetpoint while {@code enable}, else 0, and mechanical
 * time constant {@code τ = J · ω_rated / T_rated} (the time to reach rated speed at rated torque; ω_rated in
 * rad/s). Not modelled yet: the load torque input and the phase current (output held at 0 A).
 */
public final class MotorBehaviour implements ComponentBehaviour {

    private final double timeConstant;
    private final int enable;
    private final int setpoint;
    private final int speed;
    private final int current;

    MotorBehaviour(BehaviourContext ctx) {
        double ratedSpeed = Behaviours.positive(ctx.parameter("ratedSpeed"), "ratedSpeed");
        double ratedTorque = Behaviours.positive(ctx.parameter("ratedTorque"), "ratedTorque");
        double inertia = Behaviours.positive(ctx.parameter("inertia"), "inertia");
        timeConstant = inertia * ratedSpeed * 2 * Math.PI / 60 / ratedTorque;
        enable = ctx.inputIndex("enable");
        setpoint = ctx.inputIndex("speedSetpoint");
        speed = ctx.outputIndex("speed");
        current = ctx.outputIndex("current");
    }

    /** τ in seconds. */
    public double timeConstant() {
        return timeConstant;
    }

    @Override
    public List<String> stateNames() {
        return List.of("speed");
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return false;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        out[speed] = x[0];
        out[current] = 0;
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        double target = Behaviours.on(in[enable]) ? in[setpoint] : 0;
        dx[0] = (target - x[0]) / timeConstant;
    }

    /** Registers the motor behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.MOTOR;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new MotorBehaviour(context);
        }
    }
}
