package org.twinstudio.sim.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.types.PortSpec;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.faults.Fault.Kind;

/**
 * Injects {@link Fault}s into a running (or not yet started) simulation, from any thread.
 * <p>
 * {@link #inject}, {@link #clear(long)}, {@link #clear(String)} and {@link #clearAll()} check their argument at once
 * (unknown component or port, a fault that does not apply to the port's data type) and queue the change; the
 * simulation applies queued changes at the next step boundary (the end of an accepted step, or the start of the
 * run), so that a step never sees a half-applied change. A fault whose start time is set is announced as a time event
 * ({@link ComponentBehaviour#nextTimeEvent}): the master ends a step exactly at its start (with every solver) and
 * activates it there; the same holds for its end (exclusive).
 * <p>
 * Every component's behaviour is wrapped by the master at construction ({@link #wrap}); while no fault is active on
 * a component the wrapper costs one branch per call and allocates nothing.
 */
public final class FaultInjector {

    private final Map<String, FaultableBehaviour> components = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    /** Set after a change is queued, cleared before the queue is drained: one volatile read per step. */
    private volatile boolean changesQueued;
    private final long seed;
    /** Simulation thread only. */
    private double lastBoundary = Double.NaN;
    /** Components with an active fault that draws at every step (noise, intermittent dropout); simulation thread. */
    private int drawingComponents;
    /** Components with an active fault; simulation thread. */
    private int faultyComponents;
    /** Components with a fault that starts, ends or was changed at a later boundary; simulation thread. */
    private int scheduledComponents;

    /** @param seed the simulation seed; noise and intermittent dropouts are drawn from generators derived from it */
    public FaultInjector(long seed) {
        this.seed = seed;
    }

    /**
     * For the simulation master: wraps the behaviour of one component so that faults can be injected into it.
     *
     * @param context the component's context (name, port indices)
     * @param inputs the component's input ports in index order
     * @param outputs the component's output ports in index order
     * @param behaviour the component's own behaviour
     */
    public synchronized ComponentBehaviour wrap(BehaviourContext context, List<PortSpec> inputs,
            List<PortSpec> outputs, ComponentBehaviour behaviour) {
        FaultableBehaviour wrapped = new FaultableBehaviour(this, context.componentName(), inputs, outputs,
                units(context, inputs), units(context, outputs), behaviour,
                seed ^ (context.componentName().hashCode() * 0xC2B2AE3D27D4EB4FL));
        components.put(context.componentName(), wrapped);
        return wrapped;
    }

    /** The simulated unit of each port: the type's, else (ports of any unit) the model's. */
    private static String[] units(BehaviourContext context, List<PortSpec> ports) {
        String[] units = new String[ports.size()];
        for (int i = 0; i < units.length; i++) {
            PortSpec spec = ports.get(i);
            String unit = spec.unit();
            if (unit == null && context.component() != null) {
                for (Port p : context.component().getPorts()) {
                    if (spec.name().equals(p.getName())) {
                        unit = p.getUnit();
                    }
                }
            }
            units[i] = unit == null ? "" : unit;
        }
        return units;
    }

    /**
     * Queues a fault; it takes effect at the next step boundary (at its start time if it has one).
     *
     * @return an id for {@link #clear(long)}
     * @throws IllegalArgumentException naming the component or port when the fault does not fit the model
     */
    public long inject(Fault fault) {
        if (fault == null) {
            throw new IllegalArgumentException("no fault");
        }
        FaultableBehaviour c = component(fault.component());
        List<int[]> ports = new ArrayList<>(); // {input ? 1 : 0, index}
        List<Double> values = new ArrayList<>(); // the fault's value in each port's unit
        if (fault.kind() == Kind.FAIL) {
            if (fault.port() != null) {
                throw new IllegalArgumentException("'fail' applies to a whole component, not to a port");
            }
            for (int o = 0; o < c.outputs.size(); o++) {
                if (!Double.isNaN(fault.value())) {
                    checkFailValue(fault, c.outputs.get(o));
                }
                values.add(inPortUnit(fault, c.name, c.outputs.get(o), c.outputUnits[o]));
            }
        } else if (fault.port() == null) {
            if (c.outputs.isEmpty()) {
                throw new IllegalArgumentException("component '" + c.name + "' has no outputs to apply "
                        + fault.kind().keyword() + " to");
            }
            for (int o = 0; o < c.outputs.size(); o++) {
                checkApplicable(fault, c.name, c.outputs.get(o));
                values.add(inPortUnit(fault, c.name, c.outputs.get(o), c.outputUnits[o]));
                ports.add(new int[] { 0, o });
            }
        } else {
            int[] port = c.port(fault.port());
            boolean input = port[0] == 1;
            PortSpec spec = (input ? c.inputs : c.outputs).get(port[1]);
            checkApplicable(fault, c.name, spec);
            values.add(inPortUnit(fault, c.name, spec, (input ? c.inputUnits : c.outputUnits)[port[1]]));
            ports.add(port);
        }
        long id = ids.incrementAndGet();
        queue(new Change(Change.ADD, id, fault, ports, values.stream().mapToDouble(Double::doubleValue).toArray(),
                null, null));
        return id;
    }

