package org.twinstudio.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.jface.preference.IPreferenceStore;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.live.ServeSettings;

/** Preference keys and defaults of the Twinstudio workbench. */
public class TwinPreferences extends AbstractPreferenceInitializer {

    /** Validate a twin model when it is saved and report problems as markers. */
    public static final String VALIDATE_ON_SAVE = "validateOnSave";
    /** Validate a twin model when it is opened in the editor. */
    public static final String VALIDATE_ON_OPEN = "validateOnOpen";
    /** Simulation step size (seconds) of new twin models. */
    public static final String DEFAULT_STEP_SIZE = "defaultStepSize";
    /** Simulation stop time (seconds) of new twin models. */
    public static final String DEFAULT_STOP_TIME = "defaultStopTime";
    /** What Run Simulation does with unsaved changes of the model: {@link #ALWAYS} save them or {@link #PROMPT}. */
    public static final String SAVE_BEFORE_RUN = "saveBeforeRun";
    public static final String ALWAYS = "always";
    public static final String PROMPT = "prompt";
    /** Write each finished run as CSV to {@code results/<model>.csv} next to the model. */
    public static final String WRITE_RESULT_CSV = "writeResultCsv";
    /** The HIL loop's cycle thread under SCHED_FIFO at this priority (1–99); 0 schedules it like any thread. */
    public static final String HIL_REALTIME_PRIORITY = "live.hil.realtimePriority";

    @Override
    public void initializeDefaultPreferences() {
        IPreferenceStore store = store();
        store.setDefault(VALIDATE_ON_SAVE, true);
        store.setDefault(VALIDATE_ON_OPEN, true);
        store.setDefault(DEFAULT_STEP_SIZE, 0.1);
        store.setDefault(DEFAULT_STOP_TIME, 600.0);
        store.setDefault(SAVE_BEFORE_RUN, PROMPT);
        store.setDefault(WRITE_RESULT_CSV, false);
        store.setDefault(HIL_REALTIME_PRIORITY, 0);
        ServeSettings.initializeDefaults(store);
    }

    public static IPreferenceStore store() {
        return TwinstudioUi.getDefault().getPreferenceStore();
    }
}
