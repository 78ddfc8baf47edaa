package org.twinstudio.diagram;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GGraph;
import org.eclipse.glsp.graph.GLabel;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.GPort;
import org.eclipse.glsp.graph.GraphFactory;
import org.eclipse.glsp.graph.util.GraphUtil;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.EdgeLayout;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.notation.Point;

/**
 * Builds the GLSP graph of a twin: components become nodes, their ports become ports on the node, connections
 * become edges from the source port to the target port.
 *
 * <p>Ids are stable across rebuilds so the client keeps its selection: a node is the component's name, a port
 * {@code component.port}, an edge {@code source->target} (the same text as the {@code .twin} file). Elements whose
 * name is missing or taken get a positional id instead. Connections whose ports are unresolved are left out (the
 * model validator reports them).
 */
public final class TwinGModelFactory {

    private static final GraphFactory G = GraphFactory.eINSTANCE;

    private final Map<EObject, String> ids = new IdentityHashMap<>();
    private final Map<String, EObject> elements = new HashMap<>();
    private final Set<String> usedIds = new HashSet<>();

    /** The graph of {@code model}, with positions and sizes from its notation where it has them. */
    public GGraph createGraph(TwinModel model) {
        ids.clear();
        elements.clear();
        usedIds.clear();
        Map<EObject, NodeLayout> layouts = new HashMap<>();
        Map<EObject, EdgeLayout> edgeLayouts = new HashMap<>();
        collectLayouts(model, layouts, edgeLayouts);
        GGraph graph = G.createGGraph();
        graph.setId(id(model, model.getName(), "twin"));
        graph.setType(DiagramTypes.GRAPH);
        Map<Port, GPort> ports = new IdentityHashMap<>();
        int index = 0;
        for (Component component : model.getComponents()) {
            graph.getChildren().add(createNode(component, index++, layouts.get(component), ports));
        }
        index = 0;
        for (Connection connection : model.getConnections()) {
            GPort source = ports.get(connection.getSource());
            GPort target = ports.get(connection.getTarget());
            if (source != null && target != null) {
                graph.getChildren().add(createEdge(connection, index, source, target, edgeLayouts.get(connection)));
            }
            index++;
        }
        return graph;
    }

    /** The id given to a model element by the last {@link #createGraph} call, or {@code null}. */
    public String idOf(EObject element) {
        return ids.get(element);
    }

    /** The model element behind a graph id of the last {@link #createGraph} call, or {@code null}. */
    public EObject elementOf(String id) {
        return elements.get(id);
    }

    private GNode createNode(Component component, int index, NodeLayout layout, Map<Port, GPort> ports) {
        GNode node = G.createGNode();
        String nodeId = id(component, component.getName(), "component" + index);
        node.setId(nodeId);
        node.setType(DiagramTypes.COMPONENT);
        node.getArgs().put(DiagramTypes.ARG_COMPONENT_TYPE, nonNull(component.getType()));
        node.getChildren().add(label(nodeId + "#name", DiagramTypes.LABEL_NAME, nonNull(component.getName())));
        int inputs = 0;
        int outputs = 0;
        int portIndex = 0;
        for (Port port : component.getPorts()) {
            boolean in = port.getDirection() == PortDirection.IN;
            GPort gport = G.createGPort();
            gport.setId(id(port, nodeId + "." + nonNull(port.getName()), nodeId + ".port" + portIndex++));
            gport.setType(in ? DiagramTypes.PORT_IN : DiagramTypes.PORT_OUT);
            gport.getArgs().put(DiagramTypes.ARG_DATA_TYPE, port.getDataType().getLiteral());
            gport.getArgs().put(DiagramTypes.ARG_UNIT, nonNull(port.getUnit()));
            gport.getArgs().put(DiagramTypes.ARG_PORT_NAME, nonNull(port.getName()));
            // Inputs outside the west border, outputs outside the east one (placed by applyLayout, which knows the
            // width), each centred in its own slot below the header.
            double slot = DiagramTypes.NODE_HEADER + (in ? inputs++ : outputs++) * DiagramTypes.PORT_PITCH
                    + (DiagramTypes.PORT_PITCH - DiagramTypes.PORT_SIZE) / 2;
            gport.setPosition(GraphUtil.point(in ? -DiagramTypes.PORT_SIZE : DiagramTypes.NODE_WIDTH, slot));
            gport.setSize(GraphUtil.dimension(DiagramTypes.PORT_SIZE, DiagramTypes.PORT_SIZE));
            node.getChildren().add(gport);
            ports.put(port, gport);
        }
        applyLayout(node, inputs, outputs, layout);
        return node;
    }

