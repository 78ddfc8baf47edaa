package org.twinstudio.ui.internal.editor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EventObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.common.command.CommandWrapper;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.DeleteCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.domain.IEditingDomainProvider;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.eclipse.emf.edit.provider.resource.ResourceItemProviderAdapterFactory;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.edit.TwinstudioItemProviderAdapterFactory;
import org.twinstudio.model.notation.edit.provider.NotationItemProviderAdapterFactory;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.emf.EditingDomains;
import org.twinstudio.ui.emf.ItemImageCache;
import org.twinstudio.ui.emf.ItemPropertySourceProvider;
import org.twinstudio.ui.emf.ItemProviderLabelProvider;
import org.twinstudio.ui.emf.ItemProviderContentProvider;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/**
 * The twin model editor: a tree of the model's elements over the EMF.Edit item providers, with undoable editing
 * (Add Component, Add Connection, Rename, Delete, Properties), save through the model resource, validation as
 * problem markers, an Outline page and Go To from markers.
 */
public class TwinModelEditor extends EditorPart implements IEditingDomainProvider, IGotoMarker {

    /** Id of the editor's context menu (for contributions). */
    public static final String CONTEXT_MENU_ID = TwinstudioUi.EDITOR_ID + ".contextMenu";
    public static final String ADD_COMPONENT_MENU_ID = "addComponent";

    private ComposedAdapterFactory adapterFactory;
    private AdapterFactoryEditingDomain editingDomain;
    private ItemImageCache images;
    private Resource resource;
    private Exception loadError;
    private TreeViewer viewer;
    private TwinOutlinePage outlinePage;
    private PropertySheetPage propertySheetPage;
    /** Modification stamp of the file as this editor last read or wrote it: other changes come from elsewhere. */
    private long knownStamp = IResource.NULL_STAMP;

    private final IResourceChangeListener workspaceListener = event -> {
        IResourceDelta delta = event.getDelta();
        IResourceDelta fileDelta = delta == null ? null : delta.findMember(getFile().getFullPath());
        if (fileDelta == null) {
            return;
        }
        Display display = getSite().getShell().getDisplay();
        if (fileDelta.getKind() == IResourceDelta.REMOVED) {
            display.asyncExec(this::fileDeleted);
        } else if (fileDelta.getKind() == IResourceDelta.CHANGED
                && (fileDelta.getFlags() & (IResourceDelta.CONTENT | IResourceDelta.REPLACED)) != 0) {
            display.asyncExec(this::fileChanged);
        }
    };

    private final Action undoAction = new Action("&Undo") {
        @Override
        public void run() {
            editingDomain.getCommandStack().undo();
        }
    };
    private final Action redoAction = new Action("&Redo") {
        @Override
        public void run() {
            editingDomain.getCommandStack().redo();
        }
    };
    private final Action deleteAction = new Action("&Delete") {
        @Override
        public void run() {
            deleteSelection();
        }
    };
    private final Action renameAction = new Action("Re&name...") {
        @Override
        public void run() {
            renameSelection();
        }
    };
    private final Action addConnectionAction = new Action("Add &Connection...") {
        @Override
        public void run() {
            addConnection();
        }
    };

    private final CommandStackListener commandStackListener = new CommandStackListener() {
        @Override
        public void commandStackChanged(EventObject event) {
            Display display = getSite().getShell().getDisplay();
            if (Display.getCurrent() == display) {
                afterCommand();
            } else {
                display.asyncExec(TwinModelEditor.this::afterCommand);
            }
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput)) {
            throw new PartInitException("The twin model editor opens files of the workspace only");
        }
        setSite(site);
        setInputWithNotify(input);
        setPartName(input.getName());
        setTitleToolTip(((IFileEditorInput) input).getFile().getFullPath().toString());

        adapterFactory = new ComposedAdapterFactory();
        adapterFactory.addAdapterFactory(new ResourceItemProviderAdapterFactory());
        adapterFactory.addAdapterFactory(new TwinstudioItemProviderAdapterFactory());
        adapterFactory.addAdapterFactory(new NotationItemProviderAdapterFactory());
        adapterFactory.addAdapterFactory(new ReflectiveItemProviderAdapterFactory());
        images = new ItemImageCache();

        BasicCommandStack commandStack = new BasicCommandStack();
        ResourceSet resourceSet = TwinModels.newResourceSet();
        editingDomain = EditingDomains.create(adapterFactory, commandStack, resourceSet);
        commandStack.addCommandStackListener(commandStackListener);

