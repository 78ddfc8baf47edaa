package org.twinstudio.diagram.server;

import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.server.model.DefaultGModelState;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.model.TwinModel;

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

    /** Takes over {@code newDocument}: its command stack becomes the one GLSP executes commands on. */
    public void setDocument(TwinDocument newDocument, CommandStackListener onExternalChange) {
        releaseDocument();
        document = newDocument;
        externalChangeListener = event -> {
            if (ownChanges == 0) {
                onExternalChange.commandStackChanged(event);
            }
        };
        setCommandStack(newDocument.editingDomain().getCommandStack());
        commandStack.addCommandStackListener(externalChangeListener);
    }

    /** Lets go of the document (on session end); its command stack is left to its owner. */
    public void releaseDocument() {
        if (document != null) {
            commandStack.removeCommandStackListener(externalChangeListener);
            document.release();
            document = null;
        }
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
    public void rebuildGraph() {
        updateRoot(graphFactory.createGraph(getTwinModel()));
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
