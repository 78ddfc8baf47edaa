package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.glsp.server.actions.Action;

/**
 * Server to client: new places for some elements of the diagram the client shows — a node's position and size, an
 * edge's routing points — after a change that moved things and changed nothing else (move, resize, reroute,
 * auto-layout, and their undo and redo). Far smaller than the whole graph; the client patches its model in place
 * and keeps its markers. Sent only to clients that declare this kind; others get GLSP's model update.
 */
public class TwinUpdateLayoutAction extends Action {

    public static final String KIND = "twinUpdateLayout";

    /** The revision of the server's graph after the change. */
    private int revision;
    private final List<NodeBounds> nodes = new ArrayList<>();
    private final List<EdgeRoute> edges = new ArrayList<>();

    public TwinUpdateLayoutAction() {
        super(KIND);
    }

    public TwinUpdateLayoutAction(int revision) {
        this();
        this.revision = revision;
    }

    public int getRevision() {
        return revision;
    }

    public List<NodeBounds> getNodes() {
        return nodes;
    }

    public List<EdgeRoute> getEdges() {
        return edges;
    }

    /** A point of the wire format: {@code {"x":…,"y":…}}. */
    public record XY(double x, double y) {
    }

    /** A node's place: no position when the node is unplaced. */
    public record NodeBounds(String id, XY position, double width, double height) {
    }

    /** An edge's routing points (empty: the client routes it itself). */
    public record EdgeRoute(String id, List<XY> routingPoints) {
    }
}
