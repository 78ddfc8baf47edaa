package org.twinstudio.testlang.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.AlertRule;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.alerts.AlertEvaluator;

/**
 * A {@link TestTarget} over a twin running in real time ({@link TwinAccess}: a live session serving the twin or
 * closing a HIL loop through its bindings). The same suite that runs in virtual time on a {@link SimulationTarget}
 * runs here against the wall clock:
 * <ul>
 * <li>every completed cycle of the twin is a sample: its time and port values are queued by a
 * {@link CycleListener} and the runner sees them in order, so expectations are checked at every cycle and none is
 * missed while the runner works;</li>
 * <li>{@link #advanceTo} waits on the wall clock for the cycles up to the requested time;</li>
 * <li>{@code set} writes the input through {@link TwinAccess#setInput}: the test first catches up with the twin's
 * latest cycle (cycles still queued are history by then), and the value takes effect before the next step, so the
 * test's clock and the twin's agree;</li>
 * <li>faults go through {@link TwinAccess#control()} in the notation of {@code twinstudio run --fault} (start times
 * are the twin's simulated time);</li>
 * <li>the model's alert rules are evaluated on every sample ({@link AlertEvaluator}).</li>
 * </ul>
 * Times are the twin's simulated seconds (wall-clock seconds × the real-time factor). A twin that completes no
 * cycle for {@link #STALL_SECONDS} wall-clock seconds (paused, ended, failed) is an error of the test.
 */
public final class LiveTarget implements TestTarget {

    /** Wall-clock seconds without a cycle after which the twin is taken as stopped. */
    public static final double STALL_SECONDS = 10;

    private record Sample(long cycle, double time, double[] values) {
    }

    private final TwinAccess twin;
    private final AutoCloseable owner;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<PortInfo> ports;
    private final LinkedBlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
    private final CycleListener listener;
    private final AlertEvaluator alerts;
    private Sample current;

    /**
     * @param twin       the running twin; its cycles from now on are the samples of the test
     * @param alertRules the model's alert rules, evaluated on every sample
     * @param owner      closed with the target (the session the target was made for), or null
     */
    public LiveTarget(TwinAccess twin, List<AlertRule> alertRules, AutoCloseable owner) {
        this.twin = twin;
        this.owner = owner;
        this.ports = twin.ports();
        List<Signal> signals = new ArrayList<>();
        for (PortInfo p : ports) {
            index.put(p.path(), p.index());
            signals.add(new Signal(p.component(), p.name(), p.unit()));
        }
        this.alerts = new AlertEvaluator(alertRules).bind(signals);
        this.listener = (cycle, time) -> samples.add(new Sample(cycle, time, read()));
        twin.addCycleListener(listener);
        current = new Sample(twin.cycle(), twin.time(), read());
        alerts.stepCompleted(current.cycle(), current.time(), current.values());
    }

    private double[] read() {
        double[] values = new double[ports.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = twin.value(i);
        }
        return values;
    }

    private int port(String path) {
        Integer i = index.get(path);
        if (i == null) {
            throw new IllegalArgumentException("no port '" + path + "' in the live twin " + twin.modelName());
        }
        return i;
    }

    @Override
    public double time() {
        return current.time();
    }

    @Override
    public double stepSize() {
        return twin.cyclePeriod();
    }

    @Override
    public String unit(String port) {
        Integer i = index.get(port);
        String unit = i == null ? null : ports.get(i).unit();
        return unit == null ? "" : unit;
    }

    @Override
    public void set(String port, double value) {
        int i = port(port);
        catchUp();
        twin.setInput(i, value);
        // the test reads back what it wrote, as on a simulation; the twin shows it from its next cycle
        current.values()[i] = value;
    }

    @Override
    public double value(String port) {
        return current.values()[port(port)];
    }

    @Override
    public void advanceTo(double time) throws Exception {
        advanceTo(time, t -> false);
    }

    /** Takes the twin's cycles in order until one reaches {@code time}; each is a sample for {@code listener}. */
    @Override
    public void advanceTo(double time, SampleListener listener) throws Exception {
        double tolerance = twin.cyclePeriod() * 1e-6;
        while (current.time() < time - tolerance) {
            Sample next = samples.poll((long) (STALL_SECONDS * 1000), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the live twin %s completed no cycle for %.0f s (at t = %.6g s): it is paused, ended or "
                                + "failed",
                        twin.modelName(), STALL_SECONDS, current.time()));
            }
            if (take(next) && listener.sample(current.time())) {
                return;
            }
        }
    }

    /** Makes {@code next} the current sample; false for a cycle already passed (queued before the target began). */
    private boolean take(Sample next) {
        if (next.cycle() <= current.cycle()) {
            return false;
        }
        if (next.time() < current.time()) {
            // cycles count on, but the clock went back: the twin was reset under the test
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the live twin %s went back in time from t = %.6g s to %.6g s (reset by a peer?)",
                    twin.modelName(), current.time(), next.time()));
        }
        current = next;
        alerts.stepCompleted(next.cycle(), next.time(), next.values());
        return true;
    }

    /** Moves to the twin's latest completed cycle, evaluating the alerts on every cycle passed. */
    private void catchUp() {
        Sample next;
        while ((next = samples.poll()) != null) {
            take(next);
        }
    }

    @Override
    public void injectFault(FaultRequest f) {
        catchUp();
        twin.control().injectFault(spec(f, current.time()));
    }

    /**
     * The fault in the notation of {@code twinstudio run --fault}: {@code TARGET=KIND[:V[unit]][@START[+DURATION]]}.
     * A fault lasting a while without a start starts at {@code now}.
     */
    static String spec(FaultRequest f, double now) {
        StringBuilder s = new StringBuilder(f.target()).append('=').append(f.kind());
        if (!Double.isNaN(f.value())) {
            s.append(':').append(f.value());
            if (f.unit() != null && !f.kind().equals("dropout")) {
                s.append(f.unit());
            }
        }
        double start = f.start();
        if (Double.isNaN(start) && Double.isFinite(f.duration())) {
            start = now;
        }
        if (!Double.isNaN(start)) {
            s.append('@').append(start).append('s');
            if (Double.isFinite(f.duration())) {
                s.append('+').append(f.duration()).append('s');
            }
        }
        return s.toString();
    }

    @Override
    public void clearFault(String target) {
        catchUp();
        twin.control().clearFault(target);
    }

    @Override
    public boolean alertActive(String alert) {
        return alerts.isActive(alert);
    }

    @Override
    public void close() throws Exception {
        twin.removeCycleListener(listener);
        if (owner != null) {
            owner.close();
        }
    }
}
