package org.twinstudio.sim.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import org.twinstudio.model.types.PortSpec;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.faults.Fault.Kind;
import org.twinstudio.sim.internal.behaviours.BuiltinDispatch;

/**
 * A component's behaviour with faults applied to its inputs (before the behaviour sees them), its outputs (after it
 * computed them) or the whole component (failure). Faults change only at step boundaries ({@link #stepCompleted},
 * {@link #handleEvent}, {@link #initialize}); in between the hot calls ({@link #outputs}, {@link #derivatives}) test
 * one flag and, without active faults, delegate directly.
 * <p>
 * The simulation starts at time 0: faults active at 0 apply from {@link #initialize} on (a sensor whose input is
 * stuck starts settled at the stuck value).
 */
final class FaultableBehaviour implements ComponentBehaviour {

    private final FaultInjector injector;
    private final ComponentBehaviour inner;
    /** How the hot calls reach {@link #inner}: see {@link BuiltinDispatch}. */
    private final int kind;
    final String name;
    final List<PortSpec> inputs;
    final List<PortSpec> outputs;
    final String[] inputUnits;
    final String[] outputUnits;
    private final long seed;
    private final double[] inputBuffer;
    private final double[] outputBuffer;
    private final double[] failOutputs;
    private final List<Entry> entries = new ArrayList<>();
    private int ordinal;

    /** Any fault active: the only flag the hot path tests. */
    private boolean faulty;
    /** An active fault draws at every step (noise, intermittent dropout). */
    private boolean draws;
    private Entry failure;
    private Entry[][] inputChains;
    private Entry[][] outputChains;
    private int[] faultedInputs = new int[0];
    private int[] faultedOutputs = new int[0];
    /** Earliest start or end among the entries; +∞ when nothing is scheduled. */
    private double nextChange = Double.POSITIVE_INFINITY;
    private double lastAdvance = Double.NaN;
    /** Entries were added or removed since the chains were built. */
    private boolean dirty;
    /** Published for {@link FaultInjector#active()}. */
    volatile List<Fault> activeFaults = List.of();

    FaultableBehaviour(FaultInjector injector, String name, List<PortSpec> inputs, List<PortSpec> outputs,
            String[] inputUnits, String[] outputUnits, ComponentBehaviour inner, long seed) {
        this.injector = injector;
        this.inputUnits = inputUnits;
        this.outputUnits = outputUnits;
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.inner = inner;
        this.kind = BuiltinDispatch.kindOf(inner);
        this.seed = seed;
        inputBuffer = new double[inputs.size()];
        outputBuffer = new double[outputs.size()];
        failOutputs = new double[outputs.size()];
        inputChains = new Entry[inputs.size()][];
        outputChains = new Entry[outputs.size()][];
    }

