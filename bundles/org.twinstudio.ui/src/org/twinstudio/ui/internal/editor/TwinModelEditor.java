package org.twinstudio.ui.internal.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EventObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.core.resources.IMarker;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.common.command.CommandWrapper;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.domain.IEditingDomainProvider;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
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
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.emf.ItemImageCache;
import org.twinstudio.ui.emf.ItemPropertySourceProvider;
import org.twinstudio.ui.emf.ItemProviderContentProvider;
import org.twinstudio.ui.emf.ItemProviderLabelProvider;
import org.twinstudio.ui.emf.TwinCommands;
import org.twinstudio.ui.emf.TwinDocumentEditor;
import org.twinstudio.ui.emf.TwinDocuments;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/**
 * The twin model editor: a tree of the model's elements over the EMF.Edit item providers, with undoable editing
 * (Add Component, Add Connection, Rename, Delete, Properties), save through the model resource, validation as
 * problem markers, an Outline page and Go To from markers.
 */
public class TwinModelEditor extends TwinDocumentEditor implements IEditingDomainProvider, IGotoMarker {

    /** Id of the editor's context menu (for contributions). */
    public static final String CONTEXT_MENU_ID = TwinstudioUi.EDITOR_ID + ".contextMenu";
    public static final String ADD_COMPONENT_MENU_ID = "addComponent";
    public static final String ADD_ENDPOINT_MENU_ID = "addEndpoint";
    public static final String ADD_BINDING_MENU_ID = "addBinding";

    /** The file's document, shared with every other editor on it (one resource, one undo history). */
    private ComposedAdapterFactory adapterFactory;
    private AdapterFactoryEditingDomain editingDomain;
    private ItemImageCache images;
    private TreeViewer viewer;
    private TwinOutlinePage outlinePage;
    private PropertySheetPage propertySheetPage;

    private final TwinDocuments.Listener documentListener = new TwinDocuments.Listener() {
        @Override
        public void dirtyChanged(TwinDocuments.Document changed) {
            firePropertyChange(PROP_DIRTY);
        }

        @Override
        public void reloaded(TwinDocuments.Document changed) {
            if (viewer != null && !viewer.getControl().isDisposed()) {
                viewer.setInput(getResource());
                viewer.expandToLevel(2);
            }
            if (outlinePage != null) {
                outlinePage.setInput(getResource());
            }
            updateCommandActions();
        }

        @Override
        public void deleted(TwinDocuments.Document changed) {
            fileDeleted();
        }
    };

