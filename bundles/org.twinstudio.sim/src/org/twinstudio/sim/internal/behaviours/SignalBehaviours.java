package org.twinstudio.sim.internal.behaviours;

import java.util.List;
import java.util.function.Function;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.FlatKernel;

/**
 * The signal blocks: sources, static blocks and small dynamic ones. Each block's equation is on its class; values
 * are in the units of the model's ports (the blocks have ports of any unit).
 */
public final class SignalBehaviours {

    private SignalBehaviours() {
    }

    /** {@code y = value}. */
    static final class Constant implements ComponentBehaviour, FlatKernel {
        final double value;
        int slot;

        Constant(BehaviourContext c) {
            value = c.parameter("value");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = value;
        }

        @Override
        public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
            slot = outputSlots[0];
        }

        @Override
        public void kernelOutputs(double t, double[] values, double[] x) {
            values[slot] = value;
        }
    }

    /**
     * {@code y = initial} for {@code t < time}, {@code final} from {@code time} on. The step is announced as a time
     * event, so solvers end a step exactly there and no step straddles it; the output switches when the master
     * handles that event (at initialisation when {@code time <= 0}).
     */
    static final class Step implements ComponentBehaviour {
        private final double initial;
        private final double last;
        private final double at;
        private boolean stepped;

        Step(BehaviourContext c) {
            initial = c.parameter("initial");
            last = c.parameter("final");
            at = c.parameter("time");
        }

        @Override
        public void initialize(double[] inputs, double[] states) {
            stepped = at <= 0;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = stepped ? last : initial;
        }

        @Override
        public double nextTimeEvent(double time) {
            return stepped ? Double.POSITIVE_INFINITY : at;
        }

        @Override
        public boolean handleEvent(double time, double[] inputs, double[] states) {
            if (!stepped && time >= at) {
                stepped = true;
                return true;
            }
            return false;
        }
    }

    /** {@code y = offset + slope · max(0, t − startTime)}. */
    static final class Ramp implements ComponentBehaviour {
        private final double offset;
        private final double slope;
        private final double startTime;

        Ramp(BehaviourContext c) {
            offset = c.parameter("offset");
            slope = c.parameter("slope");
            startTime = c.parameter("startTime");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = offset + slope * Math.max(0, t - startTime);
        }
    }

    /** {@code y = offset + amplitude · sin(2π · frequency · t + phase)}. */
    static final class Sine implements ComponentBehaviour {
        private final double amplitude;
        private final double omega;
        private final double phase;
        private final double offset;

        Sine(BehaviourContext c) {
            amplitude = c.parameter("amplitude");
            omega = 2 * Math.PI * c.parameter("frequency");
            phase = c.parameter("phase");
            offset = c.parameter("offset");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = offset + amplitude * Math.sin(omega * t + phase);
        }
    }

    /** {@code y = k · u}. */
    static final class Gain implements ComponentBehaviour, FlatKernel {
        private final double k;
        private int inSlot;
        private int outSlot;

        Gain(BehaviourContext c) {
            k = c.parameter("k");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return true;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = output(in[0]);
        }

        private double output(double u) {
            return k * u;
        }

        @Override
        public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
            inSlot = inputSlots[0];
            outSlot = outputSlots[0];
        }

        @Override
        public void kernelOutputs(double t, double[] values, double[] x) {
            values[outSlot] = output(values[inSlot]);
        }
    }

    /** {@code y = ka · a + kb · b}. */
    static final class Sum implements ComponentBehaviour, FlatKernel {
        private final double ka;
        private final double kb;
        private int aSlot;
        private int bSlot;
        private int outSlot;

        Sum(BehaviourContext c) {
            ka = c.parameter("ka");
            kb = c.parameter("kb");
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return true;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = output(in[0], in[1]);
        }

        private double output(double a, double b) {
            return ka * a + kb * b;
        }

        @Override
        public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
            aSlot = inputSlots[0];
            bSlot = inputSlots[1];
            outSlot = outputSlots[0];
        }

        @Override
        public void kernelOutputs(double t, double[] values, double[] x) {
            values[outSlot] = output(values[aSlot], values[bSlot]);
        }
    }

    /** {@code y = min(max(u, min), max)}; {@code min > max} is refused. */
    static final class Limiter implements ComponentBehaviour, FlatKernel {
        private final double min;
        private final double max;
        private int inSlot;
        private int outSlot;

        Limiter(BehaviourContext c) {
            min = c.parameter("min");
            max = c.parameter("max");
            if (min > max) {
                throw new IllegalArgumentException("min (" + min + ") must not be above max (" + max + ")");
            }
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return true;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = Behaviours.clamp(in[0], min, max);
        }

        @Override
        public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
            inSlot = inputSlots[0];
            outSlot = outputSlots[0];
        }

        @Override
        public void kernelOutputs(double t, double[] values, double[] x) {
            values[outSlot] = Behaviours.clamp(values[inSlot], min, max);
        }
    }

    /** One state {@code y}, output as is (no feedthrough), starting at the start value of {@code y} (else 0). */
    private abstract static class SingleState implements ComponentBehaviour, FlatKernel {
        private final double start;
        /** The input u (lag, integrator), the output y and the state y in the master's arrays. */
        int inSlot;
        int outSlot;
        int stateOffset;

        SingleState(BehaviourContext c) {
            double s = c.outputStart("y");
            start = Double.isNaN(s) ? 0 : s;
        }

        @Override
        public List<String> stateNames() {
            return List.of("y");
        }

        @Override
        public void initialize(double[] inputs, double[] states) {
            states[0] = start;
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = x[0];
        }

        @Override
        public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
            inSlot = inputSlots[0];
            outSlot = outputSlots[0];
            this.stateOffset = stateOffset;
        }

        @Override
        public void kernelOutputs(double t, double[] values, double[] x) {
            values[outSlot] = x[stateOffset];
        }
    }

    /** {@code T · dy/dt = u − y}. */
    static final class Lag extends SingleState {
        private final double timeConstant;

        Lag(BehaviourContext c) {
            super(c);
            timeConstant = Behaviours.positive(c.parameter("timeConstant"), "timeConstant");
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = rate(in[0], x[0]);
        }

        private double rate(double u, double y) {
            return (u - y) / timeConstant;
        }

        @Override
        public void kernelDerivatives(double t, double[] values, double[] x, double[] dx) {
            dx[stateOffset] = rate(values[inSlot], x[stateOffset]);
        }
    }

    /** {@code dy/dt = k · u}. */
    static final class Integrator extends SingleState {
        private final double k;

        Integrator(BehaviourContext c) {
            super(c);
            k = c.parameter("k");
        }

        @Override
        public void derivatives(double t, double[] in, double[] x, double[] dx) {
            dx[0] = rate(in[0]);
        }

        private double rate(double u) {
            return k * u;
        }

        @Override
        public void kernelDerivatives(double t, double[] values, double[] x, double[] dx) {
            dx[stateOffset] = rate(values[inSlot]);
        }
    }

    /**
     * Two-point controller with hysteresis h around setpoint s: switches on when {@code measurement < s − h/2}, off
     * when {@code measurement > s + h/2}, otherwise keeps its state; no direct feedthrough. The switching is a state
     * event with the indicator {@code z = (s + h/2) − measurement} while on and {@code z = measurement − (s − h/2)}
     * while off: the master locates where z crosses zero and the output switches there, not at a step boundary.
     */
    static final class Thermostat implements ComponentBehaviour {
        private final double low;
        private final double high;
        private boolean on;

        Thermostat(BehaviourContext c) {
            double s = c.parameter("setpoint");
            double h = c.parameter("hysteresis");
            if (h < 0) {
                throw new IllegalArgumentException("hysteresis must not be negative, not " + h);
            }
            low = s - h / 2;
            high = s + h / 2;
            on = c.outputStart("on") >= 0.5;
        }

        @Override
        public void initialize(double[] inputs, double[] states) {
            decide(inputs[0]);
        }

        @Override
        public boolean directFeedthrough(int outputIndex) {
            return false;
        }

        @Override
        public void outputs(double t, double[] in, double[] x, double[] out) {
            out[0] = on ? 1 : 0;
        }

        @Override
        public int eventIndicatorCount() {
            return 1;
        }

        @Override
        public void eventIndicators(double t, double[] in, double[] x, double[] z) {
            z[0] = on ? high - in[0] : in[0] - low;
        }

        @Override
        public boolean handleEvent(double t, double[] in, double[] x) {
            return decide(in[0]);
        }

        private boolean decide(double measurement) {
            boolean was = on;
            if (measurement < low) {
                on = true;
            } else if (measurement > high) {
                on = false;
            }
            return on != was;
        }
    }

    private record Provider(String typeId, Function<BehaviourContext, ComponentBehaviour> factory)
            implements ComponentBehaviourProvider {
        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return factory.apply(context);
        }
    }

    /** Registers all signal blocks (one ServiceLoader entry for the lot). */
    public static final class Providers {
        private Providers() {
        }

        public static List<ComponentBehaviourProvider> all() {
            return List.of(new Provider(BuiltinComponentTypes.CONSTANT, Constant::new),
                    new Provider(BuiltinComponentTypes.STEP_SIGNAL, Step::new),
                    new Provider(BuiltinComponentTypes.RAMP, Ramp::new),
                    new Provider(BuiltinComponentTypes.SINE, Sine::new),
                    new Provider(BuiltinComponentTypes.GAIN, Gain::new),
                    new Provider(BuiltinComponentTypes.SUM, Sum::new),
                    new Provider(BuiltinComponentTypes.LIMITER, Limiter::new),
                    new Provider(BuiltinComponentTypes.LAG, Lag::new),
                    new Provider(BuiltinComponentTypes.INTEGRATOR, Integrator::new),
                    new Provider(BuiltinComponentTypes.THERMOSTAT, Thermostat::new));
        }
    }
}
