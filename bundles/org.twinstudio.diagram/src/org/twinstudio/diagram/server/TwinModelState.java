package org.twinstudio.diagram.server;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GModelRoot;
import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.GBoundsAware;
import org.eclipse.glsp.graph.GPort;
import org.eclipse.glsp.server.model.DefaultGModelState;
import org.twinstudio.diagram.LayoutOnlyChange;
import org.twinstudio.diagram.Notation;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.diagram.TwinRecordingCommand;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.EdgeLayout;
import org.twinstudio.model.notation.NodeLayout;

import com.google.inject.Singleton;

/**
 * The state of one diagram session: the open {@link TwinDocument}, the GModel built from it and the map from graph
 * ids back to model elements. GLSP's execute/undo/redo act on the document's command stack, so the diagram shares
 * one undo history with every other view of the document; dirty means the stack is past its save point.
 */
@Singleton
public class TwinModelState extends DefaultGModelState {

    private TwinDocument document;
    private final TwinGModelFactory graphFactory = new TwinGModelFactory();
    private CommandStackListener externalChangeListener;
    /** Set while the diagram itself changes the stack, so its own changes are not reported as external ones. */
    private volatile int ownChanges;
    /** Elements whose layout changed since the GModel was built, while nothing else changed. */
    private final Set<EObject> movedSinceGraph = new LinkedHashSet<>();
    /** Something other than layout changed since the GModel was built: only a rebuild shows it. */
    private boolean rebuildNeeded = true;
    /** Whether the client was last sent any validation markers (it keeps them until it gets new ones). */
    private volatile boolean markersShown;

    /** Takes over {@code newDocument}: its command stack becomes the one GLSP executes commands on. */
    public void setDocument(TwinDocument newDocument, CommandStackListener onExternalChange) {
        releaseDocument();
        document = newDocument;
        forgetChanges();
        externalChangeListener = event -> {
            noteChange(commandStack.getMostRecentCommand());
            if (ownChanges == 0) {
                onExternalChange.commandStackChanged(event);
            }
        };
        setCommandStack(newDocument.editingDomain().getCommandStack());
        commandStack.addCommandStackListener(externalChangeListener);
    }

    /** Whether the client shows validation markers: the last markers sent were not none. */
    public boolean markersShown() {
        return markersShown;
    }

    public void setMarkersShown(boolean shown) {
        markersShown = shown;
    }

    /** Lets go of the document (on session end); its command stack is left to its owner. */
    public void releaseDocument() {
        if (document != null) {
            commandStack.removeCommandStackListener(externalChangeListener);
            document.release();
            document = null;
        }
        forgetChanges();
    }

    private synchronized void forgetChanges() {
        movedSinceGraph.clear();
        rebuildNeeded = true;
    }

    public TwinDocument getDocument() {
        if (document == null) {
            throw new IllegalStateException("no twin is open in this diagram session");
        }
        return document;
    }

    public boolean hasDocument() {
        return document != null;
    }

    /** The twin's model: the first root of the document's resource. */
    public TwinModel getTwinModel() {
        return (TwinModel) getDocument().resource().getContents().get(0);
    }

    /** Rebuilds the GModel from the twin. */
    public synchronized void rebuildGraph() {
        updateRoot(graphFactory.createGraph(getTwinModel()));
        movedSinceGraph.clear();
        rebuildNeeded = false;
    }

    /** Notes what the command just executed, undone or redone on the document's stack changed. */
    private synchronized void noteChange(Command command) {
        if (rebuildNeeded) {
            return;
        }
        Optional<Set<EObject>> moved = command instanceof TwinRecordingCommand recorded
                ? LayoutOnlyChange.movedElements(recorded.changes())
                : Optional.empty();
        if (moved.isPresent()) {
            movedSinceGraph.addAll(moved.get());
        } else {
            rebuildNeeded = true;
        }
    }

