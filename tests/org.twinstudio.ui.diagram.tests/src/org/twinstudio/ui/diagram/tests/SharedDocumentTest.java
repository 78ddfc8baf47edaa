package org.twinstudio.ui.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.diagram.TwinDiagramUi;
import org.twinstudio.ui.diagram.internal.TwinDiagramEditor;
import org.twinstudio.ui.emf.TwinDocuments;
import org.twinstudio.ui.internal.editor.TwinModelEditor;

/**
 * The tree editor and the diagram editor on one file share one document: one model, one undo history driven by the
 * workbench's Undo and Redo in either editor, one dirty state, one save.
 */
class SharedDocumentTest {

    private IWorkbenchPage page;
    private IProject project;
    private IFile file;

    @BeforeEach
    void setUp() throws Exception {
        page = Workbench.page();
        project = Workbench.project("shared");
        file = Workbench.copyOfHeatingLine(project);
    }

    @AfterEach
    void tearDown() throws Exception {
        page.closeAllEditors(false);
        Workbench.pump(100);
        project.delete(true, true, null);
        Workbench.pump();
    }

    private static Component component(TwinModel model, String name) {
        return model.getComponents().stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
    }

    @Test
    void treeAndDiagramShareTheModelUndoHistoryDirtyStateAndSave() throws Exception {
        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        TwinDiagramEditor diagram = Workbench.openDiagram(page, file);
        assertSame(tree.getDocument(), diagram.getDocument());
        assertSame(tree.getModel(), diagram.getDocument().model());
        assertSame(TwinDocuments.getDefault().find(file), tree.getDocument());
        byte[] original = Files.readAllBytes(location(file));

        Component heater = component(tree.getModel(), "heater");
        page.activate(tree);
        tree.rename(heater, "boiler");
        assertTrue(tree.isDirty(), "tree editor dirty after its own edit");
        assertTrue(diagram.isDirty(), "diagram editor dirty after an edit in the tree editor");

        page.activate(diagram);
        Workbench.undo();
        assertEquals("heater", heater.getName(), "Edit > Undo in the diagram undid the tree editor's rename");
        assertFalse(tree.isDirty());
        assertFalse(diagram.isDirty());
        Workbench.redo();
        assertEquals("boiler", heater.getName());
        assertTrue(tree.isDirty());

        Workbench.command(IWorkbenchCommandConstants.FILE_SAVE);
        assertFalse(diagram.isDirty(), "saved from the diagram editor");
        assertFalse(tree.isDirty(), "the tree editor is clean after the diagram saved the shared document");
        TwinModel saved = TwinModels.load(location(file)).model();
        assertNotNull(component(saved, "boiler"));
        assertNull(component(saved, "heater"));
        // Connections followed the rename: they are references, written with the new name.
        assertTrue(Files.readString(location(file)).contains("source=\"boiler.power\""));

        page.activate(tree);
        Workbench.undo();
        assertTrue(diagram.isDirty(), "undo past the save point makes both editors dirty");
        Workbench.command(IWorkbenchCommandConstants.FILE_SAVE);
        assertEquals(new String(original, java.nio.charset.StandardCharsets.UTF_8), Files.readString(location(file)),
                "undone and saved: the file is byte for byte the example again");
    }

    /** Validate and Run Simulation work from the diagram as from the model editor, on the changes not yet saved. */
    @Test
    void validateAndRunWorkFromTheDiagram() throws Exception {
        TwinDiagramEditor diagram = Workbench.openDiagram(page, file);
        page.activate(diagram);
        Workbench.pump();
        TwinDocuments.Document document = diagram.getDocument();
        org.twinstudio.model.Parameter maxPower = component(document.model(), "heater").getParameters().stream()
                .filter(p -> p.getName().equals("maxPower")).findFirst().orElseThrow();
        document.commandStack().execute(org.eclipse.emf.edit.command.SetCommand.create(document.editingDomain(),
                maxPower, org.twinstudio.model.TwinPackage.Literals.PARAMETER__VALUE, "lots"));
        Workbench.pump();

        org.eclipse.ui.commands.ICommandService commands = org.eclipse.ui.PlatformUI.getWorkbench().getService(
                org.eclipse.ui.commands.ICommandService.class);
        assertTrue(commands.getCommand("org.twinstudio.ui.commands.validate").isEnabled(), "Validate in the diagram");
        assertTrue(commands.getCommand("org.twinstudio.ui.commands.runSimulation").isEnabled(), "Run in the diagram");
        Workbench.command("org.twinstudio.ui.commands.validate");
        Workbench.waitUntil(() -> {
            try {
                return java.util.Arrays.stream(file.findMarkers(org.eclipse.core.resources.IMarker.PROBLEM, true, 0))
                        .anyMatch(m -> m.getAttribute(org.eclipse.core.resources.IMarker.MESSAGE, "").contains("maxPower"));
            } catch (org.eclipse.core.runtime.CoreException e) {
                return false;
            }
        }, "a problem marker for the unsaved, invalid maxPower");
    }

