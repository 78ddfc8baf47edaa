package org.twinstudio.ui.diagram.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.part.FileEditorInput;
import org.twinstudio.ui.diagram.TwinDiagramUi;

/**
 * Open Diagram: shows the twin of the active editor (the model editor) or of the selected {@code .twin} file in the
 * Twin Diagram Editor, on the same shared document.
 */
public class OpenDiagramHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IFile file = null;
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        IEditorPart editor = HandlerUtil.getActiveEditor(event);
        if (HandlerUtil.getActivePart(event) == editor && editor != null) {
            IEditorInput input = editor.getEditorInput();
            file = input instanceof IFileEditorInput fileInput ? fileInput.getFile() : null;
        }
        if (file == null && selection instanceof IStructuredSelection structured) {
            file = Adapters.adapt(structured.getFirstElement(), IFile.class);
        }
        if (file == null) {
            return null;
        }
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        try {
            // By id and input: the file may already be open in the model editor.
            page.openEditor(new FileEditorInput(file), TwinDiagramUi.EDITOR_ID, true,
                    IWorkbenchPage.MATCH_ID | IWorkbenchPage.MATCH_INPUT);
        } catch (PartInitException e) {
            throw new ExecutionException("Could not open the diagram of " + file.getFullPath(), e);
        }
        return null;
    }
}
