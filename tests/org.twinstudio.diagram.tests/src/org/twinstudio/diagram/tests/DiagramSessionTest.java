package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GModelRoot;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.GPort;
import org.eclipse.glsp.server.actions.SetDirtyStateAction;
import org.eclipse.glsp.server.features.core.model.SetModelAction;
import org.eclipse.glsp.server.features.core.model.RequestModelAction;
import org.eclipse.glsp.server.actions.MessageAction;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.twinstudio.diagram.server.TwinDocument;
import org.twinstudio.diagram.server.TwinModelAccess;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.server.FileTwinModelAccess;

/** A client session of the GLSP server on examples/heating-line: what the client gets when it asks for the model. */
class DiagramSessionTest {

    @TempDir
    Path dir;

    @Test
    void requestModelAnswersWithTheTwinsNodesPortsAndEdges() throws Exception {
        try (GlspSession glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess())) {
            SetModelAction set = glsp.requestModel(glsp.file.toUri().toString());
            GModelRoot root = set.getNewRoot();

            assertEquals(DiagramTypes.GRAPH, root.getType());
            Map<String, String> nodes = new TreeMap<>();
            Set<String> ports = new TreeSet<>();
            Set<String> edges = new TreeSet<>();
            for (GModelElement child : root.getChildren()) {
                if (child instanceof GNode node) {
                    nodes.put(node.getId(), (String) node.getArgs().get(DiagramTypes.ARG_COMPONENT_TYPE));
                    node.getChildren().stream().filter(GPort.class::isInstance).forEach(p -> ports.add(p.getId()));
                } else if (child instanceof GEdge edge) {
                    edges.add(edge.getSourceId() + "->" + edge.getTargetId());
                }
            }
            // Read from heating-line.twin by hand.
            assertEquals(Map.of("inletValve", "valve", "tank", "tank", "heater", "heater", "sensorT",
                    "temperatureSensor", "sensorL", "levelSensor", "controller", "pid"), nodes);
            assertEquals(HeatingLineGraphTest.PORTS.keySet(), ports);
            assertEquals(Set.of("inletValve.flow->tank.inflow", "heater.power->tank.heatInput",
                    "tank.temperature->sensorT.input", "tank.level->sensorL.input",
                    "sensorT.value->controller.measurement", "controller.output->heater.command"), edges);
            SetDirtyStateAction dirty = glsp.last(SetDirtyStateAction.class);
            assertFalse(dirty.isDirty());
        }
    }

    @Test
    void endingTheSessionReleasesTheDocument() throws Exception {
        AtomicInteger released = new AtomicInteger();
        FileTwinModelAccess files = new FileTwinModelAccess();
        // The file access, telling when the diagram lets go of its document.
        TwinModelAccess access = uri -> {
            TwinDocument document = files.open(uri);
            return new TwinDocument() {
                public Resource resource() { return document.resource(); }
                public EditingDomain editingDomain() { return document.editingDomain(); }
                public void save() throws IOException { document.save(); }
                public boolean isDirty() { return document.isDirty(); }
                public void release() { released.incrementAndGet(); document.release(); }
            };
        };
        GlspSession glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, access);
        glsp.requestModel(glsp.file.toString());
        Resource resource = glsp.state().getDocument().resource();
        assertEquals(0, released.get());
        glsp.close();
        assertEquals(1, released.get());
        assertFalse(resource.isLoaded());
    }

    @Test
    void aMissingFileIsReportedToTheClient() throws Exception {
        try (GlspSession glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess())) {
            Path missing = dir.resolve("nowhere.twin");
            glsp.send(new RequestModelAction(Map.of("sourceUri", missing.toUri().toString(), "diagramType", "twin")));
            MessageAction error = glsp.await(MessageAction.class);
            assertEquals("ERROR", error.getSeverity());
            String details = error.getDetails().orElse("");
            assertTrue(details.contains("cannot open twin " + missing + ": ") && details.contains("no such file"), details);
        }
    }

    @Test
    void aPlainPathWorksAsSourceUriToo() throws Exception {
        try (GlspSession glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess())) {
            SetModelAction set = glsp.requestModel(glsp.file.toString());
            assertTrue(set.getNewRoot().getChildren().stream().anyMatch(c -> c.getId().equals("controller")));
            assertEquals(6, set.getNewRoot().getChildren().stream().filter(GNode.class::isInstance)
                    .collect(Collectors.counting()));
        }
    }
}
