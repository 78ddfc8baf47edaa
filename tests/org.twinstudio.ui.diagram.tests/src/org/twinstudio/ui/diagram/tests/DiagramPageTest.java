package org.twinstudio.ui.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.views.contentoutline.ContentOutline;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.diagram.TwinDiagramUi;
import org.twinstudio.ui.diagram.internal.TwinDiagramEditor;
import org.twinstudio.ui.internal.editor.TwinModelEditor;
import org.twinstudio.ui.internal.editor.TwinOutlinePage;

/**
 * The diagram page in the embedded browser (WebKitGTK under Xvfb) against the workbench's diagram server: edits
 * made in the page land on the shared document, the workbench undoes them exactly and saves them; selections travel
 * between the page, the tree editor and the Properties view; keys pressed in the browser reach the workbench.
 */
class DiagramPageTest {

    private IWorkbenchPage page;
    private IProject project;
    private IFile file;

    @BeforeEach
    void setUp() throws Exception {
        page = Workbench.page();
        project = Workbench.project("page");
        file = Workbench.copyOfHeatingLine(project);
    }

    @AfterEach
    void tearDown() throws Exception {
        page.closeAllEditors(false);
        Workbench.pump(100);
        project.delete(true, true, null);
        Workbench.pump();
    }

    private static TwinDiagramEditor openDiagram(IWorkbenchPage page, IFile file) throws Exception {
        TwinDiagramEditor diagram = Workbench.openDiagram(page, file);
        assertNull(diagram.getProblems(), String.valueOf(diagram.getProblems()));
        Workbench.waitUntil(diagram::isPageReady, "diagram page shows its model");
        assertNull(diagram.getPageError(), "the page reported: " + diagram.getPageError());
        return diagram;
    }

    private static Object js(TwinDiagramEditor diagram, String script) {
        return diagram.getBrowser().evaluate(script);
    }

    /** The ids of the page's elements of a type, sorted, as JSON. */
    private static String pageIds(TwinDiagramEditor diagram, String type) {
        return (String) js(diagram, "return JSON.stringify(window.twinstudioDiagram.modelRoot().children"
                + ".filter(function(c) { return c.type === '" + type + "'; })"
                + ".map(function(c) { return c.id; }).sort());");
    }

    private static String pagePosition(TwinDiagramEditor diagram, String id) {
        return (String) js(diagram, "var n = window.twinstudioDiagram.modelRoot().children"
                + ".filter(function(c) { return c.id === '" + id + "'; })[0];"
                + "return n && n.position ? n.position.x + ',' + n.position.y : 'none';");
    }

