package org.twinstudio.diagram.server;

import java.io.IOException;

/**
 * Where the diagram server gets the twin it edits. The IDE supplies the document of its open editor, so that one
 * command stack (one undo history) serves the tree editor, the Properties view and the diagram; headless use (the
 * web host, tests) gets {@link FileTwinModelAccess}.
 */
public interface TwinModelAccess {

    /**
     * The document for a client's {@code sourceUri} (a {@code .twin} file path or {@code file:} URI).
     *
     * @throws IOException when there is no such twin or it cannot be read; the message says which file and why
     */
    TwinDocument open(String sourceUri) throws IOException;
}
