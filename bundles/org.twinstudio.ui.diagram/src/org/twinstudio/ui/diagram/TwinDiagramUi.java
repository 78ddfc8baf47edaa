package org.twinstudio.ui.diagram;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.twinstudio.ui.diagram.internal.DiagramServerHost;

/** The graphical twin editor's bundle: its ids, and the diagram web server, closed when the bundle stops. */
public class TwinDiagramUi implements BundleActivator {

    public static final String PLUGIN_ID = "org.twinstudio.ui.diagram";
    /** The Twin Diagram Editor. */
    public static final String EDITOR_ID = PLUGIN_ID + ".editor";
    /** The Open Diagram command (model editor, Project Explorer). */
    public static final String OPEN_DIAGRAM_COMMAND_ID = PLUGIN_ID + ".commands.openDiagram";

    @Override
    public void start(BundleContext context) {
        // The web server starts with the first diagram editor.
    }

    @Override
    public void stop(BundleContext context) {
        DiagramServerHost.getDefault().close();
    }

    public static void log(String message, Throwable error) {
        ILog.of(TwinDiagramUi.class).log(new Status(IStatus.ERROR, PLUGIN_ID, message, error));
    }
}
