package org.twinstudio.ui.internal.app;

import java.io.File;
import java.io.IOException;
import java.net.URL;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/** The Twinstudio IDE application: opens the workspace and runs the workbench. */
public class TwinstudioApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        isolateFmusByDefault();
        Display display = PlatformUI.createDisplay();
        try {
            if (!acquireWorkspace(display)) {
                return EXIT_OK;
            }
            String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
            int code = PlatformUI.createAndRunWorkbench(display, new TwinWorkbenchAdvisor(OpenOnStartup.pathsIn(args)));
            return code == PlatformUI.RETURN_RESTART ? EXIT_RESTART : EXIT_OK;
        } finally {
            display.dispose();
            Location instance = Platform.getInstanceLocation();
            if (instance != null && instance.isLocked()) {
                instance.release();
            }
        }
    }

    /**
     * Makes sure a workspace is set (default: {@code ~/twinstudio-workspace} when started without {@code -data}) and
     * locked, so two Twinstudio instances never share one workspace.
     */
    private static boolean acquireWorkspace(Display display) throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance == null) {
            return true;
        }
        if (!instance.isSet()) {
            File folder = new File(System.getProperty("user.home"), "twinstudio-workspace");
            URL url = folder.toURI().toURL();
            if (!instance.set(url, true)) {
                MessageDialog.openError(null, "Twinstudio", "The workspace " + folder + " is in use by another program.");
                return false;
            }
            return true;
        }
        if (instance.isLocked() || instance.lock()) {
            return true;
        }
        MessageDialog.openError(null, "Twinstudio",
                "The workspace " + instance.getURL().getFile() + " is in use by another Twinstudio.");
        return false;
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }

    /**
     * Co-simulation FMUs whose component does not choose its isolation run in a host process of their own in the
     * workbench, so that a crashing FMU ends a simulation, not the IDE with its unsaved work; one round trip of a few
     * microseconds per step is the price. Model exchange (about ten calls per solver step) stays in the IDE's JVM.
     * The property is org.twinstudio.fmi.Fmu's DEFAULT_ISOLATION_PROPERTY: -Dtwinstudio.fmi.isolation=none or
     * =process overrides this.
     */
    static void isolateFmusByDefault() {
        if (System.getProperty(FMU_ISOLATION_PROPERTY) == null) {
            System.setProperty(FMU_ISOLATION_PROPERTY, "co-simulation");
        }
    }

    static final String FMU_ISOLATION_PROPERTY = "twinstudio.fmi.isolation";
}
