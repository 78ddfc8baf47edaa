package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinModelValidator;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.editor.AddConnectionDialog;
import org.twinstudio.ui.internal.editor.TwinModelEditor;

/**
 * Drives the Twinstudio workbench as a user would: File &gt; New wizards, the model editor's context menu, the Add
 * Connection dialog, Edit &gt; Undo, Redo, Ctrl+S, then checks the saved file, the problem markers, the Problems
 * view and Go To, and leaves a screenshot in target/screenshots/workbench.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwinstudioWorkbenchTest {

    private static final String PROJECT = "heating-line";
    private static final String MODEL_FILE = "heating.twin";

    private static UiDriver ui;
    private static IWorkbenchWindow window;

    @BeforeAll
    static void setUp() {
        ui = new UiDriver(Display.getCurrent());
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window");
        Shell shell = window.getShell();
        shell.setBounds(0, 0, 1400, 900);
        shell.forceActive();
        ui.pump(500);
    }

    @Test
    @Order(1)
    void windowShowsTheTwinstudioPerspective() {
        assertEquals("Twinstudio", window.getShell().getText());
        IWorkbenchPage page = window.getActivePage();
        assertEquals(TwinstudioUi.PERSPECTIVE_ID, page.getPerspective().getId());
        for (String view : List.of(IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.ID_OUTLINE,
                IPageLayout.ID_PROBLEM_VIEW, IPageLayout.ID_PROP_SHEET)) {
            assertTrue(Arrays.stream(page.getViewReferences()).anyMatch(r -> r.getId().equals(view)),
                    view + " is not in the perspective");
        }
        assertEquals("Twinstudio", org.eclipse.core.runtime.Platform.getProduct().getName());
        assertEquals("org.twinstudio.branding.product", org.eclipse.core.runtime.Platform.getProduct().getId());
        assertTrue(window.getShell().getImages().length >= 5, "window images of the product are set");
    }

    @Test
    @Order(2)
    void createProjectModelComponentsAndConnectionThenSave() throws Exception {
        Menu menuBar = window.getShell().getMenuBar();

        // File > New > Twin Project: project without a seeded model
        ui.modal("New Twin Project", () -> ui.choose(ui.item(menuBar, "File", "New", "Twin Project")), shell -> {
            ui.typeInto(UiDriver.text(shell, "Project name:"), PROJECT);
            Button seed = UiDriver.button(shell, "Create a twin model in the project");
            assertTrue(seed.getSelection(), "seeding a model is the default");
            ui.click(seed);
            ui.waitUntil(() -> !seed.getSelection(), "seed check box cleared");
            try {
                ui.screenshot(shell, Path.of("target", "screenshots", "new-twin-project.png"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            ui.click(UiDriver.button(shell, "Finish"));
        });
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
        ui.waitUntil(project::isOpen, "project " + PROJECT + " created and open");
        assertTrue(project.hasNature(TwinstudioUi.TWIN_NATURE_ID));
        assertFalse(project.getFile("plant.twin").exists(), "no model seeded: "
                + Arrays.stream(project.members()).map(IResource::getName).toList());

        // File > New > Twin Model in the project
        ui.modal("New Twin Model", () -> ui.choose(ui.item(menuBar, "File", "New", "Twin Model")), shell -> {
            Text folder = UiDriver.text(shell, "Enter or select the parent folder:");
            if (!folder.getText().equals(PROJECT)) {
                ui.typeInto(folder, PROJECT);
            }
            ui.typeInto(UiDriver.text(shell, "File name:"), MODEL_FILE);
            ui.click(UiDriver.button(shell, "Finish"));
        });
        IFile file = project.getFile(MODEL_FILE);
        ui.waitUntil(file::exists, MODEL_FILE + " created");
        ui.waitUntil(() -> window.getActivePage().getActiveEditor() instanceof TwinModelEditor, "model editor open");
        TwinModelEditor editor = (TwinModelEditor) window.getActivePage().getActiveEditor();
        assertEquals(file, editor.getFile());
        TwinModel model = editor.getModel();
        assertEquals("heating", model.getName());
        assertNotNull(model.getSimulation(), "new models have simulation settings");
        assertEquals(0.1, model.getSimulation().getStepSize(), 1e-9);

        // Add Component > Heater and > Tank from the editor's context menu
        Tree tree = (Tree) editor.getViewer().getControl();
        ui.click(tree.getItem(0));
        ui.waitUntil(() -> editor.getViewer().getStructuredSelection().getFirstElement() == model,
                "model selected by a click in the tree");
        ComponentTypeDescriptor heater = type("heater");
        ComponentTypeDescriptor tank = type("tank");
        ui.choose(ui.item(tree.getMenu(), "Add Component", heater.label()));
        ui.choose(ui.item(tree.getMenu(), "Add Component", tank.label()));
        assertEquals(List.of("heater1", "tank1"), model.getComponents().stream().map(Component::getName).toList());
        assertEquals(List.of("heater", "tank"), model.getComponents().stream().map(Component::getType).toList());
        assertTrue(editor.isDirty());

        // Add Connection...: heater output to a tank input of the same data type
        Port[] ports = compatiblePorts(model.getComponents().get(0), model.getComponents().get(1));
        ui.modal(AddConnectionDialog.TITLE, () -> ui.choose(ui.item(tree.getMenu(), "Add Connection...")), shell -> {
            ui.select(UiDriver.labelled(shell, "From (output):", Combo.class), AddConnectionDialog.describe(ports[0]));
            ui.select(UiDriver.labelled(shell, "To (input):", Combo.class), AddConnectionDialog.describe(ports[1]));
            ui.click(UiDriver.button(shell, "OK"));
        });
        assertEquals(1, model.getConnections().size());
        Connection connection = model.getConnections().get(0);
        assertSame(ports[0], connection.getSource());
        assertSame(ports[1], connection.getTarget());
        String connectionLabel = "heater1." + ports[0].getName() + " \u2192 tank1." + ports[1].getName();
        assertTrue(treeTexts(tree).stream().anyMatch(t -> t.contains(connectionLabel)),
                "connection shown in the tree as '" + connectionLabel + "': " + treeTexts(tree));

        // Edit > Undo removes the connection, Redo (workbench command) brings it back
        ui.choose(ui.item(menuBar, "Edit", "Undo Add Connection"));
        assertTrue(model.getConnections().isEmpty(), "undo removed the connection");
        IHandlerService handlers = window.getService(IHandlerService.class);
        handlers.executeCommand("org.eclipse.ui.edit.redo", null);
        ui.pump();
        assertEquals(1, model.getConnections().size(), "redo restored the connection");
        assertSame(ports[1], model.getConnections().get(0).getTarget());
        // the keyboard: Ctrl+Z in the editor
        ui.focus(tree);
        ui.key(SWT.CTRL, 'z');
        ui.waitUntil(() -> model.getConnections().isEmpty(), "Ctrl+Z undid the connection");
        ui.key(SWT.CTRL | SWT.SHIFT, 'z'); // Redo on GTK (Ctrl+Y on Windows)
        ui.waitUntil(() -> model.getConnections().size() == 1, "Ctrl+Shift+Z redid the connection");

        // Ctrl+S saves
        ui.focus(tree);
        ui.key(SWT.CTRL, 's');
        ui.waitUntil(() -> !editor.isDirty(), "editor saved by Ctrl+S");

        // The file on disk holds both components and the connection
        Resource saved = TwinModels.newResourceSet()
                .getResource(URI.createFileURI(file.getLocation().toOSString()), true);
        TwinModel onDisk = (TwinModel) saved.getContents().get(0);
        assertEquals(List.of("heater1", "tank1"), onDisk.getComponents().stream().map(Component::getName).toList());
        assertEquals(1, onDisk.getConnections().size());
        Connection savedConnection = onDisk.getConnections().get(0);
        assertEquals(ports[0].getName(), savedConnection.getSource().getName());
        assertEquals("heater1", ((Component) savedConnection.getSource().eContainer()).getName());
        assertEquals(ports[1].getName(), savedConnection.getTarget().getName());
        assertEquals("tank1", ((Component) savedConnection.getTarget().eContainer()).getName());
        assertNotNull(onDisk.getSimulation());

        // A valid model saves without problem markers
        assertEquals(List.of(), TwinModelValidator.validate(saved));
        assertEquals(0, file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO).length);

        // A second heater driving the same tank input: the dialog warns, the saved model has an error marker
        ui.choose(ui.item(tree.getMenu(), "Add Component", heater.label()));
        Component heater2 = model.getComponents().get(2);
        assertEquals("heater2", heater2.getName());
        Port heater2Out = heater2.getPorts().stream().filter(p -> p.getName().equals(ports[0].getName())).findFirst()
                .orElseThrow();
        ui.modal(AddConnectionDialog.TITLE, () -> ui.choose(ui.item(tree.getMenu(), "Add Connection...")), shell -> {
            ui.select(UiDriver.labelled(shell, "From (output):", Combo.class), AddConnectionDialog.describe(heater2Out));
            ui.select(UiDriver.labelled(shell, "To (input):", Combo.class), AddConnectionDialog.describe(ports[1]));
            AddConnectionDialog dialog = (AddConnectionDialog) shell.getData();
            assertTrue(dialog.getMessage().contains("already driven"), "dialog warns: " + dialog.getMessage());
            ui.click(UiDriver.button(shell, "OK"));
        });
        Connection second = model.getConnections().get(1);
        ui.focus(tree);
        ui.key(SWT.CTRL, 's');
        ui.waitUntil(() -> !editor.isDirty(), "editor saved by Ctrl+S");

        Resource broken = TwinModels.newResourceSet()
                .getResource(URI.createFileURI(file.getLocation().toOSString()), true);
        List<TwinDiagnostic> expected = TwinModelValidator.validate(broken);
        assertTrue(expected.stream().anyMatch(d -> "connection.multipleDrivers".equals(d.code())), "" + expected);
        IMarker[] markers = file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
        assertEquals(expected.size(), markers.length, "one marker per diagnostic: " + expected);
        IMarker drivers = Arrays.stream(markers)
                .filter(m -> "connection.multipleDrivers".equals(m.getAttribute(TwinstudioUi.MARKER_CODE, "")))
                .findFirst().orElseThrow();
        assertTrue(drivers.isSubtypeOf(IMarker.PROBLEM));
        assertEquals(IMarker.SEVERITY_ERROR, drivers.getAttribute(IMarker.SEVERITY, -1));
        assertTrue(drivers.getAttribute(IMarker.LINE_NUMBER, 0) > 0, "marker has a line number");
        assertTrue(drivers.getAttribute(IMarker.LOCATION, "").startsWith("heating/"),
                "location is the element path: " + drivers.getAttribute(IMarker.LOCATION, ""));
        assertNotNull(drivers.getAttribute(TwinstudioUi.MARKER_ELEMENT_URI, null));
        String message = drivers.getAttribute(IMarker.MESSAGE, "");
        assertTrue(expected.stream().anyMatch(d -> d.message().equals(message)));

        // ... and the Problems view lists it
        IViewPart problems = window.getActivePage().showView(IPageLayout.ID_PROBLEM_VIEW);
        MPart problemsPart = problems.getSite().getService(MPart.class);
        Tree problemTree = UiDriver.find((Control) problemsPart.getWidget(), Tree.class, t -> true,
                "in the Problems view");
        ui.waitUntil(() -> {
            expandAll(problemTree);
            return treeTexts(problemTree).stream().anyMatch(row -> row.contains(message) && row.contains(MODEL_FILE));
        }, "Problems view lists '" + message + "' on " + MODEL_FILE);

        // Go To: opening the marker selects the connection in the editor
        editor.getViewer().setSelection(org.eclipse.jface.viewers.StructuredSelection.EMPTY);
        IDE.openEditor(window.getActivePage(), drivers);
        ui.pump();
        IStructuredSelection selection = editor.getViewer().getStructuredSelection();
        assertSame(second, selection.getFirstElement(), "Go To selected the connection with the problem");
        ui.waitUntil(() -> {
            expandAll(problemTree);
            return treeTexts(problemTree).stream().anyMatch(row -> row.contains(message));
        }, "Problems view expanded");
        ui.pump(300);
        ui.screenshot(window.getShell(), Path.of("target", "screenshots", "workbench.png"));

        // Edit > Delete removes it; saving clears the marker and the Problems view
        window.getActivePage().activate(editor);
        ui.choose(ui.item(menuBar, "Edit", "Delete"));
        assertEquals(List.of(connection), List.copyOf(model.getConnections()));
        ui.focus(tree);
        ui.key(SWT.CTRL, 's');
        ui.waitUntil(() -> !editor.isDirty(), "editor saved by Ctrl+S");
        assertEquals(0, file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO).length);
        ui.waitUntil(() -> treeTexts(problemTree).stream().noneMatch(row -> row.contains(message)),
                "Problems view no longer lists '" + message + "'");

        // Rename... through the dialog
        TreeItem heater2Item = Arrays.stream(tree.getItem(0).getItems())
                .filter(i -> i.getData() == heater2).findFirst().orElseThrow();
        ui.click(heater2Item);
        ui.waitUntil(() -> editor.getViewer().getStructuredSelection().getFirstElement() == heater2,
                "heater2 selected");
        ui.modal("Rename", () -> ui.choose(ui.item(tree.getMenu(), "Rename...")), shell -> {
            ui.typeInto(find(shell, Text.class), "backupheater");
            ui.click(UiDriver.button(shell, "OK"));
        });
        assertEquals("backupheater", heater2.getName());
        assertTrue(editor.isDirty());
        handlers.executeCommand("org.eclipse.ui.file.save", null);
        ui.waitUntil(() -> !editor.isDirty(), "editor saved by File > Save");
        TwinModel renamed = (TwinModel) TwinModels.newResourceSet()
                .getResource(URI.createFileURI(file.getLocation().toOSString()), true).getContents().get(0);
        assertEquals(List.of("heater1", "tank1", "backupheater"),
                renamed.getComponents().stream().map(Component::getName).toList());

        // The Properties view edits the selected element through the editor's command stack
        Component heater1 = model.getComponents().get(0);
        ui.click(Arrays.stream(tree.getItem(0).getItems()).filter(i -> i.getData() == heater1).findFirst()
                .orElseThrow());
        IViewPart properties = window.getActivePage().showView(IPageLayout.ID_PROP_SHEET);
        ui.pump(200);
        Tree propertyTree = UiDriver.find((Control) properties.getSite().getService(MPart.class).getWidget(),
                Tree.class, Tree::isVisible, "in the Properties view");
        ui.waitUntil(() -> treeTexts(propertyTree).stream().anyMatch(row -> row.startsWith("Name | heater1")),
                "Properties view shows heater1: " + treeTexts(propertyTree));
        // The Properties view opens its cell editor on a mouse-down in the row; under Xvfb a posted click
        // selects the row but that mouse-down does not reach the view's listener, so it is notified directly.
        TreeItem descriptionRow = Arrays.stream(propertyTree.getItems())
                .filter(i -> i.getText().equals("Description")).findFirst().orElseThrow();
        org.eclipse.swt.graphics.Rectangle cell = descriptionRow.getBounds(1);
        ui.clickAt(propertyTree.toDisplay(cell.x + 20, cell.y + cell.height / 2));
        Event down = new Event();
        down.button = 1;
        down.x = cell.x + 20;
        down.y = cell.y + cell.height / 2;
        propertyTree.notifyListeners(SWT.MouseDown, down);
        ui.waitUntil(() -> propertyTree.getDisplay().getFocusControl() instanceof Text text
                && text.getParent() == propertyTree, "cell editor open");
        Text cellEditor = (Text) propertyTree.getDisplay().getFocusControl();
        ui.typeInto(cellEditor, "main heater");
        ui.key(0, SWT.CR, '\r');
        ui.waitUntil(() -> "main heater".equals(heater1.getDescription()), "description set in the Properties view");
        ui.waitUntil(() -> treeTexts(propertyTree).stream().anyMatch(row -> row.startsWith("Description | main heater")),
                "Properties view shows the new description: " + treeTexts(propertyTree));
        assertTrue(editor.isDirty(), "a property change makes the editor dirty");
        ui.choose(ui.item(menuBar, "Edit", "Undo Set"));
        assertEquals(null, heater1.getDescription(), "Edit > Undo in the Properties view undoes the change");
        handlers.executeCommand("org.eclipse.ui.edit.redo", null);
        assertEquals("main heater", heater1.getDescription());
        window.getActivePage().activate(editor);
        handlers.executeCommand("org.eclipse.ui.file.save", null);
        ui.waitUntil(() -> !editor.isDirty(), "saved");
    }

    private static <T extends Control> T find(Control root, Class<T> type) {
        return UiDriver.find(root, type, c -> true, "");
    }

    private static ComponentTypeDescriptor type(String id) {
        Optional<ComponentTypeDescriptor> type = ComponentTypeRegistry.getDefault().find(id);
        return type.orElseThrow(() -> new AssertionError("component type " + id + " is not registered"));
    }

    /** An output of {@code from} and an input of {@code to} with the same data type (and unit, if possible). */
    private static Port[] compatiblePorts(Component from, Component to) {
        Port[] best = null;
        for (Port out : from.getPorts()) {
            for (Port in : to.getPorts()) {
                if (out.getDirection() == PortDirection.OUT && in.getDirection() == PortDirection.IN
                        && out.getDataType() == in.getDataType()) {
                    boolean sameUnit = String.valueOf(out.getUnit()).equals(String.valueOf(in.getUnit()));
                    if (sameUnit) {
                        return new Port[] { out, in };
                    }
                    if (best == null) {
                        best = new Port[] { out, in };
                    }
                }
            }
        }
        if (best == null) {
            throw new AssertionError("no output of " + from.getName() + " fits an input of " + to.getName());
        }
        return best;
    }

    private static void expandAll(Tree tree) {
        for (TreeItem item : tree.getItems()) {
            expand(item);
        }
    }

    private static void expand(TreeItem item) {
        if (!item.getExpanded() && item.getItemCount() > 0) {
            item.setExpanded(true);
            Event expand = new Event();
            expand.item = item;
            item.getParent().notifyListeners(SWT.Expand, expand);
        }
        for (TreeItem child : item.getItems()) {
            expand(child);
        }
    }

    private static List<String> treeTexts(Tree tree) {
        List<String> texts = new ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            collect(item, texts);
        }
        return texts;
    }

    private static void collect(TreeItem item, List<String> texts) {
        StringBuilder row = new StringBuilder(item.getText());
        for (int column = 1; column < item.getParent().getColumnCount(); column++) {
            row.append(" | ").append(item.getText(column));
        }
        texts.add(row.toString());
        for (TreeItem child : item.getItems()) {
            collect(child, texts);
        }
    }
}
