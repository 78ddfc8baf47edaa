package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GGraph;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.util.GraphUtil;
import org.eclipse.glsp.graph.GraphPackage;
import org.eclipse.glsp.graph.gson.GraphGsonConfigurator;
import org.eclipse.glsp.server.utils.GModelUtil;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.SyntheticTwins;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.diagram.server.GModelJson;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The graph as the GLSP client receives it (JSON written with GLSP's Gson setup), and the server's OSGi wiring. */
class GraphWireFormatTest {

    static final Map<String, EClass> TYPES = Map.of(
            DiagramTypes.GRAPH, GraphPackage.Literals.GGRAPH,
            DiagramTypes.COMPONENT, GraphPackage.Literals.GNODE,
            DiagramTypes.PORT_IN, GraphPackage.Literals.GPORT,
            DiagramTypes.PORT_OUT, GraphPackage.Literals.GPORT,
            DiagramTypes.CONNECTION, GraphPackage.Literals.GEDGE,
            DiagramTypes.LABEL_NAME, GraphPackage.Literals.GLABEL);

    @Test
    void graphSurvivesTheJsonRoundTrip() {
        TwinModel model = TwinModels.load(HeatingLineGraphTest.HEATING_LINE).model();
        GGraph graph = new TwinGModelFactory().createGraph(model);
        Gson gson = new GraphGsonConfigurator().withDefaultTypes().withTypes(TYPES)
                .configureGsonBuilder(new com.google.gson.GsonBuilder()).create();

        JsonObject json = JsonParser.parseString(gson.toJson(graph)).getAsJsonObject();

        assertEquals("graph", json.get("type").getAsString());
        JsonArray children = json.getAsJsonArray("children");
        assertEquals(graph.getChildren().size(), children.size());
        JsonObject controller = byId(children, "controller");
        assertEquals("node:component", controller.get("type").getAsString());
        assertEquals("pid", controller.getAsJsonObject("args").get(DiagramTypes.ARG_COMPONENT_TYPE).getAsString());
        assertEquals(DiagramTypes.NODE_HEADER + 3 * DiagramTypes.PORT_PITCH,
                controller.getAsJsonObject("size").get("height").getAsDouble());
        JsonObject enable = byId(controller.getAsJsonArray("children"), "controller.enable");
        assertEquals("port:in", enable.get("type").getAsString());
        assertEquals("boolean", enable.getAsJsonObject("args").get(DiagramTypes.ARG_DATA_TYPE).getAsString());
        JsonObject edge = byId(children, "controller.output->heater.command");
        assertEquals("controller.output", edge.get("sourceId").getAsString());
        assertEquals("heater.command", edge.get("targetId").getAsString());
    }

    /** The fast GModel writer gives the same JSON as GLSP's reflective one. */
    @Test
    void fastWriterWritesWhatGlspsSetupWrites() {
        Gson glsp = new GraphGsonConfigurator().withDefaultTypes().withTypes(TYPES)
                .configureGsonBuilder(new com.google.gson.GsonBuilder()).create();
        Gson fast = GModelJson.register(new GraphGsonConfigurator().withDefaultTypes().withTypes(TYPES)
                .configureGsonBuilder(new com.google.gson.GsonBuilder())).create();

        TwinModel model = TwinModels.load(HeatingLineGraphTest.HEATING_LINE).model();
        GGraph graph = new TwinGModelFactory().createGraph(model);
        graph.setRevision(7);
        GNode heater = (GNode) graph.getChildren().stream().filter(c -> c.getId().equals("heater")).findFirst().orElseThrow();
        heater.setPosition(GraphUtil.point(12.5, -3));
        heater.getCssClasses().add("selected-by-test");
        GEdge edge = (GEdge) graph.getChildren().stream().filter(GEdge.class::isInstance).findFirst().orElseThrow();
        edge.getRoutingPoints().add(GraphUtil.point(1, 2));
        edge.getRoutingPoints().add(GraphUtil.point(3, 4.25));
        assertEquals(JsonParser.parseString(glsp.toJson(graph)), JsonParser.parseString(fast.toJson(graph)));

        GGraph large = new TwinGModelFactory().createGraph(SyntheticTwins.generate(200, 300, new java.util.Random(3)));
        String written = fast.toJson(large);
        assertEquals(JsonParser.parseString(glsp.toJson(large)), JsonParser.parseString(written));

    }

    static JsonObject byId(JsonArray elements, String id) {
        for (JsonElement element : elements) {
            if (id.equals(element.getAsJsonObject().get("id").getAsString())) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no element " + id + " in " + elements);
    }

    /** The wrapped GLSP server jar resolves in OSGi with its real imports (Guice, lsp4j, log4j-api, commons-cli). */
    @Test
    void glspServerBundleResolves() {
        Bundle server = FrameworkUtil.getBundle(GModelUtil.class);
        assertNotNull(server);
        assertEquals("org.eclipse.glsp.server", server.getSymbolicName());
        assertTrue((server.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0, "state " + server.getState());
    }
}
