package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GGraph;
import org.eclipse.glsp.graph.GLabel;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.GPort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.notation.NotationFactory;
import org.twinstudio.model.resource.TwinModels;

/** The GLSP graph of examples/heating-line, checked against the file read by hand. */
class HeatingLineGraphTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin");

    /** Every port of the example: id → type, data type, unit (defaults: direction in, data type real). */
    static final Map<String, List<String>> PORTS = Map.ofEntries(
            Map.entry("inletValve.open", List.of("port:in", "boolean", "")),
            Map.entry("inletValve.position", List.of("port:out", "real", "%")),
            Map.entry("inletValve.flow", List.of("port:out", "real", "m3/s")),
            Map.entry("tank.heatInput", List.of("port:in", "real", "W")),
            Map.entry("tank.inflow", List.of("port:in", "real", "m3/s")),
            Map.entry("tank.inflowTemperature", List.of("port:in", "real", "degC")),
            Map.entry("tank.outflow", List.of("port:in", "real", "m3/s")),
            Map.entry("tank.temperature", List.of("port:out", "real", "degC")),
            Map.entry("tank.level", List.of("port:out", "real", "m")),
            Map.entry("heater.command", List.of("port:in", "real", "%")),
            Map.entry("heater.power", List.of("port:out", "real", "W")),
            Map.entry("sensorT.input", List.of("port:in", "real", "degC")),
            Map.entry("sensorT.value", List.of("port:out", "real", "degC")),
            Map.entry("sensorL.input", List.of("port:in", "real", "m")),
            Map.entry("sensorL.value", List.of("port:out", "real", "m")),
            Map.entry("controller.setpoint", List.of("port:in", "real", "degC")),
            Map.entry("controller.measurement", List.of("port:in", "real", "degC")),
            Map.entry("controller.enable", List.of("port:in", "boolean", "")),
            Map.entry("controller.output", List.of("port:out", "real", "%")));

    static TwinModel model;

    @BeforeAll
    static void load() {
        TwinModels.Loaded loaded = TwinModels.load(HEATING_LINE);
        assertFalse(loaded.hasErrors(), () -> loaded.diagnostics().toString());
        model = loaded.model();
    }

    @Test
    void oneNodePerComponentWithANameLabelAndItsTypeAsArgument() {
        GGraph graph = new TwinGModelFactory().createGraph(model);
        Map<String, String> nodeTypes = new TreeMap<>();
        for (GNode node : children(graph, GNode.class)) {
            assertEquals(DiagramTypes.COMPONENT, node.getType());
            List<GLabel> labels = children(node, GLabel.class);
            assertEquals(node.getId(), labelText(labels, DiagramTypes.LABEL_NAME));
            assertEquals(1, labels.size(), "the type is drawn from the node's arguments, not a label of its own");
            nodeTypes.put(node.getId(), (String) node.getArgs().get(DiagramTypes.ARG_COMPONENT_TYPE));
        }
        assertEquals(new TreeMap<>(Map.of("inletValve", "valve", "tank", "tank", "heater", "heater",
                "sensorT", "temperatureSensor", "sensorL", "levelSensor", "controller", "pid")), nodeTypes);
    }

    @Test
    void portsCarryDirectionDataTypeAndUnit() {
        GGraph graph = new TwinGModelFactory().createGraph(model);
        Map<String, List<String>> ports = new TreeMap<>();
        for (GNode node : children(graph, GNode.class)) {
            for (GPort port : children(node, GPort.class)) {
                assertTrue(port.getId().startsWith(node.getId() + "."), port.getId());
                ports.put(port.getId(), List.of(port.getType(), (String) port.getArgs().get(DiagramTypes.ARG_DATA_TYPE),
                        (String) port.getArgs().get(DiagramTypes.ARG_UNIT)));
                // Inputs sit left of the node box, outputs at its right edge.
                double x = port.getPosition().getX();
                assertTrue(port.getType().equals(DiagramTypes.PORT_IN) ? x < 0 : x >= node.getSize().getWidth(), port.getId());
                // ... centred in a slot of their own below the header
                double centre = port.getPosition().getY() + port.getSize().getHeight() / 2 - DiagramTypes.NODE_HEADER;
                assertEquals(DiagramTypes.PORT_PITCH / 2, centre % DiagramTypes.PORT_PITCH, 1e-9, port.getId());
            }
        }
        assertEquals(new TreeMap<>(PORTS), ports);
    }

    @Test
    void edgesRunFromSourcePortToTargetPort() {
        GGraph graph = new TwinGModelFactory().createGraph(model);
        Set<String> portIds = graph.getChildren().stream().flatMap(n -> n.getChildren().stream())
                .filter(GPort.class::isInstance).map(GModelElement::getId).collect(Collectors.toSet());
        Set<String> edges = new TreeSet<>();
        for (GEdge edge : children(graph, GEdge.class)) {
            assertEquals(DiagramTypes.CONNECTION, edge.getType());
            assertTrue(portIds.contains(edge.getSourceId()), edge.getSourceId());
            assertTrue(portIds.contains(edge.getTargetId()), edge.getTargetId());
            assertEquals("port:out", PORTS.get(edge.getSourceId()).get(0), edge.getId());
            assertEquals("port:in", PORTS.get(edge.getTargetId()).get(0), edge.getId());
            edges.add(edge.getSourceId() + " -> " + edge.getTargetId());
        }
        assertEquals(new TreeSet<>(List.of("inletValve.flow -> tank.inflow", "heater.power -> tank.heatInput",
                "tank.temperature -> sensorT.input", "tank.level -> sensorL.input",
                "sensorT.value -> controller.measurement", "controller.output -> heater.command")), edges);
        assertEquals(6 + 6, graph.getChildren().size(), "6 nodes and 6 edges, nothing else");
    }

    @Test
    void notationGivesPositionsAndSizes() {
        TwinModel copy = TwinModels.load(HEATING_LINE).model();
        Component tank = copy.getComponents().stream().filter(c -> "tank".equals(c.getName())).findFirst().orElseThrow();
        Diagram diagram = NotationFactory.eINSTANCE.createDiagram();
        diagram.setSemanticElement(copy);
        NodeLayout layout = NotationFactory.eINSTANCE.createNodeLayout();
        layout.setSemanticElement(tank);
        layout.setX(310);
        layout.setY(-25);
        layout.setWidth(200);
        layout.setHeight(150);
        diagram.getNodes().add(layout);
        copy.eResource().getContents().add(diagram);

        GGraph graph = new TwinGModelFactory().createGraph(copy);
        GNode tankNode = (GNode) find(graph, "tank");
        assertEquals(310, tankNode.getPosition().getX());
        assertEquals(-25, tankNode.getPosition().getY());
        assertEquals(200, tankNode.getSize().getWidth());
        assertEquals(150, tankNode.getSize().getHeight());
        // The outputs follow the wider box's east border; the inputs stay west of it.
        for (GPort port : children(tankNode, GPort.class)) {
            assertEquals(port.getType().equals(DiagramTypes.PORT_OUT) ? 200 : -DiagramTypes.PORT_SIZE,
                    port.getPosition().getX(), port.getId());
        }
        // Without a layout: no position (the client or the auto-layout places it), size from the 4 inputs.
        GNode heater = (GNode) find(graph, "heater");
        assertNull(heater.getPosition());
        GNode controller = (GNode) find(graph, "controller");
        assertEquals(DiagramTypes.NODE_HEADER + 3 * DiagramTypes.PORT_PITCH, controller.getSize().getHeight());
        GNode plainTank = (GNode) find(new TwinGModelFactory().createGraph(model), "tank");
        assertEquals(DiagramTypes.NODE_HEADER + 4 * DiagramTypes.PORT_PITCH, plainTank.getSize().getHeight());
    }

    static GModelElement find(GGraph graph, String id) {
        GModelElement element = graph.getChildren().stream().filter(c -> id.equals(c.getId())).findFirst().orElse(null);
        assertNotNull(element, id);
        return element;
    }

    static String labelText(List<GLabel> labels, String type) {
        return labels.stream().filter(l -> type.equals(l.getType())).map(GLabel::getText).findFirst().orElse(null);
    }

    static <T> List<T> children(GModelElement parent, Class<T> type) {
        return parent.getChildren().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
