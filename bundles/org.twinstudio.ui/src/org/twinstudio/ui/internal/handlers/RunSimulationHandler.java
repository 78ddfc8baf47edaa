package org.twinstudio.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.part.FileEditorInput;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.preferences.TwinPreferences;
import org.twinstudio.ui.internal.results.SimulationResultsView;
import org.twinstudio.ui.internal.run.SimulationJob;
import org.twinstudio.ui.internal.run.SimulationRun;

/**
 * Run Simulation: runs the model of the active twin model editor, or the {@code .twin} file selected in the Project
 * Explorer, as a background job and shows it live in the Simulation Results view. Unsaved changes of the model are
 * saved first (after asking, unless the preference says to save without asking). One run at a time: starting a run
 * cancels the one still going.
 */
public class RunSimulationHandler extends AbstractHandler {

    public static final String SAVE_TITLE = "Save and Run";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IFile file = modelFile(event);
        if (file == null) {
            return null;
        }
        if (!saveIfDirty(window, file, SAVE_TITLE, "run the simulation")) {
            return null;
        }
        return run(window, file);
    }

    /** The model file a command works on: the active editor's, else the first selected, else any twin editor's. */
    static IFile modelFile(ExecutionEvent event) {
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (part instanceof IEditorPart editor && ValidateModelHandler.editedModelFile(editor) != null) {
            return ValidateModelHandler.editedModelFile(editor);
        }
        List<IFile> files = ValidateModelHandler.selectedModelFiles(HandlerUtil.getCurrentSelection(event));
        if (!files.isEmpty()) {
            return files.get(0);
        }
        // any editor on a twin: the model editor, the diagram
        return ValidateModelHandler.editedModelFile(HandlerUtil.getActiveEditor(event));
    }

    /** Starts a run of {@code file} and shows it in the results view; returns the job (scheduled). */
    public static SimulationJob run(IWorkbenchWindow window, IFile file) {
        Job.getJobManager().cancel(SimulationJob.FAMILY);
        SimulationRun run = new SimulationRun(file);
        IWorkbenchPage page = window.getActivePage();
        if (page != null) {
            try {
                SimulationResultsView view = (SimulationResultsView) page.showView(SimulationResultsView.ID, null,
                        IWorkbenchPage.VIEW_VISIBLE);
                view.show(run);
            } catch (PartInitException e) {
                TwinstudioUi.log("Could not open the Simulation Results view", e);
            }
        }
        SimulationJob job = new SimulationJob(run);
        job.schedule();
        return job;
    }

    /**
     * Saves an open, modified editor of the file (asking first unless the preference says always); false if the user
     * chose not to go on. {@code action} completes "Save them and ...?".
     */
    static boolean saveIfDirty(IWorkbenchWindow window, IFile file, String title, String action) {
        IWorkbenchPage page = window.getActivePage();
        if (page == null) {
            return true;
        }
        for (IEditorReference reference : page.findEditors(new FileEditorInput(file), null, IWorkbenchPage.MATCH_INPUT)) {
            IEditorPart editor = reference.getEditor(false);
            if (editor == null || !editor.isDirty()) {
                continue;
            }
            IPreferenceStore store = TwinPreferences.store();
            if (!TwinPreferences.ALWAYS.equals(store.getString(TwinPreferences.SAVE_BEFORE_RUN))) {
                Shell shell = window.getShell();
                MessageDialogWithToggle dialog = MessageDialogWithToggle.open(MessageDialogWithToggle.QUESTION, shell,
                        title, file.getName() + " has unsaved changes. Save them and " + action + "?",
                        "Always save without asking", false, null, null, 0);
                if (dialog.getReturnCode() != IDialogConstants.YES_ID) {
                    return false;
                }
                if (dialog.getToggleState()) {
                    store.setValue(TwinPreferences.SAVE_BEFORE_RUN, TwinPreferences.ALWAYS);
                }
            }
            if (!page.saveEditor(editor, false)) {
                return false;
            }
        }
        return true;
    }
}
