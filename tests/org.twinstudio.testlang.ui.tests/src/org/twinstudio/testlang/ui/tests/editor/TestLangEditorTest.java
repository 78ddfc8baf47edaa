package org.twinstudio.testlang.ui.tests.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.testlang.ui.editor.TestLangEditor;
import org.twinstudio.testlang.ui.internal.editor.OutlineNode;
import org.twinstudio.testlang.ui.internal.editor.TestLangContentAssistProcessor;
import org.twinstudio.testlang.ui.internal.editor.TestLangReconcilingStrategy;
import org.twinstudio.testlang.ui.internal.editor.TokenStyles;
import org.twinstudio.testlang.ui.internal.markers.SuiteMarkers;

/**
 * The .twintest editor in the running workbench on a copy of the heating-line example: opened from the Project
 * Explorer, coloured, content assist by keyboard, hovers, problems while typing and as markers after saving, the
 * outline, Go To the model, Toggle Comment and undo.
 */
class TestLangEditorTest {

    static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();

    private EditorUi ui;
    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private IProject project;
    private IFile suite;
    private String suiteText;

    @BeforeEach
    void setUp() throws Exception {
        ui = new EditorUi(Display.getCurrent());
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("heating-line-suites");
        project.create(null);
        project.open(null);
        copy("heating-line.twin", project.getFile("heating-line.twin"));
        suite = project.getFile("acceptance.twintest");
        copy("acceptance.twintest", suite);
        suiteText = Files.readString(EXAMPLE.resolve("acceptance.twintest"));
    }

    @AfterEach
    void tearDown() throws Exception {
        Shell workbench = window.getShell();
        Shell popup = ui.proposalPopup(workbench);
        if (popup != null) {
            popup.close();
        }
        page.closeAllEditors(false);
        project.delete(true, true, null);
        ui.pump();
    }

    private static void copy(String name, IFile target) throws Exception {
        target.create(new ByteArrayInputStream(Files.readAllBytes(EXAMPLE.resolve(name))), true, null);
    }

