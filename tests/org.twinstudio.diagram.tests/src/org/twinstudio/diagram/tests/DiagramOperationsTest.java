package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GModelRoot;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.util.GraphUtil;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.MessageAction;
import org.eclipse.glsp.server.actions.SaveModelAction;
import org.eclipse.glsp.server.actions.SetDirtyStateAction;
import org.eclipse.glsp.server.features.core.model.UpdateModelAction;
import org.eclipse.glsp.server.features.directediting.ApplyLabelEditOperation;
import org.eclipse.glsp.server.features.directediting.LabelEditValidator;
import org.eclipse.glsp.server.features.directediting.RequestEditValidationAction;
import org.eclipse.glsp.server.features.directediting.SetEditValidationResultAction;
import org.eclipse.glsp.server.features.popup.RequestPopupModelAction;
import org.eclipse.glsp.server.features.popup.SetPopupModelAction;
import org.eclipse.glsp.server.features.toolpalette.PaletteItem;
import org.eclipse.glsp.server.features.toolpalette.ToolPaletteItemProvider;
import org.eclipse.glsp.server.features.typehints.CheckEdgeResultAction;
import org.eclipse.glsp.server.features.typehints.RequestCheckEdgeAction;
import org.eclipse.glsp.server.features.undoredo.RedoAction;
import org.eclipse.glsp.server.features.undoredo.UndoAction;
import org.eclipse.glsp.server.features.validation.Marker;
import org.eclipse.glsp.server.features.validation.MarkerKind;
import org.eclipse.glsp.server.features.validation.MarkersReason;
import org.eclipse.glsp.server.features.validation.RequestMarkersAction;
import org.eclipse.glsp.server.features.validation.SetMarkersAction;
import org.eclipse.glsp.graph.GPreRenderedElement;
import org.eclipse.glsp.server.actions.TriggerNodeCreationAction;
import org.eclipse.glsp.server.operations.ChangeBoundsOperation;
import org.eclipse.glsp.server.operations.ChangeRoutingPointsOperation;
import org.eclipse.glsp.server.operations.CreateEdgeOperation;
import org.eclipse.glsp.server.operations.CreateNodeOperation;
import org.eclipse.glsp.server.operations.CutOperation;
import org.eclipse.glsp.server.operations.DeleteOperation;
import org.eclipse.glsp.server.operations.LayoutOperation;
import org.eclipse.glsp.server.operations.PasteOperation;
import org.eclipse.glsp.server.features.clipboard.RequestClipboardDataAction;
import org.eclipse.glsp.server.features.clipboard.SetClipboardDataAction;
import org.eclipse.glsp.server.operations.ReconnectEdgeOperation;
import org.eclipse.glsp.server.types.EditorContext;
import org.eclipse.glsp.server.types.ElementAndBounds;
import org.eclipse.glsp.server.types.ElementAndRoutingPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.ConnectionRules;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.Notation;
import org.twinstudio.diagram.TwinClipboard;
import org.twinstudio.diagram.server.ConnectionTargetsAction;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDocument;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.EdgeLayout;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.resource.TwinModels;

import com.google.gson.Gson;

/**
 * Every editing operation of the diagram, sent as the client sends it and handled by the server's real handlers:
 * the twin changes as expected, undo (GLSP's undo action, on the document's command stack) restores the file
 * text exactly, redo re-applies it; refused operations leave the twin untouched and say why.
 */
class DiagramOperationsTest {

    @TempDir
    Path dir;
    GlspSession glsp;
    TwinDocument document;

