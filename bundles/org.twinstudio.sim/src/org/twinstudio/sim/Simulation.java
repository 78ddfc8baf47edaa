package org.twinstudio.sim;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The simulation master: a twin model made executable, run with a fixed-step solver in virtual time.
 * <p>
 * Building resolves every component's type and behaviour, converts parameters and start values to the units of the
 * type's descriptors, and turns every connection into an affine unit conversion {@code in = a·out + b} (e.g. kW to
 * W, degC to K). Components are evaluated in an order in which every component with direct feedthrough comes after
 * the sources of its inputs; a cycle of components with direct feedthrough is an algebraic loop and is reported
 * with the ports involved. Components are ordered as a whole: a component counts as feedthrough when any of its
 * outputs is.
 * <p>
 * A step of size h from t: explicit Euler {@code x += h·f(t, x)}, or classic Runge-Kutta 4 with inputs re-evaluated
 * at every stage. After every step each behaviour may project its states and update held discrete values (noise);
 * outputs are then evaluated at t + h, checked for NaN/infinity and recorded. Time is {@code t0 + i·h}, never
 * accumulated. Noise comes from generators seeded from the simulation seed and the component's name, so runs repeat
 * bit for bit.
 */
public final class Simulation {

    /** Default seed of the noise generators. */
    public static final long DEFAULT_SEED = 20260101L;

    private final List<Node> nodes;
    private final Node[] order;
    private final List<Signal> signals;
    private final double[][] signalSource;
    private final int[] signalIndex;
    private final int stateCount;
    private final double stepSize;
    private final double stopTime;
    private final Solver solver;
    private final List<SimulationListener> listeners;
    private final FaultInjector faults;
    private boolean started;

