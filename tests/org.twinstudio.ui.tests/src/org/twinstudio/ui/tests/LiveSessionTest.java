package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.connect.BindingChecks;
import org.twinstudio.connect.Connectors;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.live.LiveValuesAction;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.handlers.StartServeHandler;
import org.twinstudio.ui.internal.live.ConnectionsView;
import org.twinstudio.ui.internal.live.LiveSession;
import org.twinstudio.ui.internal.live.LiveSessionJob;
import org.twinstudio.ui.internal.live.LiveSessions;
import org.twinstudio.ui.internal.live.ServeDialog;
import org.twinstudio.ui.internal.live.ServeSettings;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.preferences.TwinPreferences;
import org.twinstudio.ui.internal.wizards.NewTwinProjectWizard;

/**
 * Live sessions in the workbench: serving the heating line from the Run menu through the Start Serve dialog into the
 * Connections view and stopping it, a HIL session whose endpoints have no connector, a server protocol that is not
 * installed, and binding addresses checked by a connector on Validate.
 */
class LiveSessionTest {

    private static final Path EXAMPLE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();
    private static final Pattern ACTIVITY = Pattern.compile("(\\d+) cycles, (\\d+) overruns, t = (\\S+) s, (\\S+) x");

    private static UiDriver ui;
    private static IWorkbenchWindow window;
    private IWorkbenchPage page;
    private IProject project;

    @BeforeAll
    static void window() {
        ui = new UiDriver(Display.getCurrent());
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Shell shell = window.getShell();
        shell.setBounds(0, 0, 1280, 960);
        shell.forceActive();
        ui.pump(300);
    }

    @BeforeEach
    void setUp() throws Exception {
        page = window.getActivePage();
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("live-sessions");
        if (!project.exists()) {
            NewTwinProjectWizard.createProject(project, null, null, null);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        assertTrue(LiveSessions.getDefault().stopAll(10_000), "every live session stopped within 10 s");
        ui.waitUntil(() -> Job.getJobManager().find(LiveSessionJob.FAMILY).length == 0, "live sessions ended");
        for (LiveSession s : LiveSessions.getDefault().sessions()) {
            LiveSessions.getDefault().remove(s);
        }
        TwinPreferences.store().setToDefault("live.serve.opcua");
        TwinPreferences.store().setToDefault("live.serve.realtimeFactor");
        TwinPreferences.store().setToDefault(TwinPreferences.HIL_REALTIME_PRIORITY);
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

    private ConnectionsView connectionsView() {
        IViewPart view = page.findView(ConnectionsView.ID);
        assertNotNull(view, "Connections view open");
        return (ConnectionsView) view;
    }

    private static TreeItem sessionItem(ConnectionsView view, String fileName) {
        Tree tree = view.getViewer().getTree();
        return Arrays.stream(tree.getItems()).filter(i -> i.getText(ConnectionsView.NAME).startsWith(fileName))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + fileName + " in "
                        + Arrays.stream(tree.getItems()).map(i -> i.getText(ConnectionsView.NAME)).toList()));
    }

