package org.twinstudio.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.live.ConnectionsView;
import org.twinstudio.ui.internal.live.LiveSession;
import org.twinstudio.ui.internal.live.LiveSessions;
import org.twinstudio.ui.internal.live.ServeDialog;
import org.twinstudio.ui.internal.live.ServeSettings;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/**
 * Start Serve...: runs the model of the active editor or selected {@code .twin} file against the wall clock and
 * exposes it through the protocol servers chosen in {@link ServeDialog} (remembered in the preferences). Unsaved
 * changes are saved first, as for Run Simulation. The session runs as a job and shows in the Connections view.
 */
public class StartServeHandler extends AbstractHandler {

    public static final String LIVE_TITLE = "Live Session";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IFile file = RunSimulationHandler.modelFile(event);
        if (file == null || !checkNotLive(window, file)) {
            return null;
        }
        if (!RunSimulationHandler.saveIfDirty(window, file, "Save and Serve", "serve the twin")) {
            return null;
        }
        ServeDialog dialog = new ServeDialog(window.getShell(), file.getName(),
                ServeSettings.load(TwinPreferences.store()));
        if (dialog.open() != Window.OK) {
            return null;
        }
        dialog.settings().save(TwinPreferences.store());
        return serve(window, file, dialog.settings());
    }

    /**
     * Starts serving {@code file} with these settings (no dialog, no saving) and shows the Connections view.
     *
     * @throws IllegalStateException if the file is live already
     */
    public static LiveSession serve(IWorkbenchWindow window, IFile file, ServeSettings settings) {
        LiveSession session = LiveSessions.getDefault().start(file, SessionOptions.Mode.SERVE, settings.servers(),
                settings.host(), settings.realtimeFactor());
        showConnections(window);
        return session;
    }

    /** Tells the user (and returns false) when the file already has a live session. */
    static boolean checkNotLive(IWorkbenchWindow window, IFile file) {
        LiveSession live = LiveSessions.getDefault().live(file);
        if (live == null) {
            return true;
        }
        MessageDialog.openInformation(window.getShell(), LIVE_TITLE, file.getName() + " is already live ("
                + live.mode() + "). Stop that session first (Run > Stop Live Session).");
        return false;
    }

    public static void showConnections(IWorkbenchWindow window) {
        IWorkbenchPage page = window == null ? null : window.getActivePage();
        if (page == null) {
            return;
        }
        try {
            page.showView(ConnectionsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            TwinstudioUi.log("Could not open the Connections view", e);
        }
    }
}
