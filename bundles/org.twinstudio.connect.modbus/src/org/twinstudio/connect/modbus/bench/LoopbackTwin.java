package org.twinstudio.connect.modbus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.ParameterInfo;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.SessionControl;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;

/**
 * A minimal twin for measuring protocol paths without a simulation: pairs of ports {@code <name>.in} (input) and
 * {@code <name>.out} (output), where each cycle first applies the inputs written since the last cycle, in order,
 * and then publishes {@code out = in}. Values read are those of the last completed {@link #step()}. Faults are not
 * supported ({@link SessionControl#injectFault} is refused).
 */
public final class LoopbackTwin implements TwinAccess {

    private final String name;
    private final List<PortInfo> ports = new ArrayList<>();
    private final List<CycleListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<double[]> pendingInputs = new ConcurrentLinkedQueue<>();
    private final double period;
    private double[] working = new double[0];
    private volatile double[] published = new double[0];
    private volatile long cycle;
    private volatile boolean running = true;

    public LoopbackTwin(String name, double cyclePeriodSeconds) {
        this.name = name;
        this.period = cyclePeriodSeconds;
    }

    /** Adds {@code component.in} and {@code component.out} of {@code type}; returns the input's index. */
    public synchronized int addPair(String component, DataType type, double start, double min, double max) {
        int in = ports.size();
        ports.add(new PortInfo(in, component + ".in", component, "in", PortDirection.IN, type, "", start, min, max,
                "loopback input"));
        ports.add(new PortInfo(in + 1, component + ".out", component, "out", PortDirection.OUT, type, "", start, min,
                max, "follows " + component + ".in each cycle"));
        working = java.util.Arrays.copyOf(working, ports.size());
        working[in] = start;
        working[in + 1] = start;
        published = working.clone();
        return in;
    }

    /** Applies pending inputs, publishes {@code out = in} for every pair, tells the cycle listeners. */
    public void step() {
        synchronized (this) {
            if (running) {
                for (double[] write; (write = pendingInputs.poll()) != null;) {
                    working[(int) write[0]] = write[1];
                }
                for (int i = 0; i + 1 < working.length; i += 2) {
                    working[i + 1] = working[i];
                }
                published = working.clone();
                cycle++;
            }
        }
        for (CycleListener l : listeners) {
            l.cycleCompleted(cycle, cycle * period);
        }
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public synchronized List<PortInfo> ports() {
        return List.copyOf(ports);
    }

    @Override
    public List<ParameterInfo> parameters() {
        return List.of();
    }

    @Override
    public double value(int port) {
        return published[port];
    }

    @Override
    public double time() {
        return cycle * period;
    }

    @Override
    public long cycle() {
        return cycle;
    }

    @Override
    public double cyclePeriod() {
        return period;
    }

    @Override
    public void setInput(int port, double value) {
        PortInfo p = ports().get(port);
        if (!p.isInput()) {
            throw new IllegalArgumentException(p.path() + " is an output, not an input");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(p.path() + ": value " + value + " is not finite");
        }
        pendingInputs.add(new double[] { port, value });
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
        return new SessionControl() {
            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean running() {
                return running;
            }

            @Override
            public void reset() {
                synchronized (LoopbackTwin.this) {
                    pendingInputs.clear();
                    for (PortInfo p : ports) {
                        working[p.index()] = p.start();
                    }
                    published = working.clone();
                    cycle = 0;
                }
            }

            @Override
            public long injectFault(String spec) {
                throw new IllegalStateException("the loopback twin has no fault models; use a simulated twin");
            }

            @Override
            public void clearFaults() {
                // none to clear
            }
        };
    }
}