    @BeforeEach
    void open() throws Exception {
        glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess());
        glsp.requestModel(glsp.file.toUri().toString());
        document = glsp.state().getDocument();
    }

    @AfterEach
    void close() throws Exception {
        glsp.close();
    }

    TwinModel model() {
        return (TwinModel) document.resource().getContents().get(0);
    }

    CommandStack stack() {
        return document.editingDomain().getCommandStack();
    }

    /** The resource as the .twin file text (model and notation). */
    String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.resource().save(out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    Component component(String name) {
        return model().getComponents().stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    Set<String> connections() {
        return model().getConnections().stream()
                .map(c -> c.getSource().getComponent().getName() + "." + c.getSource().getName() + "->"
                        + c.getTarget().getComponent().getName() + "." + c.getTarget().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> ids(GModelRoot root, Class<? extends GModelElement> type) {
        return root.getChildren().stream().filter(type::isInstance).map(GModelElement::getId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Undo restores {@code before} exactly, redo restores {@code after}; both go through GLSP's actions. */
    void assertUndoRedo(String before) throws IOException {
        String after = text();
        assertNotEquals(before, after, "the operation changed nothing");
        glsp.apply(new UndoAction());
        assertEquals(before, text(), "undo did not restore the twin exactly");
        glsp.apply(new RedoAction());
        assertEquals(after, text(), "redo did not re-apply the operation");
    }

    /** The operation is refused: the client gets a warning with {@code reason}, the twin and stack are unchanged. */
    void assertRefused(Action operation, String reason) throws Exception {
        String before = text();
        boolean couldUndo = stack().canUndo();
        Object top = stack().getUndoCommand();
        glsp.received.clear();
        glsp.send(operation);
        MessageAction message = glsp.await(MessageAction.class);
        assertEquals("WARNING", message.getSeverity());
        assertTrue(message.getMessage().contains(reason), () -> "message was: " + message.getMessage());
        glsp.sync();
        assertEquals(before, text());
        assertEquals(couldUndo, stack().canUndo());
        assertEquals(top, stack().getUndoCommand());
    }

    // ---- create ----------------------------------------------------------------------------------------

    @Test
    void createComponentFromThePaletteGivesTheTypesPortsParametersAndAFreeName() throws Exception {
        String before = text();
        UpdateModelAction update = glsp.apply(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(100, 50),
                null, Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "heater")));

        Component heater = component("heater1");
        assertNotNull(heater, "the example has 'heater', so the new one is 'heater1'");
        assertEquals("heater", heater.getType());
        assertEquals(List.of("command", "power"), heater.getPorts().stream().map(p -> p.getName()).toList());
        assertEquals(List.of("maxPower=5000", "efficiency=0.98"),
                heater.getParameters().stream().map(p -> p.getName() + "=" + p.getValue()).toList());
        NodeLayout layout = Notation.nodeLayout(model(), heater);
        assertEquals(List.of(100.0, 50.0, DiagramTypes.NODE_WIDTH, DiagramTypes.nodeHeight(1, 1)),
                List.of(layout.getX(), layout.getY(), layout.getWidth(), layout.getHeight()));
        GNode node = (GNode) update.getNewRoot().getChildren().stream().filter(c -> c.getId().equals("heater1"))
                .findFirst().orElseThrow();
        assertEquals(100.0, node.getPosition().getX());
        assertTrue(glsp.last(SetDirtyStateAction.class).isDirty());
        assertUndoRedo(before);

        glsp.apply(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(0, 0), null,
                Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "heater")));
        assertNotNull(component("heater2"));
    }

    @Test
    void theFmuEntryCreatesAnFmuComponentWithItsArchive() throws Exception {
        glsp.apply(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(10, 10), null,
                Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "fmu", "fmu", "plant.fmu")));
        Component fmu = component("fmu1");
        assertEquals("fmu", fmu.getType());
        assertEquals("plant.fmu", fmu.getParameters().get(0).getValue());
    }

    @Test
    void liveValidationFollowsEveryUpdate() throws Exception {
        glsp.received.clear();
        glsp.send(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(10, 10), null,
                Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "fmu")));
        glsp.await(UpdateModelAction.class);
        // The markers come after the model: the client draws the update while the server validates.
        SetMarkersAction live = glsp.await(SetMarkersAction.class);
        assertEquals(MarkersReason.LIVE, live.getReason());
        List<String> onFmu = live.getMarkers().stream().filter(m -> m.getElementId().equals("fmu1")).map(Marker::getLabel).toList();
        assertTrue(onFmu.stream().anyMatch(label -> label.contains("'fmu'")), () -> "markers on fmu1: " + onFmu);

        glsp.apply(new UndoAction());
        assertTrue(glsp.await(SetMarkersAction.class).getMarkers().stream().noneMatch(m -> m.getElementId().equals("fmu1")));
    }

    @Test
    void noMarkersAreSentWhereTheClientShowsNoneAndNoneAreFound() throws Exception {
        glsp.received.clear();
        glsp.send(new ApplyLabelEditOperation("heater#name", "mainHeater"));
        glsp.await(UpdateModelAction.class);
        // Queued behind the live validation: once its answer is here, the validation has run.
        glsp.send(new RequestMarkersAction(List.of(), MarkersReason.BATCH));
        SetMarkersAction batch = glsp.await(SetMarkersAction.class);
        assertEquals(MarkersReason.BATCH, batch.getReason(), "the valid twin's change sent markers: " + batch.getMarkers());
        assertTrue(batch.getMarkers().isEmpty(), () -> "the example has findings: " + batch.getMarkers());
    }

    @Test
    void theValidTargetsOfANewConnectionAreExactlyThoseTheRulesAllow() throws Exception {
        ConnectionTargetsAction.Response r = targets("sensorT.value");
        assertEquals("sensorT.value", r.getSourceId());
        assertTrue(r.getTargetIds().contains("tank.inflowTemperature"), "a free input in degC: " + r.getTargetIds());
        Port source = (Port) glsp.state().elementOf("sensorT.value");
        for (Component c : model().getComponents()) {
            for (Port p : c.getPorts()) {
                String id = c.getName() + "." + p.getName();
                assertEquals(ConnectionRules.check(source, p, null).isEmpty(), r.getTargetIds().contains(id), id);
            }
        }
        assertTrue(r.getTargetIds().stream().noneMatch(id -> id.equals("controller.measurement")),
                "an input already driven is no target");
        assertEquals(List.of(), targets("heater.command").getTargetIds(), "an input starts no connection");
        assertEquals(List.of(), targets("nowhere.x").getTargetIds());
    }

    private ConnectionTargetsAction.Response targets(String sourceId) throws Exception {
        glsp.received.clear();
        ConnectionTargetsAction.Request request = new ConnectionTargetsAction.Request(sourceId);
        glsp.send(request);
        ConnectionTargetsAction.Response response = glsp.await(ConnectionTargetsAction.Response.class);
        assertEquals(request.getRequestId(), response.getResponseId());
        return response;
    }

    @Test
    void unknownComponentTypeIsRefused() throws Exception {
        assertRefused(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(0, 0), null,
                Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "boiler")), "unknown component type 'boiler'");
    }

    @Test
    void paletteGroupsTheRegisteredTypesByCategoryAndHasAnFmuEntry() {
        List<PaletteItem> groups = glsp.session.getInjector().getInstance(ToolPaletteItemProvider.class).getItems(Map.of());
        Map<String, List<String>> byGroup = groups.stream().collect(Collectors.toMap(PaletteItem::getLabel,
                g -> g.getChildren().stream().map(PaletteItem::getId).toList()));
        assertEquals(List.of("tool:connection"), byGroup.get("Connections"));
        assertTrue(byGroup.get("Co-simulation").contains("type:fmu"), byGroup::toString);
        assertTrue(byGroup.get("Process").containsAll(List.of("type:heater", "type:tank")), byGroup::toString);
        assertTrue(byGroup.get("Sensors").contains("type:temperatureSensor"), byGroup::toString);
        PaletteItem fmu = groups.stream().flatMap(g -> g.getChildren().stream()).filter(i -> i.getId().equals("type:fmu"))
                .findFirst().orElseThrow();
        TriggerNodeCreationAction trigger = (TriggerNodeCreationAction) fmu.getActions().get(0);
        assertEquals(DiagramTypes.COMPONENT, trigger.getElementTypeId());
        assertEquals("fmu", trigger.getArgs().get(DiagramTypes.ARG_COMPONENT_TYPE));
    }

    @Test
    void connectOutputToFreeCompatibleInput() throws Exception {
        String before = text();
        UpdateModelAction update = glsp.apply(new CreateEdgeOperation(DiagramTypes.CONNECTION, "inletValve.flow", "tank.outflow"));
        assertTrue(connections().contains("inletValve.flow->tank.outflow"));
        assertEquals(7, model().getConnections().size());
        assertTrue(ids(update.getNewRoot(), GEdge.class).contains("inletValve.flow->tank.outflow"));
        assertUndoRedo(before);
    }

    @Test
    void invalidConnectionsAreRefusedWithTheReason() throws Exception {
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "tank.inflow", "tank.outflow"),
                "tank.inflow is an input: a connection starts at an output port");
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "tank.level", "tank.level"),
                "tank.level is an output, a connection ends at an input port");
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "tank.level", "tank.inflowTemperature"),
                "cannot connect tank.level to tank.inflowTemperature: units 'm' and 'degC' are incompatible");
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "sensorT.value", "controller.enable"),
                "a real output cannot feed a boolean input");
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "sensorT.value", "sensorT.input"),
                "input sensorT.input is already driven by tank.temperature");
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "sensorT.value", "controller.setpoint"),
                "input controller.setpoint is already driven by endpoint 'plc'");
    }

    @Test
    void aNewPidTakesTheUnitOfWhatIsWiredToItAndKeepsItsInputsConsistent() throws Exception {
        glsp.apply(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(0, 400), null,
                Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "pid")));
        Component pid = component("pid1");
        org.twinstudio.model.Port measurement = pid.getPorts().stream().filter(p -> p.getName().equals("measurement"))
                .findFirst().orElseThrow();
        assertTrue(measurement.getUnit() == null || measurement.getUnit().isEmpty(), measurement.getUnit());
        assertTrue(checkEdge("sensorL.value", "pid1.measurement"), "allowed while dragging");
        String before = text();
        glsp.apply(new CreateEdgeOperation(DiagramTypes.CONNECTION, "sensorL.value", "pid1.measurement"));
        assertEquals("m", measurement.getUnit());
        assertTrue(connections().contains("sensorL.value->pid1.measurement"));
        assertUndoRedo(before);
        // The setpoint, still without a unit, must now fit the measurement's metres.
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "tank.temperature", "pid1.setpoint"),
                "units 'degC' and 'm' are incompatible");
        assertFalse(checkEdge("tank.temperature", "pid1.setpoint"));
        glsp.apply(new CreateEdgeOperation(DiagramTypes.CONNECTION, "tank.level", "pid1.setpoint"));
        assertTrue(connections().contains("tank.level->pid1.setpoint"));
        // A port whose type fixes its unit never adopts one.
        assertRefused(new CreateEdgeOperation(DiagramTypes.CONNECTION, "tank.level", "heater.command"),
                "incompatible");
    }

    @Test
    void edgeCreationCheckerGivesFeedbackWhileDragging() throws Exception {
        assertTrue(checkEdge("tank.level", null));
        assertFalse(checkEdge("tank.inflow", null));
        assertTrue(checkEdge("inletValve.flow", "tank.outflow"));
        assertFalse(checkEdge("tank.level", "tank.inflowTemperature"));
        assertFalse(checkEdge("sensorT.value", "sensorT.input"));
    }

    boolean checkEdge(String source, String target) {
        String json = "{\"kind\":\"requestCheckEdge\",\"edgeType\":\"" + DiagramTypes.CONNECTION + "\",\"sourceElementId\":\""
                + source + "\"" + (target == null ? "" : ",\"targetElementId\":\"" + target + "\"") + ",\"requestId\":\"r1\"}";
        glsp.received.clear();
        glsp.send(new Gson().fromJson(json, RequestCheckEdgeAction.class));
        return glsp.await(CheckEdgeResultAction.class).isValid();
    }

    // ---- delete ----------------------------------------------------------------------------------------

    @Test
    void deletingAComponentTakesItsConnectionsBindingsAlertRulesAndNotationAlong() throws Exception {
        glsp.apply(new LayoutOperation(List.of()));
        String before = text();
        UpdateModelAction update = glsp.apply(new DeleteOperation(List.of("tank")));

        assertNull(component("tank"));
        assertEquals(Set.of("sensorT.value->controller.measurement", "controller.output->heater.command"), connections());
        assertEquals(4, model().getBindings().size(), "the MQTT binding of tank.temperature went with it");
        assertEquals(List.of("overtemp", "lowLevel"), model().getAlertRules().stream().map(a -> a.getName()).toList());
        Diagram diagram = Notation.diagram(model());
        assertEquals(5, diagram.getNodes().size());
        assertTrue(diagram.getNodes().stream().allMatch(n -> n.getSemanticElement() != null && n.getSemanticElement().eResource() != null));
        assertFalse(ids(update.getNewRoot(), GNode.class).contains("tank"));
        assertUndoRedo(before);
    }

    @Test
    void deleteAConnection() throws Exception {
        String before = text();
        glsp.apply(new DeleteOperation(List.of("controller.output->heater.command")));
        assertFalse(connections().contains("controller.output->heater.command"));
        assertEquals(5, model().getConnections().size());
        assertEquals(6, model().getComponents().size());
        assertUndoRedo(before);
    }

    @Test
    void cutDeletesTheSelectionAsOneStep() throws Exception {
        String before = text();
        EditorContext context = new EditorContext();
        context.setSelectedElementIds(List.of("sensorT", "sensorL"));
        CutOperation cut = new CutOperation();
        cut.setEditorContext(context);
        glsp.apply(cut);
        assertNull(component("sensorT"));
        assertNull(component("sensorL"));
        assertEquals(Set.of("inletValve.flow->tank.inflow", "heater.power->tank.heatInput",
                "controller.output->heater.command"), connections());
        glsp.apply(new UndoAction());
        assertEquals(before, text());
    }

    @Test
    void copyAndPasteDuplicateComponentsWithTheirConnectionsUnderFreeNames() throws Exception {
        glsp.apply(new LayoutOperation(List.of()));
        NodeLayout tankLayout = Notation.nodeLayout(model(), component("tank"));
        double tankX = tankLayout.getX();
        double tankY = tankLayout.getY();
        EditorContext context = new EditorContext();
        context.setSelectedElementIds(List.of("tank", "sensorT", "tank.level"));
        glsp.received.clear();
        glsp.send(new RequestClipboardDataAction(context));
        Map<String, String> clipboard = glsp.await(SetClipboardDataAction.class).getClipboardData();
        assertEquals(Set.of(TwinClipboard.MIME_TYPE), clipboard.keySet());

        String before = text();
        PasteOperation paste = new PasteOperation();
        paste.setClipboardData(clipboard);
        paste.setEditorContext(new EditorContext());
        UpdateModelAction update = glsp.apply(paste);

        Component tankCopy = component("tank1");
        Component sensorCopy = component("sensorT1");
        assertNotNull(tankCopy);
        assertNotNull(sensorCopy);
        assertEquals(component("tank").getParameters().size(), tankCopy.getParameters().size());
        assertTrue(connections().contains("tank1.temperature->sensorT1.input"), "the connection between the copies came along");
        assertEquals(7, model().getConnections().size(), "only that one: the originals' other connections stay theirs");
        NodeLayout copyLayout = Notation.nodeLayout(model(), tankCopy);
        assertEquals(List.of(tankX + 20, tankY + 20), List.of(copyLayout.getX(), copyLayout.getY()));
        assertTrue(ids(update.getNewRoot(), GEdge.class).contains("tank1.temperature->sensorT1.input"));
        assertUndoRedo(before);
    }

    // ---- bounds and routes -----------------------------------------------------------------------------

    @Test
    void moveAndResizeGoIntoTheNotation() throws Exception {
        String before = text();
        ElementAndBounds bounds = new ElementAndBounds();
        bounds.setElementId("sensorT");
        bounds.setNewPosition(GraphUtil.point(300, 120));
        bounds.setNewSize(GraphUtil.dimension(180, 80));
        UpdateModelAction update = glsp.apply(new ChangeBoundsOperation(List.of(bounds)));

        NodeLayout layout = Notation.nodeLayout(model(), component("sensorT"));
        assertEquals(List.of(300.0, 120.0, 180.0, 80.0), List.of(layout.getX(), layout.getY(), layout.getWidth(), layout.getHeight()));
        GNode node = (GNode) update.getNewRoot().getChildren().stream().filter(c -> c.getId().equals("sensorT")).findFirst().orElseThrow();
        assertEquals(180.0, node.getSize().getWidth());
        assertUndoRedo(before);
        glsp.apply(new UndoAction());
        assertNull(Notation.diagram(model()), "undo also removes the notation the move created");
    }

    @Test
    void routingPointsGoIntoTheEdgeLayout() throws Exception {
        String before = text();
        String edge = "tank.level->sensorL.input";
        UpdateModelAction update = glsp.apply(new ChangeRoutingPointsOperation(List.of(new ElementAndRoutingPoints(edge,
                List.of(GraphUtil.point(10, 20), GraphUtil.point(30, 40))))));
        Connection connection = model().getConnections().stream().filter(c -> c.getTarget().getName().equals("input")
                && c.getTarget().getComponent().getName().equals("sensorL")).findFirst().orElseThrow();
        EdgeLayout layout = Notation.edgeLayout(model(), connection);
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0), layout.getBendPoints().stream()
                .flatMap(p -> java.util.stream.Stream.of(p.getX(), p.getY())).toList());
        GEdge gedge = (GEdge) update.getNewRoot().getChildren().stream().filter(c -> c.getId().equals(edge)).findFirst().orElseThrow();
        assertEquals(2, gedge.getRoutingPoints().size());
        assertEquals(30.0, gedge.getRoutingPoints().get(1).getX());
        assertUndoRedo(before);
    }

    @Test
    void reconnectMovesAnEndByTheSameRules() throws Exception {
        String before = text();
        glsp.apply(new ReconnectEdgeOperation("sensorT.value->controller.measurement", "tank.temperature", "controller.measurement"));
        assertTrue(connections().contains("tank.temperature->controller.measurement"));
        assertFalse(connections().contains("sensorT.value->controller.measurement"));
        assertUndoRedo(before);
        assertRefused(new ReconnectEdgeOperation("tank.temperature->controller.measurement", "tank.temperature", "controller.enable"),
                "a real output cannot feed a boolean input");
    }

    // ---- rename ----------------------------------------------------------------------------------------

    @Test
    void labelEditRenamesTheComponentIfTheNameIsAFreeIdentifier() throws Exception {
        String before = text();
        UpdateModelAction update = glsp.apply(new ApplyLabelEditOperation("controller#name", "tempController"));
        assertNotNull(component("tempController"));
        assertNull(component("controller"));
        assertTrue(ids(update.getNewRoot(), GEdge.class).contains("tempController.output->heater.command"));
        assertUndoRedo(before);
        glsp.apply(new UndoAction());

        assertRefused(new ApplyLabelEditOperation("controller#name", "2nd"), "'2nd' is not a name");
        assertRefused(new ApplyLabelEditOperation("controller#name", "tank"), "'tank' is already the name of a component");
        assertRefused(new ApplyLabelEditOperation("controller#name", "plc"), "'plc' is already the name of an endpoint");
        assertRefused(new ApplyLabelEditOperation("tank.level", "height"), "only component names can be edited");
    }

    @Test
    void labelEditIsValidatedWhileTyping() {
        assertEquals("OK", validateLabel("controller#name", "tempController"));
        assertEquals("ERROR", validateLabel("controller#name", "tank"));
        assertEquals("ERROR", validateLabel("controller#name", "a b"));
    }

    String validateLabel(String labelId, String text) {
        glsp.received.clear();
        glsp.send(new RequestEditValidationAction(LabelEditValidator.CONTEXT_ID, labelId, text));
        return glsp.await(SetEditValidationResultAction.class).getStatus().getSeverity().name();
    }

    // ---- layout ----------------------------------------------------------------------------------------

    @Test
    void autoLayoutPlacesEveryComponentInOneUndoableStep() throws Exception {
        String before = text();
        assertFalse(stack().canUndo());
        UpdateModelAction update = glsp.apply(new LayoutOperation(List.of()));

        Diagram diagram = Notation.diagram(model());
        assertEquals(6, diagram.getNodes().size());
        Set<EObject> placed = diagram.getNodes().stream().map(NodeLayout::getSemanticElement).collect(Collectors.toSet());
        assertEquals(Set.copyOf(model().getComponents()), placed);
        assertTrue(update.getNewRoot().getChildren().stream().filter(GNode.class::isInstance)
                .allMatch(n -> ((GNode) n).getPosition() != null));
        // Inputs west, outputs east: the valve feeds the tank, so it sits left of it.
        assertTrue(Notation.nodeLayout(model(), component("inletValve")).getX() < Notation.nodeLayout(model(), component("tank")).getX());
        assertEquals("Auto-layout", stack().getUndoCommand().getLabel());
        glsp.apply(new UndoAction());
        assertFalse(stack().canUndo(), "the layout was more than one command");
        assertEquals(before, text());
    }

    @Test
    void autoLayoutOfASelectionMovesOnlyItAndKeepsItsCorner() throws Exception {
        glsp.apply(new LayoutOperation(List.of()));
        Map<String, List<Double>> before = new java.util.HashMap<>();
        for (Component c : model().getComponents()) {
            NodeLayout l = Notation.nodeLayout(model(), c);
            before.put(c.getName(), List.of(l.getX(), l.getY()));
        }
        // Stack the two sensors on one spot (a move, as the client sends it), then lay out just them (and a port id,
        // which is no component).
        for (String name : List.of("sensorT", "sensorL")) {
            ElementAndBounds bounds = new ElementAndBounds();
            bounds.setElementId(name);
            bounds.setNewPosition(GraphUtil.point(500, 400));
            NodeLayout current = Notation.nodeLayout(model(), component(name));
            bounds.setNewSize(GraphUtil.dimension(current.getWidth(), current.getHeight()));
            glsp.apply(new ChangeBoundsOperation(List.of(bounds)));
        }
        glsp.apply(new LayoutOperation(List.of("sensorT", "sensorL", "tank.level")));

        assertEquals("Auto-layout of 2 components", stack().getUndoCommand().getLabel());
        NodeLayout t = Notation.nodeLayout(model(), component("sensorT"));
        NodeLayout l = Notation.nodeLayout(model(), component("sensorL"));
        assertEquals(500.0, Math.min(t.getX(), l.getX()), 1e-9, "the group keeps its left edge");
        assertEquals(400.0, Math.min(t.getY(), l.getY()), 1e-9, "and its top edge");
        boolean apart = t.getX() + t.getWidth() <= l.getX() || l.getX() + l.getWidth() <= t.getX()
                || t.getY() + t.getHeight() <= l.getY() || l.getY() + l.getHeight() <= t.getY();
        assertTrue(apart, "the two no longer overlap");
        for (Component c : model().getComponents()) {
            if (!c.getName().startsWith("sensor")) {
                NodeLayout other = Notation.nodeLayout(model(), c);
                assertEquals(before.get(c.getName()), List.of(other.getX(), other.getY()), c.getName() + " moved");
            }
        }
    }

    // ---- save, dirty state, shared stack --------------------------------------------------------------

    @Test
    void saveWritesTheTwinAndReloadingGivesTheSameModel() throws Exception {
        glsp.apply(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(40, 400), null,
                Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "pid")));
        glsp.apply(new CreateEdgeOperation(DiagramTypes.CONNECTION, "inletValve.flow", "tank.outflow"));
        assertTrue(document.isDirty());

        glsp.received.clear();
        glsp.send(new SaveModelAction());
        SetDirtyStateAction dirty = glsp.await(SetDirtyStateAction.class);
        assertFalse(dirty.isDirty());
        assertEquals(SetDirtyStateAction.Reason.SAVE, dirty.getReason().orElseThrow());
        assertFalse(document.isDirty());

        TwinModels.Loaded reloaded = TwinModels.load(glsp.file);
        assertNotNull(reloaded.model(), () -> reloaded.diagnostics().toString());
        assertEquals(document.resource().getContents().size(), reloaded.resource().getContents().size());
        for (int i = 0; i < document.resource().getContents().size(); i++) {
            assertTrue(EcoreUtil.equals(document.resource().getContents().get(i), reloaded.resource().getContents().get(i)),
                    "root " + i + " differs after reload");
        }
        assertTrue(reloaded.model().getComponents().stream().anyMatch(c -> c.getName().equals("pid1")));

        glsp.apply(new UndoAction());
        assertTrue(glsp.last(SetDirtyStateAction.class).isDirty(), "undo past the save point makes the twin dirty again");
    }

    @Test
    void changesOnTheSharedStackFromOtherViewsReachTheClient() throws Exception {
        // What the Properties view does: a SetCommand on the document's stack, outside the diagram.
        glsp.received.clear();
        stack().execute(SetCommand.create(document.editingDomain(), component("heater"),
                TwinPackage.Literals.NAMED_ELEMENT__NAME, "mainHeater"));
        UpdateModelAction update = glsp.await(UpdateModelAction.class);
        assertTrue(ids(update.getNewRoot(), GNode.class).contains("mainHeater"));
        assertTrue(glsp.last(SetDirtyStateAction.class).isDirty());

        // The diagram's undo undoes it: one history.
        glsp.apply(new UndoAction());
        assertNotNull(component("heater"));
        assertFalse(((BasicCommandStack) stack()).isSaveNeeded());
        assertFalse(glsp.last(SetDirtyStateAction.class).isDirty());

        // And the other view's undo undoes the diagram's commands.
        glsp.apply(new DeleteOperation(List.of("heater")));
        glsp.received.clear();
        stack().undo();
        UpdateModelAction restored = glsp.await(UpdateModelAction.class);
        assertTrue(ids(restored.getNewRoot(), GNode.class).contains("heater"));
    }

    // ---- markers and popups ----------------------------------------------------------------------------

    @Test
    void validatorFindingsBecomeMarkersOnTheirElements() throws Exception {
        stack().execute(SetCommand.create(document.editingDomain(), component("heater").getParameters().get(0),
                TwinPackage.Literals.PARAMETER__VALUE, "lots"));
        glsp.await(UpdateModelAction.class);
        glsp.received.clear();
        glsp.send(new RequestMarkersAction(List.of(), MarkersReason.BATCH));
        List<Marker> markers = glsp.await(SetMarkersAction.class).getMarkers();
        Marker onHeater = markers.stream().filter(m -> m.getElementId().equals("heater")).findFirst()
                .orElseThrow(() -> new AssertionError("no marker on heater: " + markers.stream().map(m -> m.getElementId() + ": " + m.getLabel()).toList()));
        assertEquals(MarkerKind.ERROR, onHeater.getType());
        assertTrue(onHeater.getLabel().contains("maxPower"), onHeater.getLabel());
        assertTrue(onHeater.getDescription().contains("heating-line.twin"), onHeater.getDescription());
    }

    @Test
    void algebraicLoopsOfTheRuntimeAreMarkedOnTheirConnections() throws Exception {
        // Two gains feeding each other: y = k·u on both sides, a loop of feedthrough outputs.
        for (int i = 0; i < 2; i++) {
            glsp.apply(new CreateNodeOperation(DiagramTypes.COMPONENT, GraphUtil.point(600, 300 + 100 * i), null,
                    Map.of(DiagramTypes.ARG_COMPONENT_TYPE, "gain")));
        }
        glsp.apply(new CreateEdgeOperation(DiagramTypes.CONNECTION, "gain1.y", "gain2.u"));
        glsp.received.clear();
        glsp.send(new RequestMarkersAction(List.of(), MarkersReason.BATCH));
        assertTrue(glsp.await(SetMarkersAction.class).getMarkers().stream().noneMatch(m -> m.getLabel().equals("Algebraic loop")),
                "a chain is no loop");

        glsp.apply(new CreateEdgeOperation(DiagramTypes.CONNECTION, "gain2.y", "gain1.u"));
        glsp.received.clear();
        glsp.send(new RequestMarkersAction(List.of(), MarkersReason.BATCH));
        List<Marker> loop = glsp.await(SetMarkersAction.class).getMarkers().stream()
                .filter(m -> m.getLabel().equals("Algebraic loop")).toList();
        assertEquals(java.util.Set.of("gain1.y->gain2.u", "gain2.y->gain1.u"),
                loop.stream().map(Marker::getElementId).collect(java.util.stream.Collectors.toSet()));
        assertEquals(MarkerKind.INFO, loop.get(0).getType());
        assertTrue(loop.get(0).getDescription().contains("gain1.y -> gain2.u"), loop.get(0).getDescription());
        // The heating line's own feedback runs through the tank's state: no marker there.
        assertTrue(loop.stream().noneMatch(m -> m.getElementId().contains("tank")));
    }

    @Test
    void popupsShowPortAndComponentDetails() {
        assertEquals(List.of("tank.level", "output, real [m]"), popup("tank.level").subList(0, 2));
        List<String> tank = popup("tank");
        assertTrue(tank.get(0).startsWith("tank: Heated tank (tank)"), tank.toString());
        assertTrue(tank.contains("area 0.25 m2"), tank.toString());
    }

    /** The popup's text, line by line (tags dropped). */
    List<String> popup(String elementId) {
        glsp.received.clear();
        glsp.send(new RequestPopupModelAction(elementId, GraphUtil.bounds(0, 0, 10, 10)));
        SetPopupModelAction popup = glsp.await(SetPopupModelAction.class);
        String html = ((GPreRenderedElement) popup.getNewRoot().getChildren().get(0)).getCode();
        return List.of(html.replaceAll("<br/>|</tr>|<table>", "\n").replaceAll("</td><td>", " ").replaceAll("<[^>]+>", "")
                .strip().split("\n"));
    }
}
