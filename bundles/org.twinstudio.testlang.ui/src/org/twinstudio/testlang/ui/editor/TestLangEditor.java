package org.twinstudio.testlang.ui.editor;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.TextViewer;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.source.DefaultCharacterPairMatcher;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ICharacterPairMatcher;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.texteditor.ChainedPreferenceStore;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.SourceViewerDecorationSupport;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.twinstudio.testlang.formatting.TestLangFormatting;
import org.twinstudio.testlang.ui.TestLangUi;
import org.twinstudio.testlang.ui.internal.editor.OutlineNode;
import org.twinstudio.testlang.ui.internal.editor.ReferenceHighlighter;
import org.twinstudio.testlang.ui.internal.editor.SuiteDocumentProvider;
import org.twinstudio.testlang.ui.internal.editor.TestLangOutlinePage;
import org.twinstudio.testlang.ui.internal.editor.TestLangReconcilingStrategy;
import org.twinstudio.testlang.ui.internal.editor.TestLangServices;
import org.twinstudio.testlang.ui.internal.editor.TestLangSourceViewerConfiguration;
import org.twinstudio.testlang.ui.internal.markers.SuiteMarkerUpdater;

/**
 * The editor of .twintest suites: a JFace text editor with the language's colours, content assist, validation while
 * typing, hovers, links into the model (Ctrl+click, F3), an outline, bracket matching and Toggle Comment (Ctrl+/).
 * Saving (Ctrl+S) updates the Problems view through the suite marker updater.
 */
public class TestLangEditor extends TextEditor implements TestLangReconcilingStrategy.Listener {

    public static final String ID = TestLangUi.PLUGIN_ID + ".editors.twintest";
    /** Key bindings of the editor (F3, Ctrl+/); a child of the text editor context. */
    public static final String CONTEXT_ID = TestLangUi.PLUGIN_ID + ".editorScope";
    public static final String TOGGLE_COMMENT_COMMAND = TestLangUi.PLUGIN_ID + ".toggleComment";
    /** Command id of Format (Ctrl+Shift+F): the language's canonical layout, as {@code twinstudio format}. */
    public static final String FORMAT_COMMAND = TestLangUi.PLUGIN_ID + ".format";
    public static final String OPEN_DECLARATION_COMMAND = TestLangUi.PLUGIN_ID + ".openDeclaration";

    private static final String MATCHING_BRACKETS = "org.twinstudio.testlang.ui.matchingBrackets";
    private static final String MATCHING_BRACKETS_COLOR = "org.twinstudio.testlang.ui.matchingBracketsColor";
    private static final String BRACKET_AT_CARET = "org.twinstudio.testlang.ui.highlightBracketAtCaret";
    private static final String ENCLOSING_BRACKETS = "org.twinstudio.testlang.ui.enclosingBrackets";

    private TestLangSourceViewerConfiguration configuration;
    private final ICharacterPairMatcher bracketMatcher = new DefaultCharacterPairMatcher(new char[] { '{', '}', '(', ')' });
    private ReferenceHighlighter highlighter;
    private TestLangOutlinePage outlinePage;
    private volatile TestLangReconcilingStrategy.Result lastResult;
    private volatile int reconcileCount;
    private final Consumer<IFile> modelListener = this::modelChanged;

    @Override
    protected void initializeEditor() {
        super.initializeEditor();
        IPreferenceStore store = preferenceStore();
        setPreferenceStore(store);
        setDocumentProvider(SuiteDocumentProvider.shared());
        configuration = new TestLangSourceViewerConfiguration(store, this::suiteUri, this);
        setSourceViewerConfiguration(configuration);
    }

    @Override
    protected void initializeKeyBindingScopes() {
        setKeyBindingScopes(new String[] { CONTEXT_ID });
    }

    private static IPreferenceStore preferenceStore() {
        IPreferenceStore own = TestLangUi.getDefault().getPreferenceStore();
        own.setDefault(MATCHING_BRACKETS, true);
        own.setDefault(MATCHING_BRACKETS_COLOR, "128,128,128");
        own.setDefault(BRACKET_AT_CARET, false);
        own.setDefault(ENCLOSING_BRACKETS, false);
        return new ChainedPreferenceStore(new IPreferenceStore[] { own, EditorsUI.getPreferenceStore() });
    }

