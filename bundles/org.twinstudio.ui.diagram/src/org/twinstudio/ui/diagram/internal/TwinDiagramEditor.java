package org.twinstudio.ui.diagram.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.commands.common.CommandException;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.domain.IEditingDomainProvider;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.browser.BrowserFunction;
import org.eclipse.swt.browser.ProgressListener;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.twinstudio.model.TwinModel;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.diagram.TwinDiagramUi;
import org.twinstudio.ui.emf.ItemImageCache;
import org.twinstudio.ui.emf.ItemPropertySourceProvider;
import org.twinstudio.ui.emf.TwinDocumentEditor;
import org.twinstudio.ui.emf.TwinDocuments;
import org.twinstudio.ui.internal.editor.TwinOutlinePage;
import org.twinstudio.ui.internal.markers.TwinMarkers;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The graphical twin editor: the diagram web client in an SWT {@link Browser}, served by the workbench's
 * {@link DiagramServerHost} over the file's shared {@link TwinDocuments.Document}. Editing in the diagram, in the
 * tree editor and in the Properties view goes through one command stack, so Undo, Redo, dirty state and Save are
 * shared by every editor on the file.
 *
 * <p>The page talks back through browser functions: {@code twinstudioHostSelectionChanged(idsJson)} when its
 * selection changes, {@code twinstudioHostReady(error)} when its first model is shown, and
 * {@code twinstudioHostCommand(name)} for the keys the browser would otherwise keep (undo, redo, save, delete),
 * which run as the workbench's commands. The host selects in the page with
 * {@code window.twinstudioDiagram.select(ids)}.
 */
