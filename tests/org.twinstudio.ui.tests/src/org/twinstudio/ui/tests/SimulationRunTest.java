package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeProvider;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.editor.TwinModelEditor;
import org.twinstudio.ui.internal.handlers.RunSimulationHandler;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.preferences.TwinPreferences;
import org.twinstudio.ui.internal.results.SimulationResultsView;
import org.twinstudio.ui.internal.run.SimulationJob;
import org.twinstudio.ui.internal.run.SimulationRun;
import org.twinstudio.ui.internal.wizards.NewTwinProjectWizard;

/**
 * Run Simulation in the workbench: the heating-line example through the Run menu into the Simulation Results view,
 * cancelling a long run from the view, and models that cannot be simulated.
 */
class SimulationRunTest {

    private static final Path EXAMPLE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();

    private static UiDriver ui;
    private static IWorkbenchWindow window;
    private IWorkbenchPage page;
    private IProject project;

    @BeforeAll
    static void window() {
        ui = new UiDriver(Display.getCurrent());
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Shell shell = window.getShell();
        shell.setBounds(0, 0, 1280, 960); // within xvfb-run's default screen, so screenshots show the whole window
        shell.forceActive();
        ui.pump(300);
    }

    @AfterAll
    static void resetPreferences() {
        TwinPreferences.store().setToDefault(TwinPreferences.WRITE_RESULT_CSV);
        TwinPreferences.store().setToDefault(TwinPreferences.SAVE_BEFORE_RUN);
    }

    @BeforeEach
    void setUp() throws Exception {
        page = window.getActivePage();
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("simulation-runs");
        if (!project.exists()) {
            NewTwinProjectWizard.createProject(project, null, null, null);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        Job.getJobManager().cancel(SimulationJob.FAMILY);
        ui.waitUntil(() -> Job.getJobManager().find(SimulationJob.FAMILY).length == 0, "simulation jobs ended");
        page.closeAllEditors(false);
        project.delete(true, true, null);
        ui.pump();
    }

    private IFile copyOfExample(String name) throws Exception {
        IFile file = project.getFile(name);
        Files.copy(EXAMPLE, file.getLocation().toPath());
        file.refreshLocal(IResource.DEPTH_ZERO, null);
        return file;
    }

    private IFile save(TwinModel model, String name) throws Exception {
        IFile file = project.getFile(name);
        TwinModels.save(model, file.getLocation().toPath());
        file.refreshLocal(IResource.DEPTH_ZERO, null);
        return file;
    }

    private SimulationResultsView resultsView() {
        IViewPart view = page.findView(SimulationResultsView.ID);
        assertNotNull(view, "Simulation Results view open");
        return (SimulationResultsView) view;
    }

    private SimulationRun waitForEnd(SimulationResultsView view, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (view.getRun() == null || !view.getRun().isFinished()
                || Job.getJobManager().find(SimulationJob.FAMILY).length > 0) {
            ui.pump(20);
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("simulation did not end within " + timeoutMs + " ms: " + view.getStatusText());
            }
        }
        ui.pump(200); // the last notification reaches the view
        return view.getRun();
    }

    /** Checks a signal in the tree as a click on its check box would. */
    private void check(Tree tree, String component, String signalLabel) {
        setChecked(tree, component, signalLabel, true);
    }

