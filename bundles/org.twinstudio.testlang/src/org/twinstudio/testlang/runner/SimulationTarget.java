package org.twinstudio.testlang.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.StepObserver;
import org.twinstudio.sim.faults.Fault;

/**
 * A {@link TestTarget} over a stepping session of the simulation. Each instance builds its own {@link Simulation}
 * from the model file, so every test starts from a fresh model state. Units are the simulated units of the ports
 * (what {@link Simulation#signals()} reports).
 */
public final class SimulationTarget implements TestTarget {

    private final Simulation simulation;
    private final Simulation.Session session;
    private final Map<String, String> units = new HashMap<>();

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
        simulation = builder.build();
        for (Signal s : simulation.signals()) {
            units.put(s.name(), s.unit() == null ? "" : s.unit());
        }
        session = simulation.start();
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
    public void advanceTo(double time, SampleListener samples) throws Exception {
        Exception[] failure = new Exception[1];
        session.observe((t, point) -> {
            if (failure[0] != null) {
                return true;
            }
            try {
                return samples.sample(t);
            } catch (Exception e) {
                failure[0] = e;
                return true;
            }
        });
        try {
            session.advanceTo(time);
        } finally {
            session.observe(null);
        }
        if (failure[0] != null) {
            throw failure[0];
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

    @Override
    public void close() throws SimulationException {
        session.close();
    }
}