public class TwinDiagramEditor extends TwinDocumentEditor
        implements IGotoMarker, IEditingDomainProvider, ISelectionProvider {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Gson GSON = new Gson();

    /** Catches the editing keys before the page's own handlers, so they act on the shared document. */
    private static final String KEY_HOOK = """
            (function() {
              if (window.__twinstudioHostHooked) { return; }
              window.__twinstudioHostHooked = true;
              document.addEventListener('keydown', function(e) {
                var ctrl = e.ctrlKey || e.metaKey;
                var key = (e.key || '').toLowerCase();
                var command = null;
                if (ctrl && !e.shiftKey && !e.altKey && key === 'z') { command = 'undo'; }
                else if (ctrl && !e.altKey && (key === 'y' || (e.shiftKey && key === 'z'))) { command = 'redo'; }
                else if (ctrl && !e.shiftKey && !e.altKey && key === 's') { command = 'save'; }
                else if (!ctrl && !e.altKey && key === 'delete') { command = 'delete'; }
                if (command !== null) {
                  e.preventDefault();
                  e.stopImmediatePropagation();
                  twinstudioHostCommand(command);
                }
              }, true);
              var diagram = window.twinstudioDiagram;
              if (diagram && diagram.ready) {
                diagram.ready.then(function() { twinstudioHostReady(null); },
                    function(error) { twinstudioHostReady(String(error && error.message || error)); });
              } else {
                twinstudioHostReady('this page is not the Twinstudio diagram client (no window.twinstudioDiagram)');
              }
            })();
            """;

    private ItemImageCache images;
    private PropertySheetPage propertySheetPage;
    private TwinOutlinePage outlinePage;
    private Browser browser;
    private Control problemControl;
    /** Why no diagram is shown (one line per problem), or {@code null}. */
    private List<String> problems;
    private final String clientId = "twinstudio-diagram-" + CLIENTS.incrementAndGet();
    private long openedAt;
    private long renderMillis = -1;
    private boolean pageReady;
    private String pageError;
    private List<String> pendingPageSelection;

    private IStructuredSelection selection = StructuredSelection.EMPTY;
    private final ListenerList<ISelectionChangedListener> selectionListeners = new ListenerList<>();

    private final Action deleteAction = new Action("&Delete") {
        @Override
        public void run() {
            deleteSelection();
        }
    };

    private final CommandStackListener commandStackListener = event -> {
        Display display = PlatformUI.getWorkbench().getDisplay();
        if (Display.getCurrent() == display) {
            updateCommandActions();
        } else {
            display.asyncExec(this::updateCommandActions);
        }
    };

    private final TwinDocuments.Listener documentListener = new TwinDocuments.Listener() {
        @Override
        public void dirtyChanged(TwinDocuments.Document changed) {
            firePropertyChange(PROP_DIRTY);
            updateCommandActions();
            refreshProperties();
        }

        @Override
        public void reloaded(TwinDocuments.Document changed) {
            if (outlinePage != null) {
                outlinePage.setInput(document.resource());
            }
        }

        @Override
        public void deleted(TwinDocuments.Document changed) {
            if (!isDirty()) {
                getSite().getPage().closeEditor(TwinDiagramEditor.this, false);
            }
        }
    };

    /** Selections of other parts on this model (tree editor, Outline) are shown in the diagram. */
    private final ISelectionListener otherPartsSelection = (part, selected) -> {
        if (part == this || !(selected instanceof IStructuredSelection structured) || structured.isEmpty()) {
            return;
        }
        TwinModel model = document.model();
        if (model == null) {
            return;
        }
        for (Object element : structured.toList()) {
            if (!(element instanceof EObject object) || object.eResource() != document.resource()) {
                return;
            }
        }
        List<String> ids = DiagramElements.ids(model, structured.toList());
        if (!ids.isEmpty()) {
            selectInPage(ids);
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        openedAt = System.nanoTime();
        initDocument(site, input, "twin diagram editor");
        document.addListener(documentListener);
        document.commandStack().addCommandStackListener(commandStackListener);
        images = new ItemImageCache();

        ISharedImages shared = PlatformUI.getWorkbench().getSharedImages();
        deleteAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_DELETE));
        deleteAction.setActionDefinitionId(ActionFactory.DELETE.getCommandId());
        updateCommandActions();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new FillLayout());
        getSite().setSelectionProvider(this);
        try {
            browser = new Browser(parent, SWT.NONE);
        } catch (SWTError e) {
            TwinDiagramUi.log("No embedded browser for the diagram of " + getFile().getFullPath(), e);
            problems = List.of(ProblemPage.noBrowser(e.getMessage()));
            Text text = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
            text.setText(problems.get(0));
            problemControl = text;
            return;
        }
        List<String> loadProblems = ProblemPage.loadProblems(getFile(), document.resource(), document.loadError(),
                document.model() != null);
        if (!loadProblems.isEmpty()) {
            showProblems("Cannot show the diagram of " + getFile().getName(), loadProblems,
                    "Correct the file (e.g. in a text editor) and open it again.");
            return;
        }
        URI page;
        try {
            page = DiagramServerHost.getDefault().pageUri(getFile(), clientId);
        } catch (IOException | RuntimeException e) {
            TwinDiagramUi.log("Could not serve the diagram of " + getFile().getFullPath(), e);
            showProblems("Cannot show the diagram of " + getFile().getName(),
                    List.of(getFile().getFullPath() + ": error: " + e.getMessage()),
                    "The model can still be edited in the Twin Model Editor.");
            return;
        }
        createBrowserFunctions();
        browser.addProgressListener(ProgressListener.completedAdapter(event -> {
            if (!browser.isDisposed() && problems == null) {
                browser.execute(KEY_HOOK);
            }
        }));
        browser.setUrl(page.toString());
        getSite().getPage().addPostSelectionListener(otherPartsSelection);
    }

    private void showProblems(String title, List<String> found, String advice) {
        problems = found;
        browser.setText(ProblemPage.html(title, getFile(), found, advice));
    }

    /**
     * The page's callbacks. Each runs its work after the callback has returned: calling back into the page
     * ({@link Browser#evaluate}) from inside a callback blocks WebKitGTK until it times out, and a command may open
     * a dialog (a failed save).
     */
    private void createBrowserFunctions() {
        new BrowserFunction(browser, "twinstudioHostSelectionChanged") {
            @Override
            public Object function(Object[] arguments) {
                Object ids = arguments.length > 0 ? arguments[0] : null;
                later(() -> pageSelectionChanged(ids));
                return null;
            }
        };
        new BrowserFunction(browser, "twinstudioHostReady") {
            @Override
            public Object function(Object[] arguments) {
                String error = arguments.length > 0 && arguments[0] != null ? String.valueOf(arguments[0]) : null;
                later(() -> pageReady(error));
                return null;
            }
        };
        new BrowserFunction(browser, "twinstudioHostCommand") {
            @Override
            public Object function(Object[] arguments) {
                String command = arguments.length > 0 ? String.valueOf(arguments[0]) : "";
                later(() -> runWorkbenchCommand(command));
                return null;
            }
        };
    }

    private void later(Runnable work) {
        browser.getDisplay().asyncExec(() -> {
            if (!browser.isDisposed()) {
                work.run();
            }
        });
    }

    private void pageReady(String error) {
        if (pageReady) {
            return;
        }
        renderMillis = (System.nanoTime() - openedAt) / 1_000_000;
        pageReady = true;
        pageError = error;
        if (error != null) {
            TwinDiagramUi.log("The diagram of " + getFile().getFullPath() + " did not load: " + error, null);
        }
        if (pendingPageSelection != null) {
            List<String> ids = pendingPageSelection;
            pendingPageSelection = null;
            selectInPage(ids);
        }
    }

    /** The page's selection changed: its ids become this part's selection (Properties view, tree editor, Outline). */
    private void pageSelectionChanged(Object idsJson) {
        List<String> ids = new ArrayList<>();
        if (idsJson instanceof String json && !json.isBlank()) {
            try {
                JsonElement parsed = JsonParser.parseString(json);
                if (parsed.isJsonArray()) {
                    for (JsonElement id : parsed.getAsJsonArray()) {
                        ids.add(id.getAsString());
                    }
                }
            } catch (RuntimeException e) {
                TwinDiagramUi.log("The diagram page sent a selection that is not a JSON array of ids: " + json, e);
                return;
            }
        } else if (idsJson instanceof Object[] array) {
            for (Object id : array) {
                ids.add(String.valueOf(id));
            }
        }
        TwinModel model = document.model();
        List<EObject> elements = model == null ? List.of() : DiagramElements.elements(model, ids);
        setSelectionAndNotify(new StructuredSelection(elements));
    }

    private void runWorkbenchCommand(String name) {
        String commandId = switch (name) {
        case "undo" -> IWorkbenchCommandConstants.EDIT_UNDO;
        case "redo" -> IWorkbenchCommandConstants.EDIT_REDO;
        case "save" -> IWorkbenchCommandConstants.FILE_SAVE;
        case "delete" -> IWorkbenchCommandConstants.EDIT_DELETE;
        default -> null;
        };
        if (commandId == null || browser == null || browser.isDisposed()) {
            return;
        }
        try {
            getSite().getService(IHandlerService.class).executeCommand(commandId, null);
        } catch (CommandException e) {
            // Not enabled now (nothing to undo, nothing selected): the key does nothing, as in the tree editor.
        }
    }

    /** Selects the diagram elements {@code ids} in the page (once it shows its model). */
    public void selectInPage(List<String> ids) {
        if (browser == null || browser.isDisposed() || problems != null) {
            return;
        }
        if (!pageReady) {
            pendingPageSelection = ids;
            return;
        }
        browser.evaluate("var d = window.twinstudioDiagram; if (d && d.select) { d.select(" + GSON.toJson(ids)
                + "); return true; } return false;");
    }

    /**
     * Deletes the selection as the diagram does (GLSP's delete operation, run by the diagram server on the shared
     * stack): a component takes its connections, bindings and alert rules along, as in a browser.
     */
    private void deleteSelection() {
        TwinModel model = document.model();
        if (model == null || browser == null || browser.isDisposed() || problems != null || !pageReady) {
            return;
        }
        List<String> ids = DiagramElements.ids(model, selection.toList());
        if (!ids.isEmpty()) {
            browser.execute("window.twinstudioDiagram.dispatch({ kind: 'deleteElement', elementIds: "
                    + GSON.toJson(ids) + " });");
        }
    }

    private void updateCommandActions() {
        if (document == null) {
            return;
        }
        updateUndoRedo();
        deleteAction.setEnabled(!selection.isEmpty()
                && selection.toList().stream().allMatch(o -> o instanceof EObject e && e.eContainer() != null));
    }

    private void refreshProperties() {
        // Later: the change may come from the Properties view itself, still applying its cell editor's value.
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            if (propertySheetPage != null && propertySheetPage.getControl() != null
                    && !propertySheetPage.getControl().isDisposed()) {
                propertySheetPage.refresh();
            }
        });
    }

    @Override
    public void setFocus() {
        if (browser != null && !browser.isDisposed()) {
            browser.setFocus();
        } else if (problemControl != null && !problemControl.isDisposed()) {
            problemControl.setFocus();
        }
    }

    /** Shows the marker's element selected in the diagram (and in the Properties view). */
    @Override
    public void gotoMarker(IMarker marker) {
        String uri = marker.getAttribute(TwinstudioUi.MARKER_ELEMENT_URI, null);
        EObject element = document.resource() == null ? null : TwinMarkers.element(document.resource(), uri);
        TwinModel model = document.model();
        if (element == null || model == null) {
            return;
        }
        setSelectionAndNotify(new StructuredSelection(element));
        List<String> ids = DiagramElements.ids(model, List.of(element));
        if (!ids.isEmpty()) {
            selectInPage(ids);
        }
    }

    // ---------------------------------------------------------------- selection provider

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener listener) {
        selectionListeners.add(listener);
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener listener) {
        selectionListeners.remove(listener);
    }

    @Override
    public ISelection getSelection() {
        return selection;
    }

    @Override
    public void setSelection(ISelection newSelection) {
        IStructuredSelection structured = newSelection instanceof IStructuredSelection s ? s : StructuredSelection.EMPTY;
        setSelectionAndNotify(structured);
        TwinModel model = document.model();
        if (model != null) {
            selectInPage(DiagramElements.ids(model, structured.toList()));
        }
    }

    private void setSelectionAndNotify(IStructuredSelection newSelection) {
        selection = newSelection;
        updateCommandActions();
        SelectionChangedEvent event = new SelectionChangedEvent(this, newSelection);
        for (ISelectionChangedListener listener : selectionListeners) {
            listener.selectionChanged(event);
        }
    }

    // ---------------------------------------------------------------- accessors
    /** The embedded browser, or {@code null} when none could be created. */
    public Browser getBrowser() {
        return browser;
    }

    /** Why no diagram is shown (one line per problem), or {@code null} when the diagram page is shown. */
    public List<String> getProblems() {
        return problems;
    }

    /** Whether the page has shown its first model (or given up: see {@link #getPageError}). */
    public boolean isPageReady() {
        return pageReady;
    }

    /** The page's error when it could not show the model, or {@code null}. */
    public String getPageError() {
        return pageError;
    }

    /** Milliseconds from opening the editor to the page showing its first model, or -1 before that. */
    public long getRenderMillis() {
        return renderMillis;
    }

    IAction getDeleteAction() {
        return deleteAction;
    }

    @Override
    public EditingDomain getEditingDomain() {
        return document.editingDomain();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySheetPage.class) {
            if (propertySheetPage == null
                    || propertySheetPage.getControl() != null && propertySheetPage.getControl().isDisposed()) {
                propertySheetPage = new PropertySheetPage() {
                    @Override
                    public void setActionBars(IActionBars actionBars) {
                        super.setActionBars(actionBars);
                        actionBars.setGlobalActionHandler(ActionFactory.UNDO.getId(), undoAction);
                        actionBars.setGlobalActionHandler(ActionFactory.REDO.getId(), redoAction);
                    }
                };
                propertySheetPage.setPropertySourceProvider(
                        new ItemPropertySourceProvider(document.adapterFactory(), images));
            }
            return adapter.cast(propertySheetPage);
        }
        if (adapter == IContentOutlinePage.class) {
            if (problems != null || document.model() == null) {
                return null;
            }
            if (outlinePage == null || outlinePage.getControl() != null && outlinePage.getControl().isDisposed()) {
                outlinePage = new TwinOutlinePage(this, document.resource(), document.adapterFactory(), images);
            }
            return adapter.cast(outlinePage);
        }
        if (adapter == IGotoMarker.class) {
            return adapter.cast(this);
        }
        if (adapter == EditingDomain.class) {
            return adapter.cast(document.editingDomain());
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void dispose() {
        if (getSite() != null) {
            getSite().getPage().removePostSelectionListener(otherPartsSelection);
        }
        if (propertySheetPage != null) {
            propertySheetPage.dispose();
        }
        if (outlinePage != null) {
            outlinePage.dispose();
        }
        super.dispose();
        if (images != null) {
            images.dispose();
        }
        if (document != null) {
            document.removeListener(documentListener);
            document.commandStack().removeCommandStackListener(commandStackListener);
            document.release();
        }
    }
}
