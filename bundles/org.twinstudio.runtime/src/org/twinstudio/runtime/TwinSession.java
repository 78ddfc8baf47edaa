package org.twinstudio.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.ParameterInfo;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.SessionControl;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.faults.Fault;
import org.twinstudio.sim.faults.FaultSpecs;

/**
 * A twin running against the wall clock: the simulation advances one cycle period of simulated time per cycle, and
 * cycle k is due {@code k · period / realtimeFactor} wall-clock seconds after the start. Each cycle, on the
 * session's own thread:
 * <ol>
 * <li>inputs written through {@link #setInput} since the last cycle are applied, in order;</li>
 * <li>in {@link SessionOptions.Mode#HIL HIL} mode, every binding connector hands over its read bindings' latest
 * values (read phase);</li>
 * <li>the simulation advances to {@code k · period} (step phase);</li>
 * <li>the port values are published as one snapshot, so readers never see a half-stepped state;</li>
 * <li>in HIL mode, the write bindings get their ports' values (write phase);</li>
 * <li>{@link CycleListener}s are told (servers push notifications from there).</li>
 * </ol>
 * Every cycle's phases and lateness are recorded in {@link #timing()}. A cycle that ends after the next is due is
 * an overrun; the next cycle then starts at once, so simulated time keeps its grid and catches up.
 * <p>
 * Thread-safe as {@link TwinAccess} requires. {@link #close()} stops the loop, the connectors and the simulation.
 */
public final class TwinSession implements TwinAccess, AutoCloseable {

    /** Where a session stands. */
    public enum State {
        RUNNING, PAUSED, ENDED, FAILED
    }

    @FunctionalInterface
    interface SimulationSource {
        Simulation.Builder builder() throws SimulationException;
    }

    private record Snapshot(long cycle, double time, double[] values) {
    }

    /**
     * The port values of one completed cycle, in the order of {@link #ports()}; {@code values} is a copy the caller
     * owns.
     */
    public record Values(long cycle, double time, double[] values) {
    }

    private final String modelName;
    private final SimulationSource source;
    private final SessionOptions options;
    private final List<PortInfo> ports;
    private final String[] paths;
    private final boolean[] settable;
    private final List<ParameterInfo> parameters;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final double period;
    private final long periodNanos;
    private final CycleTiming timing;
    private final RollingTiming recent;
    private final List<Binding> bindings;
    private final List<BindingConnector> connectors;
    private final ConcurrentLinkedQueue<Consumer<Simulation.Session>> pending = new ConcurrentLinkedQueue<>();
    private final List<CycleListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    private final Control control = new Control();

    private volatile Snapshot snapshot;
    private volatile State state = State.RUNNING;
    private volatile boolean paused;
    private volatile boolean closing;
    private volatile boolean resetRequested;
    private volatile Throwable failure;
    /** Replaced on reset; read by {@link Control} on peers' threads. */
    private volatile Simulation simulation;
    private Simulation.Session session;
    /** The connectors' status just before they were closed at the end (null while running). */
    private volatile List<EndpointStatus> finalEndpointStatus;
    private volatile List<BindingStatus> finalBindingStatus;
    /** What became of the requested real-time priority (null when none was asked or before the loop started). */
    private volatile RealtimeScheduling.Outcome scheduling;

