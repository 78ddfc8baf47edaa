package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.features.contextactions.SetContextActions;
import org.eclipse.glsp.server.features.core.model.SetModelAction;
import org.eclipse.glsp.server.features.typehints.CheckEdgeResultAction;
import org.eclipse.glsp.server.features.typehints.SetTypeHintsAction;
import org.eclipse.glsp.server.gson.ServerGsonConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.model.TwinModel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The server's actions as JSON, through the Gson setup its WebSocket endpoint uses: what a GLSP 2.3 client sends
 * is read into the right operations, and what the server answers carries what the client needs.
 */
class WireProtocolTest {

    @TempDir
    Path dir;
    GlspSession glsp;
    Gson gson;

    @BeforeEach
    void open() throws Exception {
        glsp = GlspSession.open(HeatingLineGraphTest.HEATING_LINE, dir, new FileTwinModelAccess());
        gson = glsp.injector.getInstance(ServerGsonConfigurator.class).configureGsonBuilder(new GsonBuilder()).create();
    }

    @AfterEach
    void close() throws Exception {
        glsp.close();
    }

    /** Sends {@code json} as the client's action. */
    void sendJson(String json) {
        glsp.send(gson.fromJson(json, Action.class));
    }

    JsonObject toJson(Action action) {
        return JsonParser.parseString(gson.toJson(action, Action.class)).getAsJsonObject();
    }

    @Test
    void clientJsonDrivesTheModelRequestAndAPaletteCreation() throws Exception {
        sendJson("{\"kind\":\"requestModel\",\"requestId\":\"client_1\",\"options\":{\"sourceUri\":\""
                + glsp.file.toUri() + "\",\"diagramType\":\"twin\"}}");
        SetModelAction set = glsp.await(SetModelAction.class);
        assertEquals("client_1", set.getResponseId());
        JsonObject root = toJson(set).getAsJsonObject("newRoot");
        assertEquals("graph", root.get("type").getAsString());

        glsp.received.clear();
        sendJson("{\"kind\":\"createNode\",\"isOperation\":true,\"elementTypeId\":\"node:component\","
                + "\"location\":{\"x\":5,\"y\":6},\"args\":{\"componentType\":\"tank\"}}");
        glsp.await(org.eclipse.glsp.server.features.core.model.UpdateModelAction.class);
        TwinModel model = glsp.state().getTwinModel();
        assertTrue(model.getComponents().stream().anyMatch(c -> c.getName().equals("tank1") && c.getType().equals("tank")));
    }

    @Test
    void paletteAndTypeHintsReachTheClientAsJson() throws Exception {
        glsp.requestModel(glsp.file.toString());
        glsp.received.clear();
        sendJson("{\"kind\":\"requestContextActions\",\"requestId\":\"p1\",\"contextId\":\"tool-palette\","
                + "\"editorContext\":{\"selectedElementIds\":[]}}");
        JsonArray groups = toJson(glsp.await(SetContextActions.class)).getAsJsonArray("actions");
        String text = groups.toString();
        assertTrue(text.contains("\"label\":\"Co-simulation\""), text);
        JsonObject fmu = find(groups, "type:fmu");
        JsonObject trigger = fmu.getAsJsonArray("actions").get(0).getAsJsonObject();
        assertEquals("triggerNodeCreation", trigger.get("kind").getAsString());
        assertEquals("node:component", trigger.get("elementTypeId").getAsString());
        assertEquals("fmu", trigger.getAsJsonObject("args").get("componentType").getAsString());

        glsp.received.clear();
        sendJson("{\"kind\":\"requestTypeHints\",\"requestId\":\"h1\"}");
        JsonObject hints = toJson(glsp.await(SetTypeHintsAction.class));
        JsonObject edge = hints.getAsJsonArray("edgeHints").get(0).getAsJsonObject();
        assertEquals("edge:connection", edge.get("elementTypeId").getAsString());
        assertTrue(edge.get("dynamic").getAsBoolean(), "the client asks the server while a connection is dragged");
        assertEquals(List.of("port:out"), List.of(edge.getAsJsonArray("sourceElementTypeIds").get(0).getAsString()));
    }

    @Test
    void edgeCheckFromClientJson() throws Exception {
        glsp.requestModel(glsp.file.toString());
        glsp.received.clear();
        sendJson("{\"kind\":\"requestCheckEdge\",\"requestId\":\"e1\",\"edgeType\":\"edge:connection\","
                + "\"sourceElementId\":\"tank.level\",\"targetElementId\":\"tank.inflowTemperature\"}");
        CheckEdgeResultAction result = glsp.await(CheckEdgeResultAction.class);
        assertFalse(result.isValid());
        assertEquals("e1", result.getResponseId());
    }

    static JsonObject find(JsonArray items, String id) {
        for (JsonElement element : items) {
            JsonObject item = element.getAsJsonObject();
            if (item.has("id") && item.get("id").getAsString().equals(id)) {
                return item;
            }
            if (item.has("children")) {
                JsonObject found = find(item.getAsJsonArray("children"), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
