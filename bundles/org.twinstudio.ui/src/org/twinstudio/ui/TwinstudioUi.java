package org.twinstudio.ui;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/** The Twinstudio workbench bundle: identifiers shared by the workbench contributions, logging, preferences. */
public class TwinstudioUi extends AbstractUIPlugin {

    public static final String PLUGIN_ID = "org.twinstudio.ui";
    public static final String APPLICATION_ID = PLUGIN_ID + ".application";
    public static final String PERSPECTIVE_ID = PLUGIN_ID + ".perspective";
    public static final String EDITOR_ID = PLUGIN_ID + ".editors.twinModel";
    public static final String NEW_PROJECT_WIZARD_ID = PLUGIN_ID + ".wizards.newTwinProject";
    public static final String NEW_MODEL_WIZARD_ID = PLUGIN_ID + ".wizards.newTwinModel";
    public static final String WIZARD_CATEGORY_ID = PLUGIN_ID + ".wizards.category";
    public static final String PREFERENCE_PAGE_ID = PLUGIN_ID + ".preferences.twinstudio";
    /** Problem markers from twin model validation (a subtype of the platform's problem marker). */
    public static final String PROBLEM_MARKER_ID = PLUGIN_ID + ".problem";
    /** Marker attribute holding the URI of the model element a problem is about. */
    public static final String MARKER_ELEMENT_URI = "elementUri";
    /** Marker attribute holding the stable id of the check that found a problem (e.g. {@code connection.units}). */
    public static final String MARKER_CODE = "code";
    /** The Simulation Results view. */
    public static final String RESULTS_VIEW_ID = PLUGIN_ID + ".views.simulationResults";
    /** The Connections view: live sessions, their servers, endpoints and bindings. */
    public static final String CONNECTIONS_VIEW_ID = PLUGIN_ID + ".views.connections";
    /** The Run Simulation command. */
    public static final String RUN_COMMAND_ID = PLUGIN_ID + ".commands.runSimulation";
    /** Nature of twin projects. */
    public static final String TWIN_NATURE_ID = PLUGIN_ID + ".twinNature";

    private static TwinstudioUi plugin;

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        plugin = this;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        plugin = null;
        super.stop(context);
    }

    public static TwinstudioUi getDefault() {
        return plugin;
    }

    public static void log(String message, Throwable error) {
        ILog.of(TwinstudioUi.class).log(new Status(IStatus.ERROR, PLUGIN_ID, message, error));
    }
}
