package org.twinstudio.diagram.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.glsp.graph.GraphPackage;
import org.eclipse.glsp.server.diagram.BaseDiagramConfiguration;
import org.eclipse.glsp.server.layout.ServerLayoutKind;
import org.eclipse.glsp.server.types.EdgeTypeHint;
import org.eclipse.glsp.server.types.ShapeTypeHint;
import org.twinstudio.diagram.DiagramTypes;

/**
 * What the client may do with which element: components move, resize and delete; connections run from an output
 * port to an input port, can be rerouted and deleted, and are checked by the server while they are dragged
 * (dynamic hint, see {@link TwinEdgeCreationChecker}). Positions are the user's (manual layout); the client
 * places the labels.
 */
public class TwinDiagramConfiguration extends BaseDiagramConfiguration {

    @Override
    public Map<String, EClass> getTypeMappings() {
        Map<String, EClass> mappings = new HashMap<>(super.getTypeMappings());
        mappings.put(DiagramTypes.GRAPH, GraphPackage.Literals.GGRAPH);
        mappings.put(DiagramTypes.COMPONENT, GraphPackage.Literals.GNODE);
        mappings.put(DiagramTypes.PORT_IN, GraphPackage.Literals.GPORT);
        mappings.put(DiagramTypes.PORT_OUT, GraphPackage.Literals.GPORT);
        mappings.put(DiagramTypes.CONNECTION, GraphPackage.Literals.GEDGE);
        mappings.put(DiagramTypes.LABEL_NAME, GraphPackage.Literals.GLABEL);
        return mappings;
    }

    @Override
    public List<ShapeTypeHint> getShapeTypeHints() {
        return List.of(new ShapeTypeHint(DiagramTypes.COMPONENT, true, true, true, false),
                new ShapeTypeHint(DiagramTypes.PORT_IN, false, false, false, false),
                new ShapeTypeHint(DiagramTypes.PORT_OUT, false, false, false, false));
    }

    @Override
    public List<EdgeTypeHint> getEdgeTypeHints() {
        EdgeTypeHint connection = new EdgeTypeHint(DiagramTypes.CONNECTION, false, true, true,
                List.of(DiagramTypes.PORT_OUT), List.of(DiagramTypes.PORT_IN));
        // Set apart: GLSP 2.3's constructor taking "dynamic" does not store it.
        connection.setDynamic(true);
        return List.of(connection);
    }

    /**
     * The server's sizes stand and the client places the labels itself, so no bounds round trip: a model update is
     * sent once, not measured by the client and sent again.
     */
    @Override
    public boolean needsClientLayout() {
        return false;
    }

    @Override
    public ServerLayoutKind getLayoutKind() {
        return ServerLayoutKind.MANUAL;
    }
}