    private static String serialized(Resource resource) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource.save(out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Component component(TwinModel model, String name) {
        return model.getComponents().stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    private static NodeLayout layout(Resource resource, EObject element) {
        for (EObject root : resource.getContents()) {
            if (root instanceof Diagram diagram) {
                for (NodeLayout node : diagram.getNodes()) {
                    if (node.getSemanticElement() == element) {
                        return node;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void anEditInThePageIsSharedUndoneExactlyAndSaved() throws Exception {
        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        TwinDiagramEditor diagram = openDiagram(page, file);
        System.out.println("Twin diagram of heating-line.twin shown " + diagram.getRenderMillis()
                + " ms after the editor opened");
        assertEquals("[\"controller\",\"heater\",\"inletValve\",\"sensorL\",\"sensorT\",\"tank\"]",
                pageIds(diagram, "node:component"));
        assertEquals(6, ((String) pageIds(diagram, "edge:connection")).split(",").length);

        Resource resource = tree.getResource();
        Component heater = component(tree.getModel(), "heater");
        Workbench.pump(500); // let the page settle: its first model may bring its own commands
        org.eclipse.emf.common.command.CommandStack stack = diagram.getDocument().commandStack();
        org.eclipse.emf.common.command.Command lastBefore = stack.getUndoCommand();
        boolean dirtyBefore = diagram.isDirty();
        if (lastBefore != null) {
            System.out.println("Command on the stack after opening the diagram: " + lastBefore.getLabel());
        }
        String before = serialized(resource);
        js(diagram, "window.twinstudioDiagram.dispatch({ kind: 'changeBounds', newBounds: [{ elementId: 'heater',"
                + " newPosition: { x: 420, y: 260 }, newSize: { width: 180, height: 90 } }] }); return true;");
        Workbench.waitUntil(() -> stack.getUndoCommand() != lastBefore, "the page's move reached the shared stack");
        assertTrue(diagram.isDirty(), "the page's move made the diagram editor dirty");
        assertTrue(tree.isDirty(), "the tree editor on the same file is dirty too");
        assertEquals("Resize", stack.getUndoCommand().getLabel());
        NodeLayout moved = layout(resource, heater);
        assertNotNull(moved, "the heater has a layout in the shared model");
        assertEquals(420, moved.getX(), 1e-9);
        assertEquals(260, moved.getY(), 1e-9);
        assertEquals(180, moved.getWidth(), 1e-9);
        assertEquals(90, moved.getHeight(), 1e-9);
        Workbench.waitUntil(() -> "420,260".equals(pagePosition(diagram, "heater")), "page shows the moved heater");

        page.activate(diagram);
        Workbench.undo();
        assertEquals(before, serialized(resource), "Edit > Undo restored the model exactly");
        assertSame(lastBefore, stack.getUndoCommand(), "one gesture, one undo");
        assertEquals(dirtyBefore, diagram.isDirty());
        assertEquals(dirtyBefore, tree.isDirty());
        Workbench.waitUntil(() -> !"420,260".equals(pagePosition(diagram, "heater")), "page follows the undo");

        Workbench.redo();
        assertTrue(tree.isDirty());
        Workbench.command(IWorkbenchCommandConstants.FILE_SAVE);
        assertFalse(diagram.isDirty());
        assertFalse(tree.isDirty());
        TwinModels.Loaded reloaded = TwinModels.load(Path.of(file.getLocation().toOSString()));
        NodeLayout saved = layout(reloaded.resource(), component(reloaded.model(), "heater"));
        assertNotNull(saved, "the saved file holds the heater's layout: " + Files.readString(
                Path.of(file.getLocation().toOSString())));
        assertEquals(420, saved.getX(), 1e-9);
        assertEquals(260, saved.getY(), 1e-9);
        assertEquals(List.of(), reloaded.diagnostics(), "the saved model is valid");
    }

    @Test
    void aFileChangedOutsideIsShownAgainInThePage() throws Exception {
        TwinDiagramEditor diagram = openDiagram(page, file);
        String renamed = Files.readString(Workbench.HEATING_LINE).replace("\"heater", "\"boiler");
        file.setContents(new java.io.ByteArrayInputStream(renamed.getBytes(StandardCharsets.UTF_8)), true, false, null);
        Workbench.waitUntil(() -> component(diagram.getDocument().model(), "boiler") != null, "document reloaded");
        Workbench.waitUntil(() -> pageIds(diagram, "node:component").contains("\"boiler\""),
                "page shows the reloaded model: " + pageIds(diagram, "node:component"));
        assertFalse(pageIds(diagram, "node:component").contains("\"heater\""));
        assertFalse(diagram.isDirty());
        // The page edits the reloaded model, not the old one.
        js(diagram, "window.twinstudioDiagram.dispatch({ kind: 'changeBounds', newBounds: [{ elementId: 'boiler',"
                + " newPosition: { x: 100, y: 100 } }] }); return true;");
        Workbench.waitUntil(diagram::isDirty, "moved in the reloaded model");
        assertNotNull(layout(diagram.getDocument().resource(), component(diagram.getDocument().model(), "boiler")));
    }

    @Test
    void autoLayoutFromThePagePlacesEveryComponentApart() throws Exception {
        TwinDiagramEditor diagram = openDiagram(page, file);
        TwinModel model = diagram.getDocument().model();
        js(diagram, "window.twinstudioDiagram.dispatch({ kind: 'layout', elementIds: [] }); return true;");
        Workbench.waitUntil(diagram::isDirty, "the layout reached the shared document");
        assertEquals("Auto-layout", diagram.getDocument().commandStack().getUndoCommand().getLabel());
        List<NodeLayout> layouts = new ArrayList<>();
        for (Component component : model.getComponents()) {
            NodeLayout layout = layout(diagram.getDocument().resource(), component);
            assertNotNull(layout, component.getName() + " has a place");
            for (NodeLayout other : layouts) {
                boolean apart = layout.getX() >= other.getX() + other.getWidth() || other.getX() >= layout.getX() + layout.getWidth()
                        || layout.getY() >= other.getY() + other.getHeight() || other.getY() >= layout.getY() + layout.getHeight();
                assertTrue(apart, component.getName() + " overlaps " + other.getSemanticElement());
            }
            layouts.add(layout);
        }
        for (Component component : model.getComponents()) {
            NodeLayout layout = layout(diagram.getDocument().resource(), component);
            String expected = fmt(layout.getX()) + "," + fmt(layout.getY());
            Workbench.waitUntil(() -> expected.equals(pagePosition(diagram, component.getName())),
                    "page shows " + component.getName() + " at " + expected);
        }
        page.setPartState(page.getReference(diagram), IWorkbenchPage.STATE_MAXIMIZED);
        Workbench.pump(1000); // the page takes the new size
        js(diagram, "window.twinstudioDiagram.dispatch({ kind: 'fit', elementIds: [], padding: 30, animate: false });"
                + " return true;");
        Workbench.pump(500);
        Workbench.screenshot("diagram-editor");
        page.setPartState(page.getReference(diagram), IWorkbenchPage.STATE_RESTORED);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    @Test
    void selectionsTravelBetweenPageTreeEditorAndPropertiesView() throws Exception {
        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        TwinDiagramEditor diagram = openDiagram(page, file);
        IViewPart properties = page.showView(IPageLayout.ID_PROP_SHEET, null, IWorkbenchPage.VIEW_VISIBLE);
        ContentOutline outline = (ContentOutline) page.showView(IPageLayout.ID_OUTLINE, null,
                IWorkbenchPage.VIEW_VISIBLE);
        page.activate(diagram);
        Workbench.waitUntil(() -> outline.getCurrentPage() instanceof TwinOutlinePage, "the diagram's outline");
        TwinOutlinePage outlinePage = (TwinOutlinePage) outline.getCurrentPage();
        Component tank = component(tree.getModel(), "tank");

        // page -> host: the page selects as a click would, the host hears it through its callback
        js(diagram, "window.twinstudioDiagram.select(['tank']); return true;");
        Workbench.waitUntil(() -> ((IStructuredSelection) diagram.getSelection()).toList().equals(List.of(tank)),
                "diagram editor selection follows the page");
        Workbench.waitUntil(() -> propertyTexts(properties).contains("tank"), "Properties view shows the tank");
        List<String> shown = propertyTexts(properties);
        assertEquals("tank", shown.get(shown.indexOf("Name") + 1), "the tank's name in the Properties view: " + shown);
        Workbench.waitUntil(() -> tree.getViewer().getStructuredSelection().toList().equals(List.of(tank)),
                "the tree editor shows the diagram's selection");
        assertEquals(List.of(tank), ((IStructuredSelection) outlinePage.getSelection()).toList(),
                "the Outline shows the diagram's selection");

        // Outline -> page
        Component sensor = component(tree.getModel(), "sensorT");
        outlinePage.setSelection(new StructuredSelection(sensor));
        Workbench.waitUntil(() -> "[\"sensorT\"]".equals(js(diagram, "return JSON.stringify(window.twinstudioDiagram.selection());")),
                "page selects what the Outline selected");

        // host -> page: a selection in the tree editor is shown in the page
        page.activate(tree);
        Component heater = component(tree.getModel(), "heater");
        tree.getViewer().setSelection(new StructuredSelection(heater), true);
        Workbench.waitUntil(() -> "[\"heater\"]".equals(js(diagram, "return JSON.stringify(window.twinstudioDiagram.selection());")),
                "page selects what the tree editor selected");
    }

    @Test
    void aProblemMarkerOpensTheDiagramOnItsElement() throws Exception {
        IFile typo = Workbench.create(project, "typo.twin",
                Files.readString(Workbench.HEATING_LINE).replace("type=\"heater\"", "type=\"heatr\""));
        IDE.setDefaultEditor(typo, TwinDiagramUi.EDITOR_ID);
        TwinDiagramEditor diagram = openDiagram(page, typo);
        diagram.getDocument().validate();
        IMarker marker = List.of(typo.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO)).stream()
                .filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains("heatr")).findFirst()
                .orElseThrow(() -> new AssertionError("no marker for the unknown type"));
        page.closeAllEditors(false);

        // as Go To in the Problems view does: the file's editor (the diagram, chosen last) opens on the marker
        TwinDiagramEditor opened = (TwinDiagramEditor) IDE.openEditor(page, marker);
        Component heater = component(opened.getDocument().model(), "heater");
        assertEquals(List.of(heater), ((IStructuredSelection) opened.getSelection()).toList());
        Workbench.waitUntil(opened::isPageReady, "page shown");
        System.out.println("Twin diagram of typo.twin shown " + opened.getRenderMillis()
                + " ms after the editor opened (diagram server already running)");
        Workbench.waitUntil(() -> "[\"heater\"]".equals(js(opened, "return JSON.stringify(window.twinstudioDiagram.selection());")),
                "page selects the marker's component");
    }

    @Test
    void undoRedoAndSaveKeysWorkWhileTheBrowserHasTheFocus() throws Exception {
        TwinDiagramEditor diagram = openDiagram(page, file);
        TwinModel model = diagram.getDocument().model();
        Component sensor = component(model, "sensorL");
        js(diagram, "window.twinstudioDiagram.dispatch({ kind: 'changeBounds', newBounds: [{ elementId: 'sensorL',"
                + " newPosition: { x: 40, y: 500 } }] }); return true;");
        Workbench.waitUntil(diagram::isDirty, "moved in the page");
        assertNotNull(layout(diagram.getDocument().resource(), sensor));
        int depth = undoDepth(diagram);

        focusBrowser(diagram);
        key(SWT.CTRL, 'z');
        Workbench.waitUntil(() -> !diagram.isDirty(), "Ctrl+Z in the browser undid the move");
        Workbench.pump(300);
        assertEquals(depth - 1, undoDepth(diagram), "undone once, not twice");
        key(SWT.CTRL | SWT.SHIFT, 'z');
        Workbench.waitUntil(diagram::isDirty, "Ctrl+Shift+Z redid it");
        key(SWT.CTRL, 's');
        Workbench.waitUntil(() -> !diagram.isDirty(), "Ctrl+S saved");
        assertTrue(Files.readString(Path.of(file.getLocation().toOSString())).contains("y=\"500"),
                "the layout is in the file");

        // Delete removes the selected component and its connections
        js(diagram, "window.twinstudioDiagram.select(['sensorL']); return true;");
        Workbench.waitUntil(() -> ((IStructuredSelection) diagram.getSelection()).toList().equals(List.of(sensor)),
                "sensorL selected");
        focusBrowser(diagram);
        key(0, (int) SWT.DEL, SWT.DEL); // SWT.DEL is a char: as key code it names the Delete key
        Workbench.waitUntil(() -> component(model, "sensorL") == null, "Delete removed sensorL");
        assertTrue(model.getConnections().stream().noneMatch(c -> c.getTarget().eContainer() == sensor),
                "its connection went with it");
        key(SWT.CTRL, 'z');
        Workbench.waitUntil(() -> component(model, "sensorL") != null, "Ctrl+Z brought it back");
        assertSame(sensor, component(model, "sensorL"));
    }

    private static int undoDepth(TwinDiagramEditor diagram) {
        // The stack's undo history, counted by undoing nothing: its most recent commands are what matter here.
        int depth = 0;
        org.eclipse.emf.common.command.BasicCommandStack stack = diagram.getDocument().commandStack();
        try {
            java.lang.reflect.Field top = org.eclipse.emf.common.command.BasicCommandStack.class.getDeclaredField("top");
            top.setAccessible(true);
            depth = (Integer) top.get(stack) + 1;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return depth;
    }

    private static void focusBrowser(TwinDiagramEditor diagram) {
        Control browser = diagram.getBrowser();
        browser.getShell().forceActive();
        Point size = browser.getSize();
        // An empty spot of the canvas (top right): a click there selects nothing and gives the page the keyboard.
        Point spot = browser.toDisplay(size.x - 30, size.y - 30);
        post(SWT.MouseMove, spot.x, spot.y, 0);
        Workbench.pump(50);
        browser.setFocus();
        Workbench.pump(200);
    }

    private static void key(int modifiers, char character) {
        key(modifiers, 0, character);
    }

    private static void key(int modifiers, int keyCode, char character) {
        Display display = Display.getCurrent();
        for (int modifier : new int[] { SWT.CTRL, SWT.SHIFT }) {
            if ((modifiers & modifier) != 0) {
                postKey(display, SWT.KeyDown, modifier, '\0');
            }
        }
        postKey(display, SWT.KeyDown, keyCode, character);
        postKey(display, SWT.KeyUp, keyCode, character);
        for (int modifier : new int[] { SWT.SHIFT, SWT.CTRL }) {
            if ((modifiers & modifier) != 0) {
                postKey(display, SWT.KeyUp, modifier, '\0');
            }
        }
        Workbench.pump(100);
    }

    private static void postKey(Display display, int type, int keyCode, char character) {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        event.character = character;
        if (!display.post(event)) {
            throw new AssertionError("Display.post refused a key event");
        }
        Workbench.pump();
    }

    private static void post(int type, int x, int y, int button) {
        Event event = new Event();
        event.type = type;
        event.x = x;
        event.y = y;
        event.button = button;
        if (!Display.getCurrent().post(event)) {
            throw new AssertionError("Display.post refused a mouse event");
        }
        Workbench.pump();
    }

    /** Every text shown in the Properties view (names and values of the selected element's properties). */
    private static List<String> propertyTexts(IViewPart view) {
        List<String> texts = new ArrayList<>();
        Control control = ((PropertySheet) view).getCurrentPage().getControl();
        if (control instanceof Tree tree) {
            collect(tree.getItems(), tree.getColumnCount(), texts);
        }
        return texts;
    }

    private static void collect(TreeItem[] items, int columns, List<String> texts) {
        for (TreeItem item : items) {
            for (int i = 0; i < Math.max(1, columns); i++) {
                texts.add(item.getText(i));
            }
            item.setExpanded(true);
            collect(item.getItems(), columns, texts);
        }
    }
}
