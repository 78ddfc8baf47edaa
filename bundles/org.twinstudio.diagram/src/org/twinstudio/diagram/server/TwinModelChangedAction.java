package org.twinstudio.diagram.server;

import java.util.List;

import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.SetDirtyStateAction;
import org.eclipse.glsp.server.features.core.model.ModelSubmissionHandler;

import com.google.inject.Inject;

/**
 * Server-internal: the document's command stack changed outside the diagram (another view executed, undid or
 * redid a command), so the client gets the model as it is now.
 */
public class TwinModelChangedAction extends Action {

    public static final String KIND = "twinModelChanged";

    public TwinModelChangedAction() {
        super(KIND);
    }

    /** Sends the rebuilt model (and dirty state) to the client. */
    public static class Handler extends AbstractActionHandler<TwinModelChangedAction> {

        @Inject
        private ModelSubmissionHandler submissionHandler;
        @Inject
        private TwinModelState modelState;

        @Override
        protected List<Action> executeAction(TwinModelChangedAction action) {
            if (!modelState.hasDocument() || modelState.getRoot() == null) {
                return none();
            }
            return submissionHandler.submitModel(SetDirtyStateAction.Reason.EXTERNAL);
        }
    }
}