    @Test
    void theDiagramIsOfferedForTwinFilesAndOpensFromTheModelEditor() throws Exception {
        org.eclipse.ui.IEditorDescriptor[] editors = org.eclipse.ui.PlatformUI.getWorkbench().getEditorRegistry()
                .getEditors(file.getName(), org.eclipse.core.runtime.Platform.getContentTypeManager()
                        .findContentTypeFor(file.getName()));
        assertTrue(java.util.Arrays.stream(editors).anyMatch(d -> d.getId().equals(TwinDiagramUi.EDITOR_ID)
                && d.getLabel().equals("Twin Diagram Editor")), "Open With offers the diagram");
        assertEquals(TwinstudioUi.EDITOR_ID, IDE.getDefaultEditor(file).getId(), "the model editor stays the default");

        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        Workbench.command(TwinDiagramUi.OPEN_DIAGRAM_COMMAND_ID);
        assertTrue(page.getActiveEditor() instanceof TwinDiagramEditor, String.valueOf(page.getActiveEditor()));
        assertSame(tree.getDocument(), ((TwinDiagramEditor) page.getActiveEditor()).getDocument());
        assertEquals(2, page.getEditorReferences().length);
    }

    @Test
    void aFileDeletedAndCreatedAgainGetsANewDocument() throws Exception {
        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        tree.rename(component(tree.getModel(), "heater"), "boiler");
        file.delete(true, null);
        Workbench.pump(200);
        assertTrue(tree.isDirty(), "the editor with changes stays open on its document");
        Workbench.copyOfHeatingLine(project);
        TwinDiagramEditor diagram = Workbench.openDiagram(page, file);
        assertFalse(tree.getDocument() == diagram.getDocument(), "the new file is read afresh");
        assertNotNull(component(diagram.getDocument().model(), "heater"));
        assertFalse(diagram.isDirty());
    }

    @Test
    void theDocumentLivesAsLongAsOneEditorHasIt() throws Exception {
        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        TwinDiagramEditor diagram = Workbench.openDiagram(page, file);
        TwinDocuments.Document document = tree.getDocument();
        page.activate(tree);
        tree.rename(component(tree.getModel(), "tank"), "vessel");
        page.closeEditor(diagram, false);
        assertSame(document, TwinDocuments.getDefault().find(file), "the tree editor still holds the document");
        assertTrue(tree.isDirty(), "closing the diagram without saving keeps the shared changes");
        page.closeEditor(tree, false);
        Workbench.waitUntil(() -> TwinDocuments.getDefault().find(file) == null,
                "document released by the last editor (and diagram session)");
        TwinDiagramEditor reopened = Workbench.openDiagram(page, file);
        assertNotNull(component(reopened.getDocument().model(), "tank"), "closed without saving: read from the file");
        assertFalse(reopened.isDirty());
    }

    @Test
    void editorsOnOneFileShareOneSaveable() throws Exception {
        TwinModelEditor tree = (TwinModelEditor) IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID);
        TwinDiagramEditor diagram = Workbench.openDiagram(page, file);
        page.activate(tree);
        tree.rename(component(tree.getModel(), "heater"), "boiler");
        List<String> asked = new java.util.ArrayList<>();
        Runnable stop = Workbench.answerDialogs(asked);
        // The product's default (the platform's asks even for changes another editor still holds).
        org.eclipse.jface.preference.IPreferenceStore preferences = org.eclipse.ui.PlatformUI.getPreferenceStore();
        preferences.setValue(org.eclipse.ui.IWorkbenchPreferenceConstants.PROMPT_WHEN_SAVEABLE_STILL_OPEN, false);
        try {
            boolean closed = page.closeEditor(diagram, true);
            assertEquals(List.of(), asked, "the tree editor still holds the changes: nothing to ask");
            assertTrue(closed);
            assertTrue(tree.isDirty());
            assertFalse(page.closeEditor(tree, true), "asked, and the answer was Cancel");
            assertEquals(1, asked.size(), "asked once for the last editor: " + asked);
            assertSame(tree, page.getActiveEditor());
        } finally {
            stop.run();
            preferences.setToDefault(org.eclipse.ui.IWorkbenchPreferenceConstants.PROMPT_WHEN_SAVEABLE_STILL_OPEN);
        }
    }

    @Test
    void aModelThatDoesNotLoadShowsItsProblemsWithFileAndLine() throws Exception {
        IFile broken = Workbench.create(project, "broken.twin", """
                <?xml version="1.0" encoding="UTF-8"?>
                <twin:TwinModel xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:twin="http://twinstudio.org/model/twin/1.0" name="broken">
                  <components name="heater" type="heater">
                </twin:TwinModel>
                """);
        TwinDiagramEditor diagram = Workbench.openDiagram(page, broken);
        List<String> problems = diagram.getProblems();
        assertNotNull(problems, "the editor shows problems, not a diagram");
        assertTrue(problems.stream().anyMatch(p -> p.matches("/shared/broken\\.twin:4: error: .+")), problems.toString());
        assertNotNull(diagram.getBrowser());
        Workbench.waitUntil(() -> diagram.getBrowser().getText().contains("broken.twin:4: error"),
                "problem page shown in the editor: " + diagram.getBrowser().getText());
        assertTrue(diagram.getBrowser().getText().contains("Cannot show the diagram of broken.twin"));

        IFile notXml = Workbench.create(project, "notes.twin", "just some notes\n");
        TwinDiagramEditor second = Workbench.openDiagram(page, notXml);
        assertTrue(second.getProblems().stream().anyMatch(p -> p.startsWith("/shared/notes.twin:1: error: ")),
                second.getProblems().toString());
    }

    private static Path location(IFile file) {
        return Path.of(file.getLocation().toOSString());
    }
}
