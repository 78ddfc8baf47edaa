package org.twinstudio.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.client.DiagramClientAssets;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.web.DiagramWebServer;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.validation.TwinDiagnostic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The graphical editor end to end: the real web client in Debian's Chromium, driven with mouse and keyboard by
 * {@code e2e/edit-scenario.mjs} of the client bundle, against this host and the GLSP server on a copy of the heating
 * line; the test then reads the file the editor saved.
 *
 * <p>The scenario: auto-layout, create a PID controller and an electric heater from the palette, create an on/off
 * valve and undo it, connect the controller's output to the heater's command with the connection tool, try the
 * heater's power (real) on the controller's enable (boolean), which is refused, drag the controller, undo and redo
 * the drag and the connection, lay out two selected sensors alone (and undo it), rename the controller on its name
 * label to {@code tank} (refused while typing) and
 * then to {@code heatController}, resize it by its corner, copy and paste the new heater, delete the level sensor,
 * save with Ctrl+S.
 */
class DiagramBrowserEndToEndTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin");
    static final Path CLIENT_BUNDLE = Path.of("../../bundles/org.twinstudio.diagram.client");
    static final Path SCENARIO = CLIENT_BUNDLE.resolve("e2e/edit-scenario.mjs");
    static final Path SCREENSHOTS = Path.of("target/e2e-screenshots");
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final long TIMEOUT_SECONDS = 240;
    /** The client snaps moves to its 20 px grid. */
    static final double GRID = 20;

    @TempDir
    Path dir;
    Path model;
    DiagramWebServer server;

    @BeforeEach
    void start() throws Exception {
        model = Files.copy(HEATING_LINE, dir.resolve("heating-line.twin"), StandardCopyOption.REPLACE_EXISTING);
        server = DiagramWebServer.start(TwinDiagramModule.serverModule(new FileTwinModelAccess()),
                DiagramClientAssets::find);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void editsAndSavesATwinInTheBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium is needed for the diagram end-to-end test: install Debian's"
                + " chromium (releng/scripts/install-debian-deps.sh) or set CHROMIUM to a Chromium binary; not found: "
                + CHROMIUM);
        assertTrue(Files.isDirectory(CLIENT_BUNDLE.resolve("node_modules/playwright-core")),
                "playwright-core is missing in " + CLIENT_BUNDLE.toAbsolutePath().normalize()
                        + "/node_modules: build the client bundle first (its Maven build runs npm ci)");
        assertNotNull(DiagramClientAssets.find(DiagramClientAssets.PAGE), "the client bundle has no web/"
                + DiagramClientAssets.PAGE + ": build it first (npm run build)");
        Map<String, Map<String, PortDirection>> keptPorts = TwinModels.load(model).model().getComponents().stream()
                .filter(c -> !c.getName().equals("sensorL"))
                .collect(Collectors.toMap(Component::getName, DiagramBrowserEndToEndTest::portsOf));
        String before = Files.readString(model);

        JsonObject observed = runScenario(server.pageUri(model.toUri().toString(), "e2e").toString());

        assertNotEquals(before, Files.readString(model), "the editor did not save the twin");
        TwinModels.Loaded saved = TwinModels.load(model);
        List<TwinDiagnostic> errors = saved.diagnostics().stream()
                .filter(d -> d.severity() == TwinDiagnostic.Severity.ERROR).toList();
        assertTrue(errors.isEmpty(), "the saved twin has errors: " + errors);
        assertTrue(Files.readString(model).contains("xmlns:xmi=\"http://www.omg.org/XMI\""), "not XMI");
        TwinModel twin = saved.model();
        assertNotNull(twin);
        Map<String, Component> components = twin.getComponents().stream()
                .collect(Collectors.toMap(Component::getName, c -> c, (a, b) -> a, TreeMap::new));

        // Created from the palette with their type's ports; the PID controller renamed on its label.
        assertEquals(List.of("controller", "heatController", "heater", "heater1", "heater2", "inletValve", "sensorT",
                "tank"), List.copyOf(components.keySet()));
        assertEquals("pid", components.get("heatController").getType());
        assertEquals("heater", components.get("heater1").getType());
        assertEquals(Map.of("setpoint", PortDirection.IN, "measurement", PortDirection.IN, "enable", PortDirection.IN,
                "output", PortDirection.OUT), portsOf(components.get("heatController")));
        assertEquals(Map.of("command", PortDirection.IN, "power", PortDirection.OUT), portsOf(components.get("heater1")));
        // The type's parameter defaults came along, and were copied with the heater.
        for (String heater : List.of("heater1", "heater2")) {
            assertEquals("heater", components.get(heater).getType());
            assertEquals(Map.of("command", PortDirection.IN, "power", PortDirection.OUT), portsOf(components.get(heater)));
            assertEquals("5000", components.get(heater).getParameters().stream()
                    .filter(p -> p.getName().equals("maxPower")).findFirst().orElseThrow().getValue(), heater);
        }
        // The deleted level sensor took its connection, its Modbus binding and its alert rule along.
        assertFalse(Files.readString(model).contains("sensorL"), "sensorL is still referenced in the saved twin");
        assertEquals(List.of("plc", "plc", "remoteIo", "telemetry"), twin.getBindings().stream()
                .map(b -> b.getEndpoint().getName()).sorted().toList());
        assertEquals(List.of("overtemp", "heatingRate"), twin.getAlertRules().stream().map(r -> r.getName()).toList());
        // The valve created and undone is gone (its redo was dropped by the next edit).
        assertFalse(components.containsKey("valve1"), "the undone valve was saved: " + components.keySet());
        assertEquals(Boolean.FALSE, observed.getAsJsonObject("undoneCreation").get("present").getAsBoolean());
        // The existing components keep their ports.
        keptPorts.forEach((name, ports) -> assertEquals(ports, portsOf(components.get(name)), name));

        // The connection drawn with the tool, and not the refused one.
        List<String> connections = twin.getConnections().stream().map(DiagramBrowserEndToEndTest::describe).toList();
        assertEquals(6, connections.size(), connections.toString());
        assertTrue(connections.stream().noneMatch(c -> c.contains("sensorL")), connections.toString());
        assertTrue(connections.contains("heatController.output->heater1.command"), connections.toString());
        assertTrue(connections.stream().noneMatch(c -> c.endsWith("->heatController.enable")), connections.toString());
        JsonObject refused = observed.getAsJsonObject("refused");
        assertTrue(refused.get("gestureRefused").getAsBoolean(), refused.toString());
        assertFalse(refused.get("targetMarked").getAsBoolean(), "an invalid target marked as valid: " + refused);
        // While the connection from pid1.output was drawn, its valid targets were marked: inputs only, its target too.
        List<String> connectable = new java.util.ArrayList<>();
        observed.getAsJsonArray("connectableWhileDrawing").forEach(e -> connectable.add(e.getAsString()));
        assertTrue(connectable.contains("heater1.command"), connectable.toString());
        assertTrue(connectable.stream().noneMatch(id -> id.endsWith(".output") || id.endsWith(".power")),
                "outputs marked as targets: " + connectable);
        String reason = refused.get("reason").getAsString();
        assertTrue(reason.contains("boolean") && reason.contains("real"), "the refusal does not say why: " + reason);

        // Auto-layout gave every component a place; the drag moved the controller by the dragged distance.
        Diagram diagram = (Diagram) saved.resource().getContents().stream().filter(Diagram.class::isInstance)
                .findFirst().orElseThrow(() -> new AssertionError("the saved twin has no diagram notation"));
        Map<String, NodeLayout> layouts = new TreeMap<>();
        for (NodeLayout layout : diagram.getNodes()) {
            EObject element = layout.getSemanticElement();
            if (element instanceof Component c) {
                layouts.put(c.getName(), layout);
            }
        }
        assertEquals(components.keySet(), layouts.keySet(), "components without a place after auto-layout");
        JsonObject laidOut = observed.getAsJsonObject("layout");
        List<String> original = List.of("inletValve", "tank", "heater", "sensorT", "controller");
        for (String id : original) {
            assertEquals(point(laidOut, id, "x"), layouts.get(id).getX(), 0.5, id + " x after auto-layout");
            assertEquals(point(laidOut, id, "y"), layouts.get(id).getY(), 0.5, id + " y after auto-layout");
        }
        assertEquals(original.size(), original.stream().map(layouts::get).map(l -> l.getX() + "," + l.getY())
                .distinct().count(),
                "auto-layout left components on top of each other");
        JsonObject move = observed.getAsJsonObject("move");
        NodeLayout moved = layouts.get("heatController");
        double fromX = point(move, "from", "x"), fromY = point(move, "from", "y");
        double toX = point(move, "to", "x"), toY = point(move, "to", "y");
        assertEquals(toX, moved.getX(), 0.5, "saved x of the dragged component");
        assertEquals(toY, moved.getY(), 0.5, "saved y of the dragged component");
        double zoom = move.get("zoom").getAsDouble();
        double draggedX = point(move, "drag", "x") / zoom, draggedY = point(move, "drag", "y") / zoom;
        assertEquals(draggedX, toX - fromX, GRID, "moved distance in x vs dragged " + draggedX);
        assertEquals(draggedY, toY - fromY, GRID, "moved distance in y vs dragged " + draggedY);
        assertTrue(Math.abs(toX - fromX) >= 2 * GRID || Math.abs(toY - fromY) >= 2 * GRID, "hardly moved: " + move);

        // Ctrl+Shift+L with two components selected laid out only those: the dragged pid1 stayed, the pair kept its
        // top left corner (the place both had been put on) and no longer overlaps.
        JsonObject selection = observed.getAsJsonObject("selectionLayout");
        assertEquals(point(selection, "pid1Before", "x"), point(selection, "pid1", "x"), 0.5, selection.toString());
        assertEquals(point(selection, "pid1Before", "y"), point(selection, "pid1", "y"), 0.5, selection.toString());
        assertEquals(point(selection, "sensorCorner", "x"),
                Math.min(point(selection, "sensorT", "x"), point(selection, "sensorL", "x")), 0.5, selection.toString());
        assertEquals(point(selection, "sensorCorner", "y"),
                Math.min(point(selection, "sensorT", "y"), point(selection, "sensorL", "y")), 0.5, selection.toString());

        // The corner drag resized it (its place unchanged); its output port moved along to the east border.
        JsonObject resize = observed.getAsJsonObject("resize");
        assertEquals(moved.getWidth(), resize.get("outputPortX").getAsDouble(), 0.5, "output port x after resize");
        assertEquals(resize.getAsJsonObject("to").get("width").getAsDouble(), moved.getWidth(), 0.5, "saved width");
        assertEquals(resize.getAsJsonObject("to").get("height").getAsDouble(), moved.getHeight(), 0.5, "saved height");
        assertEquals(point(resize, "drag", "x") / zoom,
                moved.getWidth() - resize.getAsJsonObject("from").get("width").getAsDouble(), GRID, "width change");
        assertEquals(point(resize, "drag", "y") / zoom,
                moved.getHeight() - resize.getAsJsonObject("from").get("height").getAsDouble(), GRID, "height change");

        // Undo put the controller back and removed the connection; redo brought both back (seen in the browser).
        JsonObject undoRedo = observed.getAsJsonObject("undoRedo");
        assertEquals(fromX, point(undoRedo, "afterUndoMove", "x"), 0.5);
        assertEquals(fromY, point(undoRedo, "afterUndoMove", "y"), 0.5);
        assertTrue(undoRedo.get("connectionUndone").getAsBoolean(), undoRedo.toString());
        assertEquals(toX, point(undoRedo, "afterRedo", "x"), 0.5);
        assertEquals(toY, point(undoRedo, "afterRedo", "y"), 0.5);

        // The taken name was refused while typing, with the reason next to the field, and not applied.
        JsonObject refusedRename = observed.getAsJsonObject("refusedRename");
        assertTrue(refusedRename.get("reason").getAsString().contains("'tank' is already the name of"),
                refusedRename.toString());
        assertTrue(refusedRename.get("stillEditing").getAsBoolean(), "Enter closed the editor on a taken name");
        assertTrue(refusedRename.getAsJsonArray("components").toString().contains("\"pid1\""), refusedRename.toString());
        assertEquals(1, components.values().stream().filter(c -> c.getName().equals("tank")).count());

        JsonObject last = observed.getAsJsonObject("final");
        assertEquals(8, last.getAsJsonObject("counts").get("node:component").getAsInt(), last.toString());
        assertEquals(6, last.getAsJsonObject("counts").get("edge:connection").getAsInt(), last.toString());
        assertEquals(0, observed.getAsJsonArray("pageErrors").size(), "errors in the page: " + observed.get("pageErrors"));
    }

    /** Runs the scenario script and returns the JSON it prints; fails with its output when it fails. */
    JsonObject runScenario(String pageUrl) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        Path stdout = dir.resolve("scenario.out");
        Path stderr = dir.resolve("scenario.err");
        Process node = new ProcessBuilder("node", SCENARIO.toString(), pageUrl, SCREENSHOTS.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean finished = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        if (!finished || node.exitValue() != 0) {
            fail("the browser scenario " + (finished ? "failed with exit code " + node.exitValue()
                    : "timed out after " + TIMEOUT_SECONDS + " s") + " (screenshots in "
                    + SCREENSHOTS.toAbsolutePath() + ")\n--- stderr\n" + err + "\n--- stdout\n" + out);
        }
        try {
            return JsonParser.parseString(out).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError("the scenario did not print its JSON summary: " + e.getMessage()
                    + "\n--- stdout\n" + out + "\n--- stderr\n" + err, e);
        }
    }

    static Map<String, PortDirection> portsOf(Component component) {
        return component.getPorts().stream().collect(Collectors.toMap(Port::getName, Port::getDirection));
    }

    static String describe(Connection connection) {
        return name(connection.getSource()) + "->" + name(connection.getTarget());
    }

    static String name(Port port) {
        return port == null ? "?" : port.getComponent().getName() + "." + port.getName();
    }

    static double point(JsonObject owner, String member, String axis) {
        JsonElement point = owner.get(member);
        assertNotNull(point, member + " missing in " + owner);
        assertNull(point.isJsonNull() ? point : null, member + " is null in " + owner);
        return point.getAsJsonObject().get(axis).getAsDouble();
    }
}