    /** Cycles, overruns, simulated time and real-time factor as the view's Activity column shows them. */
    private static double[] activity(TreeItem item) {
        Matcher m = ACTIVITY.matcher(item.getText(ConnectionsView.ACTIVITY));
        assertTrue(m.matches(), "activity column: '" + item.getText(ConnectionsView.ACTIVITY) + "'");
        return new double[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)) };
    }

    private void waitForEnd(LiveSession session) {
        ui.waitUntil(() -> session.job().getState() == Job.NONE && session.job().getResult() != null,
                "the live session's job ended");
    }

    @Test
    void heatingLineIsServedFromTheRunMenuShownLiveInConnectionsAndStopped() throws Exception {
        IFile file = copyOfExample("heating-line.twin");
        IDE.openEditor(page, file);
        ui.pump();
        Menu menuBar = window.getShell().getMenuBar();
        // what a diagram of the file gets
        List<LiveValuesAction> onDiagrams = new CopyOnWriteArrayList<>();
        LiveValues.Subscription diagram = LiveValues.getDefault()
                .subscribe(file.getLocation().toPath().toUri().toString(), onDiagrams::add);

        // the dialog: no OPC UA server this time (none needed to run the twin live), twice real time
        ui.modal(ServeDialog.TITLE, () -> ui.choose(ui.item(menuBar, "Run", "Start Serve...")), shell -> {
            Button opcUa = UiDriver.button(shell, "OPC UA server");
            assertTrue(opcUa.getSelection(), "OPC UA is served by default");
            ui.click(opcUa);
            assertFalse(opcUa.getSelection());
            ui.typeInto(UiDriver.text(shell, "Real-time factor:"), "0");
            assertFalse(UiDriver.button(shell, "Start").isEnabled(), "a real-time factor of 0 is refused");
            ui.typeInto(UiDriver.text(shell, "Real-time factor:"), "2");
            ui.click(UiDriver.button(shell, "Start"));
        });
        assertFalse(TwinPreferences.store().getBoolean("live.serve.opcua"), "protocol choice remembered");
        assertEquals(2.0, TwinPreferences.store().getDouble("live.serve.realtimeFactor"), "factor remembered");

        LiveSession session = LiveSessions.getDefault().live(file);
        assertNotNull(session, "the file is live");
        assertEquals(SessionOptions.Mode.SERVE, session.mode());
        ConnectionsView view = connectionsView();
        assertTrue(page.isPartVisible(view), "the Connections view opened itself");
        ui.waitUntil(() -> session.phase() == LiveSession.Phase.RUNNING, "session running");
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getText(ConnectionsView.STATE).equals("RUNNING"),
                "view shows it running");
        TreeItem item = sessionItem(view, "heating-line.twin");
        assertEquals("heating-line.twin  SERVE", item.getText(ConnectionsView.NAME));
        assertEquals(file.getFullPath().toString(), item.getText(ConnectionsView.ADDRESS));
        assertNotNull(item.getImage(ConnectionsView.STATE), "state has its coloured dot");

        // the view follows the twin: cycles grow at the pace of the wall clock times the factor, t = cycles * period
        TwinSession twin = session.twin();
        double period = twin.cyclePeriod();
        ui.pump(600);
        double[] first = activity(item);
        long wallStart = System.nanoTime();
        ui.pump(2000);
        double[] second = activity(sessionItem(view, "heating-line.twin"));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        assertTrue(second[0] > first[0], "cycle count grows: " + first[0] + " then " + second[0]);
        double expected = wall * 2.0 / period;
        double grown = second[0] - first[0];
        // it cannot run ahead of the clock (view refresh lag: one period of 0.5 s each side); it may lag under load
        assertTrue(grown <= expected + 2 * 0.5 * 2.0 / period + 2, grown + " cycles in " + wall + " s, at most "
                + expected);
        assertTrue(grown >= 0.5 * expected, grown + " cycles in " + wall + " s, expected about " + expected);
        assertEquals(second[0] * period, second[2], 3 * period, "simulated time is cycles x period");
        assertEquals(2.0, second[3]);
        assertTrue(item.getText(ConnectionsView.TIMING).matches("cycle p50 \\S+ / p99 \\S+ ms, jitter p50 \\S+ / p99 \\S+ ms"),
                item.getText(ConnectionsView.TIMING));
        assertEquals(0, item.getItemCount(), "no servers were asked for");
        // the diagrams showing the file get the session's values while it runs
        ui.waitUntil(() -> onDiagrams.stream().anyMatch(a -> a.isRunning() && a.getValues().containsKey("tank.temperature")),
                "live values of the session on the diagram");
        LiveValuesAction values = onDiagrams.stream().filter(LiveValuesAction::isRunning).reduce((a, b) -> b).orElseThrow();
        assertTrue(values.getTime() > 0 && values.getTime() <= twin.time() + 1e-9, values.toString());

        // a second start of the same file is refused while it is live
        assertThrows(IllegalStateException.class, () -> StartServeHandler.serve(window, file,
                ServeSettings.load(TwinPreferences.store())));

        // stop from the Run menu with the model's editor active
        ui.choose(ui.item(menuBar, "Run", "Stop Live Session"));
        waitForEnd(session);
        assertEquals(IStatus.CANCEL, session.job().getResult().getSeverity(), "stopped by cancelling its job");
        assertEquals(TwinSession.State.ENDED, twin.state());
        assertNull(LiveSessions.getDefault().live(file), "no longer live");
        ui.waitUntil(() -> !onDiagrams.isEmpty() && !onDiagrams.get(onDiagrams.size() - 1).isRunning(),
                "the diagram told the run ended");
        diagram.close();
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getText(ConnectionsView.STATE).equals("ENDED"),
                "view shows it ended");
        double[] ended = activity(sessionItem(view, "heating-line.twin"));
        ui.pump(1200);
        assertEquals(ended[0], activity(sessionItem(view, "heating-line.twin"))[0], "no cycles after the end");
        assertEquals(twin.timing().cycles(), (long) ended[0], "the view shows the session's final cycle count");
        ui.screenshot(window.getShell(), Path.of("target", "screenshots", "connections.png"));
    }

    private static void assertThrows(Class<? extends Throwable> type, Runnable r) {
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, r::run);
        Throwable cause = t instanceof java.io.UncheckedIOException u ? u.getCause() : t;
        assertTrue(type.isInstance(cause), "expected " + type.getSimpleName() + ", got " + cause);
    }

    @Test
    void hilWithoutAConnectorForItsEndpointFailsWithTheReason() throws Exception {
        // the heating line with only its MQTT telemetry binding
        TwinModel model = TwinModels.load(EXAMPLE).model();
        model.getBindings().removeIf(b -> !(b instanceof org.twinstudio.model.MqttBinding));
        model.getEndpoints().removeIf(e -> !(e instanceof org.twinstudio.model.MqttEndpoint));
        Endpoint telemetry = model.getEndpoints().get(0);
        assumeTrue(Connectors.getDefault().clientFor(telemetry).isEmpty(), "no MQTT connector installed");
        IFile file = project.getFile("heating-line.twin");
        TwinModels.save(model, file.getLocation().toPath());
        file.refreshLocal(IResource.DEPTH_ZERO, null);
        IDE.openEditor(page, file);
        ui.pump();

        ui.choose(ui.item(window.getShell().getMenuBar(), "Run", "Start HIL"));
        LiveSession session = LiveSessions.getDefault().latest(file);
        assertNotNull(session);
        assertEquals(SessionOptions.Mode.HIL, session.mode());
        waitForEnd(session);
        IStatus result = session.job().getResult();
        assertEquals(IStatus.ERROR, result.getSeverity());
        assertTrue(result.getMessage().contains("endpoint 'telemetry'") && result.getMessage().contains("no connector"),
                result.getMessage());
        assertTrue(result.getMessage().contains(file.getFullPath().toString()), result.getMessage());
        assertEquals(LiveSession.Phase.FAILED, session.phase());
        ConnectionsView view = connectionsView();
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getText(ConnectionsView.STATE).equals("FAILED"),
                "view shows the failure");
        assertEquals(result.getMessage(), sessionItem(view, "heating-line.twin").getText(ConnectionsView.LAST_ERROR));
        assertNull(LiveSessions.getDefault().live(file), "a failed session is not live");
        assertEquals(1, Arrays.stream(ui.display().getShells()).filter(Shell::isVisible).count(),
                "no dialog in the way: the view shows why");
    }

    @Test
    void servingThroughAServerThatIsNotInstalledNamesTheProtocol() throws Exception {
        assumeTrue(Connectors.getDefault().server("mqtt").isEmpty(), "no MQTT server installed");
        IFile file = copyOfExample("heating-line.twin");
        LiveSession session = StartServeHandler.serve(window, file,
                new ServeSettings(false, 0, false, 0, true, ServeSettings.EMBEDDED, "127.0.0.1", 1));
        waitForEnd(session);
        IStatus result = session.job().getResult();
        assertEquals(IStatus.ERROR, result.getSeverity());
        assertTrue(result.getMessage().contains("no MQTT server (protocol 'mqtt') is installed"),
                result.getMessage());
        assertNull(session.twin(), "the twin is not started when a server is missing");
    }

    @Test
    void aServerOfTheSessionShowsItsAddressAndPeersAndClosesWithIt() throws Exception {
        Connectors connectors = Connectors.getDefault();
        if (connectors.server(LineServerProvider.PROTOCOL).isEmpty()) {
            connectors.register(new LineServerProvider());
        }
        IFile file = copyOfExample("heating-line.twin");
        LiveSession session = LiveSessions.getDefault().start(file, SessionOptions.Mode.SERVE,
                List.of(new ServeSettings.ServerRequest(LineServerProvider.PROTOCOL, "line", 0, null)), "127.0.0.1", 1);
        StartServeHandler.showConnections(window);
        ui.waitUntil(() -> session.phase() == LiveSession.Phase.RUNNING, "session running");
        ConnectionsView view = connectionsView();
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getItemCount() == 1
                && !sessionItem(view, "heating-line.twin").getItem(0).getText(ConnectionsView.NAME).isEmpty(),
                "server row shown");
        assertTrue(sessionItem(view, "heating-line.twin").getExpanded(), "the session row opens for its server");
        TreeItem server = sessionItem(view, "heating-line.twin").getItem(0);
        LineServerProvider.LineServer lines = (LineServerProvider.LineServer) session.servers().get(0);
        assertEquals("lines server", server.getText(ConnectionsView.NAME));
        assertEquals("CONNECTED", server.getText(ConnectionsView.STATE));
        assertEquals("127.0.0.1:" + lines.port(), server.getText(ConnectionsView.ADDRESS));
        assertEquals("0 peers", server.getText(ConnectionsView.ACTIVITY));

        try (java.net.Socket peer = new java.net.Socket("127.0.0.1", lines.port());
                java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(peer.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                java.io.PrintWriter out = new java.io.PrintWriter(peer.getOutputStream(), true,
                        java.nio.charset.StandardCharsets.UTF_8)) {
            out.println("tank.level");
            String answer = in.readLine();
            assertTrue(answer.startsWith("tank.level "), answer);
            ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getItem(0).getText(ConnectionsView.ACTIVITY)
                    .equals("1 peer"), "one peer shown");
        }
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getItem(0).getText(ConnectionsView.ACTIVITY)
                .equals("0 peers"), "peer gone");
        TreeItem sameRow = sessionItem(view, "heating-line.twin").getItem(0);
        assertTrue(sameRow == server, "the row's item is updated in place, not rebuilt");

        // Stop Live Session in the Connections view stops the session of the selected row (here: its server's)
        view.getViewer().setSelection(new StructuredSelection(view.sessionRows().get(0).children().get(0)));
        page.activate(view);
        ui.pump();
        window.getService(IHandlerService.class).executeCommand("org.twinstudio.ui.commands.stopLive", null);
        waitForEnd(session);
        assertEquals(IStatus.CANCEL, session.job().getResult().getSeverity());
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getItem(0).getText(ConnectionsView.STATE)
                .equals("STOPPED"), "server shown stopped");
        assertThrows(java.net.ConnectException.class, () -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", lines.port())) {
                // connected: the server did not close
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static org.twinstudio.model.Port port(TwinModel model, String component, String port) {
        return model.getComponents().stream().filter(c -> c.getName().equals(component)).findFirst().orElseThrow()
                .getPorts().stream().filter(p -> p.getName().equals(port)).findFirst().orElseThrow();
    }

    @Test
    void hilOverModbusAgainstAServedTwinShowsEndpointAndBindingsWithLiveValues() throws Exception {
        // the plant: the heating line served as a Modbus slave; its remote I/O bindings put sensorT.value at holding
        // register 100 (int16, x10) and sensorL.value at 102 (float32)
        IFile plantFile = copyOfExample("plant.twin");
        LiveSession plant = StartServeHandler.serve(window, plantFile,
                new ServeSettings(false, 0, true, 0, false, ServeSettings.EMBEDDED, "127.0.0.1", 1));
        ui.waitUntil(() -> plant.phase() == LiveSession.Phase.RUNNING || plant.phase() == LiveSession.Phase.FAILED,
                "plant served");
        assertEquals(LiveSession.Phase.RUNNING, plant.phase(), () -> String.valueOf(plant.failure()));
        String address = plant.servers().get(0).address();
        int modbusPort = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));

        // the HIL side: the same line reading those registers into two free inputs, only over Modbus
        TwinModel model = TwinModels.load(EXAMPLE).model();
        model.getBindings().removeIf(b -> !(b instanceof ModbusBinding));
        model.getEndpoints().removeIf(e -> !(e instanceof org.twinstudio.model.ModbusTcpEndpoint));
        org.twinstudio.model.ModbusTcpEndpoint io = (org.twinstudio.model.ModbusTcpEndpoint) model.getEndpoints().get(0);
        io.setPort(modbusPort);
        ModbusBinding temperature = (ModbusBinding) model.getBindings().get(0);
        ModbusBinding level = (ModbusBinding) model.getBindings().get(1);
        temperature.setDirection(org.twinstudio.model.BindingDirection.READ);
        temperature.setPort(port(model, "controller", "setpoint"));
        level.setDirection(org.twinstudio.model.BindingDirection.READ);
        level.setPort(port(model, "tank", "inflowTemperature"));
        if (plant.twin().bindings().isEmpty()) {
            // a host that does not hand the model's bindings to servers gets the slave's automatic map: numeric
            // outputs as float32 input registers 0, 2, 4, ... in port order
            for (ModbusBinding b : List.of(temperature, level)) {
                String path = b == temperature ? "sensorT.value" : "sensorL.value";
                b.setTable(org.twinstudio.model.ModbusTable.INPUT_REGISTER);
                b.setAddress(automaticInputRegister(plant.twin(), path));
                b.setValueType(ModbusValueType.FLOAT32);
                b.setScale(1);
            }
        }
        IFile hilFile = project.getFile("hil.twin");
        TwinModels.save(model, hilFile.getLocation().toPath());
        hilFile.refreshLocal(IResource.DEPTH_ZERO, null);

        // the cycle thread at a real-time priority, from the preference (granted or not, the session says which)
        TwinPreferences.store().setValue(TwinPreferences.HIL_REALTIME_PRIORITY, 5);
        LiveSession hil = org.twinstudio.ui.internal.handlers.StartHilHandler.hil(window, hilFile);
        assertEquals(5, hil.realtimePriority());
        ui.waitUntil(() -> hil.phase() == LiveSession.Phase.RUNNING || hil.phase() == LiveSession.Phase.FAILED,
                "HIL running");
        assertEquals(LiveSession.Phase.RUNNING, hil.phase(), () -> String.valueOf(hil.failure()));
        ConnectionsView view = connectionsView();
        waitUntil(() -> {
            TreeItem s = sessionItem(view, "hil.twin");
            return s.getItemCount() == 1 && s.getItem(0).getText(ConnectionsView.STATE).equals("CONNECTED")
                    && s.getItem(0).getItemCount() == 2
                    && s.getItem(0).getItem(1).getText(ConnectionsView.ACTIVITY).startsWith("value ");
        }, "endpoint connected and bindings read", view);
        ui.waitUntil(() -> hil.twin().scheduling() != null, "the cycle thread's scheduling known");
        org.twinstudio.runtime.RealtimeScheduling.Outcome scheduling = hil.twin().scheduling();
        assertEquals(5, scheduling.priority());
        waitUntil(() -> scheduling.applied()
                ? sessionItem(view, "hil.twin").getText(ConnectionsView.ACTIVITY).endsWith(", SCHED_FIFO 5")
                : sessionItem(view, "hil.twin").getText(ConnectionsView.LAST_ERROR).equals(scheduling.message()),
                "the view shows the cycle thread's scheduling: " + scheduling, view);
        TreeItem endpoint = sessionItem(view, "hil.twin").getItem(0);
        assertEquals("remoteIo (Modbus TCP)", endpoint.getText(ConnectionsView.NAME));
        assertTrue(endpoint.getText(ConnectionsView.ADDRESS).contains(Integer.toString(modbusPort)),
                endpoint.getText(ConnectionsView.ADDRESS));
        TreeItem levelRow = endpoint.getItem(1);
        assertEquals("tank.inflowTemperature  \u2190 read", levelRow.getText(ConnectionsView.NAME));
        assertEquals("CONNECTED", levelRow.getText(ConnectionsView.STATE));
        assertEquals("", levelRow.getText(ConnectionsView.WRITES), "a read binding buffers no writes");

        // the values shown are the plant's: the level sensor settles at the tank's 0.8 m (first order, 1 s); the
        // temperature register holds tenths of a degree
        ui.pump(2500);
        double plantLevel = plant.twin().value("sensorL.value");
        double plantTemperature = plant.twin().value("sensorT.value");
        double shownLevel = shownValue(sessionItem(view, "hil.twin").getItem(0).getItem(1));
        double shownTemperature = shownValue(sessionItem(view, "hil.twin").getItem(0).getItem(0));
        // tolerances: the view shows a read up to one sample period (100 ms) plus one refresh (500 ms) old; the
        // temperature sensor has 0.05 K noise and the register 0.1 K resolution
        assertEquals(0.8, plantLevel, 0.05, "plant level settled");
        assertEquals(plantLevel, shownLevel, 0.03, "level read over Modbus");
        assertEquals(plantTemperature, shownTemperature, 0.4, "temperature read over Modbus, to 0.1 degC");
        // and the HIL twin took them as inputs (applied at the start of the next cycle)
        assertEquals(shownLevel, hil.twin().value("tank.inflowTemperature"), 0.03);
        assertTrue(sessionItem(view, "hil.twin").getItem(0).getItem(0).getText(ConnectionsView.TIMING)
                .startsWith("latency "), "latency shown");

        ui.screenshot(window.getShell(), Path.of("target", "screenshots", "connections-hil.png"));
        // what a refresh costs on the UI thread (2 sessions, a server, an endpoint, 2 bindings), for the README
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            view.refresh();
        }
        System.out.printf(java.util.Locale.ROOT, "Connections view refresh: %.3f ms (mean of 50, 6 rows)%n",
                (System.nanoTime() - t0) / 50 / 1e6);

        hil.stop();
        plant.stop();
        waitForEnd(hil);
        waitForEnd(plant);
        assertEquals(TwinSession.State.ENDED, hil.twin().state());
    }

    private static TreeItem findItem(TreeItem[] items, String text) {
        for (TreeItem item : items) {
            if (item.getText().contains(text)) {
                return item;
            }
            TreeItem found = item.getItemCount() == 0 ? null : findItemOrNull(item.getItems(), text);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no tree item with '" + text + "'");
    }

    private static TreeItem findItemOrNull(TreeItem[] items, String text) {
        try {
            return findItem(items, text);
        } catch (AssertionError e) {
            return null;
        }
    }

    /** Waits, and on a time-out says what the Connections view showed. */
    private static void waitUntil(java.util.function.BooleanSupplier condition, String what, ConnectionsView view) {
        try {
            ui.waitUntil(condition, what);
        } catch (AssertionError e) {
            StringBuilder rows = new StringBuilder();
            for (ConnectionsView.Row r : view.sessionRows()) {
                dump(r, "", rows);
            }
            throw new AssertionError(e.getMessage() + "; the view shows:\n" + rows, e);
        }
    }

    private static void dump(ConnectionsView.Row row, String indent, StringBuilder out) {
        out.append(indent).append(row).append('\n');
        for (ConnectionsView.Row child : row.children()) {
            dump(child, indent + "  ", out);
        }
    }

    /** Where the Modbus slave's automatic map puts a numeric output: 2 registers per numeric output before it. */
    private static int automaticInputRegister(org.twinstudio.connect.TwinAccess twin, String path) {
        int address = 0;
        for (org.twinstudio.connect.PortInfo p : twin.ports()) {
            if (p.isInput() || p.dataType() == org.twinstudio.model.DataType.STRING
                    || p.dataType() == org.twinstudio.model.DataType.BOOLEAN) {
                continue;
            }
            if (p.path().equals(path)) {
                return address;
            }
            address += 2;
        }
        throw new AssertionError("no numeric output " + path);
    }

    private static double shownValue(TreeItem binding) {
        Matcher m = Pattern.compile("value (\\S+)( at .*)?").matcher(binding.getText(ConnectionsView.ACTIVITY));
        assertTrue(m.matches(), binding.getText(ConnectionsView.ACTIVITY));
        return Double.parseDouble(m.group(1));
    }

    @Test
    void endpointsAndBindingsAreAddedInTheModelEditorAndCheckedOnSave() throws Exception {
        IFile file = copyOfExample("editing.twin");
        org.twinstudio.ui.internal.editor.TwinModelEditor editor =
                (org.twinstudio.ui.internal.editor.TwinModelEditor) IDE.openEditor(page, file);
        ui.pump();
        Menu context = editor.getViewer().getControl().getMenu();
        ui.choose(ui.item(context, "Add Endpoint", "Modbus TCP"));
        TwinModel model = editor.getModel();
        org.twinstudio.model.ModbusTcpEndpoint io = (org.twinstudio.model.ModbusTcpEndpoint) model.getEndpoints()
                .get(model.getEndpoints().size() - 1);
        assertEquals("modbus1", io.getName());
        assertEquals("127.0.0.1", io.getHost());
        assertEquals(502, io.getPort());

        // an output is written to the endpoint, at the first free holding registers (float32: two each)
        editor.getViewer().setSelection(new StructuredSelection(port(model, "tank", "level")));
        ui.choose(ui.item(context, "Add Binding", "to modbus1 (Modbus TCP)"));
        editor.getViewer().setSelection(new StructuredSelection(port(model, "tank", "temperature")));
        ui.choose(ui.item(context, "Add Binding", "to modbus1 (Modbus TCP)"));
        editor.getViewer().setSelection(new StructuredSelection(port(model, "controller", "setpoint")));
        ui.choose(ui.item(context, "Add Binding", "to modbus1 (Modbus TCP)"));
        List<ModbusBinding> added = model.getBindings().stream().filter(b -> b.getEndpoint() == io)
                .map(ModbusBinding.class::cast).toList();
        assertEquals(3, added.size());
        assertEquals(List.of(0, 2, 4), added.stream().map(ModbusBinding::getAddress).toList());
        assertEquals(org.twinstudio.model.BindingDirection.WRITE, added.get(0).getDirection());
        assertEquals(org.twinstudio.model.BindingDirection.READ, added.get(2).getDirection(), "an input is read");
        assertTrue(added.stream().allMatch(b -> b.getValueType() == ModbusValueType.FLOAT32));
        assertTrue(editor.isDirty());

        // an address the connector refuses, edited as the Properties view does, is marked when saved
        editor.getEditingDomain().getCommandStack().execute(org.eclipse.emf.edit.command.SetCommand.create(
                editor.getEditingDomain(), added.get(1), org.twinstudio.model.TwinPackage.Literals.MODBUS_BINDING__ADDRESS,
                65535));
        page.saveEditor(editor, false);
        ui.pump();
        List<String> messages = Arrays.stream(file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true,
                IResource.DEPTH_ZERO)).filter(m -> BindingChecks.CODE.equals(m.getAttribute(TwinstudioUi.MARKER_CODE, "")))
                .map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList();
        assertEquals(List.of("binding tank.temperature -> modbus1 (modbus): float32 takes 2 registers from 65535, past "
                + "the last address 65535"), messages);

        // undo takes the edit back; saved again, the marker goes
        editor.getEditingDomain().getCommandStack().undo();
        assertEquals(2, added.get(1).getAddress());
        page.saveEditor(editor, false);
        ui.pump();
        assertEquals(0, Arrays.stream(file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO))
                .filter(m -> BindingChecks.CODE.equals(m.getAttribute(TwinstudioUi.MARKER_CODE, ""))).count());
    }

    @Test
    void servingOverOpcUaShowsTheServerAndTheEditorBindsAPortToABrowsedVariable() throws Exception {
        assertTrue(Connectors.getDefault().server("opcua").isPresent(), "the OPC UA server is installed");
        IFile file = copyOfExample("heating-line.twin");
        LiveSession session = StartServeHandler.serve(window, file,
                new ServeSettings(true, 0, false, 0, false, ServeSettings.EMBEDDED, "127.0.0.1", 1));
        ConnectionsView view = connectionsView();
        waitUntil(() -> session.phase() != LiveSession.Phase.STARTING
                && sessionItem(view, "heating-line.twin").getItemCount() == 1
                && !sessionItem(view, "heating-line.twin").getItem(0).getText(ConnectionsView.NAME).isEmpty(),
                "OPC UA server row", view);
        assertEquals(LiveSession.Phase.RUNNING, session.phase(), () -> String.valueOf(session.failure()));
        TreeItem server = sessionItem(view, "heating-line.twin").getItem(0);
        assertEquals("OPC UA server", server.getText(ConnectionsView.NAME));
        assertEquals("CONNECTED", server.getText(ConnectionsView.STATE));
        String address = session.servers().get(0).address();
        assertTrue(address.startsWith("opc.tcp://127.0.0.1:"), address);
        assertEquals(address, server.getText(ConnectionsView.ADDRESS));
        assertEquals("0 peers", server.getText(ConnectionsView.ACTIVITY));

        // the editor binds a port to a variable picked from that server's address space
        TwinModel model = TwinModels.load(EXAMPLE).model();
        model.setName("controller_side");
        org.twinstudio.model.OpcUaEndpoint plc = (org.twinstudio.model.OpcUaEndpoint) model.getEndpoints().get(0);
        plc.setUrl(address);
        IFile controllerFile = project.getFile("controller.twin");
        TwinModels.save(model, controllerFile.getLocation().toPath());
        controllerFile.refreshLocal(IResource.DEPTH_ZERO, null);
        org.twinstudio.ui.internal.editor.TwinModelEditor editor =
                (org.twinstudio.ui.internal.editor.TwinModelEditor) IDE.openEditor(page, controllerFile);
        ui.pump();
        TwinModel edited = editor.getModel();
        org.twinstudio.model.Port inflowTemperature = port(edited, "tank", "inflowTemperature");
        org.twinstudio.model.OpcUaEndpoint editedPlc = (org.twinstudio.model.OpcUaEndpoint) edited.getEndpoints().get(0);
        Binding[] bound = new Binding[1];
        ui.modal(org.twinstudio.ui.internal.editor.OpcUaBrowseDialog.TITLE,
                () -> bound[0] = editor.addBindingByBrowsing(inflowTemperature, editedPlc), shell -> {
                    org.twinstudio.ui.internal.editor.OpcUaBrowseDialog dialog =
                            (org.twinstudio.ui.internal.editor.OpcUaBrowseDialog) shell.getData();
                    ui.waitUntil(dialog::isLoaded, "server browsed");
                    assertFalse(UiDriver.button(shell, "Bind").isEnabled(), "nothing chosen yet");
                    dialog.getViewer().expandAll();
                    ui.pump();
                    TreeItem level = findItem(dialog.getViewer().getTree().getItems(), ";s=tank.level ");
                    dialog.getViewer().setSelection(new StructuredSelection(level.getData()));
                    ui.pump();
                    try {
                        ui.screenshot(shell, Path.of("target", "screenshots", "opcua-browse.png"));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    ui.click(UiDriver.button(shell, "Bind"));
                });
        assertNotNull(bound[0], "bound");
        org.twinstudio.model.OpcUaBinding binding = (org.twinstudio.model.OpcUaBinding) bound[0];
        assertTrue(binding.getNodeId().matches("ns=\\d+;s=tank\\.level"), binding.getNodeId());
        assertEquals(org.twinstudio.model.BindingDirection.READ, binding.getDirection(), "an input is read");
        assertTrue(edited.getBindings().contains(binding));
        page.saveEditor(editor, false);
        ui.pump();
        assertEquals(0, Arrays.stream(controllerFile.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true,
                IResource.DEPTH_ZERO)).filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR)
                .count(), "the browsed binding is valid");

        org.twinstudio.ui.internal.handlers.StopLiveSessionHandler.stop(file);
        waitForEnd(session);
        ui.waitUntil(() -> sessionItem(view, "heating-line.twin").getItem(0).getText(ConnectionsView.STATE)
                .equals("STOPPED"), "OPC UA server shown stopped");
    }

    @Test
    void validateMarksBindingsTheConnectorRejectsAtTheBinding() throws Exception {
        TwinModel model = TwinModels.load(EXAMPLE).model();
        List<ModbusBinding> modbus = model.getBindings().stream().filter(ModbusBinding.class::isInstance)
                .map(ModbusBinding.class::cast).toList();
        assertTrue(Connectors.getDefault().clientFor(modbus.get(0).getEndpoint()).isPresent(),
                "the Modbus TCP connector is installed");
        modbus.get(0).setAddress(70000); // sensorT.value
        modbus.get(1).setAddress(65535); // sensorL.value, a float32: two registers
        modbus.get(1).setValueType(ModbusValueType.FLOAT32);
        IFile file = project.getFile("bad-io.twin");
        TwinModels.save(model, file.getLocation().toPath());
        file.refreshLocal(IResource.DEPTH_ZERO, null);

        IViewPart explorer = page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        ((CommonNavigator) explorer).selectReveal(new StructuredSelection(file));
        page.activate(explorer);
        ui.pump();
        window.getService(IHandlerService.class).executeCommand("org.twinstudio.ui.commands.validate", null);

        IMarker[] markers = Arrays.stream(file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO))
                .filter(m -> BindingChecks.CODE.equals(m.getAttribute(TwinstudioUi.MARKER_CODE, "")))
                .toArray(IMarker[]::new);
        List<String> messages = Arrays.stream(markers).map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList();
        assertEquals(2, markers.length, "one marker per bad binding: " + messages);
        IMarker outOfRange = Arrays.stream(markers)
                .filter(m -> m.getAttribute(IMarker.MESSAGE, "").startsWith("binding sensorT.value -> remoteIo (modbus)"))
                .findFirst().orElseThrow(() -> new AssertionError(messages.toString()));
        assertTrue(outOfRange.getAttribute(IMarker.MESSAGE, "").contains(": address 70000 is outside 0..65535"), messages.toString());
        assertEquals(IMarker.SEVERITY_ERROR, outOfRange.getAttribute(IMarker.SEVERITY, -1));
        IMarker pastEnd = Arrays.stream(markers)
                .filter(m -> m.getAttribute(IMarker.MESSAGE, "").startsWith("binding sensorL.value -> remoteIo (modbus)"))
                .findFirst().orElseThrow(() -> new AssertionError(messages.toString()));
        assertTrue(pastEnd.getAttribute(IMarker.MESSAGE, "").contains(": float32 takes 2 registers from 65535, past the last address 65535"),
                messages.toString());

        // located on the binding: its line, its path, its URI
        TwinModel reloaded = TwinModels.load(file.getLocation().toPath()).model();
        Binding first = reloaded.getBindings().stream().filter(b -> b.getPort().getName().equals("value")
                && b.getPort().getComponent().getName().equals("sensorT")).findFirst().orElseThrow();
        assertEquals(EcoreUtil.getURI(first).fragment(),
                org.eclipse.emf.common.util.URI.createURI(outOfRange.getAttribute(TwinstudioUi.MARKER_ELEMENT_URI, ""))
                        .fragment());
        assertEquals(TwinMarkers.path(first), outOfRange.getAttribute(IMarker.LOCATION, ""));
        int line = outOfRange.getAttribute(IMarker.LINE_NUMBER, 0);
        String[] lines = Files.readString(file.getLocation().toPath()).split("\n");
        // the line is where the binding's start tag ends; the tag may span lines
        assertTrue(line > 0, "marker has a line");
        int start = line - 1;
        while (start > 0 && !lines[start].contains("<bindings")) {
            start--;
        }
        assertTrue(lines[start].contains("sensorT.value") && lines[start].contains("ModbusBinding"),
                "line " + line + " ends the binding's tag: " + lines[start]);

        // fixing the addresses clears them
        modbus.get(0).setAddress(100);
        modbus.get(1).setAddress(102);
        TwinModels.save(model, file.getLocation().toPath());
        file.refreshLocal(IResource.DEPTH_ZERO, null);
        window.getService(IHandlerService.class).executeCommand("org.twinstudio.ui.commands.validate", null);
        assertEquals(0, Arrays.stream(file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO))
                .filter(m -> BindingChecks.CODE.equals(m.getAttribute(TwinstudioUi.MARKER_CODE, ""))).count());
    }
}
