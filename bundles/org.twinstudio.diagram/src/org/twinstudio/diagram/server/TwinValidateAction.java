package org.twinstudio.diagram.server;

import java.util.List;
import java.util.Optional;

import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.features.validation.Marker;
import org.eclipse.glsp.server.features.validation.MarkersReason;
import org.eclipse.glsp.server.features.validation.ModelValidator;
import org.eclipse.glsp.server.features.validation.SetMarkersAction;
import org.eclipse.glsp.server.model.GModelState;

import com.google.inject.Inject;

/**
 * Server-internal: validate the model now shown and send the client its markers. Queued behind a new model rather
 * than computed before it, so the client can draw the model while the server validates (for a twin of 2,000
 * components that is the time of the validator and the algebraic-loop analysis). It runs on the session's
 * dispatcher thread like every command, so it never reads the twin while a command changes it.
 */
public class TwinValidateAction extends Action {

    public static final String KIND = "twinValidate";

    public TwinValidateAction() {
        super(KIND);
    }

    /** Validates the current model. */
    public static class Handler extends AbstractActionHandler<TwinValidateAction> {

        @Inject
        private Optional<ModelValidator> validator;
        @Inject
        private GModelState modelState;

        @Override
        protected List<Action> executeAction(TwinValidateAction action) {
            if (validator.isEmpty() || modelState.getRoot() == null) {
                return none();
            }
            List<Marker> markers = validator.get().validate(List.of(modelState.getRoot()), MarkersReason.LIVE);
            // The client keeps markers across model updates until it gets new ones. No markers where it shows none
            // would only make it draw the model again (a large twin's first view waited for that).
            boolean shown = modelState instanceof TwinModelState twin && twin.markersShown();
            if (markers.isEmpty() && !shown && modelState instanceof TwinModelState) {
                return none();
            }
            if (modelState instanceof TwinModelState twin) {
                twin.setMarkersShown(!markers.isEmpty());
            }
            return List.of(new SetMarkersAction(markers, MarkersReason.LIVE));
        }
    }
}