    /** Selections made in other parts on the same model (the diagram) are shown in the tree too. */
    private final ISelectionListener linkedSelectionListener = (part, selection) -> {
        if (part != this && viewer != null && !viewer.getControl().isDisposed()
                && selection instanceof IStructuredSelection structured && !structured.isEmpty()
                && structured.toList().stream().allMatch(o -> o instanceof EObject e && e.eResource() == getResource())
                && !structured.toList().equals(viewer.getStructuredSelection().toList())) {
            viewer.setSelection(structured, true);
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
        initDocument(site, input, "twin model editor");
        adapterFactory = document.adapterFactory();
        editingDomain = document.editingDomain();
        images = new ItemImageCache();
        document.commandStack().addCommandStackListener(commandStackListener);
        document.addListener(documentListener);

        ISharedImages shared = PlatformUI.getWorkbench().getSharedImages();
        deleteAction.setImageDescriptor(shared.getImageDescriptor(ISharedImages.IMG_TOOL_DELETE));
        deleteAction.setActionDefinitionId(ActionFactory.DELETE.getCommandId());
        renameAction.setActionDefinitionId(ActionFactory.RENAME.getCommandId());

    }

    @Override
    public void createPartControl(Composite parent) {
        Resource resource = getResource();
        Exception loadError = document.loadError();
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
        getSite().getPage().addPostSelectionListener(linkedSelectionListener);
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
        MenuManager addEndpoint = new MenuManager("Add &Endpoint", ADD_ENDPOINT_MENU_ID);
        for (EClass kind : ENDPOINT_KINDS) {
            addEndpoint.add(new Action(endpointLabel(kind)) {
                @Override
                public void run() {
                    addEndpoint(kind);
                }
            });
        }
        menu.add(addEndpoint);
        MenuManager addBinding = new MenuManager("Add &Binding", ADD_BINDING_MENU_ID);
        Object selected = selection().getFirstElement();
        TwinModel model = getModel();
        if (selected instanceof Port port && model != null) {
            for (Endpoint endpoint : model.getEndpoints()) {
                addBinding.add(new Action("to " + endpoint.getName() + " (" + endpointLabel(endpoint.eClass()) + ")") {
                    @Override
                    public void run() {
                        addBinding(port, endpoint);
                    }
                });
                if (endpoint instanceof OpcUaEndpoint && opcUaBrowsable()) {
                    addBinding.add(new Action("to " + endpoint.getName() + " (OPC UA), browsing its server...") {
                        @Override
                        public void run() {
                            addBindingByBrowsing(port, (OpcUaEndpoint) endpoint);
                        }
                    });
                }
            }
        }
        if (addBinding.isEmpty()) {
            Action none = new Action(selected instanceof Port ? "(no endpoint: add one first)" : "(select a port)") {
            };
            none.setEnabled(false);
            addBinding.add(none);
        }
        menu.add(addBinding);
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

    /** The endpoint kinds the editor creates, in menu order. */
    static final List<EClass> ENDPOINT_KINDS = List.of(TwinPackage.Literals.OPC_UA_ENDPOINT,
            TwinPackage.Literals.MODBUS_TCP_ENDPOINT, TwinPackage.Literals.MQTT_ENDPOINT);

    static String endpointLabel(EClass kind) {
        if (kind == TwinPackage.Literals.OPC_UA_ENDPOINT) {
            return "OPC UA";
        }
        if (kind == TwinPackage.Literals.MODBUS_TCP_ENDPOINT) {
            return "Modbus TCP";
        }
        return kind == TwinPackage.Literals.MQTT_ENDPOINT ? "MQTT" : kind.getName();
    }

    /**
     * Adds an endpoint of the kind with a unique name and a loopback address to edit in the Properties view
     * ({@code opc.tcp://localhost:4840}, {@code 127.0.0.1:502}, {@code tcp://localhost:1883}); undoable.
     */
    public Endpoint addEndpoint(EClass kind) {
        TwinModel model = getModel();
        Endpoint endpoint = (Endpoint) TwinFactory.eINSTANCE.create(kind);
        Set<String> names = new java.util.HashSet<>();
        model.getEndpoints().forEach(e -> names.add(e.getName()));
        String base = kind == TwinPackage.Literals.OPC_UA_ENDPOINT ? "opcua"
                : kind == TwinPackage.Literals.MODBUS_TCP_ENDPOINT ? "modbus" : "mqtt";
        int i = 1;
        while (names.contains(base + i)) {
            i++;
        }
        endpoint.setName(base + i);
        if (endpoint instanceof OpcUaEndpoint opc) {
            opc.setUrl("opc.tcp://localhost:4840");
        } else if (endpoint instanceof ModbusTcpEndpoint modbus) {
            modbus.setHost("127.0.0.1");
        } else if (endpoint instanceof MqttEndpoint mqtt) {
            mqtt.setBrokerUrl("tcp://localhost:1883");
        }
        editingDomain.getCommandStack().execute(new CommandWrapper("Add " + endpointLabel(kind) + " Endpoint",
                "Add an endpoint the twin talks to", AddCommand.create(editingDomain, model,
                        TwinPackage.Literals.TWIN_MODEL__ENDPOINTS, endpoint)));
        return endpoint;
    }

    /**
     * Binds a port to an endpoint (undoable): an input is read from the endpoint, an output written to it. The
     * address starts from the port's name, to be edited in the Properties view (Validate checks it against the
     * endpoint's connector): an OPC UA node {@code ns=2;s=<component>.<port>}, the first free holding register
     * (float32, 2 registers) after the endpoint's other Modbus bindings, or the MQTT topic
     * {@code <model>/<component>/<port>}.
     */
    public Binding addBinding(Port port, Endpoint endpoint) {
        return add(newBinding(port, endpoint));
    }

    private Binding add(Binding binding) {
        String path = binding.getPort().getComponent().getName() + "." + binding.getPort().getName();
        editingDomain.getCommandStack().execute(new CommandWrapper("Add Binding",
                "Bind " + path + " to " + binding.getEndpoint().getName(), AddCommand.create(editingDomain, getModel(),
                        TwinPackage.Literals.TWIN_MODEL__BINDINGS, binding)));
        return binding;
    }

    private Binding newBinding(Port port, Endpoint endpoint) {
        TwinModel model = getModel();
        String path = port.getComponent().getName() + "." + port.getName();
        Binding binding;
        if (endpoint instanceof OpcUaEndpoint) {
            OpcUaBinding b = TwinFactory.eINSTANCE.createOpcUaBinding();
            b.setNodeId("ns=2;s=" + path);
            binding = b;
        } else if (endpoint instanceof ModbusTcpEndpoint) {
            ModbusBinding b = TwinFactory.eINSTANCE.createModbusBinding();
            int next = 0;
            for (Binding other : model.getBindings()) {
                if (other.getEndpoint() == endpoint && other instanceof ModbusBinding m
                        && m.getTable() == ModbusTable.HOLDING_REGISTER) {
                    int width = switch (m.getValueType()) {
                        case INT32, UINT32, FLOAT32 -> 2;
                        case FLOAT64 -> 4;
                        default -> 1;
                    };
                    next = Math.max(next, m.getAddress() + width);
                }
            }
            b.setTable(ModbusTable.HOLDING_REGISTER);
            b.setAddress(next);
            b.setValueType(ModbusValueType.FLOAT32);
            binding = b;
        } else {
            MqttBinding b = TwinFactory.eINSTANCE.createMqttBinding();
            b.setTopic((model.getName() == null ? "twin" : model.getName()) + "/" + port.getComponent().getName() + "/"
                    + port.getName());
            binding = b;
        }
        binding.setPort(port);
        binding.setEndpoint(endpoint);
        binding.setDirection(port.getDirection() == PortDirection.OUT ? BindingDirection.WRITE : BindingDirection.READ);
        return binding;
    }

    /** Whether the OPC UA connector (with its browser) is installed. */
    static boolean opcUaBrowsable() {
        try {
            Class.forName("org.twinstudio.connect.opcua.OpcUaBrowser", false, TwinModelEditor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Binds a port to the OPC UA variable picked in {@link OpcUaBrowseDialog} from the endpoint's server (undoable);
     * returns the binding, or null when the dialog was cancelled.
     */
    public Binding addBindingByBrowsing(Port port, OpcUaEndpoint endpoint) {
        OpcUaBrowseDialog dialog = new OpcUaBrowseDialog(getSite().getShell(), endpoint,
                port.getComponent().getName() + "." + port.getName());
        if (dialog.open() != Window.OK || dialog.nodeId() == null) {
            return null;
        }
        OpcUaBinding binding = (OpcUaBinding) newBinding(port, endpoint);
        binding.setNodeId(dialog.nodeId());
        return add(binding);
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
        // Connections attached to deleted ports or components go too: no dangling connections.
        Command command = TwinCommands.delete(editingDomain, getModel(), selection().toList());
        if (command != null) {
            editingDomain.getCommandStack().execute(command);
        }
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
                if (object instanceof EObject eObject && eObject.eResource() == getResource()) {
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
        updateUndoRedo();
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

    /** Validates the model and updates the problem markers of the file. */
    public void validate() {
        document.validate();
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

    /** Reads the file again, dropping the undo history (of every editor on the file). */
    public void reload() {
        document.reload();
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
        EObject element = getResource() == null ? null : TwinMarkers.element(getResource(), uri);
        if (element != null && viewer != null) {
            viewer.setSelection(new StructuredSelection(element), true);
            viewer.getControl().setFocus();
        }
    }

    @Override
    public EditingDomain getEditingDomain() {
        return editingDomain;
    }
    /** The edited model, or null if the file could not be read. */
    public TwinModel getModel() {
        return document == null ? null : document.model();
    }

    public Resource getResource() {
        return document == null ? null : document.resource();
    }

    public TreeViewer getViewer() {
        return viewer;
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
                outlinePage = new TwinOutlinePage(viewer, getResource(), adapterFactory, images);
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
        if (getSite() != null) {
            getSite().getPage().removePostSelectionListener(linkedSelectionListener);
        }
        if (document != null) {
            document.commandStack().removeCommandStackListener(commandStackListener);
            document.removeListener(documentListener);
        }
        if (outlinePage != null) {
            outlinePage.dispose();
        }
        if (propertySheetPage != null) {
            propertySheetPage.dispose();
        }
        super.dispose();
        if (images != null) {
            images.dispose();
        }
        if (document != null) {
            document.release();
            document = null;
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
