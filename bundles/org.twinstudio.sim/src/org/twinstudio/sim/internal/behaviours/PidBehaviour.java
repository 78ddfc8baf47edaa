package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * PID controller in parallel (ideal) form with output limits and anti-windup by conditional integration.
 * <p>
 * With error e = setpoint − measurement, integral state I and (if td &gt; 0) a filtered measurement m_f:
 * <pre>
 *   u   = kp · (e + I / ti) + D,        output = clamp(u, outputMin, outputMax)
 *   dI/dt = e, except 0 while u is above outputMax and e &gt; 0, or below outputMin and e &lt; 0 (anti-windup)
 *   D   = −kp · td · (m − m_f) / (td / N),   dm_f/dt = (m − m_f) / (td / N),   N = 10
 * </pre>
 * ti = 0 disables the integral part; the derivative acts on the measurement only (no kick on setpoint steps).
 * While {@code enable} is false the output is outputMin and the states are frozen. Direct feedthrough from setpoint
 * and measurement to output.
 */
public final class PidBehaviour implements ComponentBehaviour {

    private static final double DERIVATIVE_FILTER = 10;

    private final double kp;
    private final double ti;
    private final double td;
    private final double min;
    private final double max;
    private final int setpoint;
    private final int measurement;
    private final int enable;
    private final int output;

    PidBehaviour(BehaviourContext ctx) {
        kp = ctx.parameter("kp");
        ti = ctx.parameter("ti");
        td = ctx.parameter("td");
        min = ctx.parameter("outputMin");
        max = ctx.parameter("outputMax");
        if (!(min <= max)) {
            throw new IllegalArgumentException("outputMin " + min + " is above outputMax " + max);
        }
        if (ti < 0 || td < 0) {
            throw new IllegalArgumentException("ti and td must not be negative");
        }
        setpoint = ctx.inputIndex("setpoint");
        measurement = ctx.inputIndex("measurement");
        enable = ctx.inputIndex("enable");
        output = ctx.outputIndex("output");
    }

    @Override
    public List<String> stateNames() {
        return List.of("integral", "filteredMeasurement");
    }

    @Override
    public void initialize(double[] in, double[] x) {
        x[0] = 0;
        x[1] = in[measurement];
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return true;
    }

    private double unlimited(double[] in, double[] x) {
        double e = in[setpoint] - in[measurement];
        double u = kp * e;
        if (ti > 0) {
            u += kp * x[0] / ti;
        }
        if (td > 0) {
            u -= kp * DERIVATIVE_FILTER * (in[measurement] - x[1]);
        }
        return u;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        out[output] = Behaviours.on(in[enable]) ? Behaviours.clamp(unlimited(in, x), min, max) : min;
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        if (!Behaviours.on(in[enable])) {
            dx[0] = 0;
            dx[1] = 0;
            return;
        }
        double e = in[setpoint] - in[measurement];
        double u = unlimited(in, x);
        boolean windingUp = (u > max && e > 0) || (u < min && e < 0);
        dx[0] = ti > 0 && !windingUp ? e : 0;
        dx[1] = td > 0 ? (in[measurement] - x[1]) * DERIVATIVE_FILTER / td : 0;
    }

    /** Registers the PID behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.PID;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new PidBehaviour(context);
        }
    }
}
