package org.twinstudio.testlang.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
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
        this(modelFile, Simulation.DEFAULT_SEED);
    }

    /** @param seed the simulation seed of the noise and dropout generators (same seed, same run) */
    public SimulationTarget(Path modelFile, long seed) throws SimulationException {
        simulation = Simulation.builder(modelFile).seed(seed).build();
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
