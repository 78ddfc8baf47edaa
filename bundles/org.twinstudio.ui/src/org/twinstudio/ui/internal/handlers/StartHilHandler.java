package org.twinstudio.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.ui.internal.live.LiveSession;
import org.twinstudio.ui.internal.live.LiveSessions;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/**
 * Start HIL: runs the model in a hardware-in-the-loop cycle in real time: each cycle reads the model's read bindings
 * from their endpoints, steps the simulation and writes the write bindings, through the installed connectors. Saves
 * first like Run Simulation; runs as a job; shows in the Connections view.
 */
public class StartHilHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IFile file = RunSimulationHandler.modelFile(event);
        if (file == null || !StartServeHandler.checkNotLive(window, file)) {
            return null;
        }
        if (!RunSimulationHandler.saveIfDirty(window, file, "Save and Start HIL", "start the HIL loop")) {
            return null;
        }
        return hil(window, file);
    }

    /**
     * Starts a real-time HIL session of {@code file} (no saving) and shows the Connections view.
     *
     * @throws IllegalStateException if the file is live already
     */
    public static LiveSession hil(IWorkbenchWindow window, IFile file) {
        int priority = Math.max(0, Math.min(99,
                TwinPreferences.store().getInt(TwinPreferences.HIL_REALTIME_PRIORITY)));
        LiveSession session = LiveSessions.getDefault().start(file, SessionOptions.Mode.HIL, java.util.List.of(), null,
                1.0, priority);
        StartServeHandler.showConnections(window);
        return session;
    }
}
