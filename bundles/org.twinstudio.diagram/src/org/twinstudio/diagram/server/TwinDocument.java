package org.twinstudio.diagram.server;

import java.io.IOException;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.domain.EditingDomain;

/**
 * An open twin: its resource (the {@code TwinModel} first, the notation {@code Diagram} next to it) and the
 * editing domain whose command stack every change goes through. In the IDE this is the editor's document, so the
 * diagram, the tree editor and the Properties view share one undo history; headless it is the one
 * {@link FileTwinModelAccess} loads.
 *
 * <p>Threads: the diagram server reads the model and executes, undoes and redoes commands on its session's
 * dispatcher thread. A host whose other views must only be touched on one thread (the IDE's UI thread) supplies an
 * editing domain whose command stack runs those calls on that thread. Changes other views make to the stack reach
 * the diagram through a command stack listener and may come from any thread.
 */
public interface TwinDocument {

    /** The resource holding the model and its notation. */
    Resource resource();

    /** The domain whose command stack executes, undoes and redoes every change of the diagram. */
    EditingDomain editingDomain();

    /** Writes the document where it came from and marks the command stack's save point. */
    void save() throws IOException;

    /** Whether the command stack has changes since the last save. */
    boolean isDirty();

    /** Tells the owner that the diagram no longer uses the document (the last user may unload it). */
    void release();
}
