package org.twinstudio.ui.internal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.wizards.TwinProjectNature;

/**
 * Opens the folders and {@code .twin} files named on the command line ({@code --open PATH}): a folder becomes a
 * workspace project where it lies (its own {@code .project} if it has one), and its twin models open in editors.
 */
public final class OpenOnStartup {

    static final String OPTION = "--open";

    private OpenOnStartup() {
    }

    /** The paths after each {@code --open} in the application arguments. */
    public static List<Path> pathsIn(String[] args) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; args != null && i < args.length - 1; i++) {
            if (OPTION.equals(args[i])) {
                paths.add(Path.of(args[++i]).toAbsolutePath().normalize());
            }
        }
        return paths;
    }

    public static void open(IWorkbenchWindow window, List<Path> paths) {
        for (Path path : paths) {
            try {
                openOne(window, path);
            } catch (CoreException | IOException | RuntimeException e) {
                TwinstudioUi.log("Could not open " + path, e);
                MessageDialog.openError(window.getShell(), "Twinstudio", "Could not open " + path + ":\n" + e.getMessage());
            }
        }
    }

    private static void openOne(IWorkbenchWindow window, Path path) throws CoreException, IOException, PartInitException {
        if (!Files.exists(path)) {
            throw new IOException("no such file or folder");
        }
        Path folder = Files.isDirectory(path) ? path : path.getParent();
        IProject project = projectAt(folder);
        List<Path> models;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(folder)) {
                models = s.filter(p -> p.getFileName().toString().endsWith(".twin")).sorted().toList();
            }
        } else {
            models = List.of(path);
        }
        IWorkbenchPage page = window.getActivePage();
        for (Path model : models) {
            IFile file = project.getFile(IPath.fromOSString(folder.relativize(model).toString()));
            if (page != null && file.exists()) {
                IDE.openEditor(page, file, TwinstudioUi.EDITOR_ID, true);
            }
        }
    }

    /** The open project located at {@code folder}, imported or created there if the workspace has none. */
    private static IProject projectAt(Path folder) throws CoreException {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IPath location = IPath.fromOSString(folder.toString());
        for (IProject p : workspace.getRoot().getProjects()) {
            if (p.getLocation() != null && p.getLocation().equals(location)) {
                if (!p.isOpen()) {
                    p.open(new NullProgressMonitor());
                }
                return p;
            }
        }
        IProjectDescription description;
        Path dotProject = folder.resolve(".project");
        if (Files.isRegularFile(dotProject)) {
            description = workspace.loadProjectDescription(IPath.fromOSString(dotProject.toString()));
        } else {
            description = workspace.newProjectDescription(uniqueName(workspace, folder.getFileName().toString()));
            description.setNatureIds(new String[] { TwinProjectNature.ID });
        }
        IProject project = workspace.getRoot().getProject(uniqueName(workspace, description.getName()));
        description.setName(project.getName());
        boolean defaultLocation = location.removeLastSegments(1).equals(workspace.getRoot().getLocation())
                && location.lastSegment().equals(project.getName());
        description.setLocation(defaultLocation ? null : location);
        project.create(description, new NullProgressMonitor());
        project.open(new NullProgressMonitor());
        return project;
    }

    private static String uniqueName(IWorkspace workspace, String wanted) {
        String name = wanted;
        for (int i = 2; workspace.getRoot().getProject(name).exists(); i++) {
            name = wanted + "-" + i;
        }
        return name;
    }
}
