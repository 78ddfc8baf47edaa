package org.twinstudio.diagram.server;

import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.operations.CutOperation;

import com.google.inject.Inject;

/**
 * Cut: the client has already taken the selection as clipboard data; this deletes it as one command, the same way
 * {@link DeleteHandler} does.
 */
public class CutHandler extends TwinOperationHandler<CutOperation> {

    @Inject
    private DeleteHandler delete;

    @Override
    public String getLabel() {
        return "Cut";
    }

    @Override
    public Optional<Command> createCommand(CutOperation operation) {
        return operation.getEditorContext() == null ? Optional.empty()
                : delete.deleteCommand(operation.getEditorContext().getSelectedElementIds(), "Cut");
    }
}
