package org.twinstudio.ui.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.model.Component;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;
import org.twinstudio.sim.CsvResultWriter;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationListener;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/**
 * Runs a twin model file in the background: validates it (problems become markers), builds and runs the simulation,
 * reports progress in simulated time and feeds the live plot at most every {@link #UPDATE_INTERVAL_NANOS}. Cancelling
 * the job stops the run at the next step. Problems are shown in an error dialog (model problems also as markers); the
 * job's status carries them as information, since they are the model's faults, not the workbench's. The same
 * samples go to the diagrams showing the model ({@link LiveValues}, keyed by the file's {@code file:} URI).
 */
public final class SimulationJob extends Job {

    /** Job family of all simulation runs. */
    public static final Object FAMILY = SimulationJob.class;
    public static final String MODEL_ERROR_TITLE = "Cannot Simulate";
    public static final String FAILURE_TITLE = "Simulation Failed";
    /** How often the live plot and the progress are updated. */
    public static final long UPDATE_INTERVAL_NANOS = 100_000_000L;
    /** Signals plotted first when a model has no sensors. */
    static final int FIRST_SIGNALS = 4;
    private static final int TICKS = 1000;
    private static final String SENSORS_CATEGORY = "Sensors";

    private final SimulationRun run;
    private LiveValues.Channel liveRun;

    public SimulationJob(SimulationRun run) {
        super("Simulating " + run.file().getName());
        this.run = run;
        setPriority(LONG);
    }

