package org.twinstudio.diagram.server;

import java.util.List;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.features.core.model.ModelSubmissionHandler;
import org.eclipse.glsp.server.features.validation.MarkersReason;
import org.eclipse.glsp.server.features.validation.ModelValidator;
import org.eclipse.glsp.server.features.validation.SetMarkersAction;

import com.google.inject.Singleton;

/**
 * GLSP's model submission, with live validation done right after each model update on the session's dispatcher
 * thread (GLSP's default runs it later on a timer thread, which would read the twin while a command changes it).
 */
@Singleton
public class TwinModelSubmissionHandler extends ModelSubmissionHandler {

    @Override
    protected List<Action> validateModel(ModelValidator validator) {
        return List.of(new SetMarkersAction(validator.validate(List.of(modelState.getRoot()), MarkersReason.LIVE),
                MarkersReason.LIVE));
    }
}