    private TwinSession(Builder b, Simulation.Builder first) throws SimulationException {
        TwinModel model = first.model();
        this.modelName = model.getName() == null ? "twin" : model.getName();
        this.source = b.source;
        this.options = b.options;
        Set<Port> driven = new HashSet<>();
        for (Connection c : model.getConnections()) {
            driven.add(c.getTarget());
        }
        List<PortInfo> portList = new ArrayList<>();
        List<ParameterInfo> parameterList = new ArrayList<>();
        for (Component c : model.getComponents()) {
            for (Port p : c.getPorts()) {
                int i = portList.size();
                String path = c.getName() + "." + p.getName();
                portList.add(new PortInfo(i, path, c.getName(), p.getName(), p.getDirection(),
                        p.getDataType() == null ? DataType.REAL : p.getDataType(), p.getUnit(), number(p.getStart(), 0),
                        Double.NaN, Double.NaN, p.getDescription()));
                index.put(path, i);
            }
            for (Parameter p : c.getParameters()) {
                parameterList.add(new ParameterInfo(c.getName() + "." + p.getName(), c.getName(), p.getName(),
                        number(p.getValue(), Double.NaN), p.getValue(), p.getUnit()));
            }
        }
        this.ports = List.copyOf(portList);
        this.parameters = List.copyOf(parameterList);
        this.paths = ports.stream().map(PortInfo::path).toArray(String[]::new);
        this.settable = new boolean[ports.size()];
        int k = 0;
        for (Component c : model.getComponents()) {
            for (Port p : c.getPorts()) {
                settable[k] = ports.get(k).isInput() && !driven.contains(p);
                k++;
            }
        }
        this.simulation = first.build();
        this.period = Double.isNaN(options.cyclePeriod()) ? simulation.stepSize() : options.cyclePeriod();
        this.periodNanos = Math.max(1, Math.round(period / options.realtimeFactor() * 1e9));
        this.timing = new CycleTiming(periodNanos);
        this.recent = RollingTiming.forPeriod(periodNanos);
        this.bindings = List.copyOf(model.getBindings());
        this.session = simulation.start();
        this.snapshot = new Snapshot(0, session.time(), readValues(session));
        this.connectors = options.mode() == SessionOptions.Mode.HIL ? createConnectors(model, b) : List.of();
        this.thread = new Thread(this::loop, "twinstudio-session " + modelName);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** A session of the model file (validated; errors are thrown by {@link Builder#start()}). */
    public static Builder builder(Path modelFile) {
        return new Builder(() -> Simulation.builder(modelFile));
    }

    /** A session of a model in memory. */
    public static Builder builder(TwinModel model) {
        return new Builder(() -> Simulation.builder(model));
    }

    /** Configures and starts a {@link TwinSession}. */
    public static final class Builder {
        private SimulationSource source;
        private SessionOptions options = SessionOptions.serve();
        private Connectors connectorRegistry;
        private ConnectorContext context;

        private Builder(SimulationSource source) {
            this.source = source;
        }

        /**
         * Seeds the twin's noise (sensor noise, noise and dropout faults), after a reset too: the same seed gives
         * the same noise at the same cycle. Unseeded, the simulation's default seed.
         */
        public Builder seed(long seed) {
            SimulationSource unseeded = source;
            this.source = () -> unseeded.builder().seed(seed);
            return this;
        }

        public Builder options(SessionOptions o) {
            this.options = o;
            return this;
        }

        /** Where HIL mode finds its connectors; default {@link Connectors#getDefault()}. */
        public Builder connectors(Connectors registry) {
            this.connectorRegistry = registry;
            return this;
        }

        public Builder context(ConnectorContext c) {
            this.context = c;
            return this;
        }

        /**
         * Builds the simulation, creates and starts the connectors (HIL) and starts the cycle loop.
         *
         * @throws SimulationException if the model does not load or validate, or (HIL) an endpoint has no connector
         */
        public TwinSession start() throws SimulationException {
            TwinSession s = new TwinSession(this, source.builder());
            for (BindingConnector c : s.connectors) {
                c.start();
            }
            s.thread.start();
            return s;
        }
    }

    private List<BindingConnector> createConnectors(TwinModel model, Builder b) throws SimulationException {
        Connectors registry = b.connectorRegistry != null ? b.connectorRegistry : Connectors.getDefault();
        ConnectorContext context = b.context != null ? b.context
                : ConnectorContext.defaults(Path.of(System.getProperty("user.home"), ".twinstudio"));
        Map<Endpoint, List<Binding>> byEndpoint = new LinkedHashMap<>();
        for (Binding binding : model.getBindings()) {
            byEndpoint.computeIfAbsent(binding.getEndpoint(), e -> new ArrayList<>()).add(binding);
        }
        List<BindingConnector> created = new ArrayList<>();
        for (Map.Entry<Endpoint, List<Binding>> e : byEndpoint.entrySet()) {
            ConnectorProvider provider = registry.clientFor(e.getKey()).orElse(null);
            if (provider == null) {
                created.forEach(BindingConnector::close);
                throw new SimulationException(SimulationException.Kind.MODEL, "endpoint '" + e.getKey().getName()
                        + "': no connector is installed for " + e.getKey().eClass().getName());
            }
            created.add(provider.create(e.getKey(), e.getValue(), context));
        }
        return List.copyOf(created);
    }

    private static double number(String text, double fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return 1;
        }
        if (t.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The cycle loop (session thread only).

    private double[] readValues(Simulation.Session s) {
        double[] values = new double[paths.length];
        for (int i = 0; i < paths.length; i++) {
            values[i] = s.value(paths[i]);
        }
        return values;
    }

    private void loop() {
        long cycleInRun = 0;
        long cycles = 0;
        if (options.realtimePriority() > 0) {
            scheduling = RealtimeScheduling.applyToCurrentThread(options.realtimePriority());
        }
        long startNanos = System.nanoTime();
        try {
            while (!closing) {
                if (paused) {
                    state = State.PAUSED;
                    LockSupport.parkNanos(5_000_000);
                    startNanos = System.nanoTime() - cycleInRun * periodNanos;
                    continue;
                }
                state = State.RUNNING;
                if (resetRequested) {
                    resetRequested = false;
                    restart();
                    cycleInRun = 0;
                    startNanos = System.nanoTime();
                    snapshot = new Snapshot(cycles, session.time(), readValues(session));
                }
                double target = (cycleInRun + 1) * period;
                if (target > options.duration() + period * 1e-9) {
                    break;
                }
                long due = startNanos + (cycleInRun + 1) * periodNanos;
                waitUntil(due);
                if (paused || closing) {
                    continue;
                }
                long t0 = System.nanoTime();
                long late = t0 - due;
                Consumer<Simulation.Session> command;
                while ((command = pending.poll()) != null) {
                    command.accept(session);
                }
                for (BindingConnector c : connectors) {
                    c.readInputs((binding, value) -> applyBound(binding, value));
                }
                long t1 = System.nanoTime();
                session.advanceTo(target);
                long t2 = System.nanoTime();
                cycleInRun++;
                cycles++;
                Snapshot published = new Snapshot(cycles, session.time(), readValues(session));
                snapshot = published;
                for (BindingConnector c : connectors) {
                    c.writeOutputs(binding -> valueOfBound(published, binding));
                }
                long t3 = System.nanoTime();
                for (CycleListener l : listeners) {
                    try {
                        l.cycleCompleted(published.cycle(), published.time());
                    } catch (RuntimeException e) {
                        // A listener's failure is its own; the twin keeps running.
                    }
                }
                long t4 = System.nanoTime();
                timing.record(t1 - t0, t2 - t1, t3 - t2, t4 - t0, late);
                recent.record(t4, t1 - t0, t2 - t1, t3 - t2, t4 - t0, late);
            }
            state = State.ENDED;
        } catch (SimulationException | RuntimeException e) {
            failure = e;
            state = State.FAILED;
        } finally {
            shutdown();
            ended.countDown();
        }
    }

    private void waitUntil(long due) {
        long spin = options.spinMicros() * 1000;
        while (!closing && !paused) {
            long left = due - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left > spin) {
                LockSupport.parkNanos(left - spin);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void applyBound(Binding binding, double value) {
        Integer i = index.get(pathOf(binding.getPort()));
        if (i == null || !settable[i] || !Double.isFinite(value)) {
            return;
        }
        try {
            session.setInput(paths[i], value);
        } catch (SimulationException | IllegalArgumentException e) {
            // The binding's own status shows what the peer sent; a rejected value leaves the input as it was.
        }
    }

    private double valueOfBound(Snapshot s, Binding binding) {
        Integer i = index.get(pathOf(binding.getPort()));
        return i == null ? Double.NaN : s.values()[i];
    }

    private static String pathOf(Port p) {
        return p == null || p.getComponent() == null ? "" : p.getComponent().getName() + "." + p.getName();
    }

    private void restart() throws SimulationException {
        Simulation.Session old = session;
        Simulation fresh = source.builder().build();
        Simulation.Session next = fresh.start();
        simulation = fresh;
        session = next;
        old.close();
    }

    private void shutdown() {
        finalEndpointStatus = connectors.stream().map(BindingConnector::status).toList();
        List<BindingStatus> last = new ArrayList<>();
        connectors.forEach(c -> last.addAll(c.bindingStatus()));
        finalBindingStatus = List.copyOf(last);
        for (BindingConnector c : connectors) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // closing the others matters more
            }
        }
        try {
            session.close();
        } catch (SimulationException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // TwinAccess

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public List<PortInfo> ports() {
        return ports;
    }

    @Override
    public List<ParameterInfo> parameters() {
        return parameters;
    }

    @Override
    public java.util.OptionalInt indexOf(String path) {
        Integer i = index.get(path);
        return i == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(i);
    }

    @Override
    public double value(int port) {
        return snapshot.values()[port];
    }

    /** The value of {@code component.port} after the last completed cycle. */
    public double value(String path) {
        Integer i = index.get(path);
        if (i == null) {
            throw new IllegalArgumentException("no port '" + path + "' in " + modelName);
        }
        return value(i);
    }

    @Override
    public double time() {
        return snapshot.time();
    }

    @Override
    public long cycle() {
        return snapshot.cycle();
    }

    @Override
    public double cyclePeriod() {
        return period;
    }

    @Override
    public void setInput(int port, double value) {
        if (port < 0 || port >= ports.size()) {
            throw new IllegalArgumentException("no port number " + port);
        }
        PortInfo p = ports.get(port);
        if (!p.isInput()) {
            throw new IllegalArgumentException("'" + p.path() + "' is an output; only inputs can be set");
        }
        if (!settable[port]) {
            throw new IllegalArgumentException("input '" + p.path() + "' is driven by a connection");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("input '" + p.path() + "' cannot be set to " + value);
        }
        String path = paths[port];
        pending.add(s -> {
            try {
                s.setInput(path, value);
            } catch (SimulationException e) {
                throw new IllegalStateException("setting " + path + ": " + e.getMessage(), e);
            }
        });
    }

    /** Sets {@code component.port}; see {@link #setInput(int, double)}. */
    public void setInput(String path, double value) {
        Integer i = index.get(path);
        if (i == null) {
            throw new IllegalArgumentException("no port '" + path + "' in " + modelName);
        }
        setInput(i, value);
    }

    @Override
    public void addCycleListener(CycleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeCycleListener(CycleListener listener) {
        listeners.remove(listener);
    }

    @Override
    public SessionControl control() {
        return control;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Session state

    public SessionOptions options() {
        return options;
    }

    public State state() {
        return state;
    }

    /** Why the session failed, or null. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Whether the cycle thread got the real-time priority the options asked for, and if not why; null when none was
     * asked or the loop has not started yet.
     */
    public RealtimeScheduling.Outcome scheduling() {
        return scheduling;
    }

    /** Every cycle since the start, with exact percentiles: for reports. */
    public CycleTiming timing() {
        return timing;
    }

    /** The latest cycles (at least the last two seconds' worth), for live displays such as "the last second". */
    public RollingTiming recentTiming() {
        return recent;
    }

    /** Wall-clock nanoseconds between two cycles: the cycle period divided by the real-time factor. */
    public long periodNanos() {
        return periodNanos;
    }

    /** The values of the last completed cycle, all from that one cycle. */
    public Values snapshot() {
        Snapshot s = snapshot;
        return new Values(s.cycle(), s.time(), s.values().clone());
    }

    /** The model's bindings (the HIL loop serves them; a server may place ports by them). */
    public List<Binding> bindings() {
        return bindings;
    }

    /** Injects a fault from the next cycle (or at its start time, in simulated seconds); returns its id. */
    public long injectFault(Fault fault) {
        return simulation.faults().inject(fault);
    }

    /** Removes the faults on {@code component.port}, or on a component and its ports. */
    public void clearFault(String target) {
        simulation.faults().clear(target);
    }

    /** The HIL connectors, one per endpoint with bindings (empty when serving). */
    public List<BindingConnector> connectors() {
        return connectors;
    }

    /** Each endpoint's status; once the session has ended, as it was just before the connectors closed. */
    public List<EndpointStatus> endpointStatus() {
        List<EndpointStatus> last = finalEndpointStatus;
        if (last != null) {
            return last;
        }
        return connectors.stream().map(BindingConnector::status).toList();
    }

    /** Each binding's status; once the session has ended, as it was just before the connectors closed. */
    public List<BindingStatus> bindingStatus() {
        List<BindingStatus> last = finalBindingStatus;
        if (last != null) {
            return last;
        }
        List<BindingStatus> all = new ArrayList<>();
        connectors.forEach(c -> all.addAll(c.bindingStatus()));
        return all;
    }

    /** Waits until the session ends by itself (its duration) or is closed; returns false on timeout. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** Stops the loop and releases the connectors and the simulation; waits for the session thread. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            if (thread.isAlive() || thread.getState() != Thread.State.NEW) {
                ended.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Control implements SessionControl {

        @Override
        public void start() {
            paused = false;
            LockSupport.unpark(thread);
        }

        /** Pauses after the cycle in progress; {@link #running()} turns false once the loop has stopped. */
        @Override
        public void stop() {
            paused = true;
        }

        @Override
        public boolean running() {
            return state == State.RUNNING;
        }

        @Override
        public void reset() {
            resetRequested = true;
        }

        @Override
        public long injectFault(String spec) {
            return simulation.faults().inject(FaultSpecs.parse(spec));
        }

        @Override
        public void clearFaults() {
            simulation.faults().clearAll();
        }

        @Override
        public void clearFault(String target) {
            TwinSession.this.clearFault(target);
        }
    }
}
