package org.twinstudio.sim.internal.behaviours;

import java.util.List;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.FlatKernel;

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
public final class PidBehaviour implements ComponentBehaviour, FlatKernel {

    private static final double DERIVATIVE_FILTER = 10;

    final double kp;
    final double ti;
    final double td;
    final double min;
    final double max;
    private final int setpoint;
    private final int measurement;
    private final int enable;
    private final int output;
    int setpointSlot;
    int measurementSlot;
    int enableSlot;
    int outputSlot;
    int stateOffset;

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

    private double unlimited(double sp, double m, double integral, double filtered) {
        return unlimited(kp, ti, td, sp, m, integral, filtered);
    }

    /** u before the limits; static so that the batched kernels ({@link KernelBatches}) share it. */
    static double unlimited(double kp, double ti, double td, double sp, double m, double integral,
            double filtered) {
        double e = sp - m;
        double u = kp * e;
        if (ti > 0) {
            u += kp * integral / ti;
        }
        if (td > 0) {
            u -= kp * DERIVATIVE_FILTER * (m - filtered);
        }
        return u;
    }

    /** The output, shared by both call paths. */
    private double output(double sp, double m, double en, double integral, double filtered) {
        return output(kp, ti, td, min, max, sp, m, en, integral, filtered);
    }

    static double output(double kp, double ti, double td, double min, double max, double sp, double m, double en,
            double integral, double filtered) {
        return outputOf(unlimited(kp, ti, td, sp, m, integral, filtered), en, min, max);
    }

    /** The output for the unlimited value u. */
    static double outputOf(double u, double en, double min, double max) {
        return Behaviours.on(en) ? Behaviours.clamp(u, min, max) : min;
    }

    /** dI/dt with the anti-windup, shared by both call paths. */
    private double integralRate(double sp, double m, double en, double integral, double filtered) {
        return integralRate(kp, ti, td, min, max, sp, m, en, integral, filtered);
    }

    static double integralRate(double kp, double ti, double td, double min, double max, double sp, double m,
            double en, double integral, double filtered) {
        if (!Behaviours.on(en)) {
            return 0;
        }
        return integralRateOf(unlimited(kp, ti, td, sp, m, integral, filtered), sp - m, ti, min, max);
    }

    /** dI/dt of an enabled controller for the unlimited value u and the error e. */
    static double integralRateOf(double u, double e, double ti, double min, double max) {
        boolean windingUp = (u > max && e > 0) || (u < min && e < 0);
        return ti > 0 && !windingUp ? e : 0;
    }

    /** dm_f/dt, shared by both call paths. */
    private double filterRate(double m, double en, double filtered) {
        return filterRate(td, m, en, filtered);
    }

    static double filterRate(double td, double m, double en, double filtered) {
        if (!Behaviours.on(en)) {
            return 0;
        }
        return td > 0 ? (m - filtered) * DERIVATIVE_FILTER / td : 0;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        out[output] = output(in[setpoint], in[measurement], in[enable], x[0], x[1]);
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        dx[0] = integralRate(in[setpoint], in[measurement], in[enable], x[0], x[1]);
        dx[1] = filterRate(in[measurement], in[enable], x[1]);
    }

    @Override
    public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
        setpointSlot = inputSlots[setpoint];
        measurementSlot = inputSlots[measurement];
        enableSlot = inputSlots[enable];
        outputSlot = outputSlots[output];
        this.stateOffset = stateOffset;
    }

    @Override
    public void kernelOutputs(double time, double[] values, double[] x) {
        int s = stateOffset;
        values[outputSlot] = output(values[setpointSlot], values[measurementSlot], values[enableSlot], x[s],
                x[s + 1]);
    }

    @Override
    public void kernelDerivatives(double time, double[] values, double[] x, double[] dx) {
        int s = stateOffset;
        double m = values[measurementSlot];
        double en = values[enableSlot];
        dx[s] = integralRate(values[setpointSlot], m, en, x[s], x[s + 1]);
        dx[s + 1] = filterRate(m, en, x[s + 1]);
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
