package org.twinstudio.testlang.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.ILaunchShortcut2;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.twinstudio.testlang.ui.internal.results.Logs;

/**
 * Run As &gt; Twinstudio Test: on a {@code .twintest} file in the Project Explorer the whole suite; in an editor of
 * such a file the test under the cursor when the editor is a text editor and the cursor is inside a test, else the
 * whole suite.
 */
public final class TestLaunchShortcut implements ILaunchShortcut2 {

    @Override
    public void launch(ISelection selection, String mode) {
        IFile file = suiteFile(selection);
        if (file != null) {
            run(file, null);
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IFile file = suiteFile(editor);
        if (file != null) {
            run(file, testUnderCursor(editor));
        }
    }

    /** The test at the cursor of a text editor, or null (not a text editor, or outside every test). */
    static String testUnderCursor(IEditorPart editor) {
        ITextEditor text = Adapters.adapt(editor, ITextEditor.class);
        if (text == null || !(text.getSelectionProvider().getSelection() instanceof ITextSelection selection)) {
            return null;
        }
        IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
        return document == null ? null : TestLaunches.testAt(document, selection.getOffset());
    }

    private static void run(IFile file, String test) {
        try {
            TestLaunches.run(file, test);
        } catch (CoreException e) {
            Logs.error("Could not run " + file.getFullPath(), e);
            MessageDialog.openError(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                    "Cannot Run Tests", e.getStatus().getMessage());
        }
    }

    static IFile suiteFile(ISelection selection) {
        if (selection instanceof IStructuredSelection structured && structured.size() == 1) {
            return suiteFile(Adapters.adapt(structured.getFirstElement(), IResource.class));
        }
        return null;
    }

    static IFile suiteFile(IEditorPart editor) {
        IEditorInput input = editor == null ? null : editor.getEditorInput();
        return input == null ? null : suiteFile(Adapters.adapt(input, IResource.class));
    }

    private static IFile suiteFile(IResource resource) {
        return resource instanceof IFile file && TestLaunches.FILE_EXTENSION.equals(file.getFileExtension()) ? file
                : null;
    }

    @Override
    public ILaunchConfiguration[] getLaunchConfigurations(ISelection selection) {
        return null; // the shortcut finds or creates its configuration itself
    }

    @Override
    public ILaunchConfiguration[] getLaunchConfigurations(IEditorPart editor) {
        return null;
    }

    @Override
    public IResource getLaunchableResource(ISelection selection) {
        return suiteFile(selection);
    }

    @Override
    public IResource getLaunchableResource(IEditorPart editor) {
        return suiteFile(editor);
    }
}
