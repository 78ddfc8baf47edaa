package org.twinstudio.ui.internal.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.CheckStateChangedEvent;
import org.eclipse.jface.viewers.CheckboxTreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.twinstudio.sim.CsvResultWriter;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.run.LiveSamples;
import org.twinstudio.ui.internal.run.SimulationJob;
import org.twinstudio.ui.internal.run.SimulationRun;

/**
 * Simulation Results: the signals of the latest run, grouped by component with their units, checked ones plotted over
 * time; live while the simulation runs, the full result when it ends. The status line gives steps, simulated and wall
 * time and the real-time factor. Tool bar: stop the run, zoom, fit, export the result as CSV.
 */
public class SimulationResultsView extends ViewPart implements SimulationRun.Observer {

    public static final String ID = TwinstudioUi.RESULTS_VIEW_ID;

    private CheckboxTreeViewer signalViewer;
    private ResultPlot plot;
    private Label status;
    private final Set<String> plotted = new LinkedHashSet<>();
    private SimulationRun run;
    private List<Signal> shownSignals = List.of();
    private Action stopAction;
    private Action exportAction;

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        signalViewer = new CheckboxTreeViewer(sash, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        signalViewer.setContentProvider(new SignalTree.ContentProvider());
        signalViewer.setLabelProvider(new SignalTree.Labels());
        signalViewer.setCheckStateProvider(new SignalTree.CheckState(plotted));
        signalViewer.setAutoExpandLevel(CheckboxTreeViewer.ALL_LEVELS);
        signalViewer.addCheckStateListener(this::checkStateChanged);

        plot = new ResultPlot(sash);
        sash.setWeights(22, 78);

        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 0).applyTo(status);
        status.setText("No simulation yet: run a .twin model with Run > Run Simulation (Ctrl+F11).");

