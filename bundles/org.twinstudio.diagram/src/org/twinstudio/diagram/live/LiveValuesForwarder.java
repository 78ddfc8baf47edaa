package org.twinstudio.diagram.live;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.ClientActionForwarder;

/**
 * GLSP forwards to a client only the action kinds it announced; live values go to every twin diagram client, so
 * one that does not show them (an older page, a script) ignores the kind instead of the server failing to route it.
 */
public class LiveValuesForwarder extends ClientActionForwarder {

    @Override
    protected boolean shouldForwardToClient(Action action) {
        return action instanceof LiveValuesAction && !action.isReceivedFromClient() || super.shouldForwardToClient(action);
    }
}
