package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Induction motor on a speed-controlled drive. State ω [rad/s] (output in rpm, starting at the start value of
 * {@code speed}); target ω_t = speedSetpoint while {@code enable}, else 0 (the drive stops the motor and holds it).
 * The drive's torque is a proportional speed controller with load-torque compensation, limited to ±T_max:
 *
 * <pre>
 * T_m   = clamp(T_rated · (ω_t − ω) / ω_rated + T_load, −T_max, T_max)
 * J dω/dt = T_m − T_load
 * </pre>
 *
 * so that, inside the limit, {@code dω/dt = (ω_t − ω)/τ} with mechanical time constant
 * {@code τ = J · ω_rated / T_rated} (the time to reach rated speed at rated torque) whatever the load, and the speed
 * holds its setpoint without droop; a load above T_max slows the motor at {@code (T_max − T_load)/J}. Phase current,
 * magnetising and torque-producing parts in quadrature:
 * {@code I = sqrt(I_0² + (I_rated² − I_0²) · (T_m / T_rated)²)} while the drive is enabled or produces torque, else
 * 0 (so I_0 at no load, I_rated at rated torque). Outputs depend on the state only (the current also on the load
 * torque and setpoint, through T_m).
 */
public final class MotorBehaviour implements ComponentBehaviour {

    private static final double RAD_S_PER_RPM = 2 * Math.PI / 60;

    private final double timeConstant;
    private final double ratedTorque;
    private final double ratedOmega;
    private final double inertia;
    private final double maxTorque;
    private final double ratedCurrent;
    private final double noLoadCurrent;
    private final int enable;
    private final int setpoint;
    private final int load;
    private final int speed;
    private final int current;
    private final double startOmega;

    MotorBehaviour(BehaviourContext ctx) {
        double ratedSpeed = Behaviours.positive(ctx.parameter("ratedSpeed"), "ratedSpeed");
        ratedTorque = Behaviours.positive(ctx.parameter("ratedTorque"), "ratedTorque");
        inertia = Behaviours.positive(ctx.parameter("inertia"), "inertia");
        ratedOmega = ratedSpeed * RAD_S_PER_RPM;
        timeConstant = inertia * ratedOmega / ratedTorque;
        maxTorque = Behaviours.positive(ctx.parameter("maxTorque"), "maxTorque");
        ratedCurrent = Behaviours.positive(ctx.parameter("ratedCurrent"), "ratedCurrent");
        noLoadCurrent = ctx.parameter("noLoadCurrent");
        if (!(noLoadCurrent >= 0 && noLoadCurrent <= ratedCurrent)) {
            throw new IllegalArgumentException("noLoadCurrent must lie between 0 and ratedCurrent (" + ratedCurrent
                    + " A), not " + noLoadCurrent);
        }
        enable = ctx.inputIndex("enable");
        setpoint = ctx.inputIndex("speedSetpoint");
        load = ctx.inputIndex("loadTorque");
        speed = ctx.outputIndex("speed");
        current = ctx.outputIndex("current");
        double s = ctx.outputStart("speed");
        startOmega = Double.isNaN(s) ? 0 : s * RAD_S_PER_RPM;
    }

    /** τ in seconds. */
    public double timeConstant() {
        return timeConstant;
    }

    @Override
    public List<String> stateNames() {
        return List.of("omega");
    }

    @Override
    public void initialize(double[] in, double[] x) {
        x[0] = startOmega;
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return outputIndex == current;
    }

    private boolean enabled(double[] in) {
        return Behaviours.on(in[enable]);
    }

    private double motorTorque(double[] in, double omega) {
        double target = enabled(in) ? in[setpoint] * RAD_S_PER_RPM : 0;
        return Behaviours.clamp(ratedTorque * (target - omega) / ratedOmega + in[load], -maxTorque, maxTorque);
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double torque = motorTorque(in, x[0]);
        out[speed] = x[0] / RAD_S_PER_RPM;
        if (enabled(in) || torque != 0) {
            double share = torque / ratedTorque;
            out[current] = Math.sqrt(noLoadCurrent * noLoadCurrent
                    + (ratedCurrent * ratedCurrent - noLoadCurrent * noLoadCurrent) * share * share);
        } else {
            out[current] = 0;
        }
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        dx[0] = (motorTorque(in, x[0]) - in[load]) / inertia;
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
