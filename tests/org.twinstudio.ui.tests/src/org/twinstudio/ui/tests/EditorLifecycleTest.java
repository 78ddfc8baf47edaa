package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.editor.TwinModelEditor;
import org.twinstudio.ui.internal.preferences.TwinPreferences;
import org.twinstudio.ui.internal.wizards.NewTwinProjectWizard;
import org.twinstudio.ui.internal.wizards.TwinModelFiles;

/** The editor follows its file, Validate Model works from the Project Explorer, About and Preferences show up. */
class EditorLifecycleTest {

    private UiDriver ui;
    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private IProject project;

    @BeforeEach
    void setUp() throws Exception {
        ui = new UiDriver(Display.getCurrent());
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("lifecycle");
        if (!project.exists()) {
            NewTwinProjectWizard.createProject(project, null, null, null);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        page.closeAllEditors(false);
        project.delete(true, true, null);
        ui.pump();
    }

    private static byte[] modelBytes(String name, String... components) throws Exception {
        TwinModel model = TwinModels.createModel(name);
        for (String component : components) {
            String[] nameAndType = component.split(":");
            model.getComponents().add(ComponentTypeRegistry.getDefault().find(nameAndType[1])
                    .map(t -> t.instantiate(nameAndType[0])).orElseGet(() -> {
                        var unknown = org.twinstudio.model.TwinFactory.eINSTANCE.createComponent();
                        unknown.setName(nameAndType[0]);
                        unknown.setType(nameAndType[1]);
                        return unknown;
                    }));
        }
        Resource resource = TwinModels.newResourceSet().createResource(URI.createURI("bytes.twin"));
        resource.getContents().add(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource.save(out, null);
        return out.toByteArray();
    }

    private IFile create(String name, byte[] bytes) throws Exception {
        IFile file = project.getFile(name);
        file.create(new ByteArrayInputStream(bytes), true, null);
        return file;
    }

    @Test
    void newProjectCanBeSeededWithAModel() throws Exception {
        IProject seeded = ResourcesPlugin.getWorkspace().getRoot().getProject("seeded");
        try {
            IFile model = NewTwinProjectWizard.createProject(seeded, null, "plant", null);
            assertEquals(seeded.getFile("plant.twin"), model);
            assertTrue(seeded.hasNature(TwinstudioUi.TWIN_NATURE_ID));
            TwinModels.Loaded loaded = TwinModels.load(java.nio.file.Path.of(model.getLocation().toOSString()));
            assertEquals("plant", loaded.model().getName());
            assertNotNull(loaded.model().getSimulation(), "default simulation settings");
            assertEquals(List.of(), loaded.diagnostics(), "a new model is valid");
        } finally {
            seeded.delete(true, true, null);
        }
    }

    @Test
    void editorReloadsWhenTheFileChangesOutside() throws Exception {
        IFile file = create("outside.twin", modelBytes("outside", "heater1:heater"));
        TwinModelEditor editor = (TwinModelEditor) IDE.openEditor(page, file);
        assertEquals(1, editor.getModel().getComponents().size());

        file.setContents(new ByteArrayInputStream(modelBytes("outside", "heater1:heater", "tank1:tank")), true, false,
                null);
        ui.waitUntil(() -> editor.getModel() != null && editor.getModel().getComponents().size() == 2,
                "editor shows the new content");
        assertFalse(editor.isDirty());
        assertEquals(2, editor.getViewer().getTree().getItem(0).getItemCount() - 1,
                "tree shows two components and the simulation settings");
    }

    @Test
    void editorClosesWhenItsFileIsDeleted() throws Exception {
        IFile file = create("doomed.twin", modelBytes("doomed", "heater1:heater"));
        TwinModelEditor editor = (TwinModelEditor) IDE.openEditor(page, file);
        file.delete(true, null);
        ui.waitUntil(() -> Arrays.stream(page.getEditorReferences()).noneMatch(r -> r.getEditor(false) == editor),
                "editor closed");
    }

    @Test
    void validateModelFromTheProjectExplorerMarksUnknownTypes() throws Exception {
        IFile file = create("unknown.twin", modelBytes("unknown", "thing1:flux-capacitor"));
        IViewPart explorer = page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        ((CommonNavigator) explorer).selectReveal(new StructuredSelection(file));
        page.activate(explorer);
        ui.pump();
        window.getService(IHandlerService.class).executeCommand("org.twinstudio.ui.commands.validate", null);
        IMarker[] markers = file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
        assertTrue(Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains("flux-capacitor")
                && m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR),
                "unknown type reported: " + Arrays.stream(markers).map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList());
        assertTrue(Arrays.stream(markers).allMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, 0) > 0));
        assertEquals(0, page.getEditorReferences().length, "validated without opening an editor");
    }

    @Test
    void openingAModelValidatesItAndGoToSelectsTheElement() throws Exception {
        IFile file = create("typo.twin", modelBytes("typo", "heater1:heatr"));
        assertEquals(0, file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO).length);
        TwinModelEditor editor = (TwinModelEditor) IDE.openEditor(page, file);
        IMarker[] markers = file.findMarkers(TwinstudioUi.PROBLEM_MARKER_ID, true, IResource.DEPTH_ZERO);
        IMarker typo = Arrays.stream(markers).filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains("heatr"))
                .findFirst().orElseThrow(() -> new AssertionError("no marker for the unknown type"));
        assertEquals("typo/heater1", typo.getAttribute(IMarker.LOCATION, ""));
        editor.getViewer().setSelection(StructuredSelection.EMPTY);
        IDE.gotoMarker(editor, typo);
        assertEquals(editor.getModel().getComponents().get(0),
                editor.getViewer().getStructuredSelection().getFirstElement());
    }

    @Test
    void aboutShowsProductNameVersionAndImage() {
        ui.modal("About Twinstudio", () -> ui.choose(ui.item(window.getShell().getMenuBar(), "Help", "About Twinstudio")),
                shell -> {
                    String text = UiDriver.findAll(shell, org.eclipse.swt.custom.StyledText.class, t -> true).stream()
                            .map(org.eclipse.swt.custom.StyledText::getText).reduce("", String::concat)
                            + UiDriver.findAll(shell, Text.class, t -> true).stream().map(Text::getText)
                                    .reduce("", String::concat);
                    assertTrue(text.contains("Twinstudio"), text);
                    assertTrue(text.contains("Version: 0.1.0"), text);
                    assertFalse(UiDriver.findAll(shell, Label.class, l -> l.getImage() != null
                            && l.getImage().getBounds().width >= 200).isEmpty(), "about image shown");
                    try {
                        ui.screenshot(shell, java.nio.file.Path.of("target", "screenshots", "about.png"));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    ui.click(UiDriver.button(shell, "Close"));
                });
    }

    @Test
    void preferencePageSetsTheStepSizeOfNewModels() {
        double before = TwinPreferences.store().getDouble(TwinPreferences.DEFAULT_STEP_SIZE);
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window.getShell(),
                TwinstudioUi.PREFERENCE_PAGE_ID, null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Shell shell = dialog.getShell();
            ui.pump(200);
            Text stepSize = UiDriver.text(shell, "Default simulation step size (s):");
            assertEquals(String.valueOf(before), stepSize.getText());
            ui.typeInto(stepSize, "abc");
            Button apply = UiDriver.button(shell, "Apply and Close");
            ui.waitUntil(() -> !apply.isEnabled(), "invalid step size blocks Apply and Close");
            ui.typeInto(stepSize, "0.02");
            ui.waitUntil(apply::isEnabled, "valid step size");
            ui.click(apply);
            ui.waitUntil(shell::isDisposed, "preferences closed");
            assertEquals(0.02, TwinPreferences.store().getDouble(TwinPreferences.DEFAULT_STEP_SIZE), 1e-12);
            assertEquals(0.02, TwinModelFiles.newModel("m").getSimulation().getStepSize(), 1e-12);
        } finally {
            if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.close();
            }
            TwinPreferences.store().setValue(TwinPreferences.DEFAULT_STEP_SIZE, before);
        }
    }
}