    /** {input ? 1 : 0, index} of a port by name. */
    int[] port(String portName) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(portName)) {
                return new int[] { 1, i };
            }
        }
        for (int o = 0; o < outputs.size(); o++) {
            if (outputs.get(o).name().equals(portName)) {
                return new int[] { 0, o };
            }
        }
        List<String> names = new ArrayList<>();
        inputs.forEach(p -> names.add(p.name()));
        outputs.forEach(p -> names.add(p.name()));
        throw new IllegalArgumentException("component '" + name + "' has no port '" + portName + "' (ports: "
                + String.join(", ", names) + ")");
    }

    // ---- the hot path ----

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        if (!faulty) {
            BuiltinDispatch.outputs(kind, inner, time, in, x, out);
            return;
        }
        if (failure != null) {
            System.arraycopy(failOutputs, 0, out, 0, out.length);
        } else {
            inner.outputs(time, faultedInputs(time, in), x, out);
        }
        for (int o : faultedOutputs) {
            out[o] = apply(outputChains[o], out[o], time);
        }
    }

    @Override
    public void derivatives(double time, double[] in, double[] x, double[] dx) {
        if (!faulty) {
            BuiltinDispatch.derivatives(kind, inner, time, in, x, dx);
        } else if (failure != null) {
            Arrays.fill(dx, 0);
        } else {
            inner.derivatives(time, faultedInputs(time, in), x, dx);
        }
    }

    private double[] faultedInputs(double time, double[] in) {
        if (faultedInputs.length == 0) {
            return in;
        }
        System.arraycopy(in, 0, inputBuffer, 0, in.length);
        for (int i : faultedInputs) {
            inputBuffer[i] = apply(inputChains[i], in[i], time);
        }
        return inputBuffer;
    }

    private static double apply(Entry[] chain, double v, double time) {
        for (Entry e : chain) {
            v = e.apply(v, time);
        }
        return v;
    }

    // ---- step boundaries ----

    @Override
    public void initialize(double[] in, double[] x) {
        injector.boundary(0);
        if (0 >= nextChange) {
            reschedule(0);
        }
        if (!faulty) {
            inner.initialize(in, x);
            return;
        }
        double[] u = boundaryInputs(0, in, false);
        inner.initialize(u, x);
        boundaryOutputs(0, u, x, false);
    }

    @Override
    public void stepCompleted(double time, double[] in, double[] x) {
        injector.boundary(time);
        if (time >= nextChange) {
            reschedule(time);
        }
        if (!faulty) {
            BuiltinDispatch.stepCompleted(kind, inner, time, in, x);
            return;
        }
        boolean advance = !(time <= lastAdvance);
        lastAdvance = time;
        double[] u = boundaryInputs(time, in, advance);
        if (failure == null) {
            inner.stepCompleted(time, u, x);
        }
        boundaryOutputs(time, u, x, advance);
    }

    @Override
    public boolean handleEvent(double time, double[] in, double[] x) {
        injector.boundary(time);
        boolean changed = time >= nextChange && reschedule(time);
        if (!faulty) {
            return inner.handleEvent(time, in, x) | changed;
        }
        double[] u = boundaryInputs(time, in, false);
        if (failure == null) {
            changed |= inner.handleEvent(time, u, x);
        }
        boundaryOutputs(time, u, x, false);
        return changed;
    }

    @Override
    public double nextTimeEvent(double time) {
        double next = inner.nextTimeEvent(time);
        for (Entry e : entries) {
            if (!Double.isNaN(e.start)) {
                double t = e.active ? e.end : e.start;
                if (t > time && t < next) {
                    next = t;
                }
            }
        }
        return next;
    }

    /** Advances the per-step parts of the input faults (noise samples, dropout draws) and returns the inputs. */
    private double[] boundaryInputs(double time, double[] in, boolean advance) {
        if (faultedInputs.length == 0) {
            return in;
        }
        System.arraycopy(in, 0, inputBuffer, 0, in.length);
        for (int i : faultedInputs) {
            double v = in[i];
            for (Entry e : inputChains[i]) {
                v = e.boundary(v, time, advance);
            }
            inputBuffer[i] = v;
        }
        return inputBuffer;
    }

    /** Fail values (frozen at the failure instant) and the per-step parts of the output faults. */
    private void boundaryOutputs(double time, double[] u, double[] x, boolean advance) {
        if (failure != null && failure.activatedAt == time) {
            if (Double.isNaN(failure.fault.value())) {
                inner.outputs(time, u, x, failOutputs);
            } else {
                System.arraycopy(failure.failValues, 0, failOutputs, 0, failOutputs.length);
            }
        }
        if (faultedOutputs.length == 0) {
            return;
        }
        if (failure != null) {
            System.arraycopy(failOutputs, 0, outputBuffer, 0, outputBuffer.length);
        } else {
            inner.outputs(time, u, x, outputBuffer);
        }
        for (int o : faultedOutputs) {
            double v = outputBuffer[o];
            for (Entry e : outputChains[o]) {
                v = e.boundary(v, time, advance);
            }
        }
    }

    // ---- changes (simulation thread) ----

    /** @param values the fault's value in each port's unit (for a failure: in each output's unit) */
    void add(long id, Fault fault, List<int[]> ports, double[] values, double now) {
        double start = fault.immediate() ? now : fault.start();
        int n = ordinal++;
        if (ports.isEmpty()) {
            Entry failure = new Entry(id, fault, false, -1, start, n, seed, fault.value());
            failure.failValues = values;
            entries.add(failure);
        }
        for (int i = 0; i < ports.size(); i++) {
            int[] p = ports.get(i);
            entries.add(new Entry(id, fault, p[0] == 1, p[1], start, n, seed, values[i]));
        }
        dirty = true;
        nextChange(Double.NEGATIVE_INFINITY);
    }

    void remove(long id) {
        if (entries.removeIf(e -> e.id == id)) {
            dirty = true;
            nextChange(Double.NEGATIVE_INFINITY);
        }
    }

    void removeTarget(String portName) {
        if (entries.removeIf(e -> portName == null || portName.equals(e.fault.port()))) {
            dirty = true;
            nextChange(Double.NEGATIVE_INFINITY);
        }
    }

    void removeAll() {
        if (!entries.isEmpty()) {
            entries.clear();
            dirty = true;
            nextChange(Double.NEGATIVE_INFINITY);
        }
    }

    /** Sets when the entries change next, and tells the injector whether this component has a change ahead. */
    private void nextChange(double next) {
        boolean before = nextChange != Double.POSITIVE_INFINITY;
        boolean after = next != Double.POSITIVE_INFINITY;
        nextChange = next;
        if (before != after) {
            injector.scheduled(after);
        }
    }

    /** Activates, ends and forgets entries at {@code time}; rebuilds the chains when something changed. */
    private boolean reschedule(double time) {
        boolean changed = false;
        double next = Double.POSITIVE_INFINITY;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext();) {
            Entry e = it.next();
            if (time >= e.end) {
                it.remove();
                changed |= e.active;
                continue;
            }
            if (!e.active && time >= e.start) {
                e.activate(time);
                changed = true;
            }
            next = Math.min(next, e.active ? e.end : e.start);
        }
        nextChange(next);
        changed |= dirty;
        dirty = false;
        if (changed) {
            rebuild();
        }
        return changed;
    }

    private void rebuild() {
        failure = null;
        List<Fault> published = new ArrayList<>();
        List<List<Entry>> ins = new ArrayList<>();
        List<List<Entry>> outs = new ArrayList<>();
        inputs.forEach(p -> ins.add(new ArrayList<>()));
        outputs.forEach(p -> outs.add(new ArrayList<>()));
        for (Entry e : entries) {
            if (!e.active) {
                continue;
            }
            if (!published.contains(e.fault)) {
                published.add(e.fault);
            }
            if (e.port < 0) {
                failure = e; // the latest failure wins
            } else {
                (e.input ? ins : outs).get(e.port).add(e);
            }
        }
        inputChains = chains(ins);
        outputChains = chains(outs);
        faultedInputs = indices(inputChains);
        faultedOutputs = indices(outputChains);
        boolean faultyNow = !published.isEmpty();
        if (faultyNow != faulty) {
            injector.faulty(faultyNow);
        }
        faulty = faultyNow;
        activeFaults = List.copyOf(published);
        boolean drawsNow = entries.stream().anyMatch(e -> e.active && e.drawsEachStep());
        if (drawsNow != draws) {
            draws = drawsNow;
            injector.drawing(drawsNow);
        }
    }

    private static Entry[][] chains(List<List<Entry>> lists) {
        Entry[][] chains = new Entry[lists.size()][];
        for (int i = 0; i < chains.length; i++) {
            chains[i] = lists.get(i).isEmpty() ? null : lists.get(i).toArray(Entry[]::new);
        }
        return chains;
    }

    private static int[] indices(Entry[][] chains) {
        return java.util.stream.IntStream.range(0, chains.length).filter(i -> chains[i] != null).toArray();
    }

    // ---- delegation ----

    @Override
    public List<String> stateNames() {
        return inner.stateNames();
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return inner.directFeedthrough(outputIndex);
    }

    @Override
    public boolean dependsOn(int outputIndex, int inputIndex) {
        return inner.dependsOn(outputIndex, inputIndex);
    }

    /** The component's own answer; the master asks {@link FaultInjector#stepWorkPending()} for the faults' part. */
    @Override
    public boolean stepCompletedUpdatesHeldValues() {
        return inner.stepCompletedUpdatesHeldValues();
    }

    @Override
    public int eventIndicatorCount() {
        return inner.eventIndicatorCount();
    }

    @Override
    public void eventIndicators(double time, double[] in, double[] x, double[] indicators) {
        inner.eventIndicators(time, faulty && failure == null ? faultedInputs(time, in) : in, x, indicators);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** One fault on one port (or the component, port −1) of this component, with its run-time state. */
    private static final class Entry {
        final long id;
        final Fault fault;
        final boolean input;
        final int port;
        final double start;
        final double end;
        final Kind kind;
        final double value;
        final double probability;
        final long seed;
        boolean active;
        boolean fresh;
        double activatedAt = Double.NaN;
        SplittableRandom random;
        double sample;
        double lastGood;
        boolean dropped;
        /** For a failure with a value: that value in each output's unit. */
        double[] failValues;

        Entry(long id, Fault fault, boolean input, int port, double start, int ordinal, long componentSeed,
                double value) {
            this.id = id;
            this.fault = fault;
            this.input = input;
            this.port = port;
            this.start = start;
            this.end = start + fault.duration();
            this.kind = fault.kind();
            this.value = value;
            this.probability = fault.probability();
            this.seed = componentSeed ^ (ordinal + 1) * 0x9E3779B97F4A7C15L ^ (input ? 0x5555L : 0) ^ port * 0xFF51AFD7ED558CCDL;
        }

        boolean drawsEachStep() {
            return kind == Kind.NOISE || (kind == Kind.DROPOUT && probability < 1);
        }

        void activate(double time) {
            active = true;
            fresh = true;
            activatedAt = time;
            if (kind == Kind.NOISE || (kind == Kind.DROPOUT && probability < 1)) {
                random = new SplittableRandom(seed);
            }
        }

        double apply(double v, double time) {
            return switch (kind) {
                case STUCK -> value;
                case OFFSET -> v + value;
                case DRIFT -> v + value * (time - activatedAt);
                case NOISE -> v + sample;
                case DROPOUT -> dropped ? lastGood : v;
                case FAIL -> v;
            };
        }

        /** At a step boundary with the value entering this fault: draws what is held over the coming step. */
        double boundary(double v, double time, boolean advance) {
            if (fresh || advance) {
                if (kind == Kind.NOISE) {
                    sample = value == 0 ? 0 : value * random.nextGaussian();
                } else if (kind == Kind.DROPOUT) {
                    dropped = probability >= 1 || random.nextDouble() < probability;
                }
            }
            if (kind == Kind.DROPOUT && (!dropped || activatedAt == time)) {
                lastGood = v;
            }
            fresh = false;
            return apply(v, time);
        }
    }
}
