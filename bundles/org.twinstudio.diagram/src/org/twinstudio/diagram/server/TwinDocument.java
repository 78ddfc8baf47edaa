package org.twinstudio.diagram.server;

import java.io.IOException;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.domain.EditingDomain;

/**
 * An open twin: its resource (the {@code TwinModel} first, the notation {@code Diagram} next to it) and the
 * editing domain whose command stack every change goes through. In the IDE this is the editor's document, so the
 * diagram, the tree editor and the Properties view share one undo history; headless it is the one
 * {@link FileTwinModelAccess} loads.
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