    private void setChecked(Tree tree, String component, String signalLabel, boolean checked) {
        TreeItem group = Arrays.stream(tree.getItems()).filter(i -> i.getText().equals(component)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + component + " in the signal tree"));
        group.setExpanded(true);
        ui.pump();
        TreeItem item = Arrays.stream(group.getItems()).filter(i -> i.getText().equals(signalLabel)).findFirst()
                .orElseThrow(() -> new AssertionError("no signal " + signalLabel + " under " + component + ": "
                        + Arrays.stream(group.getItems()).map(TreeItem::getText).toList()));
        item.setChecked(checked);
        Event event = new Event();
        event.item = item;
        event.detail = SWT.CHECK;
        tree.notifyListeners(SWT.Selection, event);
        ui.pump();
    }

    private static ISeries<?> series(SimulationResultsView view, String id) {
        return Arrays.stream(view.getPlot().series()).filter(s -> s.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + id + " in the plot: "
                        + Arrays.stream(view.getPlot().series()).map(ISeries::getId).toList()));
    }

    @Test
    void heatingLineRunsFromTheRunMenuAndIsPlotted() throws Exception {
        TwinPreferences.store().setValue(TwinPreferences.WRITE_RESULT_CSV, true);
        IFile file = copyOfExample("heating-line.twin");
        IDE.openEditor(page, file);
        ui.pump();

        Menu menuBar = window.getShell().getMenuBar();
        ui.choose(ui.item(menuBar, "Run", "Run Simulation"));
        SimulationResultsView view = resultsView();
        SimulationRun run = waitForEnd(view, 60_000);
        assertEquals(SimulationRun.State.COMPLETED, run.state(), view.getStatusText());

        // every component with its signals and units; the sensors' outputs plotted first
        Tree tree = view.getSignalViewer().getTree();
        List<String> components = Arrays.stream(tree.getItems()).map(TreeItem::getText).toList();
        assertEquals(List.of("inletValve", "tank", "heater", "sensorT", "sensorL", "controller"), components);
        assertEquals(Set.of("sensorT.value", "sensorL.value"), view.getPlotted());
        assertEquals(Set.of("sensorT.value [degC]", "sensorL.value [m]"),
                Arrays.stream(view.getPlot().series()).map(ISeries::getId).collect(Collectors.toSet()));

        check(tree, "tank", "temperature [degC]");
        assertTrue(view.getPlotted().contains("tank.temperature"));
        ISeries<?> tank = series(view, "tank.temperature [degC]");
        double[] y = tank.getYSeries();
        double[] x = tank.getXSeries();
        // the model's stop time and step (3600 s, 0.1 s): the whole run is plotted
        double stepSize = TwinModels.load(file.getLocation().toPath()).model().getSimulation().getStepSize();
        long steps = Math.round(3600 / stepSize);
        assertEquals(steps + 1, y.length);
        assertEquals(3600, x[x.length - 1], 1e-6);
        assertEquals(18, y[0], 1e-9, "starts at the tank's initial temperature");
        assertEquals(60, y[y.length - 1], 1.0, "PI control holds the 60 degC setpoint at the end");
        assertEquals(run.result().finalValue("tank.temperature"), y[y.length - 1]);

        // two units, two y axes, titled with their units; time on x
        List<String> yTitles = Arrays.stream(view.getPlot().chart().getAxisSet().getYAxes())
                .map(a -> a.getTitle().getText()).toList();
        assertEquals(Set.of("[degC]", "[m]"), Set.copyOf(yTitles));
        assertEquals("time [s]", view.getPlot().chart().getAxisSet().getXAxis(0).getTitle().getText());
        IAxis levelAxis = view.getPlot().chart().getAxisSet().getYAxis(series(view, "sensorL.value [m]").getYAxisId());
        assertEquals("[m]", levelAxis.getTitle().getText());

        assertTrue(view.getStatusText().startsWith("Completed: " + steps + " steps to t = 3600.0 s"),
                view.getStatusText());
        assertTrue(view.getStatusText().contains("real time"), view.getStatusText());

        // the CSV next to the model, and the export
        IFile csv = project.getFile("results/heating-line.csv");
        assertTrue(csv.exists(), "results/heating-line.csv written");
        List<String> lines = Files.readAllLines(csv.getLocation().toPath(), StandardCharsets.UTF_8);
        assertEquals(steps + 2, lines.size());
        assertTrue(lines.get(0).startsWith("time [s],") && lines.get(0).contains("tank.temperature [degC]"),
                lines.get(0));
        Path exported = Files.createTempFile("heating-line", ".csv");
        assertTrue(view.exportCsv(exported));
        assertEquals(lines, Files.readAllLines(exported, StandardCharsets.UTF_8));
        Files.delete(exported);

        // zoom keeps working on the full data
        IAxis time = view.getPlot().chart().getAxisSet().getXAxis(0);
        double before = time.getRange().upper - time.getRange().lower;
        view.getPlot().zoom(true);
        assertTrue(time.getRange().upper - time.getRange().lower < before, "zoomed in");
        view.getPlot().fit();
        assertTrue(time.getRange().lower <= 0 && time.getRange().upper >= 3600 && time.getRange().upper < 3800,
                "fit shows the whole run: " + time.getRange());

        IFile model = file;
        assertEquals(0, model.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO).length,
                "the example has no problems");
        // the picture for the user guide: tank temperature, its setpoint and the heater power (two units, two axes),
        // the view maximised
        setChecked(tree, "sensorL", "value [m]", false);
        setChecked(tree, "sensorT", "value [degC]", false);
        check(tree, "controller", "setpoint [degC]");
        check(tree, "heater", "power [W]");
        assertEquals(List.of("[degC]", "[W]"), Arrays.stream(view.getPlot().chart().getAxisSet().getYAxes())
                .map(a -> a.getTitle().getText()).toList());
        view.getSignalViewer().setSelection(StructuredSelection.EMPTY);
        page.setPartState(page.findViewReference(SimulationResultsView.ID), IWorkbenchPage.STATE_MAXIMIZED);
        ui.pump(500);
        ui.screenshot(window.getShell(), Path.of("target", "screenshots", "simulation-plot.png"));
        page.setPartState(page.findViewReference(SimulationResultsView.ID), IWorkbenchPage.STATE_RESTORED);
    }

    /**
     * What the live view costs the simulation: the heating line's own run time (the simulation's wall clock, building
     * excluded) through the job with its listener, against the same model run plainly in this JVM; medians of 5 each.
     */
    @Test
    void liveUpdatesCostTheSimulationLittle() throws Exception {
        IFile file = copyOfExample("timed.twin");
        Path path = file.getLocation().toPath();
        long[] plain = new long[5];
        long[] live = new long[5];
        for (int i = 0; i < 5; i++) {
            plain[i] = org.twinstudio.sim.Simulation.builder(path).build().run().wallNanos();
            RunSimulationHandler.run(window, file);
            SimulationRun run = waitForEnd(resultsView(), 60_000);
            assertEquals(SimulationRun.State.COMPLETED, run.state());
            live[i] = run.result().wallNanos();
        }
        Arrays.sort(plain);
        Arrays.sort(live);
        String figures = String.format(java.util.Locale.ROOT,
                "heating line, 36000 RK4 steps: plain run %.1f ms, in the workbench with live plot %.1f ms (medians of 5)%n",
                plain[2] / 1e6, live[2] / 1e6);
        Files.writeString(Path.of("target", "live-overhead.txt"), figures);
        System.out.print(figures);
        assertTrue(live[2] < 3 * plain[2] + 50_000_000L, figures);
    }

    @Test
    void unsavedChangesAreSavedBeforeTheRunWhenThePreferenceSaysSo() throws Exception {
        TwinPreferences.store().setValue(TwinPreferences.SAVE_BEFORE_RUN, TwinPreferences.ALWAYS);
        IFile file = copyOfExample("edited.twin");
        TwinModelEditor editor = (TwinModelEditor) IDE.openEditor(page, file);
        Component lag = editor.addComponent(ComponentTypeRegistry.getDefault().find("lag").orElseThrow());
        assertTrue(editor.isDirty());
        // from the editor's context menu
        ui.choose(ui.item(editor.getViewer().getControl().getMenu(), "Run Simulation"));
        assertFalse(editor.isDirty(), "saved before running");
        SimulationRun run = waitForEnd(resultsView(), 60_000);
        assertEquals(SimulationRun.State.COMPLETED, run.state(), resultsView().getStatusText());
        assertTrue(run.signals().stream().anyMatch(s -> s.component().equals(lag.getName())),
                "the run simulated the saved model with the new " + lag.getName());
    }

    @Test
    void askingBeforeSavingRunsOnlyOnYesAndCanBeToldToStopAsking() throws Exception {
        TwinPreferences.store().setValue(TwinPreferences.SAVE_BEFORE_RUN, TwinPreferences.PROMPT);
        IFile file = copyOfExample("asked.twin");
        TwinModelEditor editor = (TwinModelEditor) IDE.openEditor(page, file);
        editor.addComponent(ComponentTypeRegistry.getDefault().find("lag").orElseThrow());
        IHandlerService handlers = window.getService(IHandlerService.class);
        SimulationRun before = page.findView(SimulationResultsView.ID) == null ? null : resultsView().getRun();

        ui.modal(RunSimulationHandler.SAVE_TITLE, () -> {
            try {
                handlers.executeCommand(TwinstudioUi.RUN_COMMAND_ID, null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, shell -> ui.click(UiDriver.button(shell, "No")));
        assertTrue(editor.isDirty(), "No: not saved");
        assertTrue(page.findView(SimulationResultsView.ID) == null || resultsView().getRun() == before, "No: not run");

        ui.modal(RunSimulationHandler.SAVE_TITLE, () -> {
            try {
                handlers.executeCommand(TwinstudioUi.RUN_COMMAND_ID, null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, shell -> {
            ui.click(UiDriver.button(shell, "Always save without asking"));
            ui.click(UiDriver.button(shell, "Yes"));
        });
        assertFalse(editor.isDirty(), "Yes: saved");
        assertEquals(TwinPreferences.ALWAYS, TwinPreferences.store().getString(TwinPreferences.SAVE_BEFORE_RUN));
        assertEquals(SimulationRun.State.COMPLETED, waitForEnd(resultsView(), 60_000).state());
        assertEquals(file, resultsView().getRun().file());
    }

    @Test
    void runSimulationIsBoundToCtrlF11() {
        assertEquals("Ctrl+F11", window.getService(org.eclipse.ui.keys.IBindingService.class)
                .getBestActiveBindingFormattedFor(TwinstudioUi.RUN_COMMAND_ID));
    }

    @Test
    void aLongRunIsStoppedFromTheView() throws Exception {
        TwinModel model = TwinModels.load(EXAMPLE).model();
        model.getSimulation().setStopTime(1.0e6); // 10 million steps: minutes of work
        IFile file = save(model, "long.twin");
        // from the Project Explorer
        IViewPart explorer = page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        ((CommonNavigator) explorer).selectReveal(new StructuredSelection(file));
        page.activate(explorer);
        ui.pump();
        Menu explorerMenu = ((CommonNavigator) explorer).getCommonViewer().getControl().getMenu();
        ui.choose(ui.item(explorerMenu, "Run Simulation"));
        SimulationResultsView view = resultsView();
        ui.waitUntil(() -> view.getRun() != null && view.getRun().state() == SimulationRun.State.RUNNING
                && view.getRun().step() > 1000 && view.getPlot().series().length > 0, "the run is going and plotted");
        Job[] jobs = Job.getJobManager().find(SimulationJob.FAMILY);
        assertEquals(1, jobs.length);
        String running = view.getStatusText();
        assertTrue(running.startsWith("Running: t = ") && running.contains(" of 1000000.0 s, step ")
                && running.contains(" of 10000000, wall "), running);
        double plottedWhileRunning = series(view, "sensorT.value [degC]").getXSeries().length;
        assertTrue(plottedWhileRunning > 1, "live samples plotted while running");

        ActionContributionItem stop = null;
        for (IContributionItem item : view.getViewSite().getActionBars().getToolBarManager().getItems()) {
            if (item instanceof ActionContributionItem action && action.getAction().getText().equals("Stop Simulation")) {
                stop = action;
            }
        }
        assertNotNull(stop, "Stop Simulation in the view's tool bar");
        assertTrue(stop.getAction().isEnabled());
        long stopped = System.nanoTime();
        stop.getAction().run();
        SimulationRun run = waitForEnd(view, 10_000);
        double seconds = (System.nanoTime() - stopped) / 1e9;
        assertEquals(SimulationRun.State.CANCELLED, run.state());
        assertEquals(IStatus.CANCEL, jobs[0].getResult().getSeverity());
        assertTrue(seconds < 5, "stopped within " + seconds + " s");
        assertTrue(run.time() > 0 && run.time() < 1.0e6, "stopped part way: t = " + run.time());
        assertTrue(view.getStatusText().startsWith("Stopped at t = "), view.getStatusText());
        assertFalse(stop.getAction().isEnabled(), "nothing left to stop");
        assertTrue(series(view, "sensorT.value [degC]").getXSeries().length > 1, "what ran stays plotted");
    }

    @Test
    void aModelWithErrorsGetsMarkersAndADialog() throws Exception {
        TwinModel model = TwinModels.createModel("broken");
        Component unknown = TwinFactory.eINSTANCE.createComponent();
        unknown.setName("thing1");
        unknown.setType("flux-capacitor");
        model.getComponents().add(unknown);
        IFile file = save(model, "broken.twin");

        String[] shown = new String[1];
        ui.modal(SimulationJob.MODEL_ERROR_TITLE, () -> {
            RunSimulationHandler.run(window, file);
            waitForEnd(resultsView(), 30_000);
        }, shell -> {
            shown[0] = UiDriver.findAll(shell, Label.class, l -> true).stream().map(Label::getText)
                    .collect(Collectors.joining("\n"));
            ui.click(UiDriver.button(shell, "OK"));
        });
        ui.pump(200);
        assertTrue(shown[0].contains("broken.twin") && shown[0].contains("flux-capacitor"), shown[0]);
        SimulationResultsView view = resultsView();
        assertEquals(SimulationRun.State.MODEL_ERROR, view.getRun().state());
        assertTrue(view.getStatusText().startsWith("Cannot simulate"), view.getStatusText());
        IMarker[] markers = file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
        assertTrue(Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains("flux-capacitor")
                && m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR), "marker for the unknown type");
        assertFalse(window.getShell().isDisposed());
    }

    @Test
    void aComponentTheSimulationCannotRunIsMarked() throws Exception {
        // A third-party type known to the model (so the model validates) but without a simulation behaviour: a
        // problem only building the simulation finds, which must land on the component that causes it.
        ComponentTypeProvider lamps = () -> List.of(ComponentTypeDescriptor.builder("indicatorLamp")
                .label("Indicator lamp").category("Test").description("A type without a simulation behaviour")
                .input("on", DataType.REAL, "", "0", "Lit above 0.5").build());
        ComponentTypeRegistry.getDefault().register(lamps);
        try {
            TwinModel model = TwinModels.createModel("lamp");
            Component source = ComponentTypeRegistry.getDefault().find("constant").orElseThrow().instantiate("source");
            Component lamp = ComponentTypeRegistry.getDefault().find("indicatorLamp").orElseThrow().instantiate("lamp");
            model.getComponents().add(source);
            model.getComponents().add(lamp);
            connect(model, source, "y", lamp, "on");
            IFile file = save(model, "lamp.twin");

            String[] shown = new String[1];
            ui.modal(SimulationJob.MODEL_ERROR_TITLE, () -> {
                RunSimulationHandler.run(window, file);
                waitForEnd(resultsView(), 30_000);
            }, shell -> {
                shown[0] = UiDriver.findAll(shell, Label.class, l -> true).stream().map(Label::getText)
                        .collect(Collectors.joining("\n"));
                ui.click(UiDriver.button(shell, "OK"));
            });
            assertTrue(shown[0].contains("no simulation behaviour for type 'indicatorLamp'"), shown[0]);
            IMarker[] markers = file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
            List<IMarker> fromTheSimulation = Arrays.stream(markers).filter(
                    m -> TwinMarkers.SIMULATION_CODE.equals(m.getAttribute(TwinstudioUi.MARKER_CODE, ""))).toList();
            assertEquals(1, fromTheSimulation.size(),
                    Arrays.stream(markers).map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList().toString());
            IMarker marker = fromTheSimulation.get(0);
            assertTrue(marker.getAttribute(IMarker.MESSAGE, "").contains("indicatorLamp"),
                    marker.getAttribute(IMarker.MESSAGE, ""));
            assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
            assertEquals(SimulationRun.State.MODEL_ERROR, resultsView().getRun().state());
        } finally {
            ComponentTypeRegistry.getDefault().unregister(lamps);
        }
    }

    @Test
    void aFailingSimulationNamesComponentPortAndTime() throws Exception {
        // y = 100 * 1e307 * (t - 1) exceeds the largest double (1.8e308) once t - 1 > 0.18 s: at t = 1.2 s in 0.1 s steps
        TwinModel model = TwinModels.createModel("overflow");
        Component ramp = ComponentTypeRegistry.getDefault().find("ramp").orElseThrow().instantiate("ramp");
        parameter(ramp, "slope", "1e307");
        parameter(ramp, "startTime", "1");
        Component gain = ComponentTypeRegistry.getDefault().find("gain").orElseThrow().instantiate("g");
        parameter(gain, "k", "100");
        model.getComponents().add(ramp);
        model.getComponents().add(gain);
        connect(model, ramp, "y", gain, "u");
        model.getSimulation().setStepSize(0.1);
        model.getSimulation().setStopTime(10);
        IFile file = save(model, "overflow.twin");

        String[] shown = new String[1];
        ui.modal(SimulationJob.FAILURE_TITLE, () -> {
            RunSimulationHandler.run(window, file);
            waitForEnd(resultsView(), 30_000);
        }, shell -> {
            shown[0] = UiDriver.findAll(shell, Label.class, l -> true).stream().map(Label::getText)
                    .collect(Collectors.joining("\n"));
            ui.click(UiDriver.button(shell, "OK"));
        });
        assertTrue(shown[0].contains("component 'g'") && shown[0].contains("output 'y'") && shown[0].contains("t = 1.2"),
                shown[0]);
        SimulationResultsView view = resultsView();
        assertEquals(SimulationRun.State.FAILED, view.getRun().state());
        assertTrue(view.getStatusText().startsWith("Failed: component 'g'"), view.getStatusText());
    }

    private static void parameter(Component component, String name, String value) {
        component.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow()
                .setValue(value);
    }

    private static void connect(TwinModel model, Component from, String out, Component to, String in) {
        Connection connection = TwinFactory.eINSTANCE.createConnection();
        connection.setSource(port(from, out));
        connection.setTarget(port(to, in));
        model.getConnections().add(connection);
    }

    private static Port port(Component component, String name) {
        return component.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }
}