        makeActions();
    }

    private void makeActions() {
        stopAction = new Action("Stop Simulation") {
            @Override
            public void run() {
                Job.getJobManager().cancel(SimulationJob.FAMILY);
            }
        };
        stopAction.setImageDescriptor(
                PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ELCL_STOP));
        stopAction.setEnabled(false);
        Action zoomIn = new Action("Zoom In (time)") {
            @Override
            public void run() {
                plot.zoom(true);
            }
        };
        zoomIn.setImageDescriptor(icon("zoomin16.png"));
        Action zoomOut = new Action("Zoom Out (time)") {
            @Override
            public void run() {
                plot.zoom(false);
            }
        };
        zoomOut.setImageDescriptor(icon("zoomout16.png"));
        Action fit = new Action("Fit All (double click in the plot)") {
            @Override
            public void run() {
                plot.fit();
            }
        };
        fit.setImageDescriptor(icon("fit16.png"));
        exportAction = new Action("Export CSV...") {
            @Override
            public void run() {
                exportCsvWithDialog();
            }
        };
        exportAction.setImageDescriptor(icon("export16.png"));
        exportAction.setEnabled(false);
        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        toolBar.add(stopAction);
        toolBar.add(new Separator());
        toolBar.add(zoomIn);
        toolBar.add(zoomOut);
        toolBar.add(fit);
        toolBar.add(new Separator());
        toolBar.add(exportAction);
    }

    private static ImageDescriptor icon(String name) {
        return ImageDescriptor.createFromURL(TwinstudioUi.class.getResource("/icons/" + name));
    }

    /** Shows a run (from now on, its progress) instead of the previous one. */
    public void show(SimulationRun newRun) {
        if (run != null) {
            run.removeObserver(this);
        }
        run = newRun;
        shownSignals = List.of();
        signalViewer.setInput(List.of());
        setContentDescription(newRun.modelName());
        run.addObserver(this);
        runChanged(run);
    }

    public SimulationRun getRun() {
        return run;
    }

    @Override
    public void runChanged(SimulationRun changed) {
        if (changed != run || status == null || status.isDisposed()) {
            return;
        }
        if (shownSignals != run.signals()) {
            shownSignals = run.signals();
            plotted.clear();
            plotted.addAll(run.initiallyPlotted());
            signalViewer.setInput(SignalTree.groups(shownSignals));
        }
        stopAction.setEnabled(!run.isFinished());
        exportAction.setEnabled(run.result() != null);
        status.setText(statusText(run));
        status.getParent().layout(new org.eclipse.swt.widgets.Control[] { status });
        refreshPlot();
    }

    private void checkStateChanged(CheckStateChangedEvent event) {
        Object element = event.getElement();
        List<Signal> affected = element instanceof SignalTree.Group group ? group.signals()
                : element instanceof Signal signal ? List.of(signal) : List.of();
        for (Signal signal : affected) {
            if (event.getChecked()) {
                plotted.add(signal.name());
            } else {
                plotted.remove(signal.name());
            }
        }
        signalViewer.refresh();
        refreshPlot();
    }

    private void refreshPlot() {
        if (run == null) {
            return;
        }
        List<Signal> signals = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < shownSignals.size(); c++) {
            if (plotted.contains(shownSignals.get(c).name())) {
                signals.add(shownSignals.get(c));
                columns.add(c);
            }
        }
        SimulationResult result = run.result();
        if (result != null) {
            double[][] values = new double[signals.size()][];
            for (int i = 0; i < signals.size(); i++) {
                values[i] = result.series(signals.get(i).name());
            }
            plot.show(signals, result.times(), values);
            return;
        }
        LiveSamples samples = run.samples();
        if (samples != null) {
            LiveSamples.Snapshot snapshot = samples.snapshot(columns.stream().mapToInt(Integer::intValue).toArray());
            // while running, time runs towards the stop time from left to right
            plot.show(signals, snapshot.times(), snapshot.values(), run.stopTime());
        }
    }

    static String statusText(SimulationRun run) {
        String wall = String.format(Locale.ROOT, "wall %.2f s", run.wallSeconds());
        String note = run.message() == null ? "" : "; " + run.message();
        return switch (run.state()) {
            case STARTING -> "Starting " + run.file().getName() + "...";
            case RUNNING -> String.format(Locale.ROOT, "Running: t = %.1f s%s, step %d%s, %s, %s", run.time(),
                    Double.isFinite(run.stopTime()) ? String.format(Locale.ROOT, " of %.1f s", run.stopTime()) : "",
                    run.step(), run.expectedSteps() >= 0 ? " of " + run.expectedSteps() : "", wall,
                    realTime(run.time(), run.wallSeconds()));
            case COMPLETED -> {
                SimulationResult r = run.result();
                yield String.format(Locale.ROOT, "Completed: %d steps to t = %.1f s, wall %.3f s, %s%s", r.steps(),
                        run.time(), r.wallNanos() / 1e9, realTime(r.realTimeRatio()), note);
            }
            case CANCELLED -> String.format(Locale.ROOT, "Stopped at t = %.1f s, step %d, %s", run.time(),
                    run.step(), wall);
            case MODEL_ERROR -> "Cannot simulate (see the Problems view): " + firstLine(run.message());
            case FAILED -> "Failed: " + firstLine(run.message());
        };
    }

    private static String realTime(double simulated, double wall) {
        return realTime(wall > 0 ? simulated / wall : Double.POSITIVE_INFINITY);
    }

    private static String realTime(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "real-time factor n/a";
        }
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f× real time" : "%.2f× real time", ratio);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }

    private void exportCsvWithDialog() {
        SimulationResult result = run == null ? null : run.result();
        if (result == null) {
            return;
        }
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
        dialog.setText("Export Simulation Result");
        dialog.setFilterExtensions(new String[] { "*.csv", "*" });
        dialog.setFileName(run.modelName() + ".csv");
        if (run.file().getParent().getLocation() != null) {
            dialog.setFilterPath(run.file().getParent().getLocation().toOSString());
        }
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            exportCsv(Path.of(chosen));
            status.setText(statusText(run) + "; exported to " + chosen);
        } catch (IOException e) {
            MessageDialog.openError(getSite().getShell(), "Export Simulation Result",
                    "Could not write " + chosen + ":\n" + e.getMessage());
        }
    }

    /** Writes the completed result as CSV (all signals); false if there is no completed result. */
    public boolean exportCsv(Path file) throws IOException {
        SimulationResult result = run == null ? null : run.result();
        if (result == null) {
            return false;
        }
        CsvResultWriter.write(result, file);
        return true;
    }

    public CheckboxTreeViewer getSignalViewer() {
        return signalViewer;
    }

    public ResultPlot getPlot() {
        return plot;
    }

    public String getStatusText() {
        return status.getText();
    }

    /** Names of the plotted signals. */
    public Set<String> getPlotted() {
        return Set.copyOf(plotted);
    }

    @Override
    public void setFocus() {
        signalViewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (run != null) {
            run.removeObserver(this);
        }
        super.dispose();
    }
}
