package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Permanent-magnet DC motor, SI units inside (ω in rad/s). Armature circuit and shaft:
 *
 * <pre>
 * L di/dt = V − R·i − k·ω
 * J dω/dt = k·i − b·ω − τ_load
 * </pre>
 *
 * with one motor constant k = kt [N·m/A] = ke [V·s/rad] (equal in SI units). Outputs: speed = ω·60/(2π) [rpm],
 * current i [A], torque = k·i [N·m]. States i and ω (from the start values of {@code current} and {@code speed},
 * else 0); both outputs depend on states only.
 * <p>
 * With L = 0 the current is algebraic, {@code i = (V − k·ω)/R} (direct feedthrough from the voltage to current and
 * torque), and the speed is first order: {@code dω/dt = (k·V/R − τ_load − (b + k²/R)·ω)/J}, mechanical time constant
 * {@code τ_m = J·R/(R·b + k²)}. The electrical time constant is {@code τ_e = L/R}. Steady state:
 * {@code ω = (k·V − R·τ_load)/(R·b + k²)}, {@code i = (b·V + k·τ_load)/(R·b + k²)}. Note that a small L makes the
 * equations stiff: fixed steps must stay below about τ_e (or set L = 0).
 */
public final class DcMotorBehaviour implements ComponentBehaviour {

    private static final double RPM_PER_RAD_S = 60 / (2 * Math.PI);

    private final double resistance;
    private final double inductance;
    private final double k;
    private final double inertia;
    private final double friction;
    private final int voltage;
    private final int load;
    private final int speed;
    private final int current;
    private final int torque;
    private final double startSpeed;
    private final double startCurrent;

    DcMotorBehaviour(BehaviourContext ctx) {
        resistance = Behaviours.positive(ctx.parameter("resistance"), "resistance");
        inductance = ctx.parameter("inductance");
        if (!(inductance >= 0) || !Double.isFinite(inductance)) {
            throw new IllegalArgumentException("inductance must be zero or positive, not " + inductance);
        }
        k = Behaviours.positive(ctx.parameter("motorConstant"), "motorConstant");
        inertia = Behaviours.positive(ctx.parameter("inertia"), "inertia");
        friction = ctx.parameter("friction");
        if (!(friction >= 0) || !Double.isFinite(friction)) {
            throw new IllegalArgumentException("friction must be zero or positive, not " + friction);
        }
        voltage = ctx.inputIndex("voltage");
        load = ctx.inputIndex("loadTorque");
        speed = ctx.outputIndex("speed");
        current = ctx.outputIndex("current");
        torque = ctx.outputIndex("torque");
        double s = ctx.outputStart("speed");
        startSpeed = Double.isNaN(s) ? 0 : s / RPM_PER_RAD_S;
        double c = ctx.outputStart("current");
        startCurrent = Double.isNaN(c) ? 0 : c;
    }

    private boolean algebraicCurrent() {
        return inductance == 0;
    }

    /** τ_m = J·R/(R·b + k²) in s: the speed's time constant when L = 0. */
    public double mechanicalTimeConstant() {
        return inertia * resistance / (resistance * friction + k * k);
    }

    /** τ_e = L/R in s. */
    public double electricalTimeConstant() {
        return inductance / resistance;
    }

    @Override
    public List<String> stateNames() {
        return algebraicCurrent() ? List.of("omega") : List.of("omega", "current");
    }

    @Override
    public void initialize(double[] in, double[] x) {
        x[0] = startSpeed;
        if (!algebraicCurrent()) {
            x[1] = startCurrent;
        }
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return algebraicCurrent() && outputIndex != speed;
    }

    @Override
    public boolean dependsOn(int outputIndex, int inputIndex) {
        return directFeedthrough(outputIndex) && inputIndex == voltage;
    }

    private double current(double[] in, double[] x) {
        return algebraicCurrent() ? (in[voltage] - k * x[0]) / resistance : x[1];
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        double i = current(in, x);
        out[speed] = x[0] * RPM_PER_RAD_S;
        out[current] = i;
        out[torque] = k * i;
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        double i = current(in, x);
        dx[0] = (k * i - friction * x[0] - in[load]) / inertia;
        if (!algebraicCurrent()) {
            dx[1] = (in[voltage] - resistance * i - k * x[0]) / inductance;
        }
    }

    /** Registers the DC motor behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.DC_MOTOR;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new DcMotorBehaviour(context);
        }
    }
}
