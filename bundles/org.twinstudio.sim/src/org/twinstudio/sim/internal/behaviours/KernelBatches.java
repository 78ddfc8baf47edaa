package org.twinstudio.sim.internal.behaviours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.twinstudio.sim.FlatKernel;

/**
 * A kernel pass as batches: consecutive built-in kernels of one class become one loop over their parameters and
 * slots held in arrays (struct of arrays), so the pass costs one dispatch per batch instead of one per component,
 * and each loop walks its arrays in order. The equations are the behaviours' own static functions, called with the
 * same values as the per-component kernels, so results are identical to the last bit. Kernels of other classes
 * (other built-ins, third parties' {@link FlatKernel}s, noisy sensors whose sample changes every step) run as before
 * through {@link BuiltinDispatch} in runs of their own.
 * <p>
 * The output pass is reordered by level: a component's level is 0 when none of its outputs depends on an input at
 * the same instant, else one more than the highest level of the drivers it depends on; within a level nothing
 * depends on anything else, so grouping a level's components by class changes no value. Constants are left out of
 * the pass: their outputs never change, and {@link #writeConstants} stores them when the master's port values may
 * have been overwritten (initialisation, a pass through the behaviour methods while a fault is active).
 */
public final class KernelBatches {

    private static final int GENERIC = 0;
    private static final int CONSTANT = 1;
    private static final int PID = 2;
    private static final int HEATER = 3;
    private static final int TANK = 4;
    private static final int SENSOR = 5;
    // the stage pass (see forStages): outputs and derivatives in one loop, and derivatives alone
    private static final int PID_FUSED = 6;
    private static final int SENSOR_FUSED = 7;
    private static final int PID_DERIVATIVES = 8;
    private static final int TANK_DERIVATIVES = 9;
    private static final int SENSOR_DERIVATIVES = 10;
    private static final int GENERIC_DERIVATIVES = 11;

    private final int[] kinds;
    private final Object[] batches;
    private final ConstantBatch constants;
    // one part per batch and pass (see Part): what outputs, derivatives and stage run
    private final Part[] outputParts;
    private final Part[] derivativeParts;
    private final Part[] stageParts;

    private KernelBatches(int[] kinds, Object[] batches, ConstantBatch constants) {
        this.kinds = kinds;
        this.batches = batches;
        this.constants = constants;
        outputParts = new Part[kinds.length];
        derivativeParts = new Part[kinds.length];
        stageParts = new Part[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            outputParts[i] = outputPart(kinds[i], batches[i]);
            derivativeParts[i] = derivativePart(kinds[i], batches[i]);
            stageParts[i] = stagePart(kinds[i], batches[i]);
        }
    }

    /**
     * One batch's loop in one pass. The passes call their parts through this class, whose call site sees many
     * subclasses and therefore is never inlined: each batch loop stays a small compilation of its own, and the
     * caller (the solver's step, which runs up to four stage passes) stays small too. Dispatching with a switch
     * instead let the optimising compiler inline every batch loop into each pass and each pass into the step, one
     * compilation of several thousand bytecodes that took seconds on a loaded machine, during which the step ran
     * as profiled code about three times slower; whether it came before or after the batch loops' own
     * compilations varied from run to run.
     */
    private abstract static class Part {
        abstract void run(double t, double[] v, double[] x, double[] dx);
    }