        ISharedImages shared = PlatformUI.getWorkbench().getSharedImages();
        undoAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_UNDO));
        redoAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_REDO));
        deleteAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_DELETE));
        undoAction.setActionDefinitionId(ActionFactory.UNDO.getCommandId());
        redoAction.setActionDefinitionId(ActionFactory.REDO.getCommandId());
        deleteAction.setActionDefinitionId(ActionFactory.DELETE.getCommandId());
        renameAction.setActionDefinitionId(ActionFactory.RENAME.getCommandId());

        load();
        ResourcesPlugin.getWorkspace().addResourceChangeListener(workspaceListener, IResourceChangeEvent.POST_CHANGE);
    }

    private void load() {
        knownStamp = getFile().getModificationStamp();
        URI uri = URI.createPlatformResourceURI(getFile().getFullPath().toString(), true);
        try {
            resource = editingDomain.getResourceSet().getResource(uri, true);
        } catch (RuntimeException e) {
            loadError = e;
            resource = editingDomain.getResourceSet().getResource(uri, false);
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        if (resource == null || resource.getContents().isEmpty()) {
            parent.setLayout(new FillLayout());
            Label label = new Label(parent, SWT.WRAP);
            label.setText("This file does not hold a twin model"
                    + (loadError == null ? "." : ":\n" + loadError.getMessage()));
            if (resource != null) {
                validate();
            }
            return;
        }
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.setContentProvider(new ItemProviderContentProvider(adapterFactory));
        viewer.setLabelProvider(new ItemProviderLabelProvider(adapterFactory, images));
        viewer.setUseHashlookup(true);
        viewer.setInput(resource);
        viewer.expandToLevel(2);
        getSite().setSelectionProvider(viewer);
        viewer.addSelectionChangedListener(event -> updateSelectionActions());
        viewer.addDoubleClickListener(event -> showProperties());
        createContextMenu();
        updateCommandActions();
        updateSelectionActions();
        if (TwinPreferences.store().getBoolean(TwinPreferences.VALIDATE_ON_OPEN)) {
            validate();
        }
    }

    private void createContextMenu() {
        MenuManager manager = new MenuManager("#PopUp", CONTEXT_MENU_ID);
        manager.setRemoveAllWhenShown(true);
        manager.addMenuListener(this::fillContextMenu);
        Menu menu = manager.createContextMenu(viewer.getControl());
        viewer.getControl().setMenu(menu);
        getSite().registerContextMenu(CONTEXT_MENU_ID, manager, viewer);
    }

    private void fillContextMenu(IMenuManager menu) {
        MenuManager addComponent = new MenuManager("Add Co&mponent", ADD_COMPONENT_MENU_ID);
        Map<String, List<ComponentTypeDescriptor>> byCategory = new TreeMap<>();
        for (ComponentTypeDescriptor type : ComponentTypeRegistry.getDefault().all()) {
            String category = type.category() == null ? "" : type.category();
            byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(type);
        }
        boolean first = true;
        for (List<ComponentTypeDescriptor> types : byCategory.values()) {
            if (!first) {
                addComponent.add(new Separator());
            }
            first = false;
            types.sort(Comparator.comparing(ComponentTypeDescriptor::label, String.CASE_INSENSITIVE_ORDER));
            for (ComponentTypeDescriptor type : types) {
                addComponent.add(new AddComponentAction(type));
            }
        }
        menu.add(addComponent);
        menu.add(addConnectionAction);
        menu.add(new Separator("edit"));
        menu.add(undoAction);
        menu.add(redoAction);
        menu.add(new Separator());
        menu.add(renameAction);
        menu.add(deleteAction);
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
    }

    /** Context menu action that adds an instance of a component type with a unique name. */
    private final class AddComponentAction extends Action {
        private final ComponentTypeDescriptor type;

        AddComponentAction(ComponentTypeDescriptor type) {
            super(type.label());
            this.type = type;
            setToolTipText(type.description());
            ImageDescriptor icon = ComponentIcons.descriptor(type);
            if (icon != null) {
                setImageDescriptor(icon);
            }
            setEnabled(getModel() != null);
        }

        @Override
        public void run() {
            addComponent(type);
        }
    }

    /** Adds an instance of {@code type} to the model (undoable) and selects it; returns the new component. */
    public Component addComponent(ComponentTypeDescriptor type) {
        TwinModel model = getModel();
        Component component = type.instantiate(uniqueComponentName(model, type.id()));
        Command command = new CommandWrapper("Add " + type.label(), type.description(), AddCommand
                .create(editingDomain, model, TwinPackage.Literals.TWIN_MODEL__COMPONENTS, component));
        editingDomain.getCommandStack().execute(command);
        return component;
    }

    static String uniqueComponentName(TwinModel model, String base) {
        Set<String> names = new java.util.HashSet<>();
        for (Component component : model.getComponents()) {
            names.add(component.getName());
        }
        for (int i = 1;; i++) {
            if (!names.contains(base + i)) {
                return base + i;
            }
        }
    }

    private void addConnection() {
        TwinModel model = getModel();
        if (model == null) {
            return;
        }
        Port preselected = null;
        Object first = selection().getFirstElement();
        if (first instanceof Port port) {
            preselected = port;
        }
        AddConnectionDialog dialog = new AddConnectionDialog(getSite().getShell(), model, preselected);
        if (dialog.open() != Window.OK) {
            return;
        }
        addConnection(dialog.getSource(), dialog.getTarget());
    }

    /** Connects an output port to an input port (undoable); returns the new connection. */
    public Connection addConnection(Port source, Port target) {
        Connection connection = TwinFactory.eINSTANCE.createConnection();
        connection.setSource(source);
        connection.setTarget(target);
        Command command = new CommandWrapper("Add Connection", "Connect an output port to an input port",
                AddCommand.create(editingDomain, getModel(), TwinPackage.Literals.TWIN_MODEL__CONNECTIONS, connection));
        editingDomain.getCommandStack().execute(command);
        return connection;
    }

    private void deleteSelection() {
        List<Object> doomed = new ArrayList<>();
        for (Object element : selection().toList()) {
            if (element instanceof EObject object && object.eContainer() != null) {
                doomed.add(element);
            }
        }
        if (doomed.isEmpty()) {
            return;
        }
        // Connections attached to deleted ports or components go too: no dangling connections.
        TwinModel model = getModel();
        if (model != null) {
            for (Connection connection : model.getConnections()) {
                if (!doomed.contains(connection)
                        && (isDeleted(connection.getSource(), doomed) || isDeleted(connection.getTarget(), doomed))) {
                    doomed.add(connection);
                }
            }
        }
        Command command = DeleteCommand.create(editingDomain, doomed);
        if (command.canExecute()) {
            editingDomain.getCommandStack().execute(command);
        }
    }

    private static boolean isDeleted(EObject object, Collection<Object> doomed) {
        for (EObject current = object; current != null; current = current.eContainer()) {
            if (doomed.contains(current)) {
                return true;
            }
        }
        return false;
    }

    private void renameSelection() {
        Object element = selection().getFirstElement();
        if (!(element instanceof EObject object)) {
            return;
        }
        EStructuralFeature nameFeature = object.eClass().getEStructuralFeature("name");
        if (nameFeature == null) {
            return;
        }
        String current = (String) object.eGet(nameFeature);
        IInputValidator validator = text -> {
            String name = text.trim();
            if (name.isEmpty()) {
                return "Enter a name";
            }
            if (!name.equals(current) && siblingNames(object, nameFeature).contains(name)) {
                return "'" + name + "' is already used here";
            }
            return null;
        };
        InputDialog dialog = new InputDialog(getSite().getShell(), "Rename",
                "New name of " + object.eClass().getName().toLowerCase() + " '" + current + "':", current, validator);
        if (dialog.open() == Window.OK) {
            rename(object, dialog.getValue().trim());
        }
    }

    /** Renames an element (undoable). */
    public void rename(EObject object, String name) {
        EStructuralFeature nameFeature = object.eClass().getEStructuralFeature("name");
        Command command = new CommandWrapper("Rename", "Rename to " + name,
                SetCommand.create(editingDomain, object, nameFeature, name));
        editingDomain.getCommandStack().execute(command);
    }

    private static Set<String> siblingNames(EObject object, EStructuralFeature nameFeature) {
        Set<String> names = new java.util.HashSet<>();
        EObject container = object.eContainer();
        if (container != null && object.eContainingFeature().isMany()) {
            for (Object sibling : (List<?>) container.eGet(object.eContainingFeature())) {
                if (sibling != object && sibling instanceof EObject other && other.eClass() == object.eClass()) {
                    names.add(String.valueOf(other.eGet(nameFeature)));
                }
            }
        }
        return names;
    }

    private void showProperties() {
        try {
            getSite().getPage().showView("org.eclipse.ui.views.PropertySheet", null,
                    org.eclipse.ui.IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            TwinstudioUi.log("Could not show the Properties view", e);
        }
    }

    private void afterCommand() {
        firePropertyChange(PROP_DIRTY);
        updateCommandActions();
        Command mostRecent = editingDomain.getCommandStack().getMostRecentCommand();
        if (mostRecent != null && viewer != null && !viewer.getControl().isDisposed()) {
            Collection<?> affected = mostRecent.getAffectedObjects();
            List<Object> visible = new ArrayList<>();
            for (Object object : affected) {
                if (object instanceof EObject eObject && eObject.eResource() == resource) {
                    visible.add(object);
                }
            }
            if (!visible.isEmpty()) {
                viewer.setSelection(new StructuredSelection(visible), true);
            }
        }
        // Later: the change may come from the Properties view itself, still applying its cell editor's value.
        getSite().getShell().getDisplay().asyncExec(() -> {
            if (propertySheetPage != null && propertySheetPage.getControl() != null
                    && !propertySheetPage.getControl().isDisposed()) {
                propertySheetPage.refresh();
            }
        });
    }

    private void updateCommandActions() {
        CommandStack stack = editingDomain.getCommandStack();
        undoAction.setEnabled(stack.canUndo());
        redoAction.setEnabled(stack.canRedo());
        Command undo = stack.getUndoCommand();
        Command redo = stack.getRedoCommand();
        undoAction.setText("&Undo" + label(undo));
        redoAction.setText("&Redo" + label(redo));
    }

    private static String label(Command command) {
        return command == null || command.getLabel() == null ? "" : " " + command.getLabel();
    }

    private void updateSelectionActions() {
        IStructuredSelection selection = selection();
        boolean deletable = !selection.isEmpty();
        for (Object element : selection.toList()) {
            if (!(element instanceof EObject object) || object.eContainer() == null) {
                deletable = false;
            }
        }
        deleteAction.setEnabled(deletable);
        Object first = selection.getFirstElement();
        renameAction.setEnabled(selection.size() == 1 && first instanceof EObject object
                && object.eClass().getEStructuralFeature("name") != null);
        addConnectionAction.setEnabled(getModel() != null);
    }

    private IStructuredSelection selection() {
        return viewer == null ? StructuredSelection.EMPTY : viewer.getStructuredSelection();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        Map<Object, Object> options = new HashMap<>();
        options.put(Resource.OPTION_SAVE_ONLY_IF_CHANGED, Resource.OPTION_SAVE_ONLY_IF_CHANGED_MEMORY_BUFFER);
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        try {
            resource.save(options);
            ((BasicCommandStack) editingDomain.getCommandStack()).saveIsDone();
            firePropertyChange(PROP_DIRTY);
            getFile().refreshLocal(IResource.DEPTH_ZERO, monitor);
            knownStamp = getFile().getModificationStamp();
        } catch (IOException | CoreException e) {
            TwinstudioUi.log("Could not save " + getFile().getFullPath(), e);
            MessageDialog.openError(getSite().getShell(), "Save Twin Model",
                    "Could not save " + getFile().getFullPath() + ":\n" + e.getMessage());
            if (monitor != null) {
                monitor.setCanceled(true);
            }
            return;
        }
        if (TwinPreferences.store().getBoolean(TwinPreferences.VALIDATE_ON_SAVE)) {
            validate();
        }
    }

    /** Validates the model and updates the problem markers of the file. */
    public void validate() {
        try {
            TwinMarkers.validate(getFile(), resource);
        } catch (CoreException | RuntimeException e) {
            TwinstudioUi.log("Could not validate " + getFile().getFullPath(), e);
        }
    }

    /** The file was deleted (or moved away) outside the editor: close, unless there are changes to keep. */
    private void fileDeleted() {
        if (viewer == null || viewer.getControl().isDisposed() || getFile().exists()) {
            return;
        }
        if (!isDirty()) {
            getSite().getPage().closeEditor(this, false);
        }
    }

    /** The file changed outside the editor: reload it (asking first when that would discard changes). */
    private void fileChanged() {
        if (viewer == null || viewer.getControl().isDisposed() || !getFile().exists()
                || getFile().getModificationStamp() == knownStamp) {
            return;
        }
        if (isDirty() && !MessageDialog.openQuestion(getSite().getShell(), "File Changed",
                getFile().getName() + " was changed outside the editor. Discard your changes and reload it?")) {
            knownStamp = getFile().getModificationStamp();
            return;
        }
        reload();
    }

    /** Reads the file again, dropping the undo history. */
    public void reload() {
        ResourceSet resourceSet = editingDomain.getResourceSet();
        if (resource != null) {
            resource.unload();
            resourceSet.getResources().remove(resource);
        }
        loadError = null;
        load();
        ((BasicCommandStack) editingDomain.getCommandStack()).flush();
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.setInput(resource);
            viewer.expandToLevel(2);
        }
        if (outlinePage != null) {
            outlinePage.setInput(resource);
        }
        firePropertyChange(PROP_DIRTY);
        if (TwinPreferences.store().getBoolean(TwinPreferences.VALIDATE_ON_OPEN)) {
            validate();
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

    @Override
    public boolean isDirty() {
        return editingDomain != null && ((BasicCommandStack) editingDomain.getCommandStack()).isSaveNeeded();
    }

    @Override
    public void setFocus() {
        if (viewer != null) {
            viewer.getControl().setFocus();
        }
    }

    @Override
    public void gotoMarker(IMarker marker) {
        String uri = marker.getAttribute(TwinstudioUi.MARKER_ELEMENT_URI, null);
        EObject element = resource == null ? null : TwinMarkers.element(resource, uri);
        if (element != null && viewer != null) {
            viewer.setSelection(new StructuredSelection(element), true);
            viewer.getControl().setFocus();
        }
    }

    @Override
    public EditingDomain getEditingDomain() {
        return editingDomain;
    }

    public IFile getFile() {
        return ((IFileEditorInput) getEditorInput()).getFile();
    }

    /** The edited model, or null if the file could not be read. */
    public TwinModel getModel() {
        if (resource == null || resource.getContents().isEmpty()) {
            return null;
        }
        return resource.getContents().get(0) instanceof TwinModel model ? model : null;
    }

    public Resource getResource() {
        return resource;
    }

    public TreeViewer getViewer() {
        return viewer;
    }

    IAction getUndoAction() {
        return undoAction;
    }

    IAction getRedoAction() {
        return redoAction;
    }

    IAction getDeleteAction() {
        return deleteAction;
    }

    IAction getRenameAction() {
        return renameAction;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IContentOutlinePage.class) {
            if (viewer == null) {
                return null;
            }
            if (outlinePage == null || outlinePage.getControl() != null && outlinePage.getControl().isDisposed()) {
                outlinePage = new TwinOutlinePage(this, adapterFactory, images);
            }
            return adapter.cast(outlinePage);
        }
        if (adapter == IPropertySheetPage.class) {
            if (propertySheetPage == null
                    || propertySheetPage.getControl() != null && propertySheetPage.getControl().isDisposed()) {
                propertySheetPage = new TwinPropertySheetPage(this);
                propertySheetPage.setPropertySourceProvider(new ItemPropertySourceProvider(adapterFactory, images));
            }
            return adapter.cast(propertySheetPage);
        }
        if (adapter == IGotoMarker.class) {
            return adapter.cast(this);
        }
        if (adapter == EditingDomain.class) {
            return adapter.cast(editingDomain);
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void dispose() {
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(workspaceListener);
        if (editingDomain != null) {
            editingDomain.getCommandStack().removeCommandStackListener(commandStackListener);
        }
        if (outlinePage != null) {
            outlinePage.dispose();
        }
        if (propertySheetPage != null) {
            propertySheetPage.dispose();
        }
        super.dispose();
        if (adapterFactory != null) {
            adapterFactory.dispose();
        }
        if (images != null) {
            images.dispose();
        }
    }

    /** Properties view page that keeps the editor's undo and redo while the Properties view is active. */
    private static final class TwinPropertySheetPage extends PropertySheetPage {
        private final TwinModelEditor editor;

        TwinPropertySheetPage(TwinModelEditor editor) {
            this.editor = editor;
        }

        @Override
        public void setActionBars(org.eclipse.ui.IActionBars actionBars) {
            super.setActionBars(actionBars);
            actionBars.setGlobalActionHandler(ActionFactory.UNDO.getId(), editor.getUndoAction());
            actionBars.setGlobalActionHandler(ActionFactory.REDO.getId(), editor.getRedoAction());
        }
    }

    static boolean isOutput(Port port) {
        return port.getDirection() == PortDirection.OUT;
    }
}