    /**
     * When only layouts changed since the GModel was built: puts the new places of the moved elements on the GModel
     * (as a rebuild would), raises its revision and returns them as one action. Empty when the GModel has to be
     * rebuilt instead (the twin itself changed, nothing changed, or a moved element is not in the graph).
     */
    public synchronized Optional<TwinUpdateLayoutAction> updateLayoutInPlace() {
        GModelRoot root = getRoot();
        if (rebuildNeeded || movedSinceGraph.isEmpty() || root == null || document == null) {
            return Optional.empty();
        }
        Map<EObject, NodeLayout> nodeLayouts = new HashMap<>();
        Map<EObject, EdgeLayout> edgeLayouts = new HashMap<>();
        Diagram diagram = Notation.diagram(getTwinModel());
        if (diagram != null) {
            diagram.getNodes().forEach(layout -> nodeLayouts.putIfAbsent(layout.getSemanticElement(), layout));
            diagram.getEdges().forEach(layout -> edgeLayouts.putIfAbsent(layout.getSemanticElement(), layout));
        }
        TwinUpdateLayoutAction update = new TwinUpdateLayoutAction(root.getRevision() + 1);
        for (EObject element : movedSinceGraph) {
            String id = graphFactory.idOf(element);
            GModelElement shown = id == null ? null : getIndex().get(id).orElse(null);
            if (element instanceof Component component && shown instanceof GNode node) {
                double widthBefore = node.getSize() == null ? Double.NaN : node.getSize().getWidth();
                graphFactory.applyLayout(node, component, nodeLayouts.get(component));
                update.getNodes().add(bounds(id, node));
                if (node.getSize().getWidth() != widthBefore) {
                    // a resize moved the outputs to the new east border
                    node.getChildren().stream().filter(GPort.class::isInstance)
                            .forEach(port -> update.getNodes().add(bounds(port.getId(), (GPort) port)));
                }
            } else if (element instanceof Connection && shown instanceof GEdge edge) {
                graphFactory.applyLayout(edge, edgeLayouts.get(element));
                update.getEdges().add(new TwinUpdateLayoutAction.EdgeRoute(id, edge.getRoutingPoints().stream()
                        .map(p -> new TwinUpdateLayoutAction.XY(p.getX(), p.getY())).toList()));
            } else {
                rebuildNeeded = true;
                return Optional.empty();
            }
        }
        root.setRevision(update.getRevision());
        movedSinceGraph.clear();
        return Optional.of(update);
    }

    private static TwinUpdateLayoutAction.NodeBounds bounds(String id, GBoundsAware shape) {
        return new TwinUpdateLayoutAction.NodeBounds(id,
                shape.getPosition() == null ? null
                        : new TwinUpdateLayoutAction.XY(shape.getPosition().getX(), shape.getPosition().getY()),
                shape.getSize().getWidth(), shape.getSize().getHeight());
    }

    /** The model element a graph element id of the current GModel stands for, or {@code null}. */
    public EObject elementOf(String graphId) {
        return graphFactory.elementOf(graphId);
    }

    /** The graph id of a model element in the current GModel, or {@code null}. */
    public String idOf(EObject element) {
        return graphFactory.idOf(element);
    }

    @Override
    protected void setCommandStack(CommandStack newStack) {
        // The document's stack belongs to its owner: replacing it must not flush the shared undo history.
        this.commandStack = newStack;
    }

    @Override
    public void execute(org.eclipse.emf.common.command.Command command) {
        ownChanges++;
        try {
            super.execute(command);
        } finally {
            ownChanges--;
        }
    }

    @Override
    public void undo() {
        ownChanges++;
        try {
            super.undo();
        } finally {
            ownChanges--;
        }
    }

    @Override
    public void redo() {
        ownChanges++;
        try {
            super.redo();
        } finally {
            ownChanges--;
        }
    }

    @Override
    public boolean isDirty() {
        return document != null && document.isDirty();
    }

    @Override
    public void saveIsDone() {
        // TwinDocument.save marks the save point of the shared stack.
    }
}
