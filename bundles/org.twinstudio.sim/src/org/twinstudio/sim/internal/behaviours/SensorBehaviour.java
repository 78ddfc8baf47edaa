package org.twinstudio.sim.internal.behaviours;

import java.util.List;
import java.util.random.RandomGenerator;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;
import org.twinstudio.sim.FlatKernel;

/**
 * Sensor (temperature, level, pressure, flow) with first-order lag, offset, noise and quantisation: state y,
 * {@code dy/dt = (u − y) / τ}, reading {@code r = y + offset + σ·n}, output {@code value = q · round(r / q)} for a
 * resolution q &gt; 0 (an ADC step or display digit; half steps round up) and {@code value = r} for q = 0. n is a
 * standard normal sample drawn once per step from the component's seeded generator and held over the step (so that
 * every solver stage sees the same value). The state starts at the {@code value} port's start value minus the
 * offset if the model gives one, else at the input's value at time 0 (the sensor has settled). With τ = 0 the
 * sensor has no lag ({@code r = u + offset + σ·n}) and direct feedthrough; otherwise outputs depend on the state
 * only. Offset, noise and resolution are temperature differences (K) for the temperature sensor, so degC and K
 * inputs both work; the flow sensor reads m³/h.
 */
public class SensorBehaviour implements ComponentBehaviour, FlatKernel {

    final double timeConstant;
    final double offset;
    final double noise;
    final double resolution;
    private final RandomGenerator random;
    private final int input;
    private final int value;
    private final double start;
    double sample;
    int inputSlot;
    int valueSlot;
    int stateOffset;

    private SensorBehaviour(BehaviourContext ctx) {
        timeConstant = ctx.parameter("timeConstant");
        if (!(timeConstant >= 0)) {
            throw new IllegalArgumentException("timeConstant must be zero or positive, not " + timeConstant);
        }
        offset = ctx.parameter("offset");
        noise = ctx.parameter("noise");
        resolution = ctx.parameter("resolution");
        if (!(resolution >= 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution must be zero or positive, not " + resolution);
        }
        random = ctx.random();
        input = ctx.inputIndex("input");
        value = ctx.outputIndex("value");
        start = ctx.outputStart("value");
        sample = nextNoise();
    }

    private double nextNoise() {
        return noise == 0 ? 0 : noise * random.nextGaussian();
    }

    @Override
    public List<String> stateNames() {
        return timeConstant > 0 ? List.of("value") : List.of();
    }

    @Override
    public void initialize(double[] in, double[] x) {
        if (x.length > 0) {
            x[0] = Double.isNaN(start) ? in[input] : start - offset;
        }
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return timeConstant == 0;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        out[value] = reading(timeConstant > 0 ? x[0] : in[input]);
    }

    /** The reading of the lagged (or direct) value y, shared by both call paths. */
    private double reading(double y) {
        return reading(offset, sample, resolution, y);
    }

    static double reading(double offset, double sample, double resolution, double y) {
        return quantise(resolution, y + offset + sample);
    }

    @Override
    public void bind(int[] inputSlots, int[] outputSlots, int stateOffset) {
        inputSlot = inputSlots[input];
        valueSlot = outputSlots[value];
        this.stateOffset = stateOffset;
    }

    @Override
    public void kernelOutputs(double time, double[] values, double[] x) {
        values[valueSlot] = reading(timeConstant > 0 ? x[stateOffset] : values[inputSlot]);
    }

    @Override
    public void kernelDerivatives(double time, double[] values, double[] x, double[] dx) {
        if (timeConstant > 0) {
            dx[stateOffset] = rate(values[inputSlot], x[stateOffset]);
        }
    }

    /** dy/dt, shared by both call paths. */
    private double rate(double u, double y) {
        return rate(timeConstant, u, y);
    }

    static double rate(double timeConstant, double u, double y) {
        return (u - y) / timeConstant;
    }

    private static double quantise(double resolution, double reading) {
        return resolution > 0 ? resolution * Math.floor(reading / resolution + 0.5) : reading;
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        if (timeConstant > 0) {
            dx[0] = rate(in[input], x[0]);
        }
    }

    /**
     * A sensor with noise: draws the sample held over the coming step. Without noise the sensor has no step hook
     * at all (the sample stays 0), so the master does not call one for it after every step.
     */
    static final class Noisy extends SensorBehaviour {

        private Noisy(BehaviourContext ctx) {
            super(ctx);
        }

        @Override
        public void stepCompleted(double time, double[] in, double[] x) {
            drawSample();
        }

        /** {@inheritDoc} */
        @Override
        public boolean stepCompletedUpdatesHeldValues() {
            return true;
        }
    }

    final void drawSample() {
        sample = nextNoise();
    }

    static SensorBehaviour of(BehaviourContext ctx) {
        return ctx.parameter("noise") != 0 ? new Noisy(ctx) : new SensorBehaviour(ctx);
    }

    private abstract static class SensorProvider implements ComponentBehaviourProvider {
        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return SensorBehaviour.of(context);
        }
    }

    /** Registers the temperature sensor behaviour. */
    public static final class Temperature extends SensorProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.TEMPERATURE_SENSOR;
        }
    }

    /** Registers the level sensor behaviour. */
    public static final class Level extends SensorProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.LEVEL_SENSOR;
        }
    }

    /** Registers the flow sensor behaviour. */
    public static final class Flow extends SensorProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.FLOW_SENSOR;
        }
    }

    /** Registers the pressure sensor behaviour. */
    public static final class Pressure extends SensorProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.PRESSURE_SENSOR;
        }
    }
}