    public SimulationRun simulationRun() {
        return run;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), TICKS);
        try {
            return simulate(monitor);
        } finally {
            if (liveRun != null) {
                liveRun.close(); // the diagrams clear the values
            }
            monitor.done();
        }
    }

    private IStatus simulate(IProgressMonitor monitor) {
        IFile file = run.file();
        IPath location = file.getLocation();
        if (location == null) {
            return reportModelError(file.getFullPath() + " is not a file on this computer");
        }
        Path path = location.toPath();
        TwinModels.Loaded loaded = TwinModels.load(path);
        try {
            TwinMarkers.validate(file, loaded.resource());
        } catch (CoreException e) {
            TwinstudioUi.log("Could not record the problems of " + file.getFullPath(), e);
        }
        TwinModel model = loaded.model();
        if (loaded.hasErrors() || model == null) {
            List<String> errors = loaded.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                    .map(d -> (d.line() > 0 ? "line " + d.line() + ": " : "") + d.message()).toList();
            return reportModelError(String.join("\n", errors));
        }
        SimulationSettings settings = model.getSimulation();
        double stopTime = settings != null ? settings.getStopTime() : Double.NaN;
        // fixed-step solvers take a known number of steps; others report simulated time only
        boolean fixedStep = settings != null && (settings.getSolver() == Solver.EULER || settings.getSolver() == Solver.RK4)
                && settings.getStepSize() > 0;
        long expectedSteps = fixedStep && Double.isFinite(stopTime) ? Math.round(stopTime / settings.getStepSize()) : -1;
        run.expected(stopTime, expectedSteps);

        StepListener listener = new StepListener(monitor, stopTime, expectedSteps);
        Simulation simulation;
        try {
            simulation = Simulation.builder(path).listener(listener).build();
        } catch (SimulationException e) {
            return modelError(e.getMessage(), problems(e.getMessage()), model);
        } catch (RuntimeException e) {
            TwinstudioUi.log("Could not build the simulation of " + file.getFullPath(), e);
            return failure("could not build the simulation: " + e);
        }
        List<Signal> signals = simulation.signals();
        listener.samples = new LiveSamples(signals.size());
        run.begin(signals, initiallyPlotted(model, signals), listener.samples);
        liveRun = LiveValues.getDefault().open(path.toUri().toString());
        listener.live = liveRun.ports(signals.stream().map(Signal::name).toList());

        SimulationResult result;
        try {
            result = simulation.run();
        } catch (SimulationException e) {
            if (SimulationCancelledException.isCancellation(e)) {
                return cancelled();
            }
            return e.kind() == SimulationException.Kind.MODEL ? modelError(e.getMessage(), problems(e.getMessage()), model)
                    : failure(e.getMessage());
        } catch (RuntimeException e) {
            if (SimulationCancelledException.isCancellation(e)) {
                return cancelled();
            }
            TwinstudioUi.log("The simulation of " + file.getFullPath() + " failed", e);
            return failure(e.toString());
        }
        monitor.worked(TICKS);
        run.complete(result);
        if (TwinPreferences.store().getBoolean(TwinPreferences.WRITE_RESULT_CSV)) {
            writeCsv(result);
        }
        return Status.OK_STATUS;
    }

    /** The outputs of the model's sensors, or the first few signals if it has none. */
    static List<String> initiallyPlotted(TwinModel model, List<Signal> signals) {
        List<String> sensors = new ArrayList<>();
        for (Component component : model.getComponents()) {
            boolean sensor = ComponentTypeRegistry.getDefault().find(component.getType())
                    .map(t -> SENSORS_CATEGORY.equals(t.category())).orElse(false);
            if (sensor) {
                component.getPorts().stream().filter(p -> p.getDirection() == PortDirection.OUT)
                        .map(p -> component.getName() + "." + p.getName())
                        .filter(name -> signals.stream().anyMatch(s -> s.name().equals(name))).forEach(sensors::add);
            }
        }
        if (!sensors.isEmpty()) {
            return sensors;
        }
        return signals.stream().limit(FIRST_SIGNALS).map(Signal::name).toList();
    }

    /** The single problems of a multi-line message ("...:\n  problem\n  problem"), else the message itself. */
    static List<String> problems(String message) {
        List<String> lines = Arrays.stream(message.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() > 1 && lines.get(0).endsWith(":")) {
            return lines.subList(1, lines.size());
        }
        return lines;
    }

    private void writeCsv(SimulationResult result) {
        IContainer parent = run.file().getParent();
        IFolder folder = parent.getFolder(IPath.fromOSString("results"));
        IFile csv = folder.getFile(run.modelName() + ".csv");
        try {
            if (!folder.exists()) {
                folder.create(IResource.FORCE, true, null);
            }
            CsvResultWriter.write(result, csv.getLocation().toPath());
            csv.refreshLocal(IResource.DEPTH_ZERO, null);
            run.note("written to " + csv.getFullPath());
        } catch (CoreException | IOException | RuntimeException e) {
            TwinstudioUi.log("Could not write " + csv.getFullPath(), e);
            run.note("could not write " + csv.getFullPath() + ": " + e.getMessage());
        }
    }

    private IStatus cancelled() {
        run.finish(SimulationRun.State.CANCELLED, "cancelled at t = " + format(run.time()) + " s");
        return Status.CANCEL_STATUS;
    }

    private IStatus modelError(String message, List<String> problems, TwinModel model) {
        if (!problems.isEmpty()) {
            try {
                TwinMarkers.addSimulationProblems(run.file(), model, problems);
            } catch (CoreException e) {
                TwinstudioUi.log("Could not record the problems of " + run.file().getFullPath(), e);
            }
        }
        return reportModelError(message);
    }

    private IStatus reportModelError(String message) {
        run.finish(SimulationRun.State.MODEL_ERROR, message);
        showError(MODEL_ERROR_TITLE, run.file().getFullPath() + " cannot be simulated:\n\n" + message
                + "\n\nThe problems are listed in the Problems view.");
        // the dialog, the markers and the view report it; an error status would also land in the log as a fault
        return Status.info(run.file().getFullPath() + " cannot be simulated: " + message);
    }

    private IStatus failure(String message) {
        run.finish(SimulationRun.State.FAILED, message);
        showError(FAILURE_TITLE, "The simulation of " + run.file().getFullPath() + " failed:\n\n" + message);
        return Status.info("The simulation of " + run.file().getFullPath() + " failed: " + message);
    }

    private static void showError(String title, String message) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            Shell shell = window != null ? window.getShell() : display.getActiveShell();
            MessageDialog.openError(shell, title, message);
        });
    }

    static String format(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** Checks for cancellation at every step, keeps samples, reports progress at most every 100 ms. */
    private final class StepListener implements SimulationListener {
        private final IProgressMonitor monitor;
        private final double stopTime;
        private final String stopText;
        private final String stepsText;
        private LiveSamples samples;
        private LiveValues.Ports live;
        private long nextUpdate;
        private int ticksDone;

        StepListener(IProgressMonitor monitor, double stopTime, long expectedSteps) {
            this.monitor = monitor;
            this.stopTime = stopTime;
            this.stopText = Double.isFinite(stopTime) ? " of " + format(stopTime) + " s" : " s";
            this.stepsText = expectedSteps >= 0 ? " of " + expectedSteps : "";
        }

        @Override
        public void stepCompleted(long step, double time, double[] values) {
            if (monitor.isCanceled()) {
                throw new SimulationCancelledException(step, time);
            }
            samples.add(time, values);
            if ((step & 31) == 0) {
                long now = System.nanoTime();
                if (now - nextUpdate >= 0) {
                    nextUpdate = now + UPDATE_INTERVAL_NANOS;
                    report(step, time);
                    live.publish(time, values);
                }
            }
        }

        private void report(long step, double time) {
            run.progress(step, time);
            if (stopTime > 0) {
                int ticks = (int) Math.min(TICKS, TICKS * time / stopTime);
                if (ticks > ticksDone) {
                    monitor.worked(ticks - ticksDone);
                    ticksDone = ticks;
                }
            }
            monitor.subTask("t = " + format(time) + stopText + ", step " + step + stepsText);
        }
    }
}