    private static final Part NOTHING = new Part() {
        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
        }
    };

    private static Part outputPart(int kind, Object batch) {
        return switch (kind) {
            case PID, PID_FUSED, PID_DERIVATIVES -> new PidOutputs((PidBatch) batch);
            case HEATER -> new HeaterOutputs((HeaterBatch) batch);
            case TANK, TANK_DERIVATIVES -> new TankOutputs((TankBatch) batch);
            case SENSOR, SENSOR_FUSED, SENSOR_DERIVATIVES -> new SensorOutputs((SensorBatch) batch);
            default -> new GenericOutputs((GenericRun) batch);
        };
    }

    private static Part derivativePart(int kind, Object batch) {
        return switch (kind) {
            case PID, PID_FUSED, PID_DERIVATIVES -> new PidDerivatives((PidBatch) batch);
            case HEATER -> NOTHING;
            case TANK, TANK_DERIVATIVES -> new TankDerivatives((TankBatch) batch);
            case SENSOR, SENSOR_FUSED, SENSOR_DERIVATIVES -> new SensorDerivatives((SensorBatch) batch);
            default -> new GenericDerivatives((GenericRun) batch);
        };
    }

    private static Part stagePart(int kind, Object batch) {
        return switch (kind) {
            case PID_FUSED -> new PidFused((PidBatch) batch);
            case SENSOR_FUSED -> new SensorFused((SensorBatch) batch);
            case PID_DERIVATIVES, TANK_DERIVATIVES, SENSOR_DERIVATIVES, GENERIC_DERIVATIVES -> derivativePart(kind,
                    batch);
            default -> outputPart(kind, batch);
        };
    }

    private static final class PidOutputs extends Part {
        private final PidBatch b;

        PidOutputs(PidBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputs(v, x);
        }
    }

    private static final class PidFused extends Part {
        private final PidBatch b;

        PidFused(PidBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputsAndDerivatives(v, x, dx);
        }
    }

    private static final class PidDerivatives extends Part {
        private final PidBatch b;

        PidDerivatives(PidBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.derivatives(v, x, dx);
        }
    }

    private static final class HeaterOutputs extends Part {
        private final HeaterBatch b;

        HeaterOutputs(HeaterBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputs(v);
        }
    }

    private static final class TankOutputs extends Part {
        private final TankBatch b;

        TankOutputs(TankBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputs(v, x);
        }
    }

    private static final class TankDerivatives extends Part {
        private final TankBatch b;

        TankDerivatives(TankBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.derivatives(v, x, dx);
        }
    }

    private static final class SensorOutputs extends Part {
        private final SensorBatch b;

        SensorOutputs(SensorBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputs(v, x);
        }
    }

    private static final class SensorFused extends Part {
        private final SensorBatch b;

        SensorFused(SensorBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputsAndDerivatives(v, x, dx);
        }
    }

    private static final class SensorDerivatives extends Part {
        private final SensorBatch b;

        SensorDerivatives(SensorBatch b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.derivatives(v, x, dx);
        }
    }

    private static final class GenericOutputs extends Part {
        private final GenericRun b;

        GenericOutputs(GenericRun b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.outputs(t, v, x);
        }
    }

    private static final class GenericDerivatives extends Part {
        private final GenericRun b;

        GenericDerivatives(GenericRun b) {
            this.b = b;
        }

        @Override
        void run(double t, double[] v, double[] x, double[] dx) {
            b.derivatives(t, v, x, dx);
        }
    }

    /** The batch class of a kernel: its built-in class when it has a batch, else {@link #GENERIC}. */
    private static int batchKind(FlatKernel k) {
        Class<?> c = k.getClass();
        if (c == SignalBehaviours.Constant.class) {
            return CONSTANT;
        } else if (c == PidBehaviour.class) {
            return PID;
        } else if (c == HeaterBehaviour.class) {
            return HEATER;
        } else if (c == TankBehaviour.class) {
            return TANK;
        } else if (c == SensorBehaviour.class) {
            return SENSOR; // without noise: its sample is 0 for good
        }
        return GENERIC;
    }

    /**
     * The output pass over {@code kernels} (bound, with their {@link BuiltinDispatch} kinds) in schedule order.
     * {@code levels} (see the class comment) allow regrouping; null keeps the schedule order and batches only
     * neighbours.
     */
    public static KernelBatches forOutputs(FlatKernel[] kernels, int[] dispatchKinds, int[] levels) {
        Integer[] order = levels != null ? sortedByLevel(kernels, levels)
                : IntStream.range(0, kernels.length).boxed().toArray(Integer[]::new);
        return build(kernels, dispatchKinds, order, true);
    }

    /** The derivative pass over {@code kernels}: each writes only its own derivatives, so any order will do. */
    public static KernelBatches forDerivatives(FlatKernel[] kernels, int[] dispatchKinds) {
        Integer[] order = IntStream.range(0, kernels.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> batchKind(kernels[i])));
        return build(kernels, dispatchKinds, order, false);
    }

    /**
     * One solver stage, outputs and then derivatives, as one pass: the output batches as in {@link #forOutputs}, where
     * a batch of PID controllers or sensors whose drivers all come from earlier batches also computes its
     * derivatives in the same loop (sharing loads and, for the PID, the unlimited output), and the other
     * derivatives after all outputs. {@code drivers[p]} are the schedule positions driving position p's connected
     * inputs; {@code stateful[p]} whether it has states. Null when {@code levels} is null (the schedule order is
     * kept then, and the master runs the two passes).
     */
    public static KernelBatches forStages(FlatKernel[] kernels, int[] dispatchKinds, int[] levels, int[][] drivers,
            boolean[] stateful) {
        if (levels == null) {
            return null;
        }
        KernelBatches outputs = forOutputs(kernels, dispatchKinds, levels);
        // the output group of every schedule position (constants: -1, written before the pass)
        int[] groupOf = new int[kernels.length];
        Arrays.fill(groupOf, -1);
        Integer[] order = sortedByLevel(kernels, levels);
        int g = -1;
        int previousKind = -1;
        for (Integer p : order) {
            int kind = batchKind(kernels[p]);
            if (kind == CONSTANT) {
                previousKind = CONSTANT; // a run of its own in build, left out of the batches
                continue;
            }
            if (kind != previousKind) {
                g++;
            }
            previousKind = kind;
            groupOf[p] = g;
        }
        if (g + 1 != outputs.kinds.length) {
            return null; // grouping differs from the output batches: keep the two passes
        }
        boolean[] fused = new boolean[outputs.kinds.length];
        for (int b = 0; b < fused.length; b++) {
            fused[b] = outputs.kinds[b] == PID || outputs.kinds[b] == SENSOR;
        }
        for (int p = 0; p < kernels.length; p++) {
            if (groupOf[p] >= 0 && fused[groupOf[p]]) {
                for (int d : drivers[p]) {
                    fused[groupOf[p]] &= groupOf[d] < groupOf[p];
                }
            }
        }
        List<Integer> kinds = new ArrayList<>();
        List<Object> batches = new ArrayList<>();
        for (int b = 0; b < fused.length; b++) {
            int kind = outputs.kinds[b];
            kinds.add(fused[b] ? (kind == PID ? PID_FUSED : SENSOR_FUSED) : kind);
            batches.add(outputs.batches[b]);
        }
        List<Integer> rest = new ArrayList<>();
        for (int p = 0; p < kernels.length; p++) {
            if (stateful[p] && !(groupOf[p] >= 0 && fused[groupOf[p]])) {
                rest.add(p);
            }
        }
        FlatKernel[] restKernels = rest.stream().map(p -> kernels[p]).toArray(FlatKernel[]::new);
        int[] restKinds = rest.stream().mapToInt(p -> dispatchKinds[p]).toArray();
        KernelBatches derivatives = forDerivatives(restKernels, restKinds);
        for (int b = 0; b < derivatives.kinds.length; b++) {
            kinds.add(switch (derivatives.kinds[b]) {
                case PID -> PID_DERIVATIVES;
                case TANK -> TANK_DERIVATIVES;
                case SENSOR -> SENSOR_DERIVATIVES;
                default -> GENERIC_DERIVATIVES;
            });
            batches.add(derivatives.batches[b]);
        }
        return new KernelBatches(kinds.stream().mapToInt(Integer::intValue).toArray(), batches.toArray(),
                outputs.constants);
    }

    private static Integer[] sortedByLevel(FlatKernel[] kernels, int[] levels) {
        Integer[] order = IntStream.range(0, kernels.length).boxed().toArray(Integer[]::new);
        // stable: within a level and class the schedule order stays
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> levels[i])
                .thenComparingInt(i -> batchKind(kernels[i])));
        return order;
    }

    private static final String[] NAMES = { "kernels", "constant", "pid", "heater", "tank", "sensor",
            "pid+derivatives", "sensor+derivatives", "pid derivatives", "tank derivatives", "sensor derivatives",
            "kernel derivatives" };

    /** The batches in pass order with their sizes, e.g. {@code [tank 20, sensor+derivatives 20, ...]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < kinds.length; i++) {
            b.append(i == 0 ? "" : ", ").append(NAMES[kinds[i]]).append(' ').append(size(batches[i]));
        }
        return b.append(constants == null ? "]" : "; constants " + constants.slot.length + "]").toString();
    }

    private static int size(Object batch) {
        return switch (batch) {
            case PidBatch p -> p.n;
            case HeaterBatch h -> h.n;
            case TankBatch t -> t.n;
            case SensorBatch s -> s.n;
            case GenericRun g -> g.kernels.length;
            default -> 0;
        };
    }

    /** Whether some batch computes outputs and derivatives in one loop (for tests). */
    public boolean fusesStages() {
        return Arrays.stream(kinds).anyMatch(k -> k == PID_FUSED || k == SENSOR_FUSED);
    }

    /**
     * One solver stage: every kernel's outputs (constants aside) and every state derivative, the same values as
     * {@link #outputs} followed by {@link #derivatives} of the derivative batches.
     */
    public void stage(double t, double[] values, double[] x, double[] dx) {
        for (Part p : stageParts) {
            p.run(t, values, x, dx);
        }
    }

    private static KernelBatches build(FlatKernel[] kernels, int[] dispatchKinds, Integer[] order, boolean outputs) {
        List<Integer> batchKinds = new ArrayList<>();
        List<Object> batches = new ArrayList<>();
        List<SignalBehaviours.Constant> constants = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int kind = batchKind(kernels[order[i]]);
            int end = i + 1;
            while (end < order.length && batchKind(kernels[order[end]]) == kind) {
                end++;
            }
            FlatKernel[] run = new FlatKernel[end - i];
            int[] runKinds = new int[end - i];
            for (int j = i; j < end; j++) {
                run[j - i] = kernels[order[j]];
                runKinds[j - i] = dispatchKinds[order[j]];
            }
            i = end;
            if (kind == CONSTANT) {
                for (FlatKernel k : run) {
                    constants.add((SignalBehaviours.Constant) k);
                }
                continue; // outputs only, written by writeConstants; no derivatives
            }
            if (!outputs && kind == HEATER) {
                continue; // no states
            }
            batchKinds.add(kind);
            batches.add(switch (kind) {
                case PID -> new PidBatch(Arrays.copyOf(run, run.length, PidBehaviour[].class));
                case HEATER -> new HeaterBatch(Arrays.copyOf(run, run.length, HeaterBehaviour[].class));
                case TANK -> new TankBatch(Arrays.copyOf(run, run.length, TankBehaviour[].class));
                case SENSOR -> new SensorBatch(Arrays.copyOf(run, run.length, SensorBehaviour[].class));
                default -> new GenericRun(run, runKinds);
            });
        }
        return new KernelBatches(batchKinds.stream().mapToInt(Integer::intValue).toArray(), batches.toArray(),
                constants.isEmpty() ? null : new ConstantBatch(constants));
    }

    /** Batches in pass order (for tests and diagnostics): the number of loops one pass runs. */
    public int batchCount() {
        return kinds.length;
    }

    /** Whether constants are kept out of the pass (see {@link #writeConstants}). */
    public boolean hasConstants() {
        return constants != null;
    }

    /** Stores every constant's value into its slot. */
    public void writeConstants(double[] values) {
        if (constants != null) {
            constants.outputs(values);
        }
    }

    /** Every kernel's outputs (constants aside), as {@link FlatKernel#kernelOutputs} in a valid order. */
    public void outputs(double t, double[] values, double[] x) {
        for (Part p : outputParts) {
            p.run(t, values, x, null);
        }
    }

    /** Every kernel's derivatives, as {@link FlatKernel#kernelDerivatives}. */
    public void derivatives(double t, double[] values, double[] x, double[] dx) {
        for (Part p : derivativeParts) {
            p.run(t, values, x, dx);
        }
    }

    private static final class GenericRun {
        final FlatKernel[] kernels;
        final int[] kinds;

        GenericRun(FlatKernel[] kernels, int[] kinds) {
            this.kernels = kernels;
            this.kinds = kinds;
        }

        void outputs(double t, double[] values, double[] x) {
            BuiltinDispatch.flatOutputsAll(kinds, kernels, t, values, x);
        }

        void derivatives(double t, double[] values, double[] x, double[] dx) {
            BuiltinDispatch.flatDerivativesAll(kinds, kernels, t, values, x, dx);
        }
    }

    private static final class ConstantBatch {
        final int[] slot;
        final double[] value;

        ConstantBatch(List<SignalBehaviours.Constant> cs) {
            slot = cs.stream().mapToInt(c -> c.slot).toArray();
            value = cs.stream().mapToDouble(c -> c.value).toArray();
        }

        void outputs(double[] values) {
            for (int j = 0; j < slot.length; j++) {
                values[slot[j]] = value[j];
            }
        }
    }

    private static final class PidBatch {
        final int n;
        final double[] kp, ti, td, min, max;
        final int[] sp, m, en, out, s;

        PidBatch(PidBehaviour[] b) {
            n = b.length;
            kp = Arrays.stream(b).mapToDouble(p -> p.kp).toArray();
            ti = Arrays.stream(b).mapToDouble(p -> p.ti).toArray();
            td = Arrays.stream(b).mapToDouble(p -> p.td).toArray();
            min = Arrays.stream(b).mapToDouble(p -> p.min).toArray();
            max = Arrays.stream(b).mapToDouble(p -> p.max).toArray();
            sp = Arrays.stream(b).mapToInt(p -> p.setpointSlot).toArray();
            m = Arrays.stream(b).mapToInt(p -> p.measurementSlot).toArray();
            en = Arrays.stream(b).mapToInt(p -> p.enableSlot).toArray();
            out = Arrays.stream(b).mapToInt(p -> p.outputSlot).toArray();
            s = Arrays.stream(b).mapToInt(p -> p.stateOffset).toArray();
        }

        void outputs(double[] v, double[] x) {
            for (int j = 0; j < n; j++) {
                int o = s[j];
                v[out[j]] = PidBehaviour.output(kp[j], ti[j], td[j], min[j], max[j], v[sp[j]], v[m[j]], v[en[j]],
                        x[o], x[o + 1]);
            }
        }

        void outputsAndDerivatives(double[] v, double[] x, double[] dx) {
            for (int j = 0; j < n; j++) {
                int o = s[j];
                double spj = v[sp[j]];
                double mj = v[m[j]];
                double enj = v[en[j]];
                double filtered = x[o + 1];
                double tdj = td[j];
                double u = PidBehaviour.unlimited(kp[j], ti[j], tdj, spj, mj, x[o], filtered);
                double minj = min[j];
                double maxj = max[j];
                v[out[j]] = PidBehaviour.outputOf(u, enj, minj, maxj);
                boolean on = Behaviours.on(enj);
                dx[o] = on ? PidBehaviour.integralRateOf(u, spj - mj, ti[j], minj, maxj) : 0;
                dx[o + 1] = PidBehaviour.filterRate(tdj, mj, enj, filtered);
            }
        }

        void derivatives(double[] v, double[] x, double[] dx) {
            for (int j = 0; j < n; j++) {
                int o = s[j];
                double mj = v[m[j]];
                double enj = v[en[j]];
                double filtered = x[o + 1];
                dx[o] = PidBehaviour.integralRate(kp[j], ti[j], td[j], min[j], max[j], v[sp[j]], mj, enj, x[o],
                        filtered);
                dx[o + 1] = PidBehaviour.filterRate(td[j], mj, enj, filtered);
            }
        }
    }

    private static final class HeaterBatch {
        final int n;
        final double[] efficiency, maxPower;
        final int[] command, power;

        HeaterBatch(HeaterBehaviour[] b) {
            n = b.length;
            efficiency = Arrays.stream(b).mapToDouble(h -> h.efficiency).toArray();
            maxPower = Arrays.stream(b).mapToDouble(h -> h.maxPower).toArray();
            command = Arrays.stream(b).mapToInt(h -> h.commandSlot).toArray();
            power = Arrays.stream(b).mapToInt(h -> h.powerSlot).toArray();
        }

        void outputs(double[] v) {
            for (int j = 0; j < n; j++) {
                v[power[j]] = HeaterBehaviour.power(efficiency[j], maxPower[j], v[command[j]]);
            }
        }
    }

    private static final class TankBatch {
        final int n;
        final double[] area, height, heatLoss, ambient;
        final int[] heat, inflow, inflowTemperature, outflow, temperature, level, s;

        TankBatch(TankBehaviour[] b) {
            n = b.length;
            area = Arrays.stream(b).mapToDouble(t -> t.area).toArray();
            height = Arrays.stream(b).mapToDouble(t -> t.height).toArray();
            heatLoss = Arrays.stream(b).mapToDouble(t -> t.heatLoss).toArray();
            ambient = Arrays.stream(b).mapToDouble(t -> t.ambient).toArray();
            heat = Arrays.stream(b).mapToInt(t -> t.heatSlot).toArray();
            inflow = Arrays.stream(b).mapToInt(t -> t.inflowSlot).toArray();
            inflowTemperature = Arrays.stream(b).mapToInt(t -> t.inflowTemperatureSlot).toArray();
            outflow = Arrays.stream(b).mapToInt(t -> t.outflowSlot).toArray();
            temperature = Arrays.stream(b).mapToInt(t -> t.temperatureSlot).toArray();
            level = Arrays.stream(b).mapToInt(t -> t.levelSlot).toArray();
            s = Arrays.stream(b).mapToInt(t -> t.stateOffset).toArray();
        }

        void outputs(double[] v, double[] x) {
            for (int j = 0; j < n; j++) {
                int o = s[j];
                v[level[j]] = x[o];
                v[temperature[j]] = x[o + 1];
            }
        }

        void derivatives(double[] v, double[] x, double[] dx) {
            for (int j = 0; j < n; j++) {
                int o = s[j];
                double l = x[o];
                double q = v[inflow[j]];
                dx[o] = TankBehaviour.levelRate(area[j], height[j], l, q, v[outflow[j]]);
                dx[o + 1] = TankBehaviour.temperatureRate(area[j], heatLoss[j], ambient[j], l, x[o + 1], q,
                        v[heat[j]], v[inflowTemperature[j]]);
            }
        }
    }

    private static final class SensorBatch {
        final int n;
        final double[] timeConstant, offset, sample, resolution;
        final int[] input, value, s;

        SensorBatch(SensorBehaviour[] b) {
            n = b.length;
            timeConstant = Arrays.stream(b).mapToDouble(c -> c.timeConstant).toArray();
            offset = Arrays.stream(b).mapToDouble(c -> c.offset).toArray();
            sample = Arrays.stream(b).mapToDouble(c -> c.sample).toArray();
            resolution = Arrays.stream(b).mapToDouble(c -> c.resolution).toArray();
            input = Arrays.stream(b).mapToInt(c -> c.inputSlot).toArray();
            value = Arrays.stream(b).mapToInt(c -> c.valueSlot).toArray();
            s = Arrays.stream(b).mapToInt(c -> c.stateOffset).toArray();
        }

        void outputs(double[] v, double[] x) {
            for (int j = 0; j < n; j++) {
                double y = timeConstant[j] > 0 ? x[s[j]] : v[input[j]];
                v[value[j]] = SensorBehaviour.reading(offset[j], sample[j], resolution[j], y);
            }
        }

        void outputsAndDerivatives(double[] v, double[] x, double[] dx) {
            for (int j = 0; j < n; j++) {
                double tc = timeConstant[j];
                int o = s[j];
                double u = v[input[j]];
                if (tc > 0) {
                    double y = x[o];
                    v[value[j]] = SensorBehaviour.reading(offset[j], sample[j], resolution[j], y);
                    dx[o] = SensorBehaviour.rate(tc, u, y);
                } else {
                    v[value[j]] = SensorBehaviour.reading(offset[j], sample[j], resolution[j], u);
                }
            }
        }

        void derivatives(double[] v, double[] x, double[] dx) {
            for (int j = 0; j < n; j++) {
                double tc = timeConstant[j];
                if (tc > 0) {
                    int o = s[j];
                    dx[o] = SensorBehaviour.rate(tc, v[input[j]], x[o]);
                }
            }
        }
    }

    /** Whether the kernel is a tank's, whose step hook {@link LevelStops} runs for many tanks at once. */
    public static boolean isTank(FlatKernel k) {
        return k.getClass() == TankBehaviour.class;
    }

    /**
     * The step hook of many tanks in one loop: {@link TankBehaviour#stepCompleted} (the level held between 0 and the
     * height) on the states in place.
     */
    public static final class LevelStops {
        private final int[] level;
        private final double[] height;

        /** @param tanks bound tank kernels ({@link #isTank}) */
        public LevelStops(FlatKernel[] tanks) {
            level = Arrays.stream(tanks).mapToInt(k -> ((TankBehaviour) k).stateOffset).toArray();
            height = Arrays.stream(tanks).mapToDouble(k -> ((TankBehaviour) k).height).toArray();
        }

        /** Applies the stops to x; whether some level changed (bitwise, as the master compares states). */
        public boolean apply(double[] x) {
            boolean changed = false;
            for (int j = 0; j < level.length; j++) {
                int o = level[j];
                double l = x[o];
                double held = Behaviours.clamp(l, 0, height[j]);
                changed |= Double.doubleToRawLongBits(held) != Double.doubleToRawLongBits(l);
                x[o] = held;
            }
            return changed;
        }
    }
}
