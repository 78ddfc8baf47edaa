package org.twinstudio.diagram;

import java.util.IdentityHashMap;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;

/**
 * Auto-layout of a twin with ELK's layered algorithm: signal flow from left to right, inputs on the west side of
 * a component and outputs on the east side (port sides fixed), orthogonal edge routing.
 *
 * <p>Node sizes are those of {@link DiagramTypes#nodeHeight}; ELK may reorder ports within their side to
 * reduce crossings. The result is
 * in absolute diagram coordinates; the model is not changed.
 */
public final class TwinLayout {

    /**
     * From this many components on, ELK's crossing minimisation makes fewer passes ({@code thoroughness} 3 instead of
     * 7): on the generated twin of 2,000 components the layout takes about half the time (~0.7 s instead of ~1.3 s on
     * a lightly loaded machine) and comes out no larger; small twins keep ELK's default.
     */
    public static final int LARGE_TWIN = 500;
    static final int LARGE_TWIN_THOROUGHNESS = 3;

    /** Spacing between nodes, and between layers, in diagram units. */
    public static final double NODE_SPACING = 30;
    public static final double LAYER_SPACING = 60;

    /** Computed place of a component: its top-left corner and size. */
    public record Bounds(double x, double y, double width, double height) {

        public boolean overlaps(Bounds other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }
    }

    /** Computed centre of a port, absolute, and the node side it sits on. */
    public record PortPlacement(double x, double y, PortSide side) {
    }

    /** Where every component and port goes. */
    public record Result(Map<Component, Bounds> components, Map<Port, PortPlacement> ports) {
    }

    static {
        // Outside Eclipse (tests, CLI) no extension registry announces the layered algorithm.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /** Lays out every component and connection of {@code model}. */
    public Result layout(TwinModel model) {
        return layout(model, model.getComponents());
    }

    /**
     * Lays out {@code components} of {@code model} and the connections among them, as if they were the whole twin
     * (places from 0,0; the caller moves the result where it belongs).
     */
    public Result layout(TwinModel model, java.util.Collection<Component> components) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
        if (components.size() >= LARGE_TWIN) {
            root.setProperty(LayeredOptions.THOROUGHNESS, LARGE_TWIN_THOROUGHNESS);
        }

        Map<Component, ElkNode> nodes = new IdentityHashMap<>();
        Map<Port, ElkPort> ports = new IdentityHashMap<>();
        for (Component component : components) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_SIDE);
            int inputs = 0;
            int outputs = 0;
            for (Port port : component.getPorts()) {
                boolean in = port.getDirection() == PortDirection.IN;
                ElkPort elkPort = ElkGraphUtil.createPort(node);
                elkPort.setDimensions(DiagramTypes.PORT_SIZE, DiagramTypes.PORT_SIZE);
                elkPort.setProperty(CoreOptions.PORT_SIDE, in ? PortSide.WEST : PortSide.EAST);
                if (in) {
                    inputs++;
                } else {
                    outputs++;
                }
                ports.put(port, elkPort);
            }
            node.setDimensions(DiagramTypes.NODE_WIDTH, DiagramTypes.nodeHeight(inputs, outputs));
            nodes.put(component, node);
        }
        for (Connection connection : model.getConnections()) {
            ElkPort source = ports.get(connection.getSource());
            ElkPort target = ports.get(connection.getTarget());
            if (source != null && target != null) {
                ElkGraphUtil.createSimpleEdge(source, target);
            }
        }

        runWithLargeStack(() -> new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor()));

        Map<Component, Bounds> placed = new IdentityHashMap<>();
        nodes.forEach((component, node) -> placed.put(component,
                new Bounds(node.getX(), node.getY(), node.getWidth(), node.getHeight())));
        Map<Port, PortPlacement> portPlacements = new IdentityHashMap<>();
        ports.forEach((port, elkPort) -> {
            ElkNode node = elkPort.getParent();
            portPlacements.put(port, new PortPlacement(node.getX() + elkPort.getX() + elkPort.getWidth() / 2,
                    node.getY() + elkPort.getY() + elkPort.getHeight() / 2, elkPort.getProperty(CoreOptions.PORT_SIDE)));
        });
        return new Result(placed, portPlacements);
    }

    /**
     * ELK's layered algorithm recurses along chains of long-edge dummies (one per layer an edge crosses): long
     * signal chains overflow a default thread stack, so the layout runs on a thread with a large one.
     */
    private static void runWithLargeStack(Runnable layout) {
        RuntimeException[] failure = new RuntimeException[1];
        Error[] error = new Error[1];
        Thread thread = new Thread(null, () -> {
            try {
                layout.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            } catch (Error e) {
                error[0] = e;
            }
        }, "twin-layout", LAYOUT_STACK_BYTES);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("layout interrupted", e);
        }
        if (error[0] != null) {
            throw error[0];
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static final long LAYOUT_STACK_BYTES = 256L * 1024 * 1024;
}