    @Override
    protected void configureSourceViewerDecorationSupport(SourceViewerDecorationSupport support) {
        support.setCharacterPairMatcher(bracketMatcher);
        support.setMatchingCharacterPainterPreferenceKeys(MATCHING_BRACKETS, MATCHING_BRACKETS_COLOR, BRACKET_AT_CARET,
                ENCLOSING_BRACKETS);
        super.configureSourceViewerDecorationSupport(support);
    }

    @Override
    public void createPartControl(Composite parent) {
        super.createPartControl(parent);
        highlighter = new ReferenceHighlighter((TextViewer) getSourceViewer());
        SuiteMarkerUpdater.install().addModelListener(modelListener);
    }

    @Override
    protected void createActions() {
        super.createActions();
        Action assist = new Action("Content Assist") {
            @Override
            public void run() {
                operate(ISourceViewer.CONTENTASSIST_PROPOSALS);
            }
        };
        assist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
        setAction(ITextEditorActionConstants.CONTENT_ASSIST, assist);

        Action toggle = new Action("Toggle Comment") {
            @Override
            public void run() {
                toggleComment();
            }
        };
        toggle.setActionDefinitionId(TOGGLE_COMMENT_COMMAND);
        setAction("ToggleComment", toggle);
        markAsStateDependentAction("ToggleComment", true);

        Action open = new Action("Open Declaration") {
            @Override
            public void run() {
                openDeclaration(caretOffset());
            }
        };
        open.setActionDefinitionId(OPEN_DECLARATION_COMMAND);
        setAction("OpenDeclaration", open);

        Action format = new Action("Format") {
            @Override
            public void run() {
                format();
            }
        };
        format.setActionDefinitionId(FORMAT_COMMAND);
        setAction("Format", format);
        markAsStateDependentAction("Format", true);
    }

