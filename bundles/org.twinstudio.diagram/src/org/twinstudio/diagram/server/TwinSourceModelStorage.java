package org.twinstudio.diagram.server;

import java.io.IOException;

import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.actions.SaveModelAction;
import org.eclipse.glsp.server.features.core.model.RequestModelAction;
import org.eclipse.glsp.server.features.core.model.SourceModelStorage;
import org.eclipse.glsp.server.types.GLSPServerException;
import org.eclipse.glsp.server.utils.ClientOptionsUtil;

import com.google.inject.Inject;

/**
 * Opens the twin a client asks for (its {@code sourceUri}) through the {@link TwinModelAccess} and saves it through
 * the document. Changes made to the document's command stack outside the diagram (the IDE's undo, the Properties
 * view) make the session push an updated model to the client.
 */
public class TwinSourceModelStorage implements SourceModelStorage {

    @Inject
    private TwinModelAccess access;
    @Inject
    private TwinModelState modelState;
    @Inject
    private ActionDispatcher actionDispatcher;

    @Override
    public void loadSourceModel(RequestModelAction action) {
        String sourceUri = ClientOptionsUtil.getSourceUri(action.getOptions())
                .orElseThrow(() -> new GLSPServerException("the diagram request names no twin file (sourceUri option missing)"));
        TwinDocument document;
        try {
            document = access.open(sourceUri);
        } catch (IOException e) {
            throw new GLSPServerException(e.getMessage(), e);
        }
        if (document.resource().getContents().isEmpty()
                || !(document.resource().getContents().get(0) instanceof org.twinstudio.model.TwinModel)) {
            document.release();
            throw new GLSPServerException(sourceUri + " holds no twin model");
        }
        modelState.setDocument(document, event -> actionDispatcher.dispatch(new TwinModelChangedAction()));
    }

    @Override
    public void saveSourceModel(SaveModelAction action) {
        if (action.getFileUri().isPresent()) {
            // "Save as" belongs to the host (it decides where files go and re-opens the document there).
            throw new GLSPServerException("saving the diagram to another file is not supported: " + action.getFileUri().get());
        }
        try {
            modelState.getDocument().save();
        } catch (IOException e) {
            throw new GLSPServerException(e.getMessage(), e);
        }
    }
}
