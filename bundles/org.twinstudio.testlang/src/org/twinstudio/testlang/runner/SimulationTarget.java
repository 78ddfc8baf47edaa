package org.twinstudio.testlang.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.StepObserver;
import org.twinstudio.sim.alerts.AlertEvaluator;
import org.twinstudio.sim.faults.Fault;

/**
 * A {@link TestTarget} over a stepping session of the simulation. Each instance builds its own {@link Simulation}
 * from the model file, so every test starts from a fresh model state. Units are the simulated units of the ports
 * (what {@link Simulation#signals()} reports). The model's alert rules are evaluated on every step
 * ({@link AlertEvaluator}).
 */
public final class SimulationTarget implements TestTarget {

    private final Simulation simulation;
    private final Simulation.Session session;
    private final Map<String, String> units = new HashMap<>();
    private final AlertEvaluator alerts;
    /** The runner's listener during {@link #advanceTo(double, SampleListener)}, and what it threw. */
    private SampleListener samples;
    private Exception failure;

    public SimulationTarget(Path modelFile) throws SimulationException {
        this(modelFile, null);
    }

    /**
     * @param seed the seed of every noise generator of the run (sensor noise, noise and dropout faults); null for the
     *        simulation's default, so that runs repeat either way
     */
    public SimulationTarget(Path modelFile, Long seed) throws SimulationException {
        Simulation.Builder builder = Simulation.builder(modelFile);
        if (seed != null) {
            builder.seed(seed);
        }
        alerts = AlertEvaluator.of(builder.model()); // the model the builder read, not a second read
        simulation = builder.build();
        alerts.bind(simulation.signals());
        for (Signal s : simulation.signals()) {
            units.put(s.name(), s.unit() == null ? "" : s.unit());
        }
        session = simulation.start();
        // alerts see every instant, before the runner's monitors look at them
        session.observe((t, point) -> {
            alerts.update(t, session::value);
            if (failure != null) {
                return true;
            }
            if (samples == null) {
                return false;
            }
            try {
                return samples.sample(t);
            } catch (Exception e) {
                failure = e;
                return true;
            }
        });
    }

    @Override
    public double time() {
        return session.time();
    }

    @Override
    public double stepSize() {
        return simulation.stepSize();
    }

    @Override
    public String unit(String port) {
        return units.getOrDefault(port, "");
    }

    @Override
    public void set(String port, double value) throws SimulationException {
        session.setInput(port, value);
    }

    @Override
    public double value(String port) {
        return session.value(port);
    }

    @Override
    public void advanceTo(double time) throws SimulationException {
        session.advanceTo(time);
    }

    /** Samples every accepted solver step, dopri5 grid point and event instant (see {@link StepObserver}). */
    @Override
    public void advanceTo(double time, SampleListener listener) throws Exception {
        samples = listener;
        failure = null;
        try {
            session.advanceTo(time);
        } finally {
            samples = null;
        }
        if (failure != null) {
            Exception e = failure;
            failure = null;
            throw e;
        }
    }

    @Override
    public void injectFault(FaultRequest f) {
        Fault fault = switch (f.kind()) {
            case "stuck" -> Fault.stuck(f.target(), f.value());
            case "offset" -> Fault.offset(f.target(), f.value());
            case "drift" -> Fault.drift(f.target(), f.value());
            case "noise" -> Fault.noise(f.target(), f.value());
            case "dropout" -> Double.isNaN(f.value()) ? Fault.dropout(f.target()) : Fault.dropout(f.target(), f.value());
            case "fail" -> Double.isNaN(f.value()) ? Fault.fail(f.target()) : Fault.fail(f.target(), f.value());
            default -> throw new IllegalArgumentException("unknown fault kind '" + f.kind() + "'");
        };
        if (f.unit() != null && !f.kind().equals("dropout")) {
            fault = fault.in(f.unit());
        }
        if (!Double.isNaN(f.start())) {
            fault = fault.at(f.start());
        }
        if (Double.isFinite(f.duration())) {
            fault = fault.lasting(f.duration());
        }
        simulation.faults().inject(fault);
    }

    @Override
    public void clearFault(String target) {
        simulation.faults().clear(target);
    }

    /** The alert's state after the last step; an unknown or unevaluable rule is an error with the reason. */
    @Override
    public boolean alertActive(String alert) {
        return alerts.isActive(alert);
    }

    /** The evaluator of the model's alert rules (events with their times). */
    public AlertEvaluator alerts() {
        return alerts;
    }

    @Override
    public void close() throws SimulationException {
        session.close();
    }
}