    private Simulation(Builder b, List<Node> nodes, Node[] order) {
        this.nodes = nodes;
        this.order = order;
        this.stepSize = b.stepSize;
        this.stopTime = b.stopTime;
        this.solver = b.solver;
        this.listeners = List.copyOf(b.listeners);
        this.faults = b.faults;
        int offset = 0;
        for (Node n : nodes) {
            n.stateOffset = offset;
            offset += n.stateNames.size();
        }
        this.stateCount = offset;
        List<Signal> sig = new ArrayList<>();
        List<double[]> src = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (Node n : nodes) {
            for (int o = 0; o < n.outputNames.length; o++) {
                sig.add(new Signal(n.name, n.outputNames[o], n.outputUnits[o]));
                src.add(n.outputs);
                idx.add(o);
            }
        }
        for (Node n : nodes) {
            for (int i = 0; i < n.inputNames.length; i++) {
                if (n.drivers[i] == null) {
                    sig.add(new Signal(n.name, n.inputNames[i], n.inputUnits[i]));
                    src.add(n.inputs);
                    idx.add(i);
                }
            }
        }
        this.signals = List.copyOf(sig);
        this.signalSource = src.toArray(double[][]::new);
        this.signalIndex = idx.stream().mapToInt(Integer::intValue).toArray();
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

    /** Component names in evaluation order. */
    public List<String> evaluationOrder() {
        return Arrays.stream(order).map(n -> n.name).toList();
    }

    /**
     * Runs from 0 to the stop time and returns the recorded result. A simulation runs once (behaviours keep state such
     * as noise generators); build another for another run.
     */
    public synchronized SimulationResult run() throws SimulationException {
        if (started) {
            throw new IllegalStateException("this simulation has already run; build a new one");
        }
        started = true;
        long steps = Math.round(stopTime / stepSize);
        if (steps > Integer.MAX_VALUE - 1) {
            throw new SimulationException(Kind.MODEL, "too many steps: " + steps);
        }
        int rowsCount = (int) steps + 1;
        double[] times = new double[rowsCount];
        double[][] rows = new double[rowsCount][];
        double[] x = new double[stateCount];
        long start = System.nanoTime();
        initialize(x);
        times[0] = 0;
        rows[0] = record();
        notifyListeners(0, 0, rows[0]);
        double h = stepSize;
        double[] k1 = new double[stateCount];
        double[] k2 = solver == Solver.RK4 ? new double[stateCount] : null;
        double[] k3 = solver == Solver.RK4 ? new double[stateCount] : null;
        double[] k4 = solver == Solver.RK4 ? new double[stateCount] : null;
        double[] tmp = new double[stateCount];
        for (long i = 0; i < steps; i++) {
            double t = i * h;
            double tNext = (i + 1) * h;
            if (solver == Solver.RK4) {
                derivatives(t, x, k1);
                for (int s = 0; s < stateCount; s++) {
                    tmp[s] = x[s] + 0.5 * h * k1[s];
                }
                derivatives(t + 0.5 * h, tmp, k2);
                for (int s = 0; s < stateCount; s++) {
                    tmp[s] = x[s] + 0.5 * h * k2[s];
                }
                derivatives(t + 0.5 * h, tmp, k3);
                for (int s = 0; s < stateCount; s++) {
                    tmp[s] = x[s] + h * k3[s];
                }
                derivatives(tNext, tmp, k4);
                for (int s = 0; s < stateCount; s++) {
                    x[s] += h / 6 * (k1[s] + 2 * k2[s] + 2 * k3[s] + k4[s]);
                }
            } else {
                derivatives(t, x, k1);
                for (int s = 0; s < stateCount; s++) {
                    x[s] += h * k1[s];
                }
            }
            evaluateOutputs(tNext, x);
            for (Node n : order) {
                n.loadStates(x);
                try {
                    n.behaviour.stepCompleted(tNext, n.inputs, n.states);
                } catch (RuntimeException e) {
                    throw failure(n, "failed after the step", tNext, e);
                }
                n.storeStates(x);
            }
            evaluateOutputs(tNext, x);
            checkStates(tNext, x);
            times[(int) i + 1] = tNext;
            double[] row = record();
            rows[(int) i + 1] = row;
            if (!listeners.isEmpty()) {
                notifyListeners(i + 1, tNext, row);
            }
        }
        return new SimulationResult(signals, times, rows, steps, System.nanoTime() - start);
    }

    private void notifyListeners(long step, double time, double[] row) {
        for (SimulationListener l : listeners) {
            l.stepCompleted(step, time, row);
        }
    }

    private double[] record() {
        double[] row = new double[signals.size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = signalSource[c][signalIndex[c]];
        }
        return row;
    }

    /**
     * Initial states: each behaviour initialises from the inputs known so far; repeated (at most once per component)
     * until the states no longer change, so that chains such as tank → sensor start consistent.
     */
    private void initialize(double[] x) throws SimulationException {
        for (int pass = 0; pass <= nodes.size(); pass++) {
            double[] before = x.clone();
            for (Node n : order) {
                n.gatherInputs();
                n.loadStates(x);
                try {
                    n.behaviour.initialize(n.inputs, n.states);
                    n.storeStates(x);
                    n.behaviour.outputs(0, n.inputs, n.states, n.outputs);
                } catch (RuntimeException e) {
                    throw failure(n, "failed to initialise", 0, e);
                }
            }
            if (pass > 0 && Arrays.equals(before, x)) {
                break;
            }
        }
        evaluateOutputs(0, x);
        checkStates(0, x);
    }

    private void evaluateOutputs(double t, double[] x) throws SimulationException {
        for (Node n : order) {
            n.gatherInputs();
            n.loadStates(x);
            try {
                n.behaviour.outputs(t, n.inputs, n.states, n.outputs);
            } catch (RuntimeException e) {
                throw failure(n, "failed to compute its outputs", t, e);
            }
            for (int o = 0; o < n.outputs.length; o++) {
                if (!Double.isFinite(n.outputs[o])) {
                    throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type
                            + ") produced " + n.outputs[o] + " on output '" + n.outputNames[o] + "' at t = " + t + " s");
                }
            }
        }
    }

    private void derivatives(double t, double[] x, double[] dx) throws SimulationException {
        evaluateOutputs(t, x);
        for (Node n : order) {
            n.gatherInputs();
            n.loadStates(x);
            try {
                n.behaviour.derivatives(t, n.inputs, n.states, n.derivatives);
            } catch (RuntimeException e) {
                throw failure(n, "failed to compute its derivatives", t, e);
            }
            for (int s = 0; s < n.derivatives.length; s++) {
                double d = n.derivatives[s];
                if (!Double.isFinite(d)) {
                    throw new SimulationException(Kind.RUNTIME, "component '" + n.name + "' (" + n.type
                            + ") produced " + d + " as the derivative of state '" + n.stateNames.get(s) + "' at t = "
                            + t + " s");
                }
                dx[n.stateOffset + s] = d;
            }
        }
    }

