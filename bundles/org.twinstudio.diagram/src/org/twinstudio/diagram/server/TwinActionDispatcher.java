package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.internal.actions.DefaultActionDispatcher;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * GLSP's dispatcher, which also hands the twin document back to its owner when the client session ends. A layout
 * update counts as a model update: what waits for the next update (e.g. a selection) goes out after it.
 */
public class TwinActionDispatcher extends DefaultActionDispatcher {

    @Inject
    private Provider<TwinModelState> modelState;

    @Override
    protected List<CompletableFuture<Void>> runAction(Action action) {
        List<CompletableFuture<Void>> results = super.runAction(action);
        if (action instanceof TwinUpdateLayoutAction) {
            results = new ArrayList<>(results);
            results.add(dispatchPostUpdateQueue());
        }
        return results;
    }

    @Override
    public void doDispose() {
        super.doDispose();
        modelState.get().releaseDocument();
    }
}
