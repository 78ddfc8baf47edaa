package org.twinstudio.ui.diagram.tests;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.FileEditorInput;
import org.twinstudio.ui.diagram.TwinDiagramUi;
import org.twinstudio.ui.diagram.internal.TwinDiagramEditor;
import org.twinstudio.ui.internal.wizards.NewTwinProjectWizard;

/** The running workbench as the tests use it: a test project, event pumping, the workbench's own commands. */
final class Workbench {

    static final long TIMEOUT_MS = 30_000;
    /** The heating-line example of the repository (tests run in their bundle's folder). */
    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin");

    private Workbench() {
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    static IProject project(String name) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            NewTwinProjectWizard.createProject(project, null, null, null);
        }
        return project;
    }

    static IFile copyOfHeatingLine(IProject project) throws Exception {
        IFile file = project.getFile("heating-line.twin");
        file.create(new ByteArrayInputStream(Files.readAllBytes(HEATING_LINE)), true, null);
        return file;
    }

    static IFile create(IProject project, String name, String content) throws Exception {
        IFile file = project.getFile(name);
        file.create(new ByteArrayInputStream(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, null);
        return file;
    }

    /** Opens the file in the diagram editor, as Open With or Open Diagram do (also when the model editor has it). */
    static TwinDiagramEditor openDiagram(IWorkbenchPage page, IFile file) throws Exception {
        return (TwinDiagramEditor) page.openEditor(new FileEditorInput(file), TwinDiagramUi.EDITOR_ID, true,
                IWorkbenchPage.MATCH_ID | IWorkbenchPage.MATCH_INPUT);
    }

    static void pump() {
        Display display = Display.getCurrent();
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }

    static void pump(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            pump();
            sleep(10);
        }
    }

    static void waitUntil(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            pump();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            sleep(20);
        }
    }

    /** Runs a workbench command (Edit > Undo...) as its menu item or key binding would, on the active part. */
    static void command(String commandId) throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class)
                .executeCommand(commandId, null);
        pump();
    }

    static void undo() throws Exception {
        command(IWorkbenchCommandConstants.EDIT_UNDO);
    }

    static void redo() throws Exception {
        command(IWorkbenchCommandConstants.EDIT_REDO);
    }

    /**
     * Saves what the X display shows to {@code target/screenshots/NAME.png} with ImageMagick's {@code import} (for the
     * docs; WebKit draws in its own process, so SWT's GC cannot copy the browser's content). Skipped without it.
     */
    static void screenshot(String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            pump(300);
            Process process = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
            while (process.isAlive()) {
                pump(20);
            }
        } catch (java.io.IOException e) {
            System.out.println("No screenshot " + name + ": " + e.getMessage());
        }
    }

    /**
     * Until the returned stopper runs, closes every dialog that opens (Cancel, as the window's close button does)
     * and records its title in {@code titles}.
     */
    static Runnable answerDialogs(java.util.List<String> titles) {
        Display display = Display.getCurrent();
        org.eclipse.swt.widgets.Shell main = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        boolean[] stopped = { false };
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (stopped[0]) {
                return;
            }
            for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
                if (shell != main && !shell.isDisposed() && shell.isVisible()) {
                    titles.add(shell.getText());
                    shell.close();
                }
            }
            display.timerExec(50, poll[0]);
        };
        display.timerExec(50, poll[0]);
        return () -> stopped[0] = true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
