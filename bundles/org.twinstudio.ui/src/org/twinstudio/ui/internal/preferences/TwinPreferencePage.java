package org.twinstudio.ui.internal.preferences;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Window &gt; Preferences &gt; Twinstudio: validation, defaults for new models, running simulations. */
public class TwinPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public TwinPreferencePage() {
        super(GRID);
        setDescription("Settings of the twin model editor and of new twin models.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(TwinPreferences.store());
    }

    @Override
    protected void createFieldEditors() {
        addField(new BooleanFieldEditor(TwinPreferences.VALIDATE_ON_SAVE, "&Validate models when they are saved",
                getFieldEditorParent()));
        addField(new BooleanFieldEditor(TwinPreferences.VALIDATE_ON_OPEN, "Validate models when they are &opened",
                getFieldEditorParent()));
        addField(new PositiveNumberFieldEditor(TwinPreferences.DEFAULT_STEP_SIZE,
                "Default simulation &step size (s):"));
        addField(new PositiveNumberFieldEditor(TwinPreferences.DEFAULT_STOP_TIME,
                "Default simulation s&top time (s):"));
        addField(new RadioGroupFieldEditor(TwinPreferences.SAVE_BEFORE_RUN, "Unsaved model changes when running:", 1,
                new String[][] { { "&Ask before saving", TwinPreferences.PROMPT },
                        { "Save &without asking", TwinPreferences.ALWAYS } },
                getFieldEditorParent(), true));
        addField(new BooleanFieldEditor(TwinPreferences.WRITE_RESULT_CSV,
                "Write the result of each run to results/<model>.&csv next to the model", getFieldEditorParent()));
        IntegerFieldEditor priority = new IntegerFieldEditor(TwinPreferences.HIL_REALTIME_PRIORITY,
                "HIL loop: real-time &priority of the cycle thread (0 none, 1-99 SCHED_FIFO, Linux):",
                getFieldEditorParent(), 2);
        priority.setValidRange(0, 99);
        addField(priority);
    }

    /** A text field that accepts positive decimal numbers only. */
    private final class PositiveNumberFieldEditor extends StringFieldEditor {
        PositiveNumberFieldEditor(String key, String label) {
            super(key, label, 12, getFieldEditorParent());
            setEmptyStringAllowed(false);
            setErrorMessage(label.replace("&", "").replace(":", "") + " must be a number greater than 0");
        }

        @Override
        protected boolean doCheckState() {
            try {
                double value = Double.parseDouble(getStringValue().trim());
                return value > 0 && Double.isFinite(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
