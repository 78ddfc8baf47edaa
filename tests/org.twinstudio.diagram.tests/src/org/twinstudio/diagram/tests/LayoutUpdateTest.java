package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GModelRoot;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.GPoint;
import org.eclipse.glsp.graph.util.GraphUtil;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.SetDirtyStateAction;
import org.eclipse.glsp.server.features.core.model.UpdateModelAction;
import org.eclipse.glsp.server.features.directediting.ApplyLabelEditOperation;
import org.eclipse.glsp.server.features.undoredo.RedoAction;
import org.eclipse.glsp.server.features.undoredo.UndoAction;
import org.eclipse.glsp.server.features.validation.SetMarkersAction;
import org.eclipse.glsp.server.operations.ChangeBoundsOperation;
import org.eclipse.glsp.server.operations.ChangeRoutingPointsOperation;
import org.eclipse.glsp.server.operations.LayoutOperation;
import org.eclipse.glsp.server.types.ElementAndBounds;
import org.eclipse.glsp.server.types.ElementAndRoutingPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinUpdateLayoutAction;
import org.twinstudio.model.TwinModel;

/**
 * Changes that only move things reach a client that handles {@code twinUpdateLayout} as the new places of the moved
 * elements, not as a new model, and without a new validation; the server's graph then equals a fresh build.
 */
class LayoutUpdateTest {

    @TempDir
    Path dir;
    GlspSession glsp;

    @BeforeEach
    void open() throws Exception {
        glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess(),
                List.of(TwinUpdateLayoutAction.KIND));
        glsp.requestModel(glsp.file.toUri().toString());
        // The example has no notation yet: the first move adds the diagram to the file, a change of its roots.
        assertTrue(move("tank", 400, 200) instanceof UpdateModelAction);
    }

    @AfterEach
    void close() throws Exception {
        glsp.close();
    }

    /** Moves a component and returns the model update that follows (full or layout only). */
    Action move(String id, double x, double y) throws Exception {
        ElementAndBounds bounds = new ElementAndBounds();
        bounds.setElementId(id);
        bounds.setNewPosition(GraphUtil.point(x, y));
        return send(new ChangeBoundsOperation(List.of(bounds)));
    }

    Action send(Action action) throws Exception {
        glsp.received.clear();
        int before = glsp.history.size();
        glsp.send(action);
        glsp.sync();
        List<Action> sent;
        synchronized (glsp.history) {
            sent = new ArrayList<>(glsp.history.subList(before, glsp.history.size()));
        }
        List<Action> updates = sent.stream()
                .filter(a -> a instanceof UpdateModelAction || a instanceof TwinUpdateLayoutAction).toList();
        assertEquals(1, updates.size(), () -> "updates sent: " + sent);
        if (updates.get(0) instanceof TwinUpdateLayoutAction) {
            assertTrue(sent.stream().noneMatch(SetMarkersAction.class::isInstance), "a layout change is not revalidated");
        }
        return updates.get(0);
    }

    @Test
    void aMoveSendsTheMovedNodeOnlyAndUndoRedoToo() throws Exception {
        int revision = glsp.state().getRoot().getRevision();
        TwinUpdateLayoutAction moved = (TwinUpdateLayoutAction) move("heater", 300, 120);
        assertEquals(1, moved.getNodes().size());
        TwinUpdateLayoutAction.NodeBounds heater = moved.getNodes().get(0);
        assertEquals("heater", heater.id());
        assertEquals(new TwinUpdateLayoutAction.XY(300, 120), heater.position());
        assertEquals(revision + 1, moved.getRevision());
        assertEquals(revision + 1, glsp.state().getRoot().getRevision());
        assertTrue(moved.getEdges().isEmpty());
        assertTrue(glsp.last(SetDirtyStateAction.class).isDirty());
        assertGraphIsAsRebuilt();

        // Undo removes the heater's layout again: unplaced, default size, as a rebuild would show it.
        TwinUpdateLayoutAction undone = (TwinUpdateLayoutAction) send(new UndoAction());
        assertEquals("heater", undone.getNodes().get(0).id());
        assertNull(undone.getNodes().get(0).position());
        assertEquals(heater.width(), undone.getNodes().get(0).width());
        assertGraphIsAsRebuilt();

        TwinUpdateLayoutAction redone = (TwinUpdateLayoutAction) send(new RedoAction());
        assertEquals(new TwinUpdateLayoutAction.XY(300, 120), redone.getNodes().get(0).position());
        assertGraphIsAsRebuilt();
    }

    @Test
    void aRerouteSendsTheEdgesNewRoutingPoints() throws Exception {
        String edge = "tank.level->sensorL.input";
        TwinUpdateLayoutAction rerouted = (TwinUpdateLayoutAction) send(new ChangeRoutingPointsOperation(List.of(
                new ElementAndRoutingPoints(edge, List.of(GraphUtil.point(10, 20), GraphUtil.point(30, 40))))));
        assertTrue(rerouted.getNodes().isEmpty());
        assertEquals(List.of(new TwinUpdateLayoutAction.EdgeRoute(edge, List.of(new TwinUpdateLayoutAction.XY(10, 20),
                new TwinUpdateLayoutAction.XY(30, 40)))), rerouted.getEdges());
        assertGraphIsAsRebuilt();
        TwinUpdateLayoutAction undone = (TwinUpdateLayoutAction) send(new UndoAction());
        assertEquals(List.of(), undone.getEdges().get(0).routingPoints());
        assertGraphIsAsRebuilt();
    }

    @Test
    void autoLayoutSendsEveryComponentsPlace() throws Exception {
        TwinUpdateLayoutAction laidOut = (TwinUpdateLayoutAction) send(new LayoutOperation(List.of()));
        assertEquals(6, laidOut.getNodes().size());
        assertGraphIsAsRebuilt();
    }

    @Test
    void aChangeOfTheTwinStillSendsTheWholeModel() throws Exception {
        move("heater", 300, 120);
        glsp.received.clear();
        glsp.send(new ApplyLabelEditOperation("heater#name", "mainHeater"));
        UpdateModelAction renamed = glsp.await(UpdateModelAction.class);
        assertTrue(renamed.getNewRoot().getChildren().stream().anyMatch(c -> c.getId().equals("mainHeater")));
        // After the rebuild, moves are small again.
        assertEquals("mainHeater", ((TwinUpdateLayoutAction) move("mainHeater", 20, 40)).getNodes().get(0).id());
        assertGraphIsAsRebuilt();
    }

    /** The graph the server keeps after in-place updates: the places a fresh build from the twin gives. */
    void assertGraphIsAsRebuilt() {
        GModelRoot kept = glsp.state().getRoot();
        GModelRoot fresh = new TwinGModelFactory().createGraph((TwinModel) glsp.state().getTwinModel());
        assertEquals(places(fresh), places(kept));
        assertFalse(places(kept).isEmpty());
    }

    private static Map<String, String> places(GModelRoot root) {
        Map<String, String> places = new java.util.TreeMap<>();
        for (GModelElement child : root.getChildren()) {
            if (child instanceof GNode node) {
                places.put(node.getId(), text(node.getPosition()) + " " + node.getSize().getWidth() + "x"
                        + node.getSize().getHeight());
            } else if (child instanceof GEdge edge) {
                places.put(edge.getId(), edge.getRoutingPoints().stream().map(LayoutUpdateTest::text).toList().toString());
            }
        }
        return places;
    }

    private static String text(GPoint point) {
        return point == null ? "unplaced" : point.getX() + "," + point.getY();
    }
}
