package org.twinstudio.connect.opcua.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.ParameterInfo;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.SessionControl;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;

/**
 * A load generator for server benchmarks: a twin of one component {@code bench} with {@code n} output ports
 * {@code bench.s0 … s(n-1)} and one input {@code bench.in}, stepped by its own thread every {@code periodNanos}.
 * Every output changes every cycle: after cycle k, {@code s_i = k + i}; {@code bench.in} holds what peers wrote.
 * Outputs have the range [0, 1e12] in m so the server publishes EURange and EngineeringUnits as for real ports.
 */
public final class SyntheticTwin implements TwinAccess, AutoCloseable {

    private final List<PortInfo> ports;
    private final int outputs;
    private final long periodNanos;
    private final List<CycleListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile long cycle;
    private volatile double input;
    private volatile boolean running = true;
    private volatile boolean closed;

    public SyntheticTwin(int outputs, long periodNanos) {
        this.outputs = outputs;
        this.periodNanos = periodNanos;
        List<PortInfo> list = new ArrayList<>(outputs + 1);
        for (int i = 0; i < outputs; i++) {
            list.add(new PortInfo(i, "bench.s" + i, "bench", "s" + i, PortDirection.OUT, DataType.REAL, "m", 0, 0,
                    1e12, null));
        }
        list.add(new PortInfo(outputs, "bench.in", "bench", "in", PortDirection.IN, DataType.REAL, "m", 0, 0, 1e12,
                null));
        this.ports = List.copyOf(list);
        this.thread = new Thread(this::loop, "twinstudio-bench-twin");
        thread.setDaemon(true);
    }

    /** Starts stepping. */
    public SyntheticTwin start() {
        thread.start();
        return this;
    }

    private void loop() {
        long next = System.nanoTime();
        while (!closed) {
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > 100 * periodNanos) {
                next = System.nanoTime(); // far behind: do not try to catch up a burst
            }
            if (!running) {
                continue;
            }
            long k = cycle + 1;
            cycle = k;
            for (CycleListener l : listeners) {
                l.cycleCompleted(k, k * periodNanos / 1e9);
            }
        }
    }

    @Override
    public String modelName() {
        return "bench";
    }

    @Override
    public List<PortInfo> ports() {
        return ports;
    }

    @Override
    public List<ParameterInfo> parameters() {
        return List.of();
    }

    @Override
    public double value(int port) {
        return port == outputs ? input : cycle + port;
    }

    @Override
    public double time() {
        return cycle * periodNanos / 1e9;
    }

    @Override
    public long cycle() {
        return cycle;
    }

    @Override
    public double cyclePeriod() {
        return periodNanos / 1e9;
    }

    @Override
    public void setInput(int port, double value) {
        if (port != outputs) {
            throw new IllegalArgumentException(ports.get(port).path() + " is not an input");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        input = value;
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
                cycle = 0;
            }

            @Override
            public long injectFault(String spec) {
                throw new IllegalArgumentException("the benchmark twin has no faults: " + spec);
            }

            @Override
            public void clearFaults() {
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