    /**
     * Puts {@code layout}'s place and size on a component's node, as a rebuild would: no layout leaves the node
     * unplaced at its default size (by port count), a layout without a size keeps the default size.
     */
    public void applyLayout(GNode node, Component component, NodeLayout layout) {
        int inputs = 0;
        int outputs = 0;
        for (Port port : component.getPorts()) {
            if (port.getDirection() == PortDirection.IN) {
                inputs++;
            } else {
                outputs++;
            }
        }
        applyLayout(node, inputs, outputs, layout);
    }

    private static void applyLayout(GNode node, int inputs, int outputs, NodeLayout layout) {
        double width = DiagramTypes.NODE_WIDTH;
        double height = DiagramTypes.nodeHeight(inputs, outputs);
        if (node.getPosition() != null) {
            node.setPosition(null);
        }
        if (layout != null) {
            node.setPosition(GraphUtil.point(layout.getX(), layout.getY()));
            if (layout.getWidth() > 0 && layout.getHeight() > 0) {
                width = layout.getWidth();
                height = layout.getHeight();
            }
        }
        node.setSize(GraphUtil.dimension(width, height));
        for (var child : node.getChildren()) {
            if (child instanceof GPort port && DiagramTypes.PORT_OUT.equals(port.getType())
                    && port.getPosition().getX() != width) {
                port.setPosition(GraphUtil.point(width, port.getPosition().getY()));
            }
        }
    }

    /** Puts {@code layout}'s bend points (none without a layout) on a connection's edge, as a rebuild would. */
    public void applyLayout(GEdge edge, EdgeLayout layout) {
        edge.getRoutingPoints().clear();
        if (layout != null) {
            for (Point bend : layout.getBendPoints()) {
                edge.getRoutingPoints().add(GraphUtil.point(bend.getX(), bend.getY()));
            }
        }
    }

    private GEdge createEdge(Connection connection, int index, GPort source, GPort target, EdgeLayout layout) {
        GEdge edge = G.createGEdge();
        edge.setId(id(connection, source.getId() + "->" + target.getId(), "connection" + index));
        edge.setType(DiagramTypes.CONNECTION);
        edge.setSourceId(source.getId());
        edge.setTargetId(target.getId());
        applyLayout(edge, layout);
        return edge;
    }

    private static GLabel label(String id, String type, String text) {
        GLabel label = G.createGLabel();
        label.setId(id);
        label.setType(type);
        label.setText(text);
        return label;
    }

    private String id(EObject element, String preferred, String fallback) {
        String id = preferred != null && !preferred.isBlank() && !preferred.startsWith(".") && usedIds.add(preferred)
                ? preferred : unique(fallback);
        ids.put(element, id);
        elements.put(id, element);
        return id;
    }

    private String unique(String base) {
        String candidate = base;
        for (int n = 2; !usedIds.add(candidate); n++) {
            candidate = base + "~" + n;
        }
        return candidate;
    }

    /** Node and edge layouts of the model's notation: a {@link Diagram} next to the model in its resource. */
    private static void collectLayouts(TwinModel model, Map<EObject, NodeLayout> layouts, Map<EObject, EdgeLayout> edgeLayouts) {
        Resource resource = model.eResource();
        if (resource == null) {
            return;
        }
        for (EObject root : resource.getContents()) {
            if (root instanceof Diagram diagram && (diagram.getSemanticElement() == null || diagram.getSemanticElement() == model)) {
                for (NodeLayout layout : diagram.getNodes()) {
                    if (layout.getSemanticElement() != null) {
                        layouts.put(layout.getSemanticElement(), layout);
                    }
                }
                for (EdgeLayout layout : diagram.getEdges()) {
                    if (layout.getSemanticElement() != null) {
                        edgeLayouts.put(layout.getSemanticElement(), layout);
                    }
                }
            }
        }
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
