package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.ui.internal.app.OpenOnStartup;
import org.twinstudio.ui.internal.editor.TwinModelEditor;
import org.twinstudio.ui.internal.wizards.TwinProjectNature;

/** {@code twinstudio --open DIR}: the folder becomes a project where it lies and its models open. */
class OpenOnStartupTest {

    private static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (p.getLocation() != null && p.getLocation().toPath().startsWith(dir)) {
                p.delete(false, true, new NullProgressMonitor()); // the project, not the files
            }
        }
    }

    @Test
    void commandLineArgumentsNameThePaths() {
        assertEquals(List.of(Path.of("/a/b").toAbsolutePath(), Path.of("/c.twin").toAbsolutePath()),
                OpenOnStartup.pathsIn(new String[] { "--open", "/a/b", "-other", "--open", "/c.twin" }));
        assertEquals(List.of(), OpenOnStartup.pathsIn(new String[] { "--open" }));
    }

    @Test
    void exampleFolderOpensAsItsOwnProjectWithItsModelInAnEditor() throws Exception {
        Path copy = dir.resolve("heating-line");
        Files.createDirectories(copy);
        Files.copy(EXAMPLE.resolve(".project"), copy.resolve(".project"));
        Files.copy(EXAMPLE.resolve("heating-line.twin"), copy.resolve("heating-line.twin"));
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();

        OpenOnStartup.open(window, List.of(copy));
        flush();

        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("heating-line");
        assertTrue(project.isOpen());
        assertEquals(IPath.fromOSString(copy.toString()), project.getLocation());
        assertTrue(project.hasNature(TwinProjectNature.ID));
        IEditorPart editor = window.getActivePage().getActiveEditor();
        assertTrue(editor instanceof TwinModelEditor, String.valueOf(editor));
        assertEquals("heating-line.twin", editor.getEditorInput().getName());

        // Opening it again reuses the project instead of making a second one.
        OpenOnStartup.open(window, List.of(copy.resolve("heating-line.twin")));
        flush();
        assertEquals(1, List.of(ResourcesPlugin.getWorkspace().getRoot().getProjects()).stream()
                .filter(p -> copy.equals(p.getLocation().toPath())).count());
    }

    @Test
    void folderWithoutProjectFileBecomesATwinProject() throws Exception {
        Path plain = dir.resolve("my-line");
        Files.createDirectories(plain);
        Files.copy(EXAMPLE.resolve("heating-line.twin"), plain.resolve("line.twin"));
        OpenOnStartup.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow(), List.of(plain));
        flush();
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("my-line");
        assertTrue(project.isOpen() && project.hasNature(TwinProjectNature.ID));
        assertTrue(project.getFile("line.twin").exists());
    }

    private static void flush() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // run pending UI work
        }
    }
}
