package org.twinstudio.diagram.live;

import java.util.List;
import java.util.Optional;

import org.eclipse.glsp.server.actions.AbstractActionHandler;
import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.di.ClientId;
import org.eclipse.glsp.server.features.core.model.RequestModelAction;
import org.eclipse.glsp.server.session.ClientSession;
import org.eclipse.glsp.server.session.ClientSessionListener;
import org.eclipse.glsp.server.session.ClientSessionManager;
import org.eclipse.glsp.server.utils.ClientOptionsUtil;

import com.google.inject.Inject;

/**
 * Subscribes a diagram session to the {@link LiveValues} of the twin it opens (the {@code sourceUri} of its model
 * request; a later request for another twin moves the subscription) and ends the subscription with the session.
 * Runs next to GLSP's own model request handler and answers nothing itself.
 */
public class LiveValuesSubscriber extends AbstractActionHandler<RequestModelAction> implements ClientSessionListener {

    @Inject
    private LiveValues hub;
    @Inject
    private ActionDispatcher dispatcher;
    @Inject
    private ClientSessionManager sessions;
    @Inject
    @ClientId
    private String clientId;

    private LiveValues.Subscription subscription;
    private boolean listening;

    @Override
    protected synchronized List<Action> executeAction(RequestModelAction action) {
        Optional<String> sourceUri = ClientOptionsUtil.getSourceUri(action.getOptions());
        if (sourceUri.isEmpty() || sourceUri.get().isBlank()) {
            return none();
        }
        if (subscription != null) {
            if (subscription.documentKey().equals(LiveValues.documentKey(sourceUri.get())) && subscription.isActive()) {
                return none();
            }
            subscription.close();
        }
        subscription = hub.subscribe(sourceUri.get(), dispatcher);
        if (!listening) {
            listening = sessions.addListener(this, clientId);
        }
        return none();
    }

    @Override
    public synchronized void sessionDisposed(ClientSession session) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        sessions.removeListener(this);
    }
}
