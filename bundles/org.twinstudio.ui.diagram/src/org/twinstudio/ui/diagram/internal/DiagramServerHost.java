package org.twinstudio.ui.diagram.internal;

import java.io.IOException;
import java.net.URI;

import org.eclipse.core.resources.IFile;
import org.twinstudio.diagram.client.DiagramClientAssets;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.web.DiagramWebServer;
import org.twinstudio.ui.diagram.TwinDiagramUi;

/**
 * The workbench's one diagram web server: started by the first diagram editor, closed when the bundle stops. Its
 * GLSP sessions open twins through {@link WorkspaceTwinModelAccess}, i.e. the workbench's shared documents, and its
 * pages come from the web client bundle ({@link DiagramClientAssets}).
 */
public final class DiagramServerHost {

    private static final DiagramServerHost DEFAULT = new DiagramServerHost();

    private DiagramWebServer server;

    public static DiagramServerHost getDefault() {
        return DEFAULT;
    }

    /** The running server, started now if needed. */
    public synchronized DiagramWebServer server() throws IOException {
        if (server == null) {
            try {
                server = DiagramWebServer.start(TwinDiagramModule.serverModule(new WorkspaceTwinModelAccess()),
                        DiagramClientAssets::find);
            } catch (Exception e) {
                throw new IOException("the diagram web server could not start: " + e.getMessage(), e);
            }
        }
        return server;
    }

    /** The editor page of {@code file} for the client {@code clientId}. */
    public URI pageUri(IFile file, String clientId) throws IOException {
        return server().pageUri(WorkspaceTwinModelAccess.sourceUri(file), clientId);
    }

    /** Whether the server runs (it starts with the first diagram). */
    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                TwinDiagramUi.log("Could not stop the diagram web server", e);
            }
            server = null;
        }
    }
}
