package org.twinstudio.diagram.server;

import org.eclipse.glsp.server.features.core.model.GModelFactory;

import com.google.inject.Inject;

/** GLSP's model factory: rebuilds the session's GModel from the open twin with {@link org.twinstudio.diagram.TwinGModelFactory}. */
public class TwinGModelFactoryAdapter implements GModelFactory {

    @Inject
    private TwinModelState modelState;

    @Override
    public void createGModel() {
        modelState.rebuildGraph();
    }
}
