package org.twinstudio.sim;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.types.ParameterSpec;
import org.twinstudio.model.types.PortSpec;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;
import org.twinstudio.model.validation.TwinModelValidator;
import org.twinstudio.sim.SimulationException.Kind;
import org.twinstudio.sim.faults.FaultInjector;
import org.twinstudio.sim.internal.behaviours.BuiltinDispatch;
import org.twinstudio.sim.internal.behaviours.KernelBatches;

/**
 * The simulation master: a twin model made executable in virtual time.
 * <p>
 * <b>Building</b> resolves every component's type and behaviour, converts parameters and start values to the units
 * of the type's descriptors, and turns every connection into an affine unit conversion {@code in = a·out + b} (e.g.
 * kW to W, degC to K). Outputs are ordered <em>per port</em>: output {@code o} of a component depends on the outputs
 * driving the inputs {@code i} for which {@link ComponentBehaviour#dependsOn} holds. The evaluation schedule lists
 * components in an order in which every output is computed after the outputs it depends on; a component appears
 * twice when one of its outputs is needed early and another one late (a state output feeding a loop that comes back
 * to a feedthrough output). Strongly connected sets of outputs are algebraic loops: they are torn (a few outputs are
 * guessed) and solved at every evaluation by Newton's method with a finite-difference Jacobian and a halving line
 * search; loops through boolean, integer or string ports cannot be iterated and are refused with their ports.
 * <p>
 * <b>Solvers.</b> Results are recorded on the fixed output grid {@code t = i·h} (h = step size = output interval).
 * Explicit Euler and classic Runge-Kutta 4 step from grid point to grid point (inputs re-evaluated at every stage);
 * Dormand-Prince 5(4) takes adaptive steps with an embedded error estimate, accepts a step when the RMS of
 * {@code err_i / (atol + rtol·max(|x_i|, |x_i'|))} is at most 1, scales the step by
 * {@code 0.9·err^(-1/5)} bounded to [0.2, 5] (no growth right after a rejection) and by the maximum step size, and
 * fails with a {@link Kind#RUNTIME} exception naming the state with the largest error when the step falls below
 * {@code 1e-12·max(1, |t|)}. Grid values between its steps come from its continuous extension (dense output, order
 * 4); its steps are not tied to the grid. It reuses the last stage as the next step's first (FSAL) unless a
 * step hook changed a state or may have changed held values, a fault had step work, or an event happened.
 * <p>
 * <b>Events.</b> Steps end exactly at the next time event any behaviour announces. After each step the event
 * indicators are compared with their signs at the step's start (a zero keeps the sign it had before); a change is a
 * state event, located by regula falsi with the Illinois modification (every fifth iteration a bisection) to the
 * event tolerance, on the step's own solution: the continuous extension for Dormand-Prince, a re-taken shorter step
 * for Euler and RK4, which then continue with the rest of the step. At an event every behaviour's
 * {@code handleEvent} is called and the outputs re-evaluated until none reports a change (at most
 * {@value #MAX_EVENT_ITERATIONS} rounds); more than {@value #MAX_EVENT_BURST} events in a row closer than ten event
 * tolerances are refused as chattering. Grid points that coincide with an event record the values after it.
 * <p>
 * After every accepted step each behaviour that overrides {@code stepCompleted} may project its states and update
 * held discrete values (noise); the outputs are evaluated again only when a hook changed a state or declares held
 * values ({@link ComponentBehaviour#stepCompletedUpdatesHeldValues()}). Noise comes from generators seeded from the
 * simulation seed and the component's name, so runs repeat bit for bit.
 * <p>
 * <b>Data layout.</b> All port values live in one array (every output, then every unconnected input: the order of
 * {@link #signals()}); connections are resolved to indices into it at build and converted only where units differ;
 * a component's states are loaded from the state vector once per evaluation pass; a recorded row is one copy of the
 * outputs into a block of rows (the unconnected inputs cannot change during {@link #run()} and are kept once).
 * Behaviours see their own input, state and output arrays indexed from 0, except
 * through a {@link FlatKernel}: while no fault is active, a component whose behaviour has one (and whose inputs need
 * no unit conversion, in a model without algebraic loops) computes directly in the port values and state vectors,
 * and the values are checked once per pass over the whole vectors. Built-in kernels run in batches, one loop per run
 * of components of one class ({@link KernelBatches}: output pass regrouped by level, a solver stage as one pass,
 * derivatives of a fixed step checked once through its new states, the next step's first derivatives computed with
 * the step's end outputs). Long runs of models without kernels evaluate
 * through {@link SpecialisedPasses} (straight-line code per model) while no fault is active. {@link #start()} gives
 * a {@link Session} that advances in steps (test sequences, hardware in the loop); {@link #run()} is a session run
 * to the stop time.
 */
public final class Simulation {

    /** Default seed of the noise generators. */
    public static final long DEFAULT_SEED = 20260101L;

    /** Rounds of event iteration (handleEvent until nothing changes) before an event is refused as not settling. */
    public static final int MAX_EVENT_ITERATIONS = 100;

    /** Events in a row, each within ten event tolerances of the last, before the model is refused as chattering. */
    public static final int MAX_EVENT_BURST = 50;

    /** The result lists at most this many events (it counts all). */
    public static final int MAX_LISTED_EVENTS = 10_000;

    /** Iterations of the algebraic loop solver before it gives up. */
    public static final int MAX_LOOP_ITERATIONS = 50;

    private static final double LOOP_TOLERANCE = 1e-10;

    private final List<Node> nodes;
    private final Node[] allNodes;
    /** Output evaluation schedule: a component, or null where {@link #loopAt} holds a loop to solve. */
    private final Node[] schedule;
    /**
     * The passes as straight-line code for this model ({@link SpecialisedPasses}). The JIT compiles them anew for
     * every simulation (about half a second of warm-up on a loaded 2-core machine), which only long runs repay: made
     * at the start of a {@link #run()} of at least {@value #SPECIALISE_RUN_STEPS} grid steps, else after
     * {@value #SPECIALISE_AFTER_PASSES} output passes; null before, with algebraic loops, where hidden classes are
     * unavailable, or when some component has a {@link FlatKernel} (the kernel pass measured faster: calling the
     * kernels from the hidden classes made the RK4 hour 10-15 % slower, a 2-million-step Euler run 40 %).
     */
    private SpecialisedPasses specialised;
    private int passesBeforeSpecialising;
    static final int SPECIALISE_RUN_STEPS = 100_000;
    static final int SPECIALISE_AFTER_PASSES = 400_000;
    private final Loop[] loopAt;
    private final boolean hasLoops;
    private final List<Loop> loops;
    private final Node[] stateNodes;
    private final Node[] hookNodes;
    private final Node[] eventNodes;
    private final int indicatorCount;
    private final List<String> evaluationOrder;
    private final Node[] initOrder;
    private final List<Signal> signals;
    /** The port values of every component (see {@link #connectSignals}), in the order of {@link #signals}. */
    private final double[] portValues;
    private final Map<String, int[]> portRefs;
    /** Some component runs through its {@link FlatKernel} while no fault is active (see {@link #bindKernels}). */
    private final boolean flatCapable;
    /**
     * The last output pass ran the kernels: their components' own input and state arrays were not updated (see
     * {@link #syncKernelNodes}).
     */
    private boolean flatPass;
    /** Outputs come first in the port values: slots 0 to this one. */
    private final int outputSlots;
    /** Per schedule position: the component's kernel (null: none) and its dispatch kind, read without the node. */
    private FlatKernel[] scheduleKernels;
    private int[] scheduleKinds;
    /** Every component in the schedule has a kernel. */
    private boolean allKernels;
    /**
     * The state components with a kernel, grouped by kind (each writes only its own derivatives, so their order does
     * not matter), and those without one.
     */
    private FlatKernel[] derivativeKernels;
    private int[] derivativeKinds;
    private Node[] derivativeOthers;
    /**
     * The kernel passes as batches, one loop per run of components of one class ({@link KernelBatches}); the output
     * batches only when every component in the schedule has a kernel.
     */
    private KernelBatches outputBatches;
    private KernelBatches derivativeBatches;
    /**
     * A solver stage (outputs, then derivatives) as one pass, where batches compute both in one loop (see
     * {@link KernelBatches#forStages}); null where the two passes run.
     */
    private KernelBatches stageBatches;
    /**
     * The tanks among the hook components, whose step hooks run in one loop while the fault wrappers would only
     * delegate ({@link FaultInjector#passThroughAt}), and the other hook components; null: no such tanks.
     */
    private KernelBatches.LevelStops levelStops;
    private Node[] otherHooks;
    /**
     * The stage passes of a fixed step leave the derivatives unchecked: a derivative that is not finite makes the new
     * states not finite (h &gt; 0), which the step checks once, and then runs again with every pass checked to report
     * the component (see {@link Session#fixedStep}).
     */
    private boolean derivativesCheckedByStep;
    /** A stage pass with unchecked derivatives failed: {@link Session#fixedStep} runs the step again, checked. */
    private static final class UncheckedStepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final UncheckedStepFailed INSTANCE = new UncheckedStepFailed();

