package org.twinstudio.testlang.ui.internal.results;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorDescriptor;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.texteditor.ITextEditor;

/** Opens a {@code .twintest} file in its editor at a line. */
public final class SuiteEditors {

    /** The text editor of the platform, used when no editor is registered for .twintest files. */
    static final String TEXT_EDITOR_ID = "org.eclipse.ui.DefaultTextEditor";

    private SuiteEditors() {
    }

    /**
     * Opens {@code file} in the editor registered for it (the platform's text editor when there is none, never an
     * external program) and, when that editor is a text editor, selects line {@code line} (1-based; ≤ 0: none).
     */
    public static IEditorPart open(IWorkbenchPage page, IFile file, int line) throws PartInitException {
        IEditorDescriptor descriptor = PlatformUI.getWorkbench().getEditorRegistry()
                .getDefaultEditor(file.getName());
        String id = descriptor != null && descriptor.isInternal() ? descriptor.getId() : TEXT_EDITOR_ID;
        IEditorPart editor = IDE.openEditor(page, new FileEditorInput(file), id, true);
        ITextEditor text = editor == null ? null : editor.getAdapter(ITextEditor.class);
        if (text != null && line > 0) {
            IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
            if (document != null && line <= document.getNumberOfLines()) {
                try {
                    int offset = document.getLineOffset(line - 1);
                    int length = document.getLineLength(line - 1);
                    String delimiter = document.getLineDelimiter(line - 1);
                    text.selectAndReveal(offset, length - (delimiter == null ? 0 : delimiter.length()));
                } catch (BadLocationException e) {
                    // the file changed since the run: the editor stays open at its place
                }
            }
        }
        return editor;
    }
}