    /** Queues the removal of the fault with this id (no effect if it has already ended). */
    public void clear(long id) {
        queue(new Change(Change.REMOVE_ID, id, null, null, null, null, null));
    }

    /** Queues the removal of every fault on {@code component.port}, or on {@code component} and all its ports. */
    public void clear(String target) {
        int dot = target == null ? -1 : target.lastIndexOf('.');
        String name = dot < 0 ? target : target.substring(0, dot);
        FaultableBehaviour c = component(name);
        String port = dot < 0 ? null : target.substring(dot + 1);
        if (port != null) {
            c.port(port);
        }
        queue(new Change(Change.REMOVE_TARGET, 0, null, null, null, name, port));
    }

    /** Queues the removal of every fault. */
    public void clearAll() {
        queue(new Change(Change.REMOVE_ALL, 0, null, null, null, null, null));
    }

    private void queue(Change change) {
        pending.add(change);
        changesQueued = true;
    }

    /** The faults active at the last step boundary, in the order they were injected, each once. */
    public List<Fault> active() {
        List<Fault> all = new ArrayList<>();
        FaultableBehaviour[] cs;
        synchronized (this) {
            cs = components.values().toArray(FaultableBehaviour[]::new);
        }
        for (FaultableBehaviour c : cs) {
            for (Fault f : c.activeFaults) {
                if (!all.contains(f)) {
                    all.add(f);
                }
            }
        }
        return all;
    }

    /**
     * For the simulation master, after every accepted step: whether the wrapped behaviours have work at this step
     * boundary (queued changes to apply, noise or intermittent dropouts to draw), so that their {@code stepCompleted}
     * must be called even where the component's own behaviour has no step hook. One volatile read and a comparison;
     * between step boundaries the faults only change at events ({@code handleEvent}), which the master always calls.
     */
    public boolean stepWorkPending() {
        return drawingComponents > 0 || changesQueued;
    }

    /**
     * For the simulation master, in its hot loops: whether any component has an active fault. While none has, every
     * wrapper's {@code outputs} and {@code derivatives} only delegate, and the master may call the components' own
     * behaviours directly. Changes between two calls happen only at step boundaries and events, on the simulation
     * thread.
     */
    public boolean anyActive() {
        return faultyComponents > 0;
    }

    /**
     * For the simulation master, after an accepted step: whether every wrapper's {@code stepCompleted} would only
     * delegate to its component at {@code time} (no fault active, none starting or ending later, no change queued
     * or drawing; see {@link #stepWorkPending}). Then it marks the boundary as the wrappers would, and the master may
     * call the components' own step hooks directly.
     */
    public boolean passThroughAt(double time) {
        if (faultyComponents > 0 || scheduledComponents > 0 || drawingComponents > 0 || changesQueued) {
            return false;
        }
        boundary(time);
        return true;
    }

    /** A component got a change ahead, or has none left. */
    void scheduled(boolean started) {
        scheduledComponents += started ? 1 : -1;
    }

    /** A component's first fault became active, or its last one ended. */
    void faulty(boolean started) {
        faultyComponents += started ? 1 : -1;
    }

    /** A component started or stopped drawing at every step. */
    void drawing(boolean started) {
        drawingComponents += started ? 1 : -1;
    }

