package org.twinstudio.sim.internal.behaviours;

import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.FlatKernel;

/**
 * Calls the hot methods of the most common built-in behaviours through their exact classes. The master's call site of
 * {@link ComponentBehaviour#outputs} sees every behaviour class of a model (megamorphic), so the JIT can neither
 * inline nor bind it; a switch on a kind fixed at build time turns each case into a call of one final class, which
 * it binds directly and usually inlines. Any other behaviour (a third party's, an FMU) has kind {@link #OTHER} and is
 * called through the interface as before: same methods, same arguments, same results.
 */
public final class BuiltinDispatch {

    public static final int OTHER = 0;
    private static final int CONSTANT = 1;
    private static final int PID = 2;
    private static final int HEATER = 3;
    private static final int TANK = 4;
    private static final int SENSOR = 5;
    private static final int VALVE = 6;
    private static final int PUMP = 7;
    private static final int GAIN = 8;
    private static final int SUM = 9;
    private static final int LAG = 10;
    private static final int INTEGRATOR = 11;
    private static final int LIMITER = 12;

    private BuiltinDispatch() {
    }

    /** The kind of a behaviour for {@link #outputs} and {@link #derivatives}. */
    public static int kindOf(ComponentBehaviour b) {
        Class<?> c = b.getClass();
        if (c == SignalBehaviours.Constant.class) {
            return CONSTANT;
        } else if (c == PidBehaviour.class) {
            return PID;
        } else if (c == HeaterBehaviour.class) {
            return HEATER;
        } else if (c == TankBehaviour.class) {
            return TANK;
        } else if (c == SensorBehaviour.class || c == SensorBehaviour.Noisy.class) {
            return SENSOR;
        } else if (c == ValveBehaviour.class) {
            return VALVE;
        } else if (c == PumpBehaviour.class) {
            return PUMP;
        } else if (c == SignalBehaviours.Gain.class) {
            return GAIN;
        } else if (c == SignalBehaviours.Sum.class) {
            return SUM;
        } else if (c == SignalBehaviours.Lag.class) {
            return LAG;
        } else if (c == SignalBehaviours.Integrator.class) {
            return INTEGRATOR;
        } else if (c == SignalBehaviours.Limiter.class) {
            return LIMITER;
        }
        return OTHER;
    }

    /** {@code b.outputs(...)}, bound to the exact class for the built-in kinds. */
    public static void outputs(int kind, ComponentBehaviour b, double t, double[] in, double[] x, double[] out) {
        switch (kind) {
            case CONSTANT -> ((SignalBehaviours.Constant) b).outputs(t, in, x, out);
            case PID -> ((PidBehaviour) b).outputs(t, in, x, out);
            case HEATER -> ((HeaterBehaviour) b).outputs(t, in, x, out);
            case TANK -> ((TankBehaviour) b).outputs(t, in, x, out);
            case SENSOR -> ((SensorBehaviour) b).outputs(t, in, x, out);
            case VALVE -> ((ValveBehaviour) b).outputs(t, in, x, out);
            case PUMP -> ((PumpBehaviour) b).outputs(t, in, x, out);
            case GAIN -> ((SignalBehaviours.Gain) b).outputs(t, in, x, out);
            case SUM -> ((SignalBehaviours.Sum) b).outputs(t, in, x, out);
            case LAG -> ((SignalBehaviours.Lag) b).outputs(t, in, x, out);
            case INTEGRATOR -> ((SignalBehaviours.Integrator) b).outputs(t, in, x, out);
            case LIMITER -> ((SignalBehaviours.Limiter) b).outputs(t, in, x, out);
            default -> b.outputs(t, in, x, out);
        }
    }

    /** {@code b.derivatives(...)}, bound to the exact class for the built-in kinds. */
    public static void derivatives(int kind, ComponentBehaviour b, double t, double[] in, double[] x, double[] dx) {
        switch (kind) {
            case CONSTANT -> ((SignalBehaviours.Constant) b).derivatives(t, in, x, dx);
            case PID -> ((PidBehaviour) b).derivatives(t, in, x, dx);
            case HEATER -> ((HeaterBehaviour) b).derivatives(t, in, x, dx);
            case TANK -> ((TankBehaviour) b).derivatives(t, in, x, dx);
            case SENSOR -> ((SensorBehaviour) b).derivatives(t, in, x, dx);
            case VALVE -> ((ValveBehaviour) b).derivatives(t, in, x, dx);
            case PUMP -> ((PumpBehaviour) b).derivatives(t, in, x, dx);
            case LAG -> ((SignalBehaviours.Lag) b).derivatives(t, in, x, dx);
            case INTEGRATOR -> ((SignalBehaviours.Integrator) b).derivatives(t, in, x, dx);
            default -> b.derivatives(t, in, x, dx);
        }
    }

