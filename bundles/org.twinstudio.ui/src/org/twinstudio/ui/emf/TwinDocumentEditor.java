package org.twinstudio.ui.emf;

import org.eclipse.core.resources.IFile;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.ISaveablesSource;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.Saveable;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.EditorPart;
import org.twinstudio.ui.TwinstudioUi;

/**
 * An editor of a twin file that works on the file's shared document ({@link TwinDocuments}): every editor on the
 * file (the model editor, the diagram) has one model, one undo history, one dirty state and one save.
 */
public abstract class TwinDocumentEditor extends EditorPart implements ISaveablesSource {

    /** The file's shared document, from {@link #initDocument} on. */
    protected TwinDocuments.Document document;

    /** Edit > Undo and Redo on the document's one history, whichever editor made the change. */
    protected final Action undoAction = new Action("&Undo") {
        @Override
        public void run() {
            document.commandStack().undo();
        }
    };
    protected final Action redoAction = new Action("&Redo") {
        @Override
        public void run() {
            document.commandStack().redo();
        }
    };

    /** Takes the input and acquires the file's shared document; {@code editorName} names the editor in errors. */
    protected void initDocument(IEditorSite site, IEditorInput input, String editorName) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput)) {
            throw new PartInitException("The " + editorName + " opens files of the workspace only");
        }
        setSite(site);
        setInputWithNotify(input);
        setPartName(input.getName());
        setTitleToolTip(fileInput.getFile().getFullPath().toString());
        document = TwinDocuments.getDefault().acquire(fileInput.getFile());
        ISharedImages shared = PlatformUI.getWorkbench().getSharedImages();
        undoAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_UNDO));
        redoAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_REDO));
        undoAction.setActionDefinitionId(ActionFactory.UNDO.getCommandId());
        redoAction.setActionDefinitionId(ActionFactory.REDO.getCommandId());
    }

    public IAction getUndoAction() {
        return undoAction;
    }

    public IAction getRedoAction() {
        return redoAction;
    }

    /** Enables Undo and Redo as the history allows and names the commands they would undo and redo. */
    protected void updateUndoRedo() {
        CommandStack stack = document.commandStack();
        undoAction.setEnabled(stack.canUndo());
        redoAction.setEnabled(stack.canRedo());
        undoAction.setText("&Undo" + label(stack.getUndoCommand()));
        redoAction.setText("&Redo" + label(stack.getRedoCommand()));
    }

    private static String label(Command command) {
        return command == null || command.getLabel() == null ? "" : " " + command.getLabel();
    }

    public IFile getFile() {
        return ((IFileEditorInput) getEditorInput()).getFile();
    }

    /** The shared document of the file. */
    public TwinDocuments.Document getDocument() {
        return document;
    }

    /** Saves the shared document: every editor on the file becomes clean. */
    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            document.save(monitor);
        } catch (CoreException e) {
            TwinstudioUi.log("Could not save " + getFile().getFullPath(), e);
            MessageDialog.openError(getSite().getShell(), "Save Twin Model", e.getMessage());
            if (monitor != null) {
                monitor.setCanceled(true);
            }
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    /** The file's shared document: one saveable for every editor on the file. */
    @Override
    public Saveable[] getSaveables() {
        return document == null ? new Saveable[0] : new Saveable[] { document.saveable() };
    }

    @Override
    public Saveable[] getActiveSaveables() {
        return getSaveables();
    }

    @Override
    public boolean isDirty() {
        return document != null && document.isDirty();
    }
}