    private TestLangEditor open() throws Exception {
        long start = System.nanoTime();
        TestLangEditor editor = assertInstanceOf(TestLangEditor.class, IDE.openEditor(page, suite));
        ui.waitUntil(() -> editor.reconcileCount() > 0, "first reconcile");
        System.out.printf("twintest editor: opened and first reconciled in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return editor;
    }

    private static IDocument document(TestLangEditor editor) {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    /** Offset of the {@code nth} (0-based) occurrence of {@code what} in {@code text}, after {@code after}. */
    private static int offset(String text, String after, String what) {
        int start = text.indexOf(after);
        assertTrue(start >= 0, "'" + after + "' in the text");
        int at = text.indexOf(what, start);
        assertTrue(at >= 0, "'" + what + "' after '" + after + "'");
        return at;
    }

    private static List<IMarker> problems(IFile file) {
        try {
            return Arrays.asList(file.findMarkers(SuiteMarkers.MARKER_ID, true, IResource.DEPTH_ZERO));
        } catch (CoreException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> errorAnnotations(TestLangEditor editor) {
        List<String> messages = new ArrayList<>();
        IAnnotationModel model = editor.annotationModel();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation annotation = it.next();
            if (TestLangReconcilingStrategy.ERROR_TYPE.equals(annotation.getType())) {
                messages.add(annotation.getText());
            }
        }
        return messages;
    }

    private void placeCaret(TestLangEditor editor, int offset) {
        editor.selectAndReveal(offset, 0);
        ui.focus(editor.viewer().getTextWidget());
        editor.selectAndReveal(offset, 0);
        ui.pump();
    }

    private static void assertStyle(StyledText text, int offset, TokenStyles expected, String what) {
        StyleRange range = text.getStyleRangeAtOffset(offset);
        assertNotNull(range, what + " is coloured");
        Color colour = expected.attribute().getForeground();
        assertEquals(colour.getRGB(), range.foreground == null ? null : range.foreground.getRGB(), what + " colour");
        assertEquals(expected.attribute().getStyle() & (SWT.BOLD | SWT.ITALIC), range.fontStyle, what + " font style");
    }

    @Test
    void opensFromTheProjectExplorerAndColoursTheSuite() throws Exception {
        assertEquals(TestLangEditor.ID,
                PlatformUI.getWorkbench().getEditorRegistry().getDefaultEditor(suite.getName()).getId());
        CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(suite));
        ui.pump();
        Tree tree = explorer.getCommonViewer().getTree();
        TreeItem[] selected = tree.getSelection();
        assertEquals(1, selected.length, "the suite is selected in the Project Explorer");
        Event open = new Event();
        open.item = selected[0];
        tree.notifyListeners(SWT.DefaultSelection, open); // a double-click or Enter
        ui.waitUntil(() -> page.getActiveEditor() instanceof TestLangEditor, "suite editor opened");
        TestLangEditor editor = (TestLangEditor) page.getActiveEditor();
        assertNotNull(editor.getTitleImage());
        ui.waitUntil(() -> editor.reconcileCount() > 0 && !editor.resolvedNamePositions().isEmpty(),
                "names resolved");
        ui.pump(200);

        StyledText text = editor.viewer().getTextWidget();
        assertStyle(text, 0, TokenStyles.COMMENT, "comment");
        assertStyle(text, offset(suiteText, "", "suite \""), TokenStyles.KEYWORD, "'suite'");
        assertStyle(text, offset(suiteText, "", "\"Heating line acceptance\"") + 3, TokenStyles.STRING, "suite name");
        assertStyle(text, offset(suiteText, "within", "within"), TokenStyles.KEYWORD, "'within'");
        int setpoint = offset(suiteText, "set controller.setpoint", "60");
        assertStyle(text, setpoint, TokenStyles.NUMBER, "number");
        assertStyle(text, setpoint + 3, TokenStyles.UNIT, "unit degC");
        assertStyle(text, offset(suiteText, "", "24 kW") + 3, TokenStyles.COMMENT, "a quantity in a comment");
        assertStyle(text, offset(suiteText, "set controller.setpoint", "controller"), TokenStyles.REFERENCE,
                "component name");
        assertStyle(text, offset(suiteText, "set controller.setpoint", "setpoint"), TokenStyles.REFERENCE,
                "port name");
    }

    @Test
    void contentAssistProposesTheModelsNamesAfterSetAndPortsAfterTheComponent() throws Exception {
        TestLangEditor editor = open();
        placeCaret(editor, offset(suiteText, "set inletValve.open = false", "\n"));
        ui.type("\nset ");
        assertTrue(document(editor).get().contains("    set inletValve.open = false\n    set \n"),
                "typed with the indentation of the line before: " + document(editor).get());

        long start = System.nanoTime();
        ui.key(SWT.CTRL, 0, ' ');
        Shell workbench = window.getShell();
        ui.waitUntil(() -> ui.proposalPopup(workbench) != null, "content assist popup after Ctrl+Space");
        System.out.printf("twintest editor: content assist popup %d ms after Ctrl+Space%n",
                (System.nanoTime() - start) / 1_000_000);
        Shell popup = ui.proposalPopup(workbench);
        List<String> components = EditorUi.rows(popup);
        for (String name : List.of("heater", "tank", "controller", "inletValve", "sensorT", "sensorL")) {
            assertTrue(components.stream().anyMatch(row -> row.startsWith(name)), name + " proposed: " + components);
        }
        assertFalse(components.stream().anyMatch(row -> row.startsWith("temperature")), "no ports yet: " + components);
        Rectangle area = workbench.getBounds().union(popup.getBounds()).intersection(workbench.getDisplay().getBounds());
        ui.screenshot(area, Path.of("target", "screenshots", "twintest-editor.png"));
        // typing on filters the proposals; the '.' after the component opens the ports of that component
        StyledText widget = editor.viewer().getTextWidget();
        ui.typeInto(widget, "tank.");
        ui.waitUntil(() -> ui.proposalPopup(workbench) != null
                && EditorUi.rows(ui.proposalPopup(workbench)).stream().anyMatch(row -> row.startsWith("temperature")),
                () -> "ports proposed after 'tank.'; focus " + Display.getCurrent().getFocusControl() + ", popup "
                        + (ui.proposalPopup(workbench) == null ? "closed" : EditorUi.rows(ui.proposalPopup(workbench)))
                        + ", text " + document(editor).get().substring(200, 330));
        List<String> ports = EditorUi.rows(ui.proposalPopup(workbench));
        for (String name : List.of("temperature", "level", "inflow", "heatInput")) {
            assertTrue(ports.stream().anyMatch(row -> row.startsWith(name)), name + " proposed: " + ports);
        }
        assertFalse(ports.stream().anyMatch(row -> row.startsWith("heater")), "only ports of tank: " + ports);

        // choosing a proposal inserts it
        ui.typeInto(widget, "lev");
        ui.waitUntil(() -> ui.proposalPopup(workbench) != null
                && EditorUi.rows(ui.proposalPopup(workbench)).stream().allMatch(row -> row.startsWith("level")),
                () -> "only level left after 'lev': popup " + (ui.proposalPopup(workbench) == null ? "closed"
                        : EditorUi.rows(ui.proposalPopup(workbench))) + ", text "
                        + document(editor).get().substring(200, 330));
        ui.typeInto(widget, "\n");
        ui.waitUntil(() -> document(editor).get().contains("set tank.level\n"), "the proposal inserted: "
                + document(editor).get());
        assertTrue(ui.proposalPopup(workbench) == null, "popup closed after choosing");
    }

    @Test
    void unitsThatFitThePortAreProposed() throws Exception {
        TestLangEditor editor = open();
        TestLangContentAssistProcessor assist = editor.configuration().contentAssistProcessor();
        String line = "    set tank.inflowTemperature = 60 ";
        String text = suiteText.replace("    set inletValve.open = false\n", "    set inletValve.open = false\n" + line + "\n");
        List<String> units = units(assist, text, text.indexOf(line) + line.length());
        assertEquals("degC", units.get(0), "the port's own unit first: " + units);
        assertTrue(units.contains("K"), units.toString());
        assertFalse(units.contains("bar") || units.contains("s") || units.contains("kW"), units.toString());

        String power = "    expect heater.power > 20 k";
        text = suiteText.replace("    set inletValve.open = false\n", "    set inletValve.open = false\n" + power + "\n");
        assertEquals(List.of("kW"), units(assist, text, text.indexOf(power) + power.length()),
                "units of power starting with k");

        String wait = "    wait 10 ";
        text = suiteText.replace("    set inletValve.open = false\n", "    set inletValve.open = false\n" + wait + "\n");
        assertEquals(List.of("s", "ms", "min", "h"), units(assist, text, text.indexOf(wait) + wait.length()));
    }

    private static List<String> units(TestLangContentAssistProcessor assist, String text, int offset) {
        return assist.proposals(text, offset).stream()
                .filter(p -> p.kind() == TestLangContentAssistProcessor.Kind.UNIT)
                .map(TestLangContentAssistProcessor.Proposal::replacement).toList();
    }

    @Test
    void hoverShowsThePortsTypeDirectionAndUnit() throws Exception {
        TestLangEditor editor = open();
        ITextHover hover = editor.configuration().getTextHover(editor.viewer(), IDocument.DEFAULT_CONTENT_TYPE);
        int port = offset(suiteText, "expect tank.temperature >= 59", "temperature") + 2;
        IRegion region = hover.getHoverRegion(editor.viewer(), port);
        String text = hover.getHoverInfo(editor.viewer(), region);
        assertEquals("Port tank.temperature\noutput, real, unit degC\nof tank (tank)", text);

        int input = offset(suiteText, "set controller.setpoint", "setpoint");
        assertEquals("Port controller.setpoint\ninput, real, unit degC\nstart value 60\nof controller (pid)",
                hover.getHoverInfo(editor.viewer(), new Region(input, 0)));

        String component = hover.getHoverInfo(editor.viewer(), new Region(offset(suiteText, "inject fault heater", "heater"), 0));
        assertTrue(component.startsWith("Component heater\ntype heater\nports: command (in, %), power (out, W)"),
                component);
        assertNull(hover.getHoverInfo(editor.viewer(), new Region(offset(suiteText, "wait 5 min", "wait"), 0)),
                "nothing on a keyword");

        // the same text in a hover when the mouse rests on the name
        StyledText widget = editor.viewer().getTextWidget();
        editor.selectAndReveal(port, 0);
        ui.pump(100);
        org.eclipse.swt.graphics.Point at = widget.getLocationAtOffset(port);
        org.eclipse.swt.graphics.Point onName = widget.toDisplay(at.x + 3, at.y + widget.getLineHeight(port) / 2);
        widget.getShell().forceActive();
        ui.moveTo(new org.eclipse.swt.graphics.Point(onName.x - 2, onName.y));
        ui.moveTo(onName);
        Shell workbench = window.getShell();
        ui.waitUntil(() -> ui.popupText(workbench).contains("Port tank.temperature"),
                () -> "hover shown by the mouse, seen: '" + ui.popupText(workbench) + "'");
        assertTrue(ui.popupText(workbench).contains("output, real, unit degC"), ui.popupText(workbench));
    }

    @Test
    void problemsShowWhileTypingAndAsMarkersAfterSaving() throws Exception {
        TestLangEditor editor = open();
        ui.waitUntil(() -> editor.reconcileCount() > 0, "reconciled");
        assertEquals(List.of(), errorAnnotations(editor), "the example has no problems");
        int lineEnd = offset(suiteText, "set controller.setpoint = 60 degC", "\n");
        placeCaret(editor, lineEnd);
        ui.type("\nset tank.inflowTemprature = 50 degC");
        long typed = System.nanoTime();
        ui.waitUntil(() -> errorAnnotations(editor).stream().anyMatch(m -> m.contains("inflowTemprature")),
                "error annotation while typing, got " + errorAnnotations(editor));
        System.out.printf("twintest editor: problem underlined %d ms after the last key (reconcile delay %d ms)%n",
                (System.nanoTime() - typed) / 1_000_000,
                org.twinstudio.testlang.ui.internal.editor.TestLangSourceViewerConfiguration.RECONCILE_DELAY_MS);
        assertTrue(editor.isDirty());
        assertEquals(List.of(), problems(suite), "no marker before saving");

        ui.key(SWT.CTRL, 0, 's');
        ui.waitUntil(() -> !editor.isDirty(), "saved by Ctrl+S");
        ui.waitUntil(() -> !problems(suite).isEmpty(), "marker after saving");
        IMarker marker = problems(suite).get(0);
        assertEquals(1, problems(suite).size(), "one problem");
        int typedLine = suiteText.substring(0, lineEnd).split("\n", -1).length + 1;
        assertEquals(typedLine, marker.getAttribute(IMarker.LINE_NUMBER, -1), "on the typed line");
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
        assertTrue(marker.getAttribute(IMarker.MESSAGE, "").contains("inflowTemprature"),
                marker.getAttribute(IMarker.MESSAGE, ""));
        assertEquals(1, errorAnnotations(editor).size(), "the editor draws the problem once, not once more for the marker");

        // fix by typing over the misspelled name
        String text = document(editor).get();
        int typo = text.indexOf("Temprature");
        editor.selectAndReveal(typo, "Temprature".length());
        ui.pump();
        ui.type("Temperature");
        ui.waitUntil(() -> errorAnnotations(editor).isEmpty(), "annotation gone after the fix, still "
                + errorAnnotations(editor) + " in " + document(editor).get());
        ui.key(SWT.CTRL, 0, 's');
        ui.waitUntil(() -> problems(suite).isEmpty(), "marker gone after saving the fix");

        // edits are undoable
        String fixed = document(editor).get();
        for (int i = 0; i < 20 && !document(editor).get().contains("inflowTemprature"); i++) {
            ui.key(SWT.CTRL, 0, 'z');
        }
        assertTrue(document(editor).get().contains("inflowTemprature"), "Ctrl+Z brings back the text before the fix");
        assertTrue(editor.isDirty());
        assertFalse(fixed.equals(document(editor).get()));
    }

    @Test
    void missingModelIsMarkedOnItsLineAndRecheckedWhenTheModelComesAndGoes() throws Exception {
        IFile lost = project.getFile("lost.twintest");
        lost.create(new ByteArrayInputStream(("// uses a model that is not there yet\nsuite \"s\" model \"nowhere.twin\"\n"
                + "test \"t\" {\n    set heater.command = 50 %\n}\n").getBytes(StandardCharsets.UTF_8)), true, null);
        ui.waitUntil(() -> !problems(lost).isEmpty(), "marker for the missing model");
        TestLangEditor editor = assertInstanceOf(TestLangEditor.class, IDE.openEditor(page, lost));
        ui.waitUntil(() -> errorAnnotations(editor).stream().anyMatch(m -> m.contains("nowhere.twin")),
                "the open editor shows the missing model");
        assertEquals(List.of(), editor.resolvedNamePositions(), "no name resolves without a model");
        IMarker marker = problems(lost).get(0);
        assertEquals(2, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(marker.getAttribute(IMarker.MESSAGE, "").contains("nowhere.twin"), marker.getAttribute(IMarker.MESSAGE, ""));
        assertEquals(1, problems(lost).size(), "nothing else is reported without a model");

        IFile model = project.getFile("nowhere.twin");
        copy("heating-line.twin", model);
        ui.waitUntil(() -> problems(lost).isEmpty(), "re-checked when the model appears");
        ui.waitUntil(() -> errorAnnotations(editor).isEmpty() && editor.resolvedNamePositions().size() == 2,
                () -> "the open editor re-checked its text: " + errorAnnotations(editor) + ", names "
                        + editor.resolvedNamePositions());

        model.delete(true, null);
        ui.waitUntil(() -> !problems(lost).isEmpty(), "re-checked when the model is deleted");
    }

    @Test
    void outlineListsSetupTeardownTestsAndTheirStatements() throws Exception {
        TestLangEditor editor = open();
        page.showView(IPageLayout.ID_OUTLINE);
        page.activate(editor);
        ui.waitUntil(() -> editor.outline() != null, "outline computed");
        OutlineNode root = editor.outline();
        assertEquals("suite \"Heating line acceptance\" model \"heating-line.twin\"", root.label());
        assertEquals(List.of("setup", "teardown", "test \"heater reaches setpoint\" tags smoke, regression",
                "test \"setpoint step\" tags regression", "test \"stuck temperature sensor\" tags faults",
                "test \"reaches each setpoint\" tags regression", "test \"overtemperature alarm\" tags faults, alerts"),
                editor.outlinePage().blockLabels());
        assertEquals(List.of("expect heater.power > 20 kW within 10 s", "expect tank.temperature >= 59 degC within 30 min",
                "expect tank.temperature == 60 degC ± 1.5 degC for 10 min"),
                root.children().get(2).children().stream().map(OutlineNode::label).toList());

        Tree tree = (Tree) editor.outlinePage().getControl();
        ui.waitUntil(() -> tree.getItemCount() == 1 && tree.getItem(0).getItemCount() == 7,
                "outline tree shown: " + tree.getItemCount() + " roots");
        assertEquals("setup", tree.getItem(0).getItem(0).getText());

        // selecting a test selects its text
        TreeItem setpointStep = tree.getItem(0).getItem(3);
        editor.outlinePage().setSelection(new StructuredSelection(setpointStep.getData()));
        ui.pump();
        int start = suiteText.indexOf("test \"setpoint step\"");
        assertEquals(start, editor.getSelectionProvider().getSelection() instanceof org.eclipse.jface.text.ITextSelection s
                ? s.getOffset() : -1);

        // a test typed in the editor appears
        IDocument document = document(editor);
        document.replace(document.getLength(), 0, "\ntest \"new one\" {\n    wait 1 s\n}\n");
        ui.waitUntil(() -> editor.outline().children().size() == 8, "outline updated after typing");
        assertEquals("test \"new one\"", editor.outline().children().get(7).label());
    }

    @Test
    void f3AndCtrlClickOpenTheModelAtTheNamedComponent() throws Exception {
        TestLangEditor editor = open();
        placeCaret(editor, offset(suiteText, "expect heater.power", "heater") + 1);
        ui.key(0, SWT.F3, (char) 0);
        ui.waitUntil(() -> page.getActiveEditor() != editor, "model editor opened by F3");
        IEditorPart model = page.getActiveEditor();
        assertEquals("heating-line.twin", ((IFileEditorInput) model.getEditorInput()).getFile().getName());
        IStructuredSelection selection = (IStructuredSelection) model.getSite().getSelectionProvider().getSelection();
        Component heater = assertInstanceOf(Component.class, selection.getFirstElement());
        assertEquals("heater", heater.getName());

        // the same through the hyperlink (Ctrl+click) on the tank
        page.activate(editor);
        int tank = offset(suiteText, "expect tank.temperature", "tank");
        var link = editor.configuration().hyperlinkDetector().linkAt(document(editor).get(), tank + 1);
        assertEquals(new Region(tank, 4), link.getHyperlinkRegion());
        link.open();
        ui.pump();
        selection = (IStructuredSelection) page.getActiveEditor().getSite().getSelectionProvider().getSelection();
        assertEquals("tank", assertInstanceOf(Component.class, selection.getFirstElement()).getName());
        assertEquals(0, ((IFileEditorInput) model.getEditorInput()).getFile().findMarkers(IMarker.MARKER, false,
                IResource.DEPTH_ZERO).length, "the navigation marker is gone");
        assertNull(editor.configuration().hyperlinkDetector().linkAt(document(editor).get(),
                offset(suiteText, "wait 10 min", "wait")), "no link on a keyword");
    }

    @Test
    void toggleCommentByCtrlSlashAndBack() throws Exception {
        TestLangEditor editor = open();
        int wait = offset(suiteText, "    wait 10 min", "wait");
        placeCaret(editor, wait + 2);
        ui.key(SWT.CTRL, 0, '/');
        ui.waitUntil(() -> document(editor).get().contains("//    wait 10 min\n"), "line commented out");
        ui.key(SWT.CTRL, 0, '/');
        ui.waitUntil(() -> document(editor).get().equals(suiteText), "comment removed again");
        List<Position> names = editor.resolvedNamePositions();
        assertFalse(names.isEmpty());
    }

    @Test
    void bracketsMatch() throws Exception {
        TestLangEditor editor = open();
        int open = offset(suiteText, "setup {", "{");
        int close = offset(suiteText, "set inletValve.open = false\n", "}");
        IRegion pair = editor.bracketMatcher().match(document(editor), open + 1);
        assertEquals(new Region(open, close - open + 1), pair, "'{' of setup matches its '}'");
        pair = editor.bracketMatcher().match(document(editor), close + 1);
        assertEquals(new Region(open, close - open + 1), pair, "and back");
        assertNull(editor.bracketMatcher().match(document(editor), offset(suiteText, "wait 5 min", "min") + 1),
                "no bracket, no match");
    }

    /** Ctrl+Shift+F lays out a messy suite like the example (which is in the canonical layout), one undo step. */
    @Test
    void formatGivesTheCanonicalLayoutAsOneUndoableChange() throws Exception {
        TestLangEditor editor = open();
        IDocument document = document(editor);
        String messy = suiteText.replace("    expect heater.power > 20 kW within 10 s", "  expect   heater.power >  20 kW within 10 s")
                .replace("set controller.enable = true", "set controller.enable=true");
        assertFalse(messy.equals(suiteText));
        document.set(messy);
        placeCaret(editor, 0);
        ui.key(SWT.CTRL | SWT.SHIFT, 0, 'f');
        ui.waitUntil(() -> document.get().equals(suiteText), () -> "formatted, got\n" + document.get());
        ui.key(SWT.CTRL, 0, 'z');
        ui.waitUntil(() -> document.get().equals(messy), "one undo brings the messy text back");

        // a syntax error: nothing changes
        String broken = suiteText + "\ntest \"open\" {\n  wait 1 s\n";
        document.set(broken);
        assertFalse(editor.format());
        assertEquals(broken, document.get());
    }
}
