package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;

/**
 * A simulation of a served twin paced to the wall clock, publishing its port values to the diagrams showing it
 * ({@code serve --web --simulate}). Simulated time follows t_sim = factor · (t_wall − t_start), advanced to the
 * last grid point (t = i·h) reached, every {@link #TICK_MILLIS} ms, until the model's stop time; the values of every
 * recorded signal (outputs, unconnected inputs) are published after each advance and the hub thins them to its
 * rate. At the stop time, or when stopped, the run ends and the diagrams clear the values.
 */
final class LiveSimulation implements AutoCloseable {

    /** Wall-clock milliseconds between two advances. */
    static final long TICK_MILLIS = 20;

    private final Path model;
    private final Simulation simulation;
    private final double factor;
    private final LiveValues hub;
    private final PrintWriter err;
    private final Thread thread;
    private volatile boolean stopped;

    private LiveSimulation(Path model, Simulation simulation, double factor, LiveValues hub, PrintWriter err) {
        this.model = model;
        this.simulation = simulation;
        this.factor = factor;
        this.hub = hub;
        this.err = err;
        this.thread = new Thread(this::runPaced, "twinstudio-live-simulation " + model.getFileName());
        thread.setDaemon(true);
    }

    /**
     * Builds the simulation of {@code model} (model errors are thrown here, before anything runs) and starts it
     * paced at {@code factor} × real time on its own thread.
     */
    static LiveSimulation start(Path model, double factor, LiveValues hub, PrintWriter err) throws SimulationException {
        Simulation simulation = Simulation.builder(model).build();
        LiveSimulation live = new LiveSimulation(model, simulation, factor, hub, err);
        live.thread.start();
        return live;
    }

    private void runPaced() {
        String uri = model.toAbsolutePath().normalize().toUri().toString();
        List<Signal> signals = simulation.signals();
        double[] values = new double[signals.size()];
        double h = simulation.stepSize();
        double stopTime = simulation.stopTime();
        try (LiveValues.Channel channel = hub.open(uri); Simulation.Session session = simulation.start()) {
            LiveValues.Ports ports = channel.ports(signals.stream().map(Signal::name).toList());
            long wallStart = System.nanoTime();
            while (!stopped) {
                double wall = (System.nanoTime() - wallStart) / 1e9;
                double target = Math.min(stopTime, Math.floor(wall * factor / h) * h);
                if (target > session.time()) {
                    session.advanceTo(target);
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = session.value(signals.get(i).name());
                }
                ports.publish(session.time(), values);
                if (session.time() >= stopTime) {
                    err.println("twinstudio serve: simulation of " + model + " reached its stop time, "
                            + format(stopTime) + " s");
                    err.flush();
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            // stopped with the server
        } catch (SimulationException | RuntimeException e) {
            err.println("twinstudio serve: simulation of " + model + " stopped: " + e.getMessage());
            err.flush();
        }
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** Stops the run (the diagrams clear their values) and waits for its thread. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
