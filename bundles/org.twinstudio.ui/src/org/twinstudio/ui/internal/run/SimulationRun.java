package org.twinstudio.ui.internal.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.resources.IFile;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.SimulationResult;

/**
 * One run of a twin model as the workbench sees it: written by the {@link SimulationJob}, read by the results view.
 * Observers are told about changes on the UI thread; changes made faster than the UI thread can show them are
 * coalesced into one notification.
 */
public final class SimulationRun {

    public enum State {
        /** Reading the model and building the simulation. */
        STARTING,
        RUNNING,
        COMPLETED,
        CANCELLED,
        /** The model cannot be simulated (its problems are markers on the file). */
        MODEL_ERROR,
        /** The simulation started and failed (the message says where and when). */
        FAILED
    }

    /** Told on the UI thread that a run changed (progress, new samples, end). */
    @FunctionalInterface
    public interface Observer {
        void runChanged(SimulationRun run);
    }

    private final IFile file;
    private final long startNanos = System.nanoTime();
    private final List<Observer> observers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean notificationPending = new AtomicBoolean();

    private volatile State state = State.STARTING;
    private volatile List<Signal> signals = List.of();
    private volatile List<String> initiallyPlotted = List.of();
    private volatile LiveSamples samples;
    private volatile SimulationResult result;
    private volatile String message;
    private volatile double stopTime = Double.NaN;
    private volatile long expectedSteps = -1;
    private volatile long step;
    private volatile double time;
    private volatile long endNanos;

    public SimulationRun(IFile file) {
        this.file = file;
    }

    public IFile file() {
        return file;
    }

    /** The model's name as shown to the user: the file name without {@code .twin}. */
    public String modelName() {
        String name = file.getName();
        return name.endsWith(".twin") ? name.substring(0, name.length() - 5) : name;
    }

    public State state() {
        return state;
    }

    public boolean isFinished() {
        State s = state;
        return s != State.STARTING && s != State.RUNNING;
    }

    /** The recorded signals (empty until the simulation is built). */
    public List<Signal> signals() {
        return signals;
    }

    /** Names ({@code component.port}) of the signals to plot first. */
    public List<String> initiallyPlotted() {
        return initiallyPlotted;
    }

    /** Samples seen so far (null until running). */
    public LiveSamples samples() {
        return samples;
    }

    /** The full result (null unless completed). */
    public SimulationResult result() {
        return result;
    }

    /** What went wrong, or a note about the completed run (e.g. where its CSV went); may be null. */
    public String message() {
        return message;
    }

    public double stopTime() {
        return stopTime;
    }

    /** Steps a fixed-step run will take, or -1 when not known in advance. */
    public long expectedSteps() {
        return expectedSteps;
    }

    public long step() {
        return step;
    }

    public double time() {
        return time;
    }

    /** Wall-clock seconds since the run started, or of the whole run once finished. */
    public double wallSeconds() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return (end - startNanos) / 1e9;
    }

    public void addObserver(Observer observer) {
        observers.add(observer);
    }

    public void removeObserver(Observer observer) {
        observers.remove(observer);
    }

    // ------------------------------------------------------------------ written by the job

    void expected(double stop, long steps) {
        this.stopTime = stop;
        this.expectedSteps = steps;
    }

    void begin(List<Signal> recorded, List<String> plotted, LiveSamples liveSamples) {
        this.signals = List.copyOf(recorded);
        this.initiallyPlotted = List.copyOf(plotted);
        this.samples = liveSamples;
        this.state = State.RUNNING;
        changed();
    }

    void progress(long currentStep, double currentTime) {
        this.step = currentStep;
        this.time = currentTime;
        changed();
    }

    void complete(SimulationResult completed) {
        this.result = completed;
        this.step = completed.steps();
        this.time = completed.size() == 0 ? 0 : completed.time(completed.size() - 1);
        finish(State.COMPLETED, null);
    }

    void note(String note) {
        this.message = note;
        changed();
    }

    void finish(State end, String why) {
        this.message = why;
        this.endNanos = System.nanoTime();
        this.state = end;
        changed();
    }

    /** Schedules one notification of the observers on the UI thread, unless one is already pending. */
    void changed() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        if (display.isDisposed() || !notificationPending.compareAndSet(false, true)) {
            return;
        }
        display.asyncExec(() -> {
            notificationPending.set(false);
            for (Observer observer : observers) {
                observer.runChanged(this);
            }
        });
    }
}