    @Override
    protected void editorContextMenuAboutToShow(IMenuManager menu) {
        super.editorContextMenuAboutToShow(menu);
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, "ToggleComment");
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, "OpenDeclaration");
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, "Format");
    }

    /**
     * Gives the text the language's canonical layout (the formatter {@code twinstudio format} uses) as one undoable
     * change that replaces only the lines that differ. A text with syntax errors is left as it is and the status line
     * says why. Returns whether the text is formatted now.
     */
    public boolean format() {
        if (!isEditorInputModifiable()) {
            return false;
        }
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        String text = document.get();
        String formatted;
        try {
            formatted = TestLangServices.injector().getInstance(TestLangFormatting.class)
                    .format(TestLangServices.parse(text, suiteUri()));
        } catch (IllegalArgumentException e) {
            getEditorSite().getActionBars().getStatusLineManager().setErrorMessage(e.getMessage());
            return false;
        }
        getEditorSite().getActionBars().getStatusLineManager().setErrorMessage(null);
        int prefix = 0;
        int max = Math.min(text.length(), formatted.length());
        while (prefix < max && text.charAt(prefix) == formatted.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && text.charAt(text.length() - 1 - suffix) == formatted.charAt(formatted.length() - 1 - suffix)) {
            suffix++;
        }
        if (prefix == text.length() && prefix == formatted.length()) {
            return true;
        }
        try {
            document.replace(prefix, text.length() - suffix - prefix,
                    formatted.substring(prefix, formatted.length() - suffix));
        } catch (BadLocationException e) {
            return false; // the range comes from the text itself
        }
        return true;
    }

    private void operate(int operation) {
        ITextOperationTarget target = getAdapter(ITextOperationTarget.class);
        if (target != null && target.canDoOperation(operation)) {
            target.doOperation(operation);
        }
    }

    private int caretOffset() {
        return getSelectionProvider().getSelection() instanceof ITextSelection selection ? selection.getOffset() : 0;
    }

    /**
     * Comments out the selected lines with {@code //}, or removes the comment if every non-blank selected line
     * starts with one. One undoable change.
     */
    public void toggleComment() {
        if (!(getSelectionProvider().getSelection() instanceof ITextSelection selection) || !isEditorInputModifiable()) {
            return;
        }
        IDocument document = getDocumentProvider().getDocument(getEditorInput());
        int first = selection.getStartLine();
        int last = selection.getEndLine();
        try {
            if (last > first && selection.getOffset() + selection.getLength() == document.getLineOffset(last)) {
                last--; // a selection ending at the start of a line does not take that line
            }
            boolean allCommented = true;
            boolean anyText = false;
            for (int line = first; line <= last; line++) {
                String text = document.get(document.getLineOffset(line), document.getLineLength(line)).strip();
                if (!text.isEmpty()) {
                    anyText = true;
                    allCommented &= text.startsWith("//");
                }
            }
            operate(anyText && allCommented ? ITextOperationTarget.STRIP_PREFIX : ITextOperationTarget.PREFIX);
        } catch (BadLocationException e) {
            // the selection is always inside the document
        }
    }

    /** Follows the name at {@code offset} into the model (F3, Ctrl+click). Returns whether there was one. */
    public boolean openDeclaration(int offset) {
        IHyperlink link = configuration.hyperlinkDetector().linkAt(getDocumentProvider().getDocument(getEditorInput()).get(),
                offset);
        if (link != null) {
            link.open();
        }
        return link != null;
    }

    /** The URI the text is parsed under (its workspace path). Any thread. */
    @Override
    public URI suiteUri() {
        return TestLangServices.uriOf(getEditorInput());
    }

    @Override
    public IAnnotationModel annotationModel() {
        return getDocumentProvider() == null ? null : getDocumentProvider().getAnnotationModel(getEditorInput());
    }

    @Override
    public void reconciled(TestLangReconcilingStrategy.Result result) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            ISourceViewer viewer = getSourceViewer();
            if (viewer == null || viewer.getTextWidget() == null || viewer.getTextWidget().isDisposed()) {
                return;
            }
            lastResult = result;
            IDocument document = viewer.getDocument();
            if (document instanceof IDocumentExtension4 extension
                    && extension.getModificationStamp() == result.modificationStamp()) {
                highlighter.update(result.references()); // else the text moved on: the next reconcile colours
            }
            if (outlinePage != null) {
                outlinePage.setRoot(result.outline());
            }
            reconcileCount++;
        });
    }

    /** A model changed: re-check the text if it is this suite's project (names may now resolve, or no longer). */
    private void modelChanged(IFile model) {
        if (getEditorInput() instanceof IFileEditorInput input && input.getFile().getProject().equals(model.getProject())) {
            Display display = PlatformUI.getWorkbench().getDisplay();
            display.asyncExec(() -> {
                if (getSourceViewer() != null) {
                    configuration.reconcileNow();
                }
            });
        }
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IContentOutlinePage.class) {
            if (outlinePage == null || outlinePage.getControl() != null && outlinePage.getControl().isDisposed()) {
                outlinePage = new TestLangOutlinePage((offset, length) -> selectAndReveal(offset, length));
                TestLangReconcilingStrategy.Result result = lastResult;
                if (result != null) {
                    outlinePage.setRoot(result.outline());
                }
            }
            return adapter.cast(outlinePage);
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void dispose() {
        SuiteMarkerUpdater.install().removeModelListener(modelListener);
        if (highlighter != null) {
            highlighter.dispose();
        }
        super.dispose();
    }

    // ------------------------------------------------------------------ for tests and other views

    public ISourceViewer viewer() {
        return getSourceViewer();
    }

    public TestLangSourceViewerConfiguration configuration() {
        return configuration;
    }

    /** The bracket matcher the editor's matching-bracket painter uses. */
    public ICharacterPairMatcher bracketMatcher() {
        return bracketMatcher;
    }

    /** How many reconciles have reached the UI since the editor opened. */
    public int reconcileCount() {
        return reconcileCount;
    }

    /** The outline of the last reconcile, or {@code null} before the first. */
    public OutlineNode outline() {
        TestLangReconcilingStrategy.Result result = lastResult;
        return result == null ? null : result.outline();
    }

    /** The names coloured as resolved model elements. */
    public List<Position> resolvedNamePositions() {
        return highlighter == null ? List.of() : highlighter.positions();
    }

    /** Opens the Outline page (also when the Outline view is closed): for tests. */
    public TestLangOutlinePage outlinePage() {
        return getAdapter(IContentOutlinePage.class) instanceof TestLangOutlinePage page ? page : null;
    }

    /** The file shown, or {@code null} for a file outside the workspace. */
    public IFile file() {
        return getEditorInput() instanceof IFileEditorInput input ? input.getFile() : null;
    }
}