    private void checkStates(double t, double[] x) throws SimulationException {
        for (Node n : nodes) {
            for (int s = 0; s < n.stateNames.size(); s++) {
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

    /** Settings of one run; unset values come from the model's simulation settings. */
    public static final class Builder {

        private final TwinModel model;
        private boolean validated;
        private Path modelPath;
        private double stepSize = Double.NaN;
        private double stopTime = Double.NaN;
        private Solver solver;
        private long seed = DEFAULT_SEED;
        private BehaviourRegistry behaviours;
        private ComponentTypeRegistry types;
        private final List<SimulationListener> listeners = new ArrayList<>();
        private FaultInjector faults;

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
            return new Simulation(this, nodes, order(nodes));
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

        /** Kahn's algorithm over "feedthrough component after its drivers"; what is left contains a loop. */
        private static Node[] order(List<Node> nodes) throws SimulationException {
            Map<Node, Integer> pending = new HashMap<>();
            Map<Node, List<Node>> dependents = new HashMap<>();
            for (Node n : nodes) {
                int count = 0;
                if (n.feedthrough) {
                    for (Node d : n.drivers) {
                        if (d != null) {
                            count++;
                            dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
                        }
                    }
                }
                pending.put(n, count);
            }
            Deque<Node> ready = new ArrayDeque<>();
            for (Node n : nodes) {
                if (pending.get(n) == 0) {
                    ready.add(n);
                }
            }
            List<Node> sorted = new ArrayList<>();
            while (!ready.isEmpty()) {
                Node n = ready.poll();
                sorted.add(n);
                for (Node m : dependents.getOrDefault(n, List.of())) {
                    if (pending.merge(m, -1, Integer::sum) == 0) {
                        ready.add(m);
                    }
                }
            }
            if (sorted.size() < nodes.size()) {
                throw new SimulationException(Kind.MODEL, "algebraic loop: " + describeLoop(nodes, pending)
                        + " (every component on it has direct feedthrough; put a component with state on the loop)");
            }
            return sorted.toArray(Node[]::new);
        }

        /** Walks back from a node left over by the sort along feedthrough drivers until a node repeats. */
        private static String describeLoop(List<Node> nodes, Map<Node, Integer> pending) {
            Node start = nodes.stream().filter(n -> pending.get(n) > 0).findFirst().orElseThrow();
            List<Node> path = new ArrayList<>();
            List<Integer> via = new ArrayList<>();
            Node n = start;
            while (!path.contains(n)) {
                path.add(n);
                int input = -1;
                for (int i = 0; i < n.drivers.length; i++) {
                    if (n.drivers[i] != null && pending.get(n.drivers[i]) > 0) {
                        input = i;
                        break;
                    }
                }
                via.add(input);
                n = n.drivers[input];
            }
            int from = path.indexOf(n);
            List<String> hops = new ArrayList<>();
            for (int k = path.size() - 1; k >= from; k--) {
                Node target = path.get(k);
                int i = via.get(k);
                Node source = target.drivers[i];
                hops.add(source.name + "." + source.outputNames[target.driverOutput[i]] + " -> " + target.name + "."
                        + target.inputNames[i]);
            }
            return String.join(", ", hops);
        }
    }

    /** One component at run time. */
    private static final class Node implements BehaviourContext {

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
        final boolean feedthrough;
        final Path modelFile;
        int stateOffset;

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
            this.behaviour = faults.wrap(this, ins, outs, provider.create(this));
            stateNames = List.copyOf(behaviour.stateNames());
            states = new double[stateNames.size()];
            derivatives = new double[stateNames.size()];
            boolean ft = false;
            for (int o = 0; o < outputs.length; o++) {
                ft |= behaviour.directFeedthrough(o);
            }
            feedthrough = ft;
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

        void gatherInputs() {
            for (int i = 0; i < inputs.length; i++) {
                Node d = drivers[i];
                inputs[i] = d == null ? inputStarts[i] : scale[i] * d.outputs[driverOutput[i]] + offset[i];
            }
        }

        void loadStates(double[] x) {
            System.arraycopy(x, stateOffset, states, 0, states.length);
        }

        void storeStates(double[] x) {
            System.arraycopy(states, 0, x, stateOffset, states.length);
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