    /** Whether changes are queued that the next step boundary will apply. */
    public boolean hasPendingChanges() {
        return !pending.isEmpty();
    }

    private synchronized FaultableBehaviour component(String name) {
        FaultableBehaviour c = components.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown component '" + name + "' (components: "
                    + String.join(", ", components.keySet()) + ")");
        }
        return c;
    }

    private static void checkApplicable(Fault fault, String component, PortSpec port) {
        DataType type = port.dataType() == null ? DataType.REAL : port.dataType();
        String where = "port '" + component + "." + port.name() + "' (" + type.getLiteral() + ")";
        switch (fault.kind()) {
            case STUCK -> {
                if (type == DataType.BOOLEAN && fault.value() != 0 && fault.value() != 1) {
                    throw new IllegalArgumentException("stuck value " + fault.value() + " does not fit the boolean "
                            + where + ": use 0/1 or false/true");
                }
                if (type == DataType.STRING) {
                    throw new IllegalArgumentException("stuck is not applicable to the string " + where);
                }
            }
            case OFFSET, DRIFT, NOISE -> {
                if (type == DataType.BOOLEAN || type == DataType.STRING
                        || (type == DataType.INTEGER && fault.kind() != Kind.OFFSET)) {
                    throw new IllegalArgumentException(fault.kind().keyword() + " is not applicable to the " + where
                            + (type == DataType.BOOLEAN ? ": use stuck or dropout" : ""));
                }
            }
            case DROPOUT, FAIL -> {
                // holds a value: fits every data type
            }
        }
    }

    /**
     * The fault's value converted from its unit to the port's: stuck and fail values as quantities, offsets, drift
     * rates and noise as differences (1 K on a degC port is 1, not −272.15).
     */
    private static double inPortUnit(Fault fault, String component, PortSpec port, String portUnit) {
        double v = fault.value();
        if (fault.unit() == null || Double.isNaN(v)) {
            return v;
        }
        try {
            if (TwinUnits.same(fault.unit(), portUnit)) {
                return v;
            }
            double converted = TwinUnits.convert(v, fault.unit(), portUnit);
            return fault.kind() == Kind.STUCK || fault.kind() == Kind.FAIL ? converted
                    : converted - TwinUnits.convert(0, fault.unit(), portUnit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fault.kind().keyword() + " value " + v + " " + fault.unit()
                    + " does not fit the port '" + component + "." + port.name() + "' ["
                    + (portUnit.isEmpty() ? "dimensionless" : portUnit) + "]");
        }
    }

    private static void checkFailValue(Fault fault, PortSpec port) {
        if (port.dataType() == DataType.BOOLEAN && fault.value() != 0 && fault.value() != 1) {
            throw new IllegalArgumentException("fail value " + fault.value() + " does not fit the boolean output '"
                    + fault.component() + "." + port.name() + "': use 0/1, or fail without a value to freeze");
        }
    }

    /**
     * Called by every wrapped behaviour at a step boundary; the first call at a new time applies the queued changes,
     * so that every component sees them at the same boundary.
     */
    void boundary(double time) {
        if (time != lastBoundary) {
            lastBoundary = time;
            if (changesQueued) {
                changesQueued = false;
                applyPending(time);
            }
        }
    }

    private void applyPending(double time) {
        for (Change next = pending.poll(); next != null; next = pending.poll()) {
            Change change = next;
            switch (change.what) {
                case Change.ADD -> components.get(change.fault.component()).add(change.id, change.fault,
                        change.ports, change.values, time);
                case Change.REMOVE_ID -> components.values().forEach(c -> c.remove(change.id));
                case Change.REMOVE_TARGET -> components.get(change.component).removeTarget(change.port);
                case Change.REMOVE_ALL -> components.values().forEach(FaultableBehaviour::removeAll);
                default -> throw new IllegalStateException();
            }
        }
    }

    /** A queued change; applied by the simulation thread. */
    private record Change(int what, long id, Fault fault, List<int[]> ports, double[] values, String component,
            String port) {
        static final int ADD = 0;
        static final int REMOVE_ID = 1;
        static final int REMOVE_TARGET = 2;
        static final int REMOVE_ALL = 3;
    }
}
