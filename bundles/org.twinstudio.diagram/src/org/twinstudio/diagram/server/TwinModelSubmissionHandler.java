package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.SetDirtyStateAction;
import org.eclipse.glsp.server.di.ClientSessionModule;
import org.eclipse.glsp.server.features.core.model.ModelSubmissionHandler;
import org.eclipse.glsp.server.features.validation.ModelValidator;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.name.Named;

/**
 * GLSP's model submission, with live validation right after each model update on the session's dispatcher thread
 * (GLSP's default runs it later on a timer thread, which would read the twin while a command changes it), queued
 * behind the update so the client gets the model first.
 *
 * <p>When only layouts changed since the last update (move, resize, reroute, auto-layout, their undo and redo) and
 * the client handles {@link TwinUpdateLayoutAction}, the client gets the new places of the moved elements instead
 * of the whole graph, and no validation: the twin, and so its markers, did not change.
 */
@Singleton
public class TwinModelSubmissionHandler extends ModelSubmissionHandler {

    @Inject
    @Named(ClientSessionModule.CLIENT_ACTIONS)
    private Set<String> clientActionKinds;
    @Inject
    private TwinModelState twin;

    @Override
    public List<Action> submitModel(String reason) {
        if (requestModelAction.isEmpty() && clientActionKinds.contains(TwinUpdateLayoutAction.KIND)) {
            synchronized (modelLock) {
                Optional<TwinUpdateLayoutAction> update = twin.updateLayoutInPlace();
                if (update.isPresent()) {
                    return List.of(new SetDirtyStateAction(twin.isDirty(), reason), update.get());
                }
            }
        }
        return super.submitModel(reason);
    }

    /** GLSP's update, with the dirty state first: a client that has the new model also knows whether it is saved. */
    @Override
    public List<Action> submitModelDirectly(String reason) {
        List<Action> actions = new ArrayList<>(super.submitModelDirectly(reason));
        List<Action> dirtyStates = actions.stream().filter(SetDirtyStateAction.class::isInstance).toList();
        actions.removeAll(dirtyStates);
        actions.addAll(0, dirtyStates);
        return actions;
    }

    /** Queues the validation behind the model ({@link TwinValidateAction}): the client draws while it runs. */
    @Override
    protected List<Action> validateModel(ModelValidator validator) {
        return List.of(new TwinValidateAction());
    }
}