        private UncheckedStepFailed() {
            super(null, null, false, false);
        }
    }

    /**
     * The output pass at the end of a fixed step, before the step hooks, can be left out: no event indicators, the
     * hook components have neither states nor connected inputs (their hooks read nothing that pass computes), and
     * one of them updates held values, so the outputs are evaluated after the hooks anyway (a co-simulation FMU).
     */
    private final boolean hooksNeedNoPassBefore;
    /** Output passes so far: derivatives computed ahead stay valid while no other pass ran. */
    private long outputPasses;
    /** The constants' slots hold their values (no pass through the behaviour methods overwrote them since). */
    private boolean constantsCurrent;
    private final int stateCount;
    private final double stepSize;
    private final double stopTime;
    private final Solver solver;
    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final double maxStepSize;
    private final double eventTolerance;
    private final List<SimulationListener> listeners;
    private final FaultInjector faults;
    private boolean started;

    private Simulation(Builder b, List<Node> nodes, Schedule s) {
        this.nodes = nodes;
        this.allNodes = nodes.toArray(Node[]::new);
        this.schedule = s.schedule;
        this.loopAt = s.loopAt;
        this.loops = s.loops;
        this.hasLoops = !s.loops.isEmpty();
        this.stepSize = b.stepSize;
        this.stopTime = b.stopTime;
        this.solver = b.solver;
        this.relativeTolerance = b.relativeTolerance;
        this.absoluteTolerance = b.absoluteTolerance;
        this.maxStepSize = b.maxStepSize;
        this.eventTolerance = b.eventTolerance;
        this.listeners = List.copyOf(b.listeners);
        this.faults = b.faults;
        int offset = 0;
        int indicators = 0;
        List<Node> withStates = new ArrayList<>();
        List<Node> withHooks = new ArrayList<>();
        List<Node> withIndicators = new ArrayList<>();
        for (Node n : nodes) {
            n.stateOffset = offset;
            offset += n.stateNames.size();
            if (!n.stateNames.isEmpty()) {
                withStates.add(n);
            }
            if (n.hasStepHook) {
                withHooks.add(n);
            }
            if (n.indicatorCount > 0) {
                n.indicatorOffset = indicators;
                indicators += n.indicatorCount;
                withIndicators.add(n);
            }
        }
        this.stateCount = offset;
        this.indicatorCount = indicators;
        this.stateNodes = withStates.toArray(Node[]::new);
        this.hookNodes = withHooks.toArray(Node[]::new);
        connectSignals(nodes);
        markFreshInputs();
        this.outputSlots = nodes.stream().mapToInt(n -> n.outputs.length).sum();
        this.flatCapable = bindKernels();
        this.hooksNeedNoPassBefore = indicatorCount == 0 && hookNodes.length > 0
                && Arrays.stream(hookNodes).allMatch(n -> n.states.length == 0 && n.gatherIndex.length == 0)
                && Arrays.stream(hookNodes).anyMatch(n -> n.hookUpdatesHeldValues);
        this.passesBeforeSpecialising = hasLoops || flatCapable ? -1 : SPECIALISE_AFTER_PASSES;
        this.eventNodes = withIndicators.toArray(Node[]::new);
        Set<Node> ordered = new LinkedHashSet<>();
        for (int i = 0; i < schedule.length; i++) {
            if (schedule[i] != null) {
                ordered.add(schedule[i]);
            } else {
                ordered.addAll(Arrays.asList(loopAt[i].sequence));
                ordered.addAll(Arrays.asList(loopAt[i].finalNodes));
            }
        }
        ordered.addAll(nodes);
        this.initOrder = ordered.toArray(Node[]::new);
        this.evaluationOrder = ordered.stream().map(n -> n.name).toList();
        List<Signal> sig = new ArrayList<>();
        Map<String, int[]> refs = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            for (int o = 0; o < n.outputNames.length; o++) {
                sig.add(new Signal(n.name, n.outputNames[o], n.outputUnits[o]));
                refs.put(n.name + "." + n.outputNames[o], new int[] { k, 0, o });
            }
            for (int i = 0; i < n.inputNames.length; i++) {
                refs.put(n.name + "." + n.inputNames[i], new int[] { k, 1, i });
            }
        }
        for (Node n : nodes) {
            for (int i = 0; i < n.inputNames.length; i++) {
                if (n.drivers[i] == null) {
                    sig.add(new Signal(n.name, n.inputNames[i], n.inputUnits[i]));
                }
            }
        }
        this.signals = List.copyOf(sig);
        // the recorded row is the array of port values: outputs, then unconnected inputs, both in component order
        this.portValues = nodes.isEmpty() ? new double[0] : nodes.get(0).values;
        if (portValues.length != signals.size()) {
            throw new IllegalStateException("port values and signals differ: " + portValues.length + " vs "
                    + signals.size());
        }
        this.portRefs = refs;
    }

    /**
     * One array of all port values: every output (copied there after its component computed it) and every unconnected
     * input (its start value or what {@link Session#setInput} set). Connections are resolved to indices into it at
     * build, so gathering an input is one indexed load (and the unit conversion only where the units differ).
     */
    private static void connectSignals(List<Node> nodes) {
        int slots = 0;
        for (Node n : nodes) {
            n.outBase = slots;
            slots += n.outputs.length;
        }
        for (Node n : nodes) {
            for (int i = 0; i < n.inputs.length; i++) {
                if (n.drivers[i] == null) {
                    n.inputSlot[i] = slots++;
                }
            }
        }
        double[] values = new double[slots];
        for (Node n : nodes) {
            n.values = values;
            boolean converted = false;
            List<Integer> connected = new ArrayList<>();
            for (int i = 0; i < n.inputs.length; i++) {
                Node d = n.drivers[i];
                if (d == null) {
                    // set once here and by setInput; gathering skips it
                    values[n.inputSlot[i]] = n.inputStarts[i];
                    n.inputs[i] = n.inputStarts[i];
                } else {
                    n.inputSlot[i] = d.outBase + n.driverOutput[i];
                    converted |= n.scale[i] != 1 || n.offset[i] != 0;
                    connected.add(i);
                }
            }
            n.converted = converted;
            n.gatherIndex = connected.stream().mapToInt(Integer::intValue).toArray();
            n.gatherSlot = connected.stream().mapToInt(i -> n.inputSlot[i]).toArray();
            n.gatherScale = connected.stream().mapToDouble(i -> n.scale[i]).toArray();
            n.gatherOffset = connected.stream().mapToDouble(i -> n.offset[i]).toArray();
        }
    }

    /**
     * Binds the behaviours that have a {@link FlatKernel} to their slots, unless a connection into them converts
     * units (their inputs are then gathered and converted) or the model has algebraic loops (the loop solver works
     * on the components' own arrays).
     */
    private boolean bindKernels() {
        if (hasLoops) {
            return false;
        }
        boolean any = false;
        for (Node n : nodes) {
            if (n.own instanceof FlatKernel k && !n.converted) {
                int[] outs = new int[n.outputs.length];
                for (int o = 0; o < outs.length; o++) {
                    outs[o] = n.outBase + o;
                }
                k.bind(n.inputSlot.clone(), outs, n.stateOffset);
                n.flat = k;
                any = true;
            }
        }
        scheduleKernels = new FlatKernel[schedule.length];
        scheduleKinds = new int[schedule.length];
        for (int i = 0; i < schedule.length; i++) {
            scheduleKernels[i] = schedule[i].flat;
            scheduleKinds[i] = schedule[i].kind;
        }
        allKernels = Arrays.stream(scheduleKernels).allMatch(Objects::nonNull);
        Node[] withKernel = Arrays.stream(stateNodes).filter(n -> n.flat != null)
                .sorted(Comparator.comparingInt(n -> n.kind)).toArray(Node[]::new);
        derivativeKernels = Arrays.stream(withKernel).map(n -> n.flat).toArray(FlatKernel[]::new);
        derivativeKinds = Arrays.stream(withKernel).mapToInt(n -> n.kind).toArray();
        derivativeOthers = Arrays.stream(stateNodes).filter(n -> n.flat == null).toArray(Node[]::new);
        derivativeBatches = KernelBatches.forDerivatives(derivativeKernels, derivativeKinds);
        Node[] tanks = Arrays.stream(hookNodes).filter(n -> n.flat != null && KernelBatches.isTank(n.flat))
                .toArray(Node[]::new);
        if (tanks.length > 0) {
            levelStops = new KernelBatches.LevelStops(Arrays.stream(tanks).map(n -> n.flat).toArray(FlatKernel[]::new));
            otherHooks = Arrays.stream(hookNodes).filter(n -> !Arrays.asList(tanks).contains(n)).toArray(Node[]::new);
        }
        if (allKernels) {
            int[] levels = levels();
            outputBatches = KernelBatches.forOutputs(scheduleKernels, scheduleKinds, levels);
            Map<Node, Integer> position = new HashMap<>();
            for (int i = 0; i < schedule.length; i++) {
                position.put(schedule[i], i);
            }
            int[][] drivers = new int[schedule.length][];
            boolean[] stateful = new boolean[schedule.length];
            int statefulCount = 0;
            boolean driversScheduled = true;
            for (int i = 0; i < schedule.length; i++) {
                driversScheduled &= Arrays.stream(schedule[i].drivers).allMatch(d -> d == null
                        || position.containsKey(d));
                drivers[i] = Arrays.stream(schedule[i].drivers).filter(position::containsKey).mapToInt(position::get)
                        .toArray();
                stateful[i] = schedule[i].states.length > 0;
                statefulCount += stateful[i] ? 1 : 0;
            }
            // every state component and every driver in the schedule once, each with a kernel
            if (levels != null && driversScheduled && derivativeOthers.length == 0
                    && statefulCount == stateNodes.length) {
                stageBatches = KernelBatches.forStages(scheduleKernels, scheduleKinds, levels, drivers, stateful);
            }
        }
        return any;
    }

    /**
     * Per schedule position, the component's level: 0 when no output depends on an input at the same instant, else
     * one more than the highest level of the drivers it depends on (components of one level do not depend on each
     * other). Null when the schedule lists a component twice or a driver only after the component that depends on
     * it; the batches then keep the schedule order.
     */
    private int[] levels() {
        Map<Node, Integer> level = new HashMap<>();
        int[] levels = new int[schedule.length];
        for (int i = 0; i < schedule.length; i++) {
            Node n = schedule[i];
            if (level.containsKey(n)) {
                return null;
            }
            int l = 0;
            for (int in = 0; in < n.inputs.length; in++) {
                Node d = n.drivers[in];
                if (d == null) {
                    continue;
                }
                boolean depends = false;
                for (int o = 0; o < n.outputs.length && !depends; o++) {
                    depends = n.behaviour.dependsOn(o, in);
                }
                if (depends) {
                    Integer dl = level.get(d);
                    if (dl == null) {
                        return null;
                    }
                    l = Math.max(l, dl + 1);
                }
            }
            level.put(n, l);
            levels[i] = l;
        }
        return levels;
    }

    /**
     * After an output pass through the kernels: the inputs and states of their components into their own arrays,
     * for the behaviour methods called next (step hooks, the generic passes).
     */
    private void syncKernelNodes(double[] x) {
        if (!flatPass) {
            return;
        }
        flatPass = false;
        for (Node n : allNodes) {
            if (n.flat != null) {
                n.gatherInputs();
                n.loadStates(x);
            }
        }
    }

    /**
     * Components whose drivers are all evaluated before the component's own (last) evaluation in the schedule have
     * their inputs gathered then already current for the derivative pass; the others gather again. With algebraic
     * loops the solver re-evaluates components in its own order, so everyone gathers again.
     */
    private void markFreshInputs() {
        if (hasLoops) {
            return;
        }
        Map<Node, Integer> last = new HashMap<>();
        for (int i = 0; i < schedule.length; i++) {
            last.put(schedule[i], i);
        }
        for (Node n : nodes) {
            Integer own = last.get(n);
            boolean fresh = own != null;
            for (int i = 0; fresh && i < n.inputs.length; i++) {
                Node d = n.drivers[i];
                Integer at = d == null ? null : last.get(d);
                fresh = d == null || at != null && at < own;
            }
            n.freshInputs = fresh;
        }
    }

    /** A builder for a model already in memory. The model is validated if it lies in a resource. */
    public static Builder builder(TwinModel model) {
        return new Builder(model);
    }

    /** Reads and validates a model file; validation errors are a {@link Kind#MODEL} exception listing them. */
    public static Builder builder(Path file) throws SimulationException {
        TwinModels.Loaded loaded = TwinModels.load(file);
        if (loaded.hasErrors() || loaded.model() == null) {
            throw validationErrors(loaded.diagnostics());
        }
        Builder b = new Builder(loaded.model());
        b.validated = true;
        b.modelPath = file.toAbsolutePath();
        return b;
    }

    private static SimulationException validationErrors(List<TwinDiagnostic> diagnostics) {
        String list = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).map(TwinDiagnostic::format)
                .collect(Collectors.joining("\n  "));
        return new SimulationException(Kind.MODEL, "the model has validation errors:\n  " + list);
    }

    /** The recorded signals: every output, then every unconnected input. */
    public List<Signal> signals() {
        return signals;
    }

    /** The output interval; for Euler and RK4 also the step size. */
    public double stepSize() {
        return stepSize;
    }

    public double stopTime() {
        return stopTime;
    }

    public Solver solver() {
        return solver;
    }

    /** Faults to inject into components and ports, before the run or from another thread while it runs. */
    public FaultInjector faults() {
        return faults;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /** Largest internal step of the adaptive solver; infinite when unbounded. */
    public double maxStepSize() {
        return maxStepSize;
    }

    public double eventTolerance() {
        return eventTolerance;
    }

    /** Component names in evaluation order (each once; components without outputs last). */
    public List<String> evaluationOrder() {
        return evaluationOrder;
    }

    /** The algebraic loops solved by iteration, each as its connections and torn outputs. */
    public List<String> algebraicLoops() {
        return loops.stream().map(l -> l.description + " (torn at " + l.tearNames() + ")").toList();
    }

    /**
     * The connections of each algebraic loop, as {@code component.output -> component.input} (the model's own
     * notation), for tools that point at them, such as the diagram.
     */
    public List<List<String>> algebraicLoopConnections() {
        // A loop's description lists its connections joined by ", "; names are identifiers, so it splits cleanly.
        return loops.stream().map(l -> List.of(l.description.split(", "))).toList();
    }

    /**
     * Runs from 0 to the stop time and returns the result recorded on the output grid. A simulation runs once
     * (behaviours keep state such as noise generators); build another for another run.
     */
    public synchronized SimulationResult run() throws SimulationException {
        long steps = Math.round(stopTime / stepSize);
        if (steps > Integer.MAX_VALUE - 1) {
            throw new SimulationException(Kind.MODEL, "too many output points: " + steps);
        }
        try (Session session = start(true, (int) steps + 1)) {
            session.advanceTo(steps * stepSize);
            return session.result();
        }
    }

    /**
     * Initialises the model at t = 0 and returns a session that advances on request; nothing is recorded except what
     * listeners see on the output grid. Once per simulation, like {@link #run()}.
     */
    public synchronized Session start() throws SimulationException {
        return start(false, 0);
    }

    private Session start(boolean record, int expectedRows) throws SimulationException {
        if (started) {
            throw new IllegalStateException("this simulation has already run; build a new one");
        }
        started = true;
        if (record && expectedRows > SPECIALISE_RUN_STEPS && passesBeforeSpecialising > 0) {
            passesBeforeSpecialising = 1;
        }
        Session s = new Session(record, expectedRows);
        try {
            s.begin();
        } catch (SimulationException | RuntimeException e) {
            s.closeQuietly();
            throw e;
        }
        return s;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Evaluation of the model at (t, x): outputs in schedule order, derivatives, indicators.

    private void evaluateOutputs(double t, double[] x) throws SimulationException {
        outputPasses++;
        // no fault active anywhere: the wrappers would only delegate, so call the behaviours themselves
        boolean direct = !faults.anyActive();
        if (direct && flatCapable && flatOutputs(t, x)) {
            return;
        }
        flatPass = false;
        constantsCurrent = false;
        // every component's states from x once; evaluate and derivativesOfEvaluated use them as they are
        for (Node n : stateNodes) {
            n.loadStates(x);
        }
        Node[] s = schedule;
        if (direct && (specialised != null || passesBeforeSpecialising >= 0) && specialisedOutputs(t)) {
            return;
        }
        if (!hasLoops) {
            for (Node n : s) {
                evaluate(n, t, direct);
            }
            return;
        }
        for (int i = 0; i < s.length; i++) {
            Node n = s[i];
            if (n != null) {
                evaluate(n, t, direct);
            } else {
                loopAt[i].solve(t, x);
            }
        }
    }

    /**
     * The output pass with the kernels where components have one (no loops, no fault active); false when something
     * failed (a value not finite, an exception), after which the generic pass runs again and reports it.
     */
    private boolean flatOutputs(double t, double[] x) {
        for (Node n : stateNodes) {
            if (n.flat == null) {
                n.loadStates(x);
            }
        }
        double[] v = portValues;
        try {
            FlatKernel[] kernels = scheduleKernels;
            int[] kinds = scheduleKinds;
            KernelBatches batches = outputBatches;
            if (batches != null) {
                if (!constantsCurrent) {
                    batches.writeConstants(v);
                    constantsCurrent = true;
                }
                batches.outputs(t, v, x);
            } else {
                for (int i = 0; i < kernels.length; i++) {
                    FlatKernel k = kernels[i];
                    if (k != null) {
                        BuiltinDispatch.flatOutputs(kinds[i], k, t, v, x);
                    } else {
                        evaluate(schedule[i], t, true);
                    }
                }
            }
        } catch (SimulationException | RuntimeException e) {
            return false; // the generic pass runs again and reports the failure with its component
        }
        // one tight pass over all outputs; the generic pass names the culprit
        boolean finite = allFinite(v, outputSlots);
        flatPass = true;
        return finite;
    }

    /** The output pass through the specialised passes, made when due; false when the generic pass must run. */
    private boolean specialisedOutputs(double t) {
        if (specialised == null) {
            if (--passesBeforeSpecialising >= 0) {
                return false;
            }
            specialised = SpecialisedPasses.create(schedule, stateNodes);
            if (specialised == null) {
                return false;
            }
        }
        try {
            specialised.outputs(t);
            return true;
        } catch (RuntimeException e) {
            return false; // the generic pass runs again and reports the failure with its component
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The derivative pass through the specialised passes if they exist; false when the generic pass must run. */
    private boolean specialisedDerivatives(double t, double[] dx) {
        if (specialised == null) {
            return false;
        }
        try {
            specialised.derivatives(t, dx);
            return true;
        } catch (RuntimeException e) {
            return false; // the generic pass runs again and reports the failure with its component
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** One component's outputs; its states must have been loaded (see {@link #evaluateOutputs}). */
    private static void evaluate(Node n, double t, boolean direct) throws SimulationException {
        n.gatherInputs();
        double[] out = n.outputs;
        try {
            if (direct) {
                BuiltinDispatch.outputs(n.kind, n.own, t, n.inputs, n.states, out);
            } else {
                n.behaviour.outputs(t, n.inputs, n.states, out);
            }
        } catch (RuntimeException e) {
            throw failure(n, "failed to compute its outputs", t, e);
        }
        double[] values = n.values;
        int base = n.outBase;
        for (int o = 0; o < out.length; o++) {
            double v = out[o];
            if (!Double.isFinite(v)) {
                throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type + ") produced "
                        + v + " on output '" + n.outputNames[o] + "' at t = " + t + " s");
            }
            values[base + o] = v;
        }
    }

    /** Outputs at (t, x), then every state derivative into {@code dx}. */
    private void derivatives(double t, double[] x, double[] dx) throws SimulationException {
        if (stageBatches != null && !faults.anyActive()) {
            if (flatStage(t, x, dx)) {
                return;
            }
            if (derivativesCheckedByStep) {
                // an earlier stage may have produced the first bad value: the step again, checked
                throw UncheckedStepFailed.INSTANCE;
            }
        }
        evaluateOutputs(t, x);
        derivativesOfEvaluated(t, x, dx);
    }

    /**
     * Outputs and derivatives through the stage batches; false when something failed (a value not finite, an
     * exception), after which the passes run again and report it.
     */
    private boolean flatStage(double t, double[] x, double[] dx) {
        outputPasses++;
        double[] v = portValues;
        KernelBatches batches = stageBatches;
        if (!constantsCurrent) {
            batches.writeConstants(v);
            constantsCurrent = true;
        }
        try {
            batches.stage(t, v, x, dx);
        } catch (RuntimeException e) {
            return false;
        }
        boolean finite = allFinite(v, outputSlots) && (derivativesCheckedByStep || allFinite(dx, stateCount));
        flatPass = true;
        return finite;
    }

    /** Every state derivative into {@code dx}; the outputs must have been evaluated at (t, x). */
    private void derivativesOfEvaluated(double t, double[] x, double[] dx) throws SimulationException {
        if (stateCount == 0) {
            return; // no component has states (co-simulation FMUs, static models)
        }
        boolean direct = !faults.anyActive();
        if (flatPass) {
            if (direct && flatDerivatives(t, x, dx)) {
                return;
            }
            syncKernelNodes(x);
            for (Node n : stateNodes) {
                n.gatherInputs();
                derivative(n, t, dx, direct);
            }
            return;
        }
        if (direct && specialised != null && specialisedDerivatives(t, dx)) {
            return;
        }
        for (Node n : stateNodes) {
            if (!n.freshInputs) {
                n.gatherInputs();
            }
            derivative(n, t, dx, direct);
        }
    }

    /**
     * The derivative pass after a kernel output pass; false when something failed (a value not finite, an
     * exception), after which the generic pass runs again and reports it.
     */
    private boolean flatDerivatives(double t, double[] x, double[] dx) {
        double[] v = portValues;
        try {
            derivativeBatches.derivatives(t, v, x, dx);
            for (Node n : derivativeOthers) {
                if (!n.freshInputs) {
                    n.gatherInputs();
                }
                derivative(n, t, dx, true);
            }
        } catch (SimulationException | RuntimeException e) {
            return false; // the generic pass runs again and reports the failure with its component
        }
        boolean finite = allFinite(dx, stateCount);
        return finite;
    }

    /** One component's derivatives into dx; its inputs and states must be current. */
    private static void derivative(Node n, double t, double[] dx, boolean direct) throws SimulationException {
        double[] d = n.derivatives;
        try {
            if (direct) {
                BuiltinDispatch.derivatives(n.kind, n.own, t, n.inputs, n.states, d);
            } else {
                n.behaviour.derivatives(t, n.inputs, n.states, d);
            }
        } catch (RuntimeException e) {
            throw failure(n, "failed to compute its derivatives", t, e);
        }
        int base = n.stateOffset;
        for (int s = 0; s < d.length; s++) {
            double v = d[s];
            if (!Double.isFinite(v)) {
                throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type
                        + ") produced " + v + " as the derivative of state '" + n.stateNames.get(s) + "' at t = "
                        + t + " s");
            }
            dx[base + s] = v;
        }
    }

    /** Event indicators at (t, x); the outputs must have been evaluated at (t, x). */
    private void indicators(double t, double[] x, double[] z) throws SimulationException {
        for (Node n : eventNodes) {
            n.gatherInputs();
            n.loadStates(x);
            double[] zi = n.indicators;
            try {
                n.behaviour.eventIndicators(t, n.inputs, n.states, zi);
            } catch (RuntimeException e) {
                throw failure(n, "failed to compute its event indicators", t, e);
            }
            for (int j = 0; j < zi.length; j++) {
                if (!Double.isFinite(zi[j])) {
                    throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type
                            + ") produced " + zi[j] + " as event indicator " + j + " at t = " + t + " s");
                }
            }
            System.arraycopy(zi, 0, z, n.indicatorOffset, zi.length);
        }
    }

    /** Whether a[0..end) holds no infinity and no NaN. */
    static boolean allFinite(double[] a, int end) {
        boolean finite = true;
        for (int i = 0; i < end; i++) {
            finite &= Double.isFinite(a[i]);
        }
        return finite;
    }

    private void checkStates(double t, double[] x) throws SimulationException {
        // one pass over the vector; the names only when something is wrong
        if (allFinite(x, stateCount)) {
            return;
        }
        for (Node n : stateNodes) {
            for (int s = 0; s < n.states.length; s++) {
                double v = x[n.stateOffset + s];
                if (!Double.isFinite(v)) {
                    throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type
                            + ") has state '" + n.stateNames.get(s) + "' = " + v + " at t = " + t + " s");
                }
            }
        }
    }

    private static SimulationException failure(Node n, String what, double t, RuntimeException e) {
        return new SimulationException(Kind.RUNTIME,
                "component '" + n.name + "' (" + n.type + ") " + what + " at t = " + t + " s: " + e, e);
    }

    private String stateLabel(int index) {
        for (Node n : stateNodes) {
            if (index >= n.stateOffset && index < n.stateOffset + n.states.length) {
                return "state '" + n.stateNames.get(index - n.stateOffset) + "' of component '" + n.name + "'";
            }
        }
        return "state " + index;
    }

    // ----------------------------------------------------------------------------------------------------------

    /**
     * A running simulation that advances on request: {@link #advanceTo}, read any port with {@link #value}, set
     * unconnected inputs with {@link #setInput} (an input event). Values are recorded on the output grid only when the
     * session belongs to {@link Simulation#run()}; listeners see every grid point either way.
     */
    public final class Session implements AutoCloseable {
        // Invariant between calls: t, x and every component's outputs belong together (outputs evaluated at (t, x)).

        private static final double SAFETY = 0.9;
        private static final double MIN_FACTOR = 0.2;
        private static final double MAX_FACTOR = 5;

        private final boolean recording;
        private double[] times;
        /** Recorded rows in blocks (see {@link SimulationResult}): no allocation per grid point, no copying. */
        private double[][] blocks;
        /** The unconnected inputs at the first recorded row (see {@link #record}). */
        private double[] fixedAtStart;
        private int rowCount;
        private final double[] listenerRow;
        private double t;
        private double[] x;
        private double[] xNew;
        private final double[] xTmp;
        private double[] k1;
        private final double[] k2;
        private final double[] k3;
        private final double[] k4;
        private final double[] k5;
        private final double[] k6;
        private double[] k7;
        private final double[] rc1;
        private final double[] rc2;
        private final double[] rc3;
        private final double[] rc4;
        private final double[] rc5;
        private double denseStart;
        private double denseLength;
        private double h = Double.NaN;
        private boolean fsal;
        private int worstState = -1;
        private double[] zPrev;
        private double[] zNew;
        private final double[] zL;
        private final double[] zR;
        private double[] zM;
        private final byte[] side;
        private double nextTimeEvent = Double.POSITIVE_INFINITY;
        private long gridIndex;
        private long accepted;
        private long rejected;
        private long derivativeCalls;
        /**
         * k1 holds the derivatives at (aheadTime, x), computed with the outputs at the end of the last step, if no
         * output pass ran since (hooks that changed something, events and set inputs all evaluate the outputs again).
         */
        private long aheadPass = -1;
        private double aheadTime;
        /** The fixed step left the outputs at its end to the pass after the step hooks. */
        private boolean outputsAfterHooksOnly;
        /** The fixed step found its new states finite: {@link #accept} checks them only if a hook changed them. */
        private boolean newStatesFinite;
        private long eventCount;
        private final List<SimulationEvent> events = new ArrayList<>();
        private double lastEventTime = Double.NEGATIVE_INFINITY;
        private int burst;
        private long wallNanos;
        private boolean closed;
        private StepObserver observer;
        private boolean stopRequested;

        private Session(boolean recording, int expectedRows) {
            this.recording = recording;
            this.times = new double[recording ? Math.max(16, expectedRows) : 0];
            this.blocks = recording ? new double[Math.max(1, (expectedRows >> SimulationResult.BLOCK_SHIFT) + 1)][]
                    : null;
            this.listenerRow = listeners.isEmpty() ? null : new double[signals.size()];
            int n = stateCount;
            boolean rk4 = solver == Solver.RK4;
            boolean dopri = solver == Solver.DOPRI5;
            x = new double[n];
            xNew = new double[n];
            xTmp = new double[n];
            k1 = new double[n];
            k2 = rk4 || dopri ? new double[n] : null;
            k3 = rk4 || dopri ? new double[n] : null;
            k4 = rk4 || dopri ? new double[n] : null;
            k5 = dopri ? new double[n] : null;
            k6 = dopri ? new double[n] : null;
            k7 = dopri ? new double[n] : null;
            rc1 = dopri ? new double[n] : null;
            rc2 = dopri ? new double[n] : null;
            rc3 = dopri ? new double[n] : null;
            rc4 = dopri ? new double[n] : null;
            rc5 = dopri ? new double[n] : null;
            int m = indicatorCount;
            zPrev = new double[m];
            zNew = new double[m];
            zL = new double[m];
            zR = new double[m];
            zM = new double[m];
            side = new byte[m];
        }

        /** Initial states, outputs, indicator signs and time events at t = 0; records the first row. */
        private void begin() throws SimulationException {
            long wall = System.nanoTime();
            initialize(x);
            if (indicatorCount > 0) {
                indicators(0, x, zPrev);
                takeSides(zPrev);
            }
            nextTimeEvent = nextTimeEvent(0);
            record(0);
            fixedAtStart = Arrays.copyOfRange(portValues, outputSlots, portValues.length);
            wallNanos += System.nanoTime() - wall;
        }

        /** The current simulated time in seconds. */
        public double time() {
            return t;
        }

        /**
         * The current value of {@code component.port}: an output, or an input (its driver's value converted, else its
         * start value or what {@link #setInput} set).
         */
        public double value(String port) {
            int[] ref = ref(port);
            Node n = nodes.get(ref[0]);
            // the port values: current also where a kernel wrote them directly
            if (ref[1] == 0) {
                return portValues[n.outBase + ref[2]];
            }
            int i = ref[2];
            Node d = n.drivers[i];
            return d == null ? n.inputStarts[i]
                    : n.scale[i] * portValues[d.outBase + n.driverOutput[i]] + n.offset[i];
        }

        /**
         * Sets an unconnected input from outside (overriding its start value) at the current time. A changed value is
         * an input event: behaviours see it at once through {@code handleEvent}.
         */
        public void setInput(String port, double v) throws SimulationException {
            checkOpen();
            int[] ref = ref(port);
            Node n = nodes.get(ref[0]);
            if (ref[1] != 1) {
                throw new IllegalArgumentException("'" + port + "' is an output; only unconnected inputs can be set");
            }
            if (n.drivers[ref[2]] != null) {
                Node d = n.drivers[ref[2]];
                throw new IllegalArgumentException("input '" + port + "' is connected to '" + d.name + "."
                        + d.outputNames[n.driverOutput[ref[2]]] + "'; only unconnected inputs can be set");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("input '" + port + "' cannot be set to " + v);
            }
            if (n.inputStarts[ref[2]] == v) {
                return;
            }
            long wall = System.nanoTime();
            n.inputStarts[ref[2]] = v;
            n.values[n.inputSlot[ref[2]]] = v;
            n.inputs[ref[2]] = v;
            handleEvents(SimulationEvent.Kind.INPUT, List.of(n.name));
            wallNanos += System.nanoTime() - wall;
        }

        private int[] ref(String port) {
            int[] ref = portRefs.get(port);
            if (ref == null) {
                throw new IllegalArgumentException("no port '" + port + "' (expected component.port)");
            }
            return ref;
        }

        /** Events handled so far (at most the first {@value Simulation#MAX_LISTED_EVENTS}). */
        public List<SimulationEvent> events() {
            return Collections.unmodifiableList(events);
        }

        public long eventCount() {
            return eventCount;
        }

        public long acceptedSteps() {
            return accepted;
        }

        public long rejectedSteps() {
            return rejected;
        }

        public long derivativeEvaluations() {
            return derivativeCalls;
        }

        /**
         * Sets (or with null removes) the observer told about every step, grid point and event instant from now on;
         * when it asks to stop, {@link #advanceTo} returns early at the next consistent instant.
         */
        public void observe(StepObserver stepObserver) {
            this.observer = stepObserver;
        }

        private void notifyObserver(double time, StepObserver.Point point) {
            if (observer != null && observer.observe(time, point)) {
                stopRequested = true;
            }
        }

        /**
         * Advances to {@code target} (at or after the current time), handling every event on the way. With a
         * {@link #observe StepObserver} that asks to stop, returns earlier, at the end of the step (and its events)
         * where it asked.
         */
        public void advanceTo(double target) throws SimulationException {
            checkOpen();
            if (!(target >= t) || Double.isInfinite(target)) {
                throw new IllegalArgumentException("cannot advance from t = " + t + " s to " + target + " s");
            }
            long wall = System.nanoTime();
            boolean fixed = solver != Solver.DOPRI5;
            stopRequested = false;
            while (true) {
                if (nextTimeEvent <= t) {
                    handleEvents(SimulationEvent.Kind.TIME, timeEventSources());
                    recordIfOnGrid();
                    continue;
                }
                if (t >= target || stopRequested) {
                    stopRequested = false;
                    break;
                }
                double gridNext = (gridIndex + 1) * stepSize;
                double tEnd = target;
                if (fixed && gridNext < tEnd) {
                    tEnd = gridNext;
                }
                if (nextTimeEvent < tEnd) {
                    tEnd = nextTimeEvent;
                }
                if (fixed) {
                    fixedStep(tEnd);
                } else {
                    dopriStep(tEnd);
                }
                if (nextTimeEvent > t) {
                    recordIfOnGrid();
                }
            }
            wallNanos += System.nanoTime() - wall;
        }

        /** What was recorded (only for the session of {@link Simulation#run()}). */
        SimulationResult result() {
            double[] fixed = Arrays.copyOfRange(portValues, outputSlots, portValues.length);
            if (!Arrays.equals(fixed, fixedAtStart)) {
                throw new IllegalStateException("an unconnected input changed during a recorded run");
            }
            return new SimulationResult(signals, Arrays.copyOf(times, rowCount), blocks, outputSlots, fixed,
                    accepted, rejected, derivativeCalls, eventCount, events, wallNanos);
        }

        /** Releases what behaviours hold outside the heap (native FMU instances); the session cannot go on after. */
        @Override
        public void close() throws SimulationException {
            if (closed) {
                return;
            }
            closed = true;
            RuntimeException first = null;
            Node failed = null;
            for (Node n : nodes) {
                try {
                    n.behaviour.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                        failed = n;
                    }
                }
            }
            if (first != null) {
                throw failure(failed, "failed to close", t, first);
            }
        }

        private void closeQuietly() {
            try {
                close();
            } catch (SimulationException e) {
                // the failure that made us close is the one to report
            }
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the session is closed");
            }
        }

        // ------------------------------------------------------------------------------------------------------
        // Recording on the output grid

        private void recordIfOnGrid() {
            if (t == (gridIndex + 1) * stepSize) {
                gridIndex++;
                record(t);
            }
        }

        private void record(double time) {
            if (recording) {
                int r = rowCount;
                if (r == times.length) {
                    times = Arrays.copyOf(times, r * 2);
                }
                times[r] = time;
                int b = r >> SimulationResult.BLOCK_SHIFT;
                if (b == blocks.length) {
                    blocks = Arrays.copyOf(blocks, b * 2);
                }
                double[] block = blocks[b];
                int width = outputSlots;
                if (block == null) {
                    block = blocks[b] = new double[SimulationResult.BLOCK_ROWS * width];
                }
                // outputs only: the unconnected inputs after them cannot change in a recorded run (no setInput)
                System.arraycopy(portValues, 0, block, (r & (SimulationResult.BLOCK_ROWS - 1)) * width, width);
                rowCount = r + 1;
            }
            if (listenerRow != null) {
                fillRow(listenerRow);
                notifyListeners(gridIndex, time, listenerRow);
            }
        }

        private void fillRow(double[] row) {
            System.arraycopy(portValues, 0, row, 0, row.length);
        }

        private void notifyListeners(long step, double time, double[] row) {
            for (SimulationListener l : listeners) {
                l.stepCompleted(step, time, row);
            }
        }

        // ------------------------------------------------------------------------------------------------------
        // Initialisation

        /**
         * Initial states: each behaviour initialises from the inputs known so far; repeated (at most once per
         * component) until the states no longer change, so that chains such as tank → sensor start consistent.
         */
        private void initialize(double[] x0) throws SimulationException {
            constantsCurrent = false;
            for (int pass = 0; pass <= nodes.size(); pass++) {
                double[] before = x0.clone();
                for (Node n : initOrder) {
                    n.gatherInputs();
                    n.loadStates(x0);
                    try {
                        n.behaviour.initialize(n.inputs, n.states);
                        n.storeStates(x0);
                        n.behaviour.outputs(0, n.inputs, n.states, n.outputs);
                        n.publishOutputs();
                    } catch (RuntimeException e) {
                        throw failure(n, "failed to initialise", 0, e);
                    }
                }
                if (pass > 0 && Arrays.equals(before, x0)) {
                    break;
                }
            }
            evaluateOutputs(0, x0);
            checkStates(0, x0);
        }

        // ------------------------------------------------------------------------------------------------------
        // Fixed-step solvers

        /** One Euler or RK4 step from t to tEnd, shortened to the first state event inside it. */
        private void fixedStep(double tEnd) throws SimulationException {
            double t0 = t;
            double hs = t0 == gridIndex * stepSize && tEnd == (gridIndex + 1) * stepSize ? stepSize : tEnd - t0;
            // between steps the outputs are always those at (t, x): no need to evaluate them again
            if (aheadPass != outputPasses || aheadTime != t0) {
                derivativesOfEvaluated(t0, x, k1);
            }
            derivativeCalls++;
            // faults change only at step boundaries and events: the stage passes of this step run as decided here
            boolean staged = indicatorCount == 0 && stageBatches != null && !faults.anyActive();
            boolean again;
            derivativesCheckedByStep = staged;
            try {
                integrateFixed(t0, hs, tEnd, xNew);
                again = staged && !allFinite(xNew, stateCount);
            } catch (UncheckedStepFailed e) {
                again = true;
            } finally {
                derivativesCheckedByStep = false;
            }
            newStatesFinite = staged && !again;
            if (again) {
                // some derivative (or the sum) was not finite: the step again with every pass checked, which reports
                // the component at the first failing stage as before; if none fails, checkStates reports the state
                evaluateOutputs(t0, x);
                derivativesOfEvaluated(t0, x, k1);
                integrateFixed(t0, hs, tEnd, xNew);
            }
            double t1 = tEnd;
            // without event indicators k1 is not needed again in this step: the end's outputs and the next step's
            // k1 (checked by the next step) in one stage pass
            derivativesCheckedByStep = staged;
            boolean ahead;
            try {
                ahead = staged && flatStage(t1, xNew, k1);
            } finally {
                derivativesCheckedByStep = false;
            }
            if (ahead) {
                aheadPass = outputPasses;
                aheadTime = t1;
            } else if (hooksNeedNoPassBefore && !faults.anyActive() && faults.passThroughAt(t1)) {
                outputsAfterHooksOnly = true; // accept evaluates them after the hooks
            } else {
                evaluateOutputs(t1, xNew);
            }
            List<String> crossed = null;
            if (indicatorCount > 0) {
                indicators(t1, xNew, zNew);
                if (anyCrossed(zNew)) {
                    t1 = locate(t0, t1);
                    integrateFixed(t0, t1 - t0, t1, xNew);
                    evaluateOutputs(t1, xNew);
                    indicators(t1, xNew, zNew);
                    crossed = crossedComponents(zNew);
                }
            }
            accept(t1, crossed);
        }

        /** States at t0 + hs from x into out; k1 must hold the derivatives at (t0, x). */
        private void integrateFixed(double t0, double hs, double tEnd, double[] out) throws SimulationException {
            int n = stateCount;
            double[] x0 = x;
            if (solver == Solver.RK4) {
                double half = t0 + 0.5 * hs;
                for (int s = 0; s < n; s++) {
                    out[s] = x0[s] + 0.5 * hs * k1[s];
                }
                derivatives(half, out, k2);
                for (int s = 0; s < n; s++) {
                    out[s] = x0[s] + 0.5 * hs * k2[s];
                }
                derivatives(half, out, k3);
                for (int s = 0; s < n; s++) {
                    out[s] = x0[s] + hs * k3[s];
                }
                derivatives(tEnd, out, k4);
                derivativeCalls += 3;
                for (int s = 0; s < n; s++) {
                    out[s] = x0[s] + hs / 6 * (k1[s] + 2 * k2[s] + 2 * k3[s] + k4[s]);
                }
            } else {
                for (int s = 0; s < n; s++) {
                    out[s] = x0[s] + hs * k1[s];
                }
            }
        }

        // ------------------------------------------------------------------------------------------------------
        // Dormand-Prince 5(4)

        private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
        private static final double A21 = 1.0 / 5;
        private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
        private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
        private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561,
                A54 = -212.0 / 729;
        private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
                A65 = -5103.0 / 18656;
        private static final double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784,
                A76 = 11.0 / 84;
        // difference between the 5th and the embedded 4th order weights
        private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
                E6 = 22.0 / 525, E7 = -1.0 / 40;
        // continuous extension (dense output of order 4)
        private static final double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
                D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
                D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;

        /** One accepted adaptive step from t towards tEnd (never past it), after as many rejections as needed. */
        private void dopriStep(double tEnd) throws SimulationException {
            int n = stateCount;
            double t0 = t;
            double[] x0 = x;
            if (!fsal) {
                derivativesOfEvaluated(t0, x0, k1);
                derivativeCalls++;
                fsal = true;
            }
            double hMax = maxStepSize;
            if (!(h > 0)) {
                h = initialStep(tEnd, hMax);
            }
            boolean rejectedBefore = false;
            double hs;
            double err;
            boolean reachesEnd;
            while (true) {
                hs = Math.min(h, hMax);
                reachesEnd = t0 + 1.01 * hs >= tEnd;
                if (reachesEnd) {
                    hs = tEnd - t0;
                }
                double tStageEnd = reachesEnd ? tEnd : t0 + hs;
                for (int s = 0; s < n; s++) {
                    xTmp[s] = x0[s] + hs * A21 * k1[s];
                }
                derivatives(t0 + C2 * hs, xTmp, k2);
                for (int s = 0; s < n; s++) {
                    xTmp[s] = x0[s] + hs * (A31 * k1[s] + A32 * k2[s]);
                }
                derivatives(t0 + C3 * hs, xTmp, k3);
                for (int s = 0; s < n; s++) {
                    xTmp[s] = x0[s] + hs * (A41 * k1[s] + A42 * k2[s] + A43 * k3[s]);
                }
                derivatives(t0 + C4 * hs, xTmp, k4);
                for (int s = 0; s < n; s++) {
                    xTmp[s] = x0[s] + hs * (A51 * k1[s] + A52 * k2[s] + A53 * k3[s] + A54 * k4[s]);
                }
                derivatives(t0 + C5 * hs, xTmp, k5);
                for (int s = 0; s < n; s++) {
                    xTmp[s] = x0[s] + hs * (A61 * k1[s] + A62 * k2[s] + A63 * k3[s] + A64 * k4[s] + A65 * k5[s]);
                }
                derivatives(tStageEnd, xTmp, k6);
                for (int s = 0; s < n; s++) {
                    xNew[s] = x0[s] + hs * (A71 * k1[s] + A73 * k3[s] + A74 * k4[s] + A75 * k5[s] + A76 * k6[s]);
                }
                derivatives(tStageEnd, xNew, k7);
                derivativeCalls += 6;
                double sum = 0;
                double worst = -1;
                for (int s = 0; s < n; s++) {
                    double e = hs * (E1 * k1[s] + E3 * k3[s] + E4 * k4[s] + E5 * k5[s] + E6 * k6[s] + E7 * k7[s]);
                    double sk = absoluteTolerance + relativeTolerance * Math.max(Math.abs(x0[s]), Math.abs(xNew[s]));
                    double q = (e / sk) * (e / sk);
                    sum += q;
                    if (q > worst || Double.isNaN(q) && !Double.isNaN(worst)) {
                        worst = q;
                        worstState = s;
                    }
                }
                err = n == 0 ? 0 : Math.sqrt(sum / n);
                if (err <= 1) {
                    break;
                }
                rejected++;
                rejectedBefore = true;
                // an overflowing trial (err infinite or NaN) shrinks like the worst finite error
                h = hs * (Double.isFinite(err) ? Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -0.2)) : MIN_FACTOR);
                double hMin = 1e-12 * Math.max(1, Math.abs(t0));
                if (h < hMin) {
                    throw new SimulationException(Kind.RUNTIME, "dopri5 cannot meet the tolerance (relative "
                            + relativeTolerance + ", absolute " + absoluteTolerance + ") at t = " + t0
                            + " s: the step size fell to " + h + " s, below the minimum " + hMin + " s; "
                            + stateLabel(worstState) + " (value " + x0[worstState] + ") would not converge");
                }
            }
            double t1 = reachesEnd ? tEnd : t0 + hs;
            for (int s = 0; s < n; s++) {
                double diff = xNew[s] - x0[s];
                double bspl = hs * k1[s] - diff;
                rc1[s] = x0[s];
                rc2[s] = diff;
                rc3[s] = bspl;
                rc4[s] = diff - hs * k7[s] - bspl;
                rc5[s] = hs * (D1 * k1[s] + D3 * k3[s] + D4 * k4[s] + D5 * k5[s] + D6 * k6[s] + D7 * k7[s]);
            }
            denseStart = t0;
            denseLength = hs;
            // the outputs are those of the last stage, at (t1, xNew)
            List<String> crossed = null;
            if (indicatorCount > 0) {
                indicators(t1, xNew, zNew);
                if (anyCrossed(zNew)) {
                    t1 = locate(t0, t1);
                    interpolate(t1, xNew);
                    evaluateOutputs(t1, xNew);
                    indicators(t1, xNew, zNew);
                    crossed = crossedComponents(zNew);
                    fsal = false;
                }
            }
            // grid points inside the step, from the continuous extension
            boolean moved = false;
            double tg;
            while ((tg = (gridIndex + 1) * stepSize) < t1) {
                interpolate(tg, xTmp);
                evaluateOutputs(tg, xTmp);
                gridIndex++;
                record(tg);
                notifyObserver(tg, StepObserver.Point.GRID);
                moved = true;
            }
            if (moved) {
                evaluateOutputs(t1, xNew);
            }
            double factor = err == 0 ? MAX_FACTOR
                    : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -0.2)));
            if (rejectedBefore) {
                factor = Math.min(1, factor);
            }
            double proposal = hs * factor;
            // a step cut short to reach tEnd says nothing against the longer step proposed before
            h = reachesEnd && !rejectedBefore && factor >= 1 ? Math.max(h, proposal) : proposal;
            if (fsal) {
                double[] swap = k1;
                k1 = k7;
                k7 = swap;
            }
            accept(t1, crossed);
        }

        /** Hairer's starting step: from the sizes of x, f(x) and a first difference of f. */
        private double initialStep(double tEnd, double hMax) throws SimulationException {
            int n = stateCount;
            if (n == 0) {
                return Math.min(hMax, stepSize);
            }
            double d0 = 0;
            double d1 = 0;
            for (int s = 0; s < n; s++) {
                double sk = absoluteTolerance + relativeTolerance * Math.abs(x[s]);
                d0 += (x[s] / sk) * (x[s] / sk);
                d1 += (k1[s] / sk) * (k1[s] / sk);
            }
            d0 = Math.sqrt(d0 / n);
            d1 = Math.sqrt(d1 / n);
            double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
            h0 = Math.min(h0, hMax);
            for (int s = 0; s < n; s++) {
                xTmp[s] = x[s] + h0 * k1[s];
            }
            derivatives(t + h0, xTmp, k2);
            derivativeCalls++;
            double d2 = 0;
            for (int s = 0; s < n; s++) {
                double sk = absoluteTolerance + relativeTolerance * Math.abs(x[s]);
                double q = (k2[s] - k1[s]) / sk;
                d2 += q * q;
            }
            d2 = Math.sqrt(d2 / n) / h0;
            double m = Math.max(d1, d2);
            double h1 = m <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / m, 0.2);
            return Math.min(Math.min(100 * h0, h1), hMax);
        }

        private void interpolate(double time, double[] out) {
            double theta = (time - denseStart) / denseLength;
            double theta1 = 1 - theta;
            for (int s = 0; s < stateCount; s++) {
                out[s] = rc1[s] + theta * (rc2[s] + theta1 * (rc3[s] + theta * (rc4[s] + theta1 * rc5[s])));
            }
        }

        // ------------------------------------------------------------------------------------------------------
        // Accepting a step, state events, event iteration

        /** Takes xNew at t1 as the new state, runs the step hooks, then handles a located or hook-caused event. */
        private void accept(double t1, List<String> crossed) throws SimulationException {
            double[] swap = x;
            x = xNew;
            xNew = swap;
            t = t1;
            accepted++;
            // faults with work at this boundary (queued changes, draws) need every component's wrapper called
            boolean faultWork = faults.stepWorkPending();
            if (outputsAfterHooksOnly) {
                outputsAfterHooksOnly = false;
                if (faultWork) {
                    evaluateOutputs(t1, x); // a fault change was queued meanwhile: every hook reads the outputs
                }
            }
            Node[] hooked = faultWork ? allNodes : hookNodes;
            boolean changedByHooks = false;
            if (hooked.length > 0) {
                boolean changed = faultWork;
                boolean kernels = flatPass;
                if (!faultWork && levelStops != null && faults.passThroughAt(t1)) {
                    // the tanks' hooks on x in place: their wrappers would only delegate
                    changed |= levelStops.apply(x);
                    hooked = otherHooks;
                }
                for (Node n : hooked) {
                    // the states are loaded (kernels aside): the last evaluation was at (t1, the new x)
                    n.gatherInputs();
                    if (kernels && n.flat != null) {
                        n.loadStates(x);
                    }
                    try {
                        n.behaviour.stepCompleted(t1, n.inputs, n.states);
                    } catch (RuntimeException e) {
                        throw failure(n, "failed after the step", t1, e);
                    }
                    changed |= n.storeStatesChanged(x) | n.hookUpdatesHeldValues;
                }
                changedByHooks = changed;
                // without a change the outputs (and dopri5's last stage) still belong to (t1, x)
                if (changed) {
                    fsal = false;
                    evaluateOutputs(t1, x);
                    if (indicatorCount > 0) {
                        indicators(t1, x, zNew);
                    }
                }
                if (faultWork) {
                    // faults injected now with a start time are time events from here on
                    nextTimeEvent = nextTimeEvent(t1);
                }
            }
            if (!newStatesFinite || changedByHooks) {
                checkStates(t1, x);
            }
            newStatesFinite = false;
            notifyObserver(t1, StepObserver.Point.STEP);
            if (indicatorCount > 0) {
                if (crossed == null && anyCrossed(zNew)) {
                    // a held value changed after the step (noise, projection): the event is at the step's end
                    crossed = crossedComponents(zNew);
                }
                if (crossed != null) {
                    handleEvents(SimulationEvent.Kind.STATE, crossed);
                } else {
                    double[] swapZ = zPrev;
                    zPrev = zNew;
                    zNew = swapZ;
                    takeSides(zPrev);
                }
            }
        }

        private boolean anyCrossed(double[] z) {
            for (int j = 0; j < z.length; j++) {
                if (side[j] > 0 ? z[j] < 0 : side[j] < 0 && z[j] > 0) {
                    return true;
                }
            }
            return false;
        }

        /** Remembers each indicator's sign; a zero keeps the side it was on before. */
        private void takeSides(double[] z) {
            for (int j = 0; j < z.length; j++) {
                if (z[j] > 0) {
                    side[j] = 1;
                } else if (z[j] < 0) {
                    side[j] = -1;
                }
            }
        }

        private List<String> crossedComponents(double[] z) {
            List<String> names = new ArrayList<>();
            for (Node n : eventNodes) {
                for (int j = n.indicatorOffset; j < n.indicatorOffset + n.indicatorCount; j++) {
                    if (side[j] > 0 ? z[j] < 0 : side[j] < 0 && z[j] > 0) {
                        names.add(n.name);
                        break;
                    }
                }
            }
            return names;
        }

        /**
         * The first crossing in (tl, tr]: regula falsi (Illinois: the value of an end kept twice in a row is halved)
         * on the earliest estimate among the crossing indicators, a bisection every fifth iteration, until the
         * bracket is within the event tolerance. Returns the right end (the crossing has happened there).
         */
        private double locate(double tl, double tr) throws SimulationException {
            int m = indicatorCount;
            System.arraycopy(zPrev, 0, zL, 0, m);
            System.arraycopy(zNew, 0, zR, 0, m);
            double wl = 1;
            double wr = 1;
            int kept = 0;
            for (int iteration = 0; iteration < 400; iteration++) {
                double tol = Math.max(eventTolerance, 4 * Math.ulp(tr));
                if (tr - tl <= tol) {
                    break;
                }
                double tm = tr;
                if (iteration % 5 == 4) {
                    tm = 0.5 * (tl + tr);
                } else {
                    for (int j = 0; j < m; j++) {
                        if (side[j] > 0 ? zR[j] < 0 : side[j] < 0 && zR[j] > 0) {
                            double a = wl * zL[j];
                            double b = wr * zR[j];
                            double estimate = a == b ? 0.5 * (tl + tr) : tl + (tr - tl) * (a / (a - b));
                            tm = Math.min(tm, estimate);
                        }
                    }
                }
                tm = Math.max(tl + 0.5 * tol, Math.min(tr - 0.5 * tol, tm));
                statesAt(tm, xTmp);
                evaluateOutputs(tm, xTmp);
                indicators(tm, xTmp, zM);
                if (anyCrossed(zM)) {
                    tr = tm;
                    System.arraycopy(zM, 0, zR, 0, m);
                    wr = 1;
                    wl = kept < 0 ? wl * 0.5 : 1;
                    kept = -1;
                } else {
                    tl = tm;
                    System.arraycopy(zM, 0, zL, 0, m);
                    wl = 1;
                    wr = kept > 0 ? wr * 0.5 : 1;
                    kept = 1;
                }
            }
            return tr;
        }

        /** States at time tm inside the current step (its continuous extension, or a shorter fixed step). */
        private void statesAt(double tm, double[] out) throws SimulationException {
            if (solver == Solver.DOPRI5) {
                interpolate(tm, out);
            } else {
                integrateFixed(t, tm - t, tm, out);
            }
        }

        /**
         * Event iteration at the current time: every behaviour handles the event, outputs are re-evaluated, until no
         * behaviour reports a change. Then new indicator signs and the next time event.
         */
        private void handleEvents(SimulationEvent.Kind kind, List<String> sources) throws SimulationException {
            evaluateOutputs(t, x);
            List<String> changing = new ArrayList<>();
            for (int round = 0;; round++) {
                changing.clear();
                for (Node n : nodes) {
                    n.gatherInputs();
                    n.loadStates(x);
                    boolean changed;
                    try {
                        changed = n.behaviour.handleEvent(t, n.inputs, n.states);
                    } catch (RuntimeException e) {
                        throw failure(n, "failed to handle an event", t, e);
                    }
                    n.storeStates(x);
                    if (changed) {
                        changing.add(n.name);
                    }
                }
                if (changing.isEmpty()) {
                    break;
                }
                evaluateOutputs(t, x);
                if (round + 1 >= MAX_EVENT_ITERATIONS) {
                    throw new SimulationException(Kind.RUNTIME, "the " + kind.name().toLowerCase() + " event at t = "
                            + t + " s from " + String.join(", ", sources) + " does not settle: after "
                            + MAX_EVENT_ITERATIONS + " rounds of event iteration " + String.join(", ", changing)
                            + " still report a change (an event that keeps re-triggering itself)");
                }
            }
            checkStates(t, x);
            eventCount++;
            if (events.size() < MAX_LISTED_EVENTS) {
                events.add(new SimulationEvent(t, kind, sources));
            }
            // inputs set from outside may come several at one instant; only the model's own events can chatter
            if (kind == SimulationEvent.Kind.INPUT) {
                burst = 0;
            } else if (t - lastEventTime <= 10 * Math.max(eventTolerance, 4 * Math.ulp(t))) {
                if (++burst >= MAX_EVENT_BURST) {
                    throw new SimulationException(Kind.RUNTIME, "events accumulate at t = " + t + " s: "
                            + MAX_EVENT_BURST + " events each within " + 10 * eventTolerance
                            + " s of the last, the latest from " + String.join(", ", sources)
                            + " (chattering or Zeno behaviour)");
                }
            } else {
                burst = 0;
            }
            lastEventTime = t;
            if (indicatorCount > 0) {
                indicators(t, x, zPrev);
                takeSides(zPrev);
            }
            nextTimeEvent = nextTimeEvent(t);
            fsal = false;
            notifyObserver(t, StepObserver.Point.EVENT);
        }

        private double nextTimeEvent(double time) throws SimulationException {
            double next = Double.POSITIVE_INFINITY;
            for (Node n : nodes) {
                double te;
                try {
                    te = n.behaviour.nextTimeEvent(time);
                } catch (RuntimeException e) {
                    throw failure(n, "failed to announce its next time event", time, e);
                }
                if (Double.isNaN(te)) {
                    throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type
                            + ") announced a time event at NaN after t = " + time + " s");
                }
                next = Math.min(next, te);
            }
            return next;
        }

        private List<String> timeEventSources() throws SimulationException {
            List<String> names = new ArrayList<>();
            for (Node n : nodes) {
                if (n.behaviour.nextTimeEvent(t) <= t) {
                    names.add(n.name);
                }
            }
            if (names.isEmpty()) {
                // announced for now, but asked again the behaviours no longer name this instant
                for (Node n : nodes) {
                    if (n.behaviour.nextTimeEvent(Math.nextDown(t)) <= t) {
                        names.add(n.name);
                    }
                }
            }
            return names;
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Algebraic loops

    /**
     * A strongly connected set of feedthrough outputs, solved by tearing: the torn outputs g are guessed, the other
     * outputs of the loop evaluated in order from them, and the torn outputs' own components evaluated last give
     * F(g). Newton's method on {@code F(g) − g = 0} with a forward-difference Jacobian and a halving line search, warm
     * started from the last solution; the last Jacobian's factorisation is reused while its step halves the residual.
     */
    private static final class Loop {

        final String description;
        final Node[] sequence;
        /** Per entry of {@link #sequence}: the tear variables of that component to put back after evaluating it. */
        final int[][] reimpose;
        final Node[] finalNodes;
        final Node[] tearNode;
        final int[] tearOutput;
        final double[] g;
        final double[] f;
        final double[] r;
        final double[] gTrial;
        final double[] fTrial;
        final double[] rTrial;
        final double[] jacobian;
        final double[] lu;
        final int[] permutation;
        final double[] delta;
        boolean factorised;
        long iterations;

        Loop(String description, Node[] sequence, int[][] reimpose, Node[] finalNodes, Node[] tearNode,
                int[] tearOutput) {
            this.description = description;
            this.sequence = sequence;
            this.reimpose = reimpose;
            this.finalNodes = finalNodes;
            this.tearNode = tearNode;
            this.tearOutput = tearOutput;
            int m = tearNode.length;
            g = new double[m];
            f = new double[m];
            r = new double[m];
            gTrial = new double[m];
            fTrial = new double[m];
            rTrial = new double[m];
            jacobian = new double[m * m];
            lu = new double[m * m];
            permutation = new int[m];
            delta = new double[m];
        }

        String tearNames() {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < tearNode.length; k++) {
                names.add(tearNode[k].name + "." + tearNode[k].outputNames[tearOutput[k]]);
            }
            return String.join(", ", names);
        }

        /** F(guess) into out; leaves every output of the loop evaluated from the guess. */
        private void evaluateFrom(double[] guess, double[] out, double t, double[] x) throws SimulationException {
            int m = guess.length;
            for (int k = 0; k < m; k++) {
                tearNode[k].setOutput(tearOutput[k], guess[k]);
            }
            for (int i = 0; i < sequence.length; i++) {
                evaluate(sequence[i], t, false);
                for (int k : reimpose[i]) {
                    tearNode[k].setOutput(tearOutput[k], guess[k]);
                }
            }
            for (Node n : finalNodes) {
                evaluate(n, t, false);
            }
            for (int k = 0; k < m; k++) {
                out[k] = tearNode[k].outputs[tearOutput[k]];
            }
        }

        void solve(double t, double[] x) throws SimulationException {
            int m = g.length;
            evaluateFrom(g, f, t, x);
            double norm = residual(g, f, r);
            if (within(g, r, 1e-14)) {
                return;
            }
            // the last factorised Jacobian is tried first (chord step); a fresh one when it does not halve the residual
            boolean fresh = !factorised;
            for (int iteration = 0;; iteration++) {
                if (iteration == MAX_LOOP_ITERATIONS) {
                    throw failure(t, "did not converge after " + MAX_LOOP_ITERATIONS + " Newton iterations");
                }
                iterations++;
                if (fresh) {
                    for (int k = 0; k < m; k++) {
                        double saved = g[k];
                        double step = 1e-7 * Math.max(1, Math.abs(saved));
                        g[k] = saved + step;
                        evaluateFrom(g, fTrial, t, x);
                        for (int i = 0; i < m; i++) {
                            jacobian[i * m + k] = ((fTrial[i] - g[i]) - r[i]) / step;
                        }
                        g[k] = saved;
                    }
                    factorised = factorise(m);
                    if (!factorised) {
                        evaluateFrom(g, f, t, x);
                        throw failure(t, "has no solution iteration can find: the residual does not change with the "
                                + "torn outputs (singular Jacobian)");
                    }
                }
                substitute(m);
                double lambda = 1;
                double trialNorm;
                while (true) {
                    for (int k = 0; k < m; k++) {
                        gTrial[k] = g[k] + lambda * delta[k];
                    }
                    evaluateFrom(gTrial, fTrial, t, x);
                    trialNorm = residual(gTrial, fTrial, rTrial);
                    if (!fresh || trialNorm < norm || lambda < 1.0 / 64) {
                        break;
                    }
                    lambda *= 0.5;
                }
                if (!fresh && !(trialNorm <= 0.5 * norm)) {
                    fresh = true;
                    continue;
                }
                double largestStep = 0;
                for (int k = 0; k < m; k++) {
                    largestStep = Math.max(largestStep, Math.abs(lambda * delta[k]) / (1 + Math.abs(gTrial[k])));
                }
                System.arraycopy(gTrial, 0, g, 0, m);
                System.arraycopy(fTrial, 0, f, 0, m);
                System.arraycopy(rTrial, 0, r, 0, m);
                norm = trialNorm;
                // converged: the residual vanishes, or Newton's correction is negligible and the residual small
                if (within(g, r, 1e-14) || largestStep <= LOOP_TOLERANCE && within(g, r, 1e-8)) {
                    return;
                }
            }
        }

        private static double residual(double[] guess, double[] value, double[] out) {
            double norm = 0;
            for (int k = 0; k < guess.length; k++) {
                out[k] = value[k] - guess[k];
                norm = Math.max(norm, Math.abs(out[k]));
            }
            return norm;
        }

        private static boolean within(double[] guess, double[] residual, double tolerance) {
            for (int k = 0; k < guess.length; k++) {
                if (!(Math.abs(residual[k]) <= tolerance * (1 + Math.abs(guess[k])))) {
                    return false;
                }
            }
            return true;
        }

        /** LU factorisation of the Jacobian with partial pivoting into {@link #lu} and {@link #permutation}. */
        private boolean factorise(int m) {
            double[] a = lu;
            System.arraycopy(jacobian, 0, a, 0, m * m);
            double scale = 0;
            for (int i = 0; i < m * m; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
            }
            for (int i = 0; i < m; i++) {
                permutation[i] = i;
            }
            for (int col = 0; col < m; col++) {
                int pivot = col;
                for (int row = col + 1; row < m; row++) {
                    if (Math.abs(a[row * m + col]) > Math.abs(a[pivot * m + col])) {
                        pivot = row;
                    }
                }
                // J = dF/dg − I is of order one unless the loop gain is one; below 1e-9 it is noise of the differences
                if (!(Math.abs(a[pivot * m + col]) > 1e-9 * Math.max(1, scale))) {
                    return false;
                }
                if (pivot != col) {
                    for (int k = 0; k < m; k++) {
                        double tmp = a[col * m + k];
                        a[col * m + k] = a[pivot * m + k];
                        a[pivot * m + k] = tmp;
                    }
                    int tmp = permutation[col];
                    permutation[col] = permutation[pivot];
                    permutation[pivot] = tmp;
                }
                for (int row = col + 1; row < m; row++) {
                    double factor = a[row * m + col] / a[col * m + col];
                    a[row * m + col] = factor;
                    for (int k = col + 1; k < m; k++) {
                        a[row * m + k] -= factor * a[col * m + k];
                    }
                }
            }
            return true;
        }

        /** delta = −J⁻¹·r from the factorisation. */
        private void substitute(int m) {
            double[] a = lu;
            for (int i = 0; i < m; i++) {
                double sum = -r[permutation[i]];
                for (int k = 0; k < i; k++) {
                    sum -= a[i * m + k] * delta[k];
                }
                delta[i] = sum;
            }
            for (int i = m - 1; i >= 0; i--) {
                double sum = delta[i];
                for (int k = i + 1; k < m; k++) {
                    sum -= a[i * m + k] * delta[k];
                }
                delta[i] = sum / a[i * m + i];
            }
        }

        private SimulationException failure(double t, String what) {
            int worst = 0;
            for (int k = 1; k < r.length; k++) {
                if (Math.abs(r[k]) > Math.abs(r[worst])) {
                    worst = k;
                }
            }
            return new SimulationException(Kind.RUNTIME, "algebraic loop " + description + " " + what + " at t = " + t
                    + " s: residual " + r[worst] + " on " + tearNode[worst].name + "."
                    + tearNode[worst].outputNames[tearOutput[worst]] + " (torn at " + tearNames() + ")");
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // The evaluation schedule

    /** The order in which outputs are evaluated, with the loops to solve on the way. */
    private static final class Schedule {

        Node[] schedule;
        Loop[] loopAt;
        final List<Loop> loops = new ArrayList<>();

        /** Output ports numbered over all components; an edge p → q when q's component needs p for q. */
        static Schedule build(List<Node> nodes) throws SimulationException {
            int portCount = 0;
            for (Node n : nodes) {
                n.portBase = portCount;
                portCount += n.outputs.length;
            }
            Node[] portNode = new Node[portCount];
            int[] portOutput = new int[portCount];
            List<List<Integer>> succ = new ArrayList<>();
            List<List<Integer>> pred = new ArrayList<>();
            // the input a dependency edge goes through, for messages: edge key (p, q) → input index of q's node
            Map<Long, Integer> via = new HashMap<>();
            for (Node n : nodes) {
                for (int o = 0; o < n.outputs.length; o++) {
                    portNode[n.portBase + o] = n;
                    portOutput[n.portBase + o] = o;
                    succ.add(new ArrayList<>());
                    pred.add(new ArrayList<>());
                }
            }
            List<String> problems = new ArrayList<>();
            for (Node n : nodes) {
                for (int i = 0; i < n.inputs.length; i++) {
                    Node d = n.drivers[i];
                    if (d == null) {
                        continue;
                    }
                    int p = d.portBase + n.driverOutput[i];
                    for (int o = 0; o < n.outputs.length; o++) {
                        boolean depends;
                        try {
                            depends = n.behaviour.dependsOn(o, i);
                        } catch (RuntimeException e) {
                            problems.add("component '" + n.name + "': cannot tell whether output '" + n.outputNames[o]
                                    + "' depends on input '" + n.inputNames[i] + "': " + e);
                            continue;
                        }
                        if (depends) {
                            int q = n.portBase + o;
                            if (via.putIfAbsent(((long) p << 32) | q, i) == null) {
                                succ.get(p).add(q);
                                pred.get(q).add(p);
                            }
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new SimulationException(Kind.MODEL, "the model cannot be simulated:\n  "
                        + String.join("\n  ", problems));
            }
            int[] unitOf = new int[portCount];
            List<int[]> units = stronglyConnected(portCount, succ, unitOf);
            Schedule s = new Schedule();
            s.order(nodes, portNode, portOutput, succ, pred, via, units, unitOf);
            return s;
        }

        /** Tarjan's algorithm without recursion; each component's ports, in no particular order. */
        private static List<int[]> stronglyConnected(int count, List<List<Integer>> succ, int[] componentOf) {
            int[] index = new int[count];
            int[] low = new int[count];
            boolean[] onStack = new boolean[count];
            Arrays.fill(index, -1);
            int[] stack = new int[count];
            int sp = 0;
            int[] callStack = new int[count];
            int[] edgePos = new int[count];
            int counter = 0;
            List<int[]> result = new ArrayList<>();
            for (int root = 0; root < count; root++) {
                if (index[root] >= 0) {
                    continue;
                }
                int csp = 0;
                callStack[csp++] = root;
                index[root] = low[root] = counter++;
                stack[sp++] = root;
                onStack[root] = true;
                edgePos[root] = 0;
                while (csp > 0) {
                    int v = callStack[csp - 1];
                    List<Integer> out = succ.get(v);
                    if (edgePos[v] < out.size()) {
                        int w = out.get(edgePos[v]++);
                        if (index[w] < 0) {
                            index[w] = low[w] = counter++;
                            stack[sp++] = w;
                            onStack[w] = true;
                            edgePos[w] = 0;
                            callStack[csp++] = w;
                        } else if (onStack[w]) {
                            low[v] = Math.min(low[v], index[w]);
                        }
                    } else {
                        csp--;
                        if (csp > 0) {
                            int parent = callStack[csp - 1];
                            low[parent] = Math.min(low[parent], low[v]);
                        }
                        if (low[v] == index[v]) {
                            List<Integer> members = new ArrayList<>();
                            int w;
                            do {
                                w = stack[--sp];
                                onStack[w] = false;
                                componentOf[w] = result.size();
                                members.add(w);
                            } while (w != v);
                            result.add(members.stream().mapToInt(Integer::intValue).sorted().toArray());
                        }
                    }
                }
            }
            return result;
        }

        /**
         * Kahn's algorithm over the strongly connected units. A component is evaluated once where possible: ready
         * outputs of components whose other outputs are all ready go first; an output reuses its component's latest
         * evaluation when everything it needs was evaluated before that, else the component is evaluated again.
         */
        private void order(List<Node> nodes, Node[] portNode, int[] portOutput, List<List<Integer>> succ,
                List<List<Integer>> pred, Map<Long, Integer> via, List<int[]> units, int[] unitOf)
                throws SimulationException {
            int unitCount = units.size();
            boolean[] isLoop = new boolean[unitCount];
            int[] indegree = new int[unitCount];
            for (int u = 0; u < unitCount; u++) {
                int[] members = units.get(u);
                isLoop[u] = members.length > 1 || succ.get(members[0]).contains(members[0]);
            }
            for (int p = 0; p < succ.size(); p++) {
                for (int q : succ.get(p)) {
                    if (unitOf[p] != unitOf[q]) {
                        indegree[unitOf[q]]++;
                    }
                }
            }
            List<String> untearable = new ArrayList<>();
            for (int u = 0; u < unitCount; u++) {
                if (isLoop[u]) {
                    String discrete = discretePort(units.get(u), portNode, portOutput, succ, via);
                    if (discrete != null) {
                        untearable.add(describe(units.get(u), portNode, portOutput, succ, via, unitOf) + " (through "
                                + discrete + ", which iteration cannot solve; put a component with state on the loop)");
                    }
                }
            }
            if (!untearable.isEmpty()) {
                throw new SimulationException(Kind.MODEL, "algebraic loop: " + String.join("; algebraic loop: ",
                        untearable));
            }
            Map<Node, Integer> pendingPorts = new HashMap<>();
            Map<Node, List<Integer>> readyPorts = new HashMap<>();
            for (Node n : nodes) {
                pendingPorts.put(n, 0);
                readyPorts.put(n, new ArrayList<>());
            }
            for (int u = 0; u < unitCount; u++) {
                if (!isLoop[u] && indegree[u] > 0) {
                    pendingPorts.merge(portNode[units.get(u)[0]], 1, Integer::sum);
                }
            }
            Deque<Node> full = new ArrayDeque<>();
            Deque<Node> partial = new ArrayDeque<>();
            Deque<Integer> readyLoops = new ArrayDeque<>();
            Set<Node> inPartial = new HashSet<>();
            for (Node n : nodes) {
                for (int o = 0; o < n.outputs.length; o++) {
                    int u = unitOf[n.portBase + o];
                    if (indegree[u] == 0 && !isLoop[u]) {
                        readyPorts.get(n).add(n.portBase + o);
                    }
                }
                if (!readyPorts.get(n).isEmpty()) {
                    if (pendingPorts.get(n) == 0) {
                        full.add(n);
                    } else if (inPartial.add(n)) {
                        partial.add(n);
                    }
                }
            }
            for (int u = 0; u < unitCount; u++) {
                if (isLoop[u] && indegree[u] == 0) {
                    readyLoops.add(u);
                }
            }
            int[] evalIndex = new int[portNode.length];
            Arrays.fill(evalIndex, -1);
            Map<Node, Integer> lastEval = new HashMap<>();
            List<Node> sequence = new ArrayList<>();
            List<Loop> loopEntries = new ArrayList<>();
            int doneUnits = 0;
            while (true) {
                List<Integer> scheduled = new ArrayList<>();
                Node n = full.poll();
                if (n == null && !readyLoops.isEmpty()) {
                    int u = readyLoops.poll();
                    Loop loop = tear(units.get(u), portNode, portOutput, succ, pred, via, unitOf);
                    int idx = sequence.size();
                    sequence.add(null);
                    loopEntries.add(loop);
                    loops.add(loop);
                    for (int p : units.get(u)) {
                        evalIndex[p] = idx;
                        lastEval.put(portNode[p], idx);
                        scheduled.add(p);
                    }
                    doneUnits++;
                } else {
                    if (n == null) {
                        n = partial.poll();
                        if (n == null) {
                            break;
                        }
                    }
                    inPartial.remove(n);
                    List<Integer> ready = readyPorts.get(n);
                    for (int p : ready) {
                        int needed = -1;
                        for (int q : pred.get(p)) {
                            needed = Math.max(needed, evalIndex[q]);
                        }
                        Integer last = lastEval.get(n);
                        if (last != null && last > needed) {
                            evalIndex[p] = last;
                        } else {
                            int idx = sequence.size();
                            sequence.add(n);
                            loopEntries.add(null);
                            lastEval.put(n, idx);
                            evalIndex[p] = idx;
                        }
                        scheduled.add(p);
                        doneUnits++;
                    }
                    ready.clear();
                }
                for (int p : scheduled) {
                    for (int q : succ.get(p)) {
                        int u = unitOf[q];
                        if (u == unitOf[p] || --indegree[u] > 0) {
                            continue;
                        }
                        if (isLoop[u]) {
                            readyLoops.add(u);
                        } else {
                            Node m = portNode[q];
                            readyPorts.get(m).add(q);
                            int pending = pendingPorts.merge(m, -1, Integer::sum);
                            if (pending == 0) {
                                full.add(m);
                            } else if (inPartial.add(m)) {
                                partial.add(m);
                            }
                        }
                    }
                }
            }
            if (doneUnits != countUnits(units, isLoop)) {
                throw new IllegalStateException("evaluation schedule incomplete");
            }
            schedule = sequence.toArray(Node[]::new);
            loopAt = loopEntries.toArray(Loop[]::new);
        }

        private static int countUnits(List<int[]> units, boolean[] isLoop) {
            int count = 0;
            for (int u = 0; u < units.size(); u++) {
                count += isLoop[u] ? 1 : units.get(u).length;
            }
            return count;
        }

        /** A port on the loop that is not real-valued, described, or null. */
        private static String discretePort(int[] members, Node[] portNode, int[] portOutput, List<List<Integer>> succ,
                Map<Long, Integer> via) {
            Set<Integer> in = new HashSet<>();
            for (int p : members) {
                in.add(p);
            }
            for (int p : members) {
                Node n = portNode[p];
                int o = portOutput[p];
                if (n.outputTypes[o] != DataType.REAL) {
                    return "the " + n.outputTypes[o].getLiteral() + " output '" + n.name + "." + n.outputNames[o] + "'";
                }
                for (int q : succ.get(p)) {
                    if (in.contains(q)) {
                        Node m = portNode[q];
                        int i = via.get(((long) p << 32) | q);
                        if (m.inputTypes[i] != DataType.REAL) {
                            return "the " + m.inputTypes[i].getLiteral() + " input '" + m.name + "." + m.inputNames[i]
                                    + "'";
                        }
                    }
                }
            }
            return null;
        }

        /** The connections along the loop: {@code a.y -> b.u, b.y -> a.u}. */
        private static String describe(int[] members, Node[] portNode, int[] portOutput, List<List<Integer>> succ,
                Map<Long, Integer> via, int[] unitOf) {
            Set<String> hops = new LinkedHashSet<>();
            for (int p : members) {
                for (int q : succ.get(p)) {
                    if (unitOf[q] == unitOf[p]) {
                        Node source = portNode[p];
                        Node target = portNode[q];
                        int i = via.get(((long) p << 32) | q);
                        hops.add(source.name + "." + source.outputNames[portOutput[p]] + " -> " + target.name + "."
                                + target.inputNames[i]);
                    }
                }
            }
            return String.join(", ", hops);
        }

        /**
         * Chooses the torn outputs (when no output of the loop is ready, the one feeding most of the rest) and the
         * order in which the others are evaluated from them.
         */
        private static Loop tear(int[] members, Node[] portNode, int[] portOutput, List<List<Integer>> succ,
                List<List<Integer>> pred, Map<Long, Integer> via, int[] unitOf) {
            int unit = unitOf[members[0]];
            Map<Integer, Integer> indegree = new HashMap<>();
            for (int p : members) {
                int count = 0;
                for (int q : pred.get(p)) {
                    if (unitOf[q] == unit) {
                        count++;
                    }
                }
                indegree.put(p, count);
            }
            Set<Integer> remaining = new LinkedHashSet<>();
            for (int p : members) {
                remaining.add(p);
            }
            List<Integer> torn = new ArrayList<>();
            List<Node> sequence = new ArrayList<>();
            Map<Integer, Integer> evalIndex = new HashMap<>();
            Map<Node, Integer> lastEval = new HashMap<>();
            Deque<Integer> ready = new ArrayDeque<>();
            while (!remaining.isEmpty()) {
                int p;
                boolean tearIt = ready.isEmpty();
                if (tearIt) {
                    int best = -1;
                    int bestFanOut = -1;
                    for (int c : remaining) {
                        int fanOut = 0;
                        for (int q : succ.get(c)) {
                            if (remaining.contains(q)) {
                                fanOut++;
                            }
                        }
                        if (fanOut > bestFanOut) {
                            best = c;
                            bestFanOut = fanOut;
                        }
                    }
                    p = best;
                    torn.add(p);
                    evalIndex.put(p, -1);
                } else {
                    p = ready.poll();
                    if (!remaining.contains(p)) {
                        continue;
                    }
                    Node n = portNode[p];
                    int needed = -1;
                    for (int q : pred.get(p)) {
                        if (unitOf[q] == unit) {
                            needed = Math.max(needed, evalIndex.getOrDefault(q, -1));
                        }
                    }
                    Integer last = lastEval.get(n);
                    if (last != null && last > needed) {
                        evalIndex.put(p, last);
                    } else {
                        evalIndex.put(p, sequence.size());
                        lastEval.put(n, sequence.size());
                        sequence.add(n);
                    }
                }
                remaining.remove(p);
                for (int q : succ.get(p)) {
                    if (remaining.contains(q) && indegree.merge(q, -1, Integer::sum) == 0) {
                        ready.add(q);
                    }
                }
            }
            Node[] tearNode = new Node[torn.size()];
            int[] tearOutput = new int[torn.size()];
            Set<Node> finals = new LinkedHashSet<>();
            for (int k = 0; k < torn.size(); k++) {
                tearNode[k] = portNode[torn.get(k)];
                tearOutput[k] = portOutput[torn.get(k)];
                finals.add(tearNode[k]);
            }
            int[][] reimpose = new int[sequence.size()][];
            for (int i = 0; i < sequence.size(); i++) {
                List<Integer> slots = new ArrayList<>();
                for (int k = 0; k < tearNode.length; k++) {
                    if (tearNode[k] == sequence.get(i)) {
                        slots.add(k);
                    }
                }
                reimpose[i] = slots.stream().mapToInt(Integer::intValue).toArray();
            }
            return new Loop(describe(members, portNode, portOutput, succ, via, unitOf), sequence.toArray(Node[]::new),
                    reimpose, finals.toArray(Node[]::new), tearNode, tearOutput);
        }
    }

    /** Settings of one run; unset values come from the model's simulation settings. */
    public static final class Builder {

        private final TwinModel model;
        private boolean validated;
        private Path modelPath;
        private double stepSize = Double.NaN;
        private double stopTime = Double.NaN;
        private Solver solver;
        private double relativeTolerance = Double.NaN;
        private double absoluteTolerance = Double.NaN;
        private double maxStepSize = Double.NaN;
        private double eventTolerance = 1e-9;
        private long seed = DEFAULT_SEED;
        private BehaviourRegistry behaviours;
        private ComponentTypeRegistry types;
        private final List<SimulationListener> listeners = new ArrayList<>();
        private FaultInjector faults;

        /** The model being built (read once by {@link Simulation#builder(Path)}; for companions such as alert rules). */
        public TwinModel model() {
            return model;
        }

        private Builder(TwinModel model) {
            this.model = model;
        }

        public Builder stepSize(double h) {
            this.stepSize = h;
            return this;
        }

        public Builder stopTime(double t) {
            this.stopTime = t;
            return this;
        }

        public Builder solver(Solver s) {
            this.solver = s;
            return this;
        }

        /** Relative tolerance of the adaptive solver's local error per step. */
        public Builder relativeTolerance(double tolerance) {
            this.relativeTolerance = tolerance;
            return this;
        }

        /** Absolute tolerance of the adaptive solver's local error per step, in the units of the states. */
        public Builder absoluteTolerance(double tolerance) {
            this.absoluteTolerance = tolerance;
            return this;
        }

        /** Largest internal step of the adaptive solver in seconds; 0 for no limit. */
        public Builder maxStepSize(double h) {
            this.maxStepSize = h;
            return this;
        }

        /** Width in seconds to which state events are located (default 1e-9 s). */
        public Builder eventTolerance(double tolerance) {
            this.eventTolerance = tolerance;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder behaviours(BehaviourRegistry registry) {
            this.behaviours = registry;
            return this;
        }

        public Builder types(ComponentTypeRegistry registry) {
            this.types = registry;
            return this;
        }

        public Builder listener(SimulationListener l) {
            listeners.add(l);
            return this;
        }

        public Simulation build() throws SimulationException {
            if (model == null) {
                throw new SimulationException(Kind.MODEL, "no model");
            }
            if (!validated && model.eResource() != null) {
                List<TwinDiagnostic> diagnostics = TwinModelValidator.validate(model.eResource());
                if (diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
                    throw validationErrors(diagnostics);
                }
            }
            SimulationSettings settings = model.getSimulation();
            if (Double.isNaN(stepSize)) {
                stepSize = settings != null ? settings.getStepSize() : 0.1;
            }
            if (Double.isNaN(stopTime)) {
                stopTime = settings != null ? settings.getStopTime() : 600;
            }
            if (solver == null) {
                solver = settings != null ? settings.getSolver() : Solver.RK4;
            }
            if (Double.isNaN(relativeTolerance)) {
                relativeTolerance = settings != null ? settings.getRelativeTolerance() : 1e-6;
            }
            if (Double.isNaN(absoluteTolerance)) {
                absoluteTolerance = settings != null ? settings.getAbsoluteTolerance() : 1e-8;
            }
            if (Double.isNaN(maxStepSize)) {
                maxStepSize = settings != null ? settings.getMaxStepSize() : 0;
            }
            if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
                throw new SimulationException(Kind.MODEL,
                        "the relative tolerance must lie between 0 and 1 (exclusive), not " + relativeTolerance);
            }
            if (!(absoluteTolerance > 0) || !Double.isFinite(absoluteTolerance)) {
                throw new SimulationException(Kind.MODEL, "the absolute tolerance must be positive, not "
                        + absoluteTolerance);
            }
            if (!(maxStepSize >= 0) || !Double.isFinite(maxStepSize)) {
                throw new SimulationException(Kind.MODEL,
                        "the maximum step size must be zero (no limit) or positive, not " + maxStepSize);
            }
            if (maxStepSize == 0) {
                maxStepSize = Double.POSITIVE_INFINITY;
            }
            if (!(eventTolerance > 0) || !Double.isFinite(eventTolerance)) {
                throw new SimulationException(Kind.MODEL, "the event tolerance must be positive, not "
                        + eventTolerance);
            }
            if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
                throw new SimulationException(Kind.MODEL, "the step size must be positive, not " + stepSize);
            }
            if (!(stopTime >= 0) || !Double.isFinite(stopTime)) {
                throw new SimulationException(Kind.MODEL, "the stop time must be zero or positive, not " + stopTime);
            }
            ComponentTypeRegistry typeRegistry = types != null ? types : ComponentTypeRegistry.getDefault();
            BehaviourRegistry behaviourRegistry = behaviours != null ? behaviours : BehaviourRegistry.getDefault();
            List<String> problems = new ArrayList<>();
            Map<Component, Node> byComponent = new LinkedHashMap<>();
            faults = new FaultInjector(seed);
            for (Component c : model.getComponents()) {
                ComponentTypeDescriptor type = typeRegistry.find(c.getType()).orElse(null);
                if (type == null) {
                    problems.add("component '" + c.getName() + "': unknown component type '" + c.getType() + "'");
                    continue;
                }
                ComponentBehaviourProvider provider = behaviourRegistry.find(c.getType()).orElse(null);
                if (provider == null) {
                    problems.add("component '" + c.getName() + "': no simulation behaviour for type '" + c.getType()
                            + "'");
                    continue;
                }
                try {
                    byComponent.put(c, new Node(c, type, provider, seed, modelFile(), faults));
                } catch (IllegalArgumentException e) {
                    problems.add("component '" + c.getName() + "': " + e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                connect(byComponent, problems);
            }
            if (!problems.isEmpty()) {
                throw new SimulationException(Kind.MODEL,
                        "the model cannot be simulated:\n  " + String.join("\n  ", problems));
            }
            List<Node> nodes = List.copyOf(byComponent.values());
            return new Simulation(this, nodes, Schedule.build(nodes));
        }

        private void connect(Map<Component, Node> byComponent, List<String> problems) {
            for (Connection con : model.getConnections()) {
                Port source = con.getSource();
                Port target = con.getTarget();
                if (source == null || target == null || source.getComponent() == null
                        || target.getComponent() == null) {
                    problems.add("a connection has a missing end");
                    continue;
                }
                Node from = byComponent.get(source.getComponent());
                Node to = byComponent.get(target.getComponent());
                int o = from.outputIndex(source.getName());
                int i = to.inputIndex(target.getName());
                String label = from.name + "." + source.getName() + " -> " + to.name + "." + target.getName();
                if (o < 0 || i < 0) {
                    problems.add("connection " + label + ": " + (o < 0 ? "source is not an output of its type"
                            : "target is not an input of its type"));
                    continue;
                }
                if (to.drivers[i] != null) {
                    problems.add("connection " + label + ": the input already has a driver");
                    continue;
                }
                String fromUnit = from.outputUnits[o];
                String toUnit = to.inputUnits[i];
                double a = 1;
                double b = 0;
                if (!sameOrBlank(fromUnit, toUnit)) {
                    try {
                        b = TwinUnits.convert(0, fromUnit, toUnit);
                        a = TwinUnits.convert(1, fromUnit, toUnit) - b;
                    } catch (IllegalArgumentException e) {
                        problems.add("connection " + label + ": " + e.getMessage());
                        continue;
                    }
                }
                to.drivers[i] = from;
                to.driverOutput[i] = o;
                to.scale[i] = a;
                to.offset[i] = b;
            }
        }

        /** The model's file when it was loaded from one (FMU paths are relative to it), else null. */
        private Path modelFile() {
            if (modelPath != null) {
                return modelPath;
            }
            org.eclipse.emf.ecore.resource.Resource r = model.eResource();
            if (r != null && r.getURI() != null && r.getURI().isFile()) {
                return Path.of(r.getURI().toFileString());
            }
            return null;
        }

        private static boolean sameOrBlank(String a, String b) {
            return a == null || b == null || a.isBlank() || b.isBlank() || a.equals(b) || TwinUnits.same(a, b);
        }

    }

    /** One component at run time. */
    static final class Node implements BehaviourContext {

        final String name;
        final String type;
        final Component component;
        final ComponentTypeDescriptor descriptor;
        final String[] inputNames;
        final String[] inputUnits;
        final String[] outputNames;
        final String[] outputUnits;
        final double[] inputs;
        final double[] inputStarts;
        final double[] outputs;
        final Node[] drivers;
        final int[] driverOutput;
        final double[] scale;
        final double[] offset;
        final long seed;
        final ComponentBehaviour behaviour;
        final List<String> stateNames;
        final double[] states;
        final double[] derivatives;
        final DataType[] inputTypes;
        final DataType[] outputTypes;
        final int indicatorCount;
        final double[] indicators;
        final boolean hasStepHook;
        /** The component's own behaviour (inside {@link #behaviour}, the fault wrapper) and its dispatch kind. */
        final ComponentBehaviour own;
        final int kind;
        /** The step hook may change held values the outputs read (not only states). */
        final boolean hookUpdatesHeldValues;
        final Path modelFile;
        int stateOffset;
        int indicatorOffset;
        int portBase;
        /** The simulation's port values (see {@link Simulation#connectSignals}) and where this component's are. */
        double[] values;
        int outBase;
        final int[] inputSlot;
        /** Some input needs a unit conversion (scale, offset); else inputs are plain copies. */
        boolean converted;
        /** Per connected input: its index, the slot of its driver's value, and the conversion. */
        int[] gatherIndex;
        int[] gatherSlot;
        double[] gatherScale;
        double[] gatherOffset;
        /** The inputs gathered for the outputs are still current for the derivatives. */
        boolean freshInputs;
        /** The behaviour's kernel, bound to this simulation's slots, or null (see {@link Simulation#bindKernels}). */
        FlatKernel flat;

        Node(Component c, ComponentTypeDescriptor type, ComponentBehaviourProvider provider, long seed,
                Path modelFile, FaultInjector faults) {
            this.name = c.getName();
            this.modelFile = modelFile;
            this.type = c.getType();
            this.component = c;
            this.descriptor = type;
            this.seed = seed;
            List<PortSpec> all = type.dynamicPorts() ? modelPortSpecs(c) : type.ports();
            List<PortSpec> ins = all.stream().filter(p -> p.direction() == PortDirection.IN).toList();
            List<PortSpec> outs = all.stream().filter(p -> p.direction() == PortDirection.OUT).toList();
            inputNames = ins.stream().map(PortSpec::name).toArray(String[]::new);
            outputNames = outs.stream().map(PortSpec::name).toArray(String[]::new);
            inputTypes = ins.stream().map(PortSpec::dataType).map(t -> t == null ? DataType.REAL : t)
                    .toArray(DataType[]::new);
            outputTypes = outs.stream().map(PortSpec::dataType).map(t -> t == null ? DataType.REAL : t)
                    .toArray(DataType[]::new);
            inputUnits = ins.stream().map(this::unitOf).toArray(String[]::new);
            outputUnits = outs.stream().map(this::unitOf).toArray(String[]::new);
            inputs = new double[ins.size()];
            inputStarts = new double[ins.size()];
            for (int i = 0; i < ins.size(); i++) {
                double v = start(ins.get(i));
                inputStarts[i] = Double.isNaN(v) ? 0 : v;
            }
            outputs = new double[outs.size()];
            drivers = new Node[ins.size()];
            driverOutput = new int[ins.size()];
            scale = new double[ins.size()];
            offset = new double[ins.size()];
            inputSlot = new int[ins.size()];
            ComponentBehaviour own = provider.create(this);
            this.own = own;
            this.kind = BuiltinDispatch.kindOf(own);
            this.behaviour = faults.wrap(this, ins, outs, own);
            stateNames = List.copyOf(behaviour.stateNames());
            states = new double[stateNames.size()];
            derivatives = new double[stateNames.size()];
            indicatorCount = behaviour.eventIndicatorCount();
            if (indicatorCount < 0) {
                throw new IllegalArgumentException("the behaviour declares " + indicatorCount + " event indicators");
            }
            indicators = new double[indicatorCount];
            // the component's own behaviour: the fault wrapper overrides every method and says when it has step work
            hasStepHook = overrides(own, "stepCompleted", double.class, double[].class, double[].class);
            hookUpdatesHeldValues = hasStepHook && own.stepCompletedUpdatesHeldValues();
        }

        /** Whether the behaviour's class implements a method of the interface itself (the default does nothing). */
        private static boolean overrides(ComponentBehaviour b, String method, Class<?>... parameters) {
            try {
                return b.getClass().getMethod(method, parameters).getDeclaringClass() != ComponentBehaviour.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }

        /** For types whose ports come from elsewhere (an FMU's model description), the ports the model declares. */
        private static List<PortSpec> modelPortSpecs(Component c) {
            List<PortSpec> specs = new ArrayList<>();
            for (Port p : c.getPorts()) {
                specs.add(new PortSpec(p.getName(), p.getDirection(),
                        p.getDataType() == null ? DataType.REAL : p.getDataType(), p.getUnit() == null ? "" : p.getUnit(),
                        null, null));
            }
            return specs;
        }

        private String unitOf(PortSpec spec) {
            if (spec.unit() != null) {
                return spec.unit();
            }
            Port p = modelPort(spec.name());
            return p == null || p.getUnit() == null ? "" : p.getUnit();
        }

        private Port modelPort(String portName) {
            for (Port p : component.getPorts()) {
                if (portName.equals(p.getName())) {
                    return p;
                }
            }
            return null;
        }

        /** Start value of a port in the unit {@link #unitOf} gives, NaN when neither model nor type has one. */
        private double start(PortSpec spec) {
            Port p = modelPort(spec.name());
            String text = p != null && p.getStart() != null && !p.getStart().isBlank() ? p.getStart() : spec.start();
            String unit = p != null && p.getStart() != null && !p.getStart().isBlank() ? p.getUnit() : spec.unit();
            if (text == null || text.isBlank()) {
                return Double.NaN;
            }
            double v;
            if (spec.dataType() == DataType.BOOLEAN || "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                v = Boolean.parseBoolean(text.trim()) ? 1 : 0;
                return v;
            }
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port '" + spec.name() + "': start value '" + text
                        + "' is not a number");
            }
            return convertBetween(v, unit, unitOf(spec), "port '" + spec.name() + "'");
        }

        private static double convertBetween(double v, String from, String to, String what) {
            if (Builder.sameOrBlank(from, to)) {
                return v;
            }
            try {
                return TwinUnits.convert(v, from, to);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage());
            }
        }

        /** The connected inputs from their drivers' values (unconnected ones are set when they change). */
        void gatherInputs() {
            double[] in = inputs;
            double[] v = values;
            int[] index = gatherIndex;
            int[] slot = gatherSlot;
            if (converted) {
                double[] a = gatherScale;
                double[] b = gatherOffset;
                for (int k = 0; k < index.length; k++) {
                    in[index[k]] = a[k] * v[slot[k]] + b[k];
                }
            } else {
                for (int k = 0; k < index.length; k++) {
                    in[index[k]] = v[slot[k]];
                }
            }
        }

        /** Copies the outputs into the port values after they were computed outside {@link Simulation#evaluate}. */
        void publishOutputs() {
            System.arraycopy(outputs, 0, values, outBase, outputs.length);
        }

        void setOutput(int o, double v) {
            outputs[o] = v;
            values[outBase + o] = v;
        }

        // plain loops: most components have zero to three states, where arraycopy's set-up costs more than the copy
        void loadStates(double[] x) {
            double[] s = states;
            int base = stateOffset;
            for (int i = 0; i < s.length; i++) {
                s[i] = x[base + i];
            }
        }

        void storeStates(double[] x) {
            double[] s = states;
            int base = stateOffset;
            for (int i = 0; i < s.length; i++) {
                x[base + i] = s[i];
            }
        }

        /** Stores the states and tells whether any differs from what x held (NaN compared bitwise). */
        boolean storeStatesChanged(double[] x) {
            double[] s = states;
            int base = stateOffset;
            boolean changed = false;
            for (int i = 0; i < s.length; i++) {
                changed |= Double.doubleToRawLongBits(x[base + i]) != Double.doubleToRawLongBits(s[i]);
                x[base + i] = s[i];
            }
            return changed;
        }

        int inputIndexOf(String port) {
            return Arrays.asList(inputNames).indexOf(port);
        }

        @Override
        public String componentName() {
            return name;
        }

        @Override
        public double parameter(String parameterName) {
            ParameterSpec spec = descriptor.parameter(parameterName)
                    .orElseThrow(() -> new IllegalArgumentException("type '" + type + "' has no parameter '"
                            + parameterName + "'"));
            String text = spec.defaultValue();
            String unit = spec.unit();
            for (Parameter p : component.getParameters()) {
                if (parameterName.equals(p.getName()) && p.getValue() != null && !p.getValue().isBlank()) {
                    text = p.getValue();
                    unit = p.getUnit();
                }
            }
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("parameter '" + parameterName + "' has no value");
            }
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + parameterName + "' = '" + text
                        + "' is not a number");
            }
            return convertBetween(v, unit, spec.unit(), "parameter '" + parameterName + "'");
        }

        @Override
        public int inputIndex(String port) {
            return inputIndexOf(port);
        }

        @Override
        public int outputIndex(String port) {
            return Arrays.asList(outputNames).indexOf(port);
        }

        @Override
        public double outputStart(String port) {
            if (descriptor.dynamicPorts()) {
                Port p = modelPort(port);
                return p == null ? Double.NaN
                        : start(new PortSpec(p.getName(), p.getDirection(),
                                p.getDataType() == null ? DataType.REAL : p.getDataType(),
                                p.getUnit() == null ? "" : p.getUnit(), null, null));
            }
            return descriptor.port(port).map(this::start).orElse(Double.NaN);
        }

        @Override
        public Component component() {
            return component;
        }

        @Override
        public String stringParameter(String parameterName) {
            for (Parameter p : component.getParameters()) {
                if (parameterName.equals(p.getName()) && p.getValue() != null) {
                    return p.getValue();
                }
            }
            return descriptor.parameter(parameterName).map(ParameterSpec::defaultValue).orElse(null);
        }

        @Override
        public Path modelFile() {
            return modelFile;
        }

        @Override
        public RandomGenerator random() {
            return new SplittableRandom(seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
        }
    }
}