    /** {@code ((FlatKernel) b).kernelOutputs(...)}, bound to the exact class for the built-in kernels. */
    public static void flatOutputs(int kind, FlatKernel b, double t, double[] values, double[] x) {
        switch (kind) {
            case CONSTANT -> ((SignalBehaviours.Constant) b).kernelOutputs(t, values, x);
            case PID -> ((PidBehaviour) b).kernelOutputs(t, values, x);
            case HEATER -> ((HeaterBehaviour) b).kernelOutputs(t, values, x);
            case TANK -> ((TankBehaviour) b).kernelOutputs(t, values, x);
            case SENSOR -> ((SensorBehaviour) b).kernelOutputs(t, values, x);
            case GAIN -> ((SignalBehaviours.Gain) b).kernelOutputs(t, values, x);
            case SUM -> ((SignalBehaviours.Sum) b).kernelOutputs(t, values, x);
            case LIMITER -> ((SignalBehaviours.Limiter) b).kernelOutputs(t, values, x);
            case LAG -> ((SignalBehaviours.Lag) b).kernelOutputs(t, values, x);
            case INTEGRATOR -> ((SignalBehaviours.Integrator) b).kernelOutputs(t, values, x);
            default -> b.kernelOutputs(t, values, x);
        }
    }

    /** {@code ((FlatKernel) b).kernelDerivatives(...)}, bound to the exact class for the built-in kernels. */
    public static void flatDerivatives(int kind, FlatKernel b, double t, double[] values, double[] x, double[] dx) {
        switch (kind) {
            case PID -> ((PidBehaviour) b).kernelDerivatives(t, values, x, dx);
            case TANK -> ((TankBehaviour) b).kernelDerivatives(t, values, x, dx);
            case SENSOR -> ((SensorBehaviour) b).kernelDerivatives(t, values, x, dx);
            case LAG -> ((SignalBehaviours.Lag) b).kernelDerivatives(t, values, x, dx);
            case INTEGRATOR -> ((SignalBehaviours.Integrator) b).kernelDerivatives(t, values, x, dx);
            case CONSTANT, HEATER, GAIN, SUM, LIMITER -> {
            }
            default -> b.kernelDerivatives(t, values, x, dx);
        }
    }

    /**
     * {@link #flatOutputs} of every kernel in order: the loop here, so that the JIT compiles it with the kernels
     * inlined into one method.
     */
    public static void flatOutputsAll(int[] kinds, FlatKernel[] kernels, double t, double[] values, double[] x) {
        for (int i = 0; i < kernels.length; i++) {
            FlatKernel b = kernels[i];
            switch (kinds[i]) {
                case CONSTANT -> ((SignalBehaviours.Constant) b).kernelOutputs(t, values, x);
                case PID -> ((PidBehaviour) b).kernelOutputs(t, values, x);
                case HEATER -> ((HeaterBehaviour) b).kernelOutputs(t, values, x);
                case TANK -> ((TankBehaviour) b).kernelOutputs(t, values, x);
                case SENSOR -> ((SensorBehaviour) b).kernelOutputs(t, values, x);
                case GAIN -> ((SignalBehaviours.Gain) b).kernelOutputs(t, values, x);
                case SUM -> ((SignalBehaviours.Sum) b).kernelOutputs(t, values, x);
                case LIMITER -> ((SignalBehaviours.Limiter) b).kernelOutputs(t, values, x);
                case LAG -> ((SignalBehaviours.Lag) b).kernelOutputs(t, values, x);
                case INTEGRATOR -> ((SignalBehaviours.Integrator) b).kernelOutputs(t, values, x);
                default -> b.kernelOutputs(t, values, x);
            }
        }
    }

    /** {@link #flatDerivatives} of every kernel, the loop here as in {@link #flatOutputsAll}. */
    public static void flatDerivativesAll(int[] kinds, FlatKernel[] kernels, double t, double[] values, double[] x,
            double[] dx) {
        for (int i = 0; i < kernels.length; i++) {
            FlatKernel b = kernels[i];
            switch (kinds[i]) {
                case PID -> ((PidBehaviour) b).kernelDerivatives(t, values, x, dx);
                case TANK -> ((TankBehaviour) b).kernelDerivatives(t, values, x, dx);
                case SENSOR -> ((SensorBehaviour) b).kernelDerivatives(t, values, x, dx);
                case LAG -> ((SignalBehaviours.Lag) b).kernelDerivatives(t, values, x, dx);
                case INTEGRATOR -> ((SignalBehaviours.Integrator) b).kernelDerivatives(t, values, x, dx);
                case CONSTANT, HEATER, GAIN, SUM, LIMITER -> {
                }
                default -> b.kernelDerivatives(t, values, x, dx);
            }
        }
    }

    /** {@code b.stepCompleted(...)}, bound to the exact class for the built-in kinds that have a step hook. */
    public static void stepCompleted(int kind, ComponentBehaviour b, double t, double[] in, double[] x) {
        switch (kind) {
            case TANK -> ((TankBehaviour) b).stepCompleted(t, in, x);
            case SENSOR -> ((SensorBehaviour) b).stepCompleted(t, in, x);
            case VALVE -> ((ValveBehaviour) b).stepCompleted(t, in, x);
            default -> b.stepCompleted(t, in, x);
        }
    }
}
