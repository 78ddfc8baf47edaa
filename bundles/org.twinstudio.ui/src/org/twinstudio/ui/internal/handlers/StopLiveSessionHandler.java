package org.twinstudio.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.handlers.HandlerUtil;
import org.twinstudio.ui.internal.live.ConnectionsView;
import org.twinstudio.ui.internal.live.LiveSession;
import org.twinstudio.ui.internal.live.LiveSessions;

/**
 * Stop Live Session: stops the live session of the active editor's or selected {@code .twin} file, or, in the
 * Connections view, of the selected row. The session's job closes its servers and connectors, then the twin.
 */
public class StopLiveSessionHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (HandlerUtil.getActivePart(event) instanceof ConnectionsView view) {
            LiveSession selected = view.selectedSession();
            if (selected != null) {
                selected.stop();
            }
            return null;
        }
        IFile file = RunSimulationHandler.modelFile(event);
        if (file != null) {
            stop(file);
        }
        return null;
    }

    /** Stops the file's live session; returns it, or null when the file is not live. */
    public static LiveSession stop(IFile file) {
        LiveSession live = LiveSessions.getDefault().live(file);
        if (live != null) {
            live.stop();
        }
        return live;
    }
}
