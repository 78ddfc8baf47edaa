package org.twinstudio.diagram.server;

import org.eclipse.glsp.server.internal.actions.DefaultActionDispatcher;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** GLSP's dispatcher, which also hands the twin document back to its owner when the client session ends. */
public class TwinActionDispatcher extends DefaultActionDispatcher {

    @Inject
    private Provider<TwinModelState> modelState;

    @Override
    public void doDispose() {
        super.doDispose();
        modelState.get().releaseDocument();
    }
}
