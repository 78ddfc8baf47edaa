package org.twinstudio.testlang.ui.internal.markers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Keeps the problem markers of suite files current without a builder: a workspace listener sees every saved,
 * added or replaced .twintest file (from the editor or from outside, after a refresh) and every changed, added or
 * removed .twin model, and a background job validates the affected suites, i.e. the changed suites and the suites
 * whose {@code model "…"} names a changed model. Editors hear of changed models to re-check their text.
 */
public final class SuiteMarkerUpdater implements IResourceChangeListener {

    public static final String SUITE_EXTENSION = "twintest";
    public static final String MODEL_EXTENSION = "twin";

    private static final Pattern MODEL_REFERENCE = Pattern.compile("\\bmodel\\s+\"([^\"]*)\"");

    private static SuiteMarkerUpdater installed;

    private final Set<IFile> pending = new LinkedHashSet<>();
    private final List<Consumer<IFile>> modelListeners = new CopyOnWriteArrayList<>();
    private final Job job = new Job("Checking test suites") {
        @Override
        protected IStatus run(IProgressMonitor monitor) {
            List<IFile> files;
            synchronized (pending) {
                files = new ArrayList<>(pending);
                pending.clear();
            }
            for (IFile file : files) {
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                try {
                    SuiteMarkers.update(file);
                } catch (CoreException | RuntimeException e) {
                    SuiteMarkers.log(Status.warning("cannot check " + file.getFullPath() + ": " + e.getMessage(), e));
                }
            }
            return Status.OK_STATUS;
        }
    };

    private SuiteMarkerUpdater() {
        job.setSystem(true);
    }

    /** Starts listening to the workspace (once). */
    public static synchronized SuiteMarkerUpdater install() {
        if (installed == null) {
            installed = new SuiteMarkerUpdater();
            ResourcesPlugin.getWorkspace().addResourceChangeListener(installed, IResourceChangeEvent.POST_CHANGE);
        }
        return installed;
    }

    /** Tells {@code listener} (on a workspace thread) of each .twin file that changed. */
    public void addModelListener(Consumer<IFile> listener) {
        modelListeners.add(listener);
    }

    public void removeModelListener(Consumer<IFile> listener) {
        modelListeners.remove(listener);
    }

    @Override
    public void resourceChanged(IResourceChangeEvent event) {
        if (event.getDelta() == null) {
            return;
        }
        Set<IFile> suites = new LinkedHashSet<>();
        Set<IFile> models = new LinkedHashSet<>();
        try {
            event.getDelta().accept(delta -> {
                if (!(delta.getResource() instanceof IFile file)) {
                    return true;
                }
                boolean changed = delta.getKind() == IResourceDelta.ADDED || delta.getKind() == IResourceDelta.CHANGED
                        && (delta.getFlags() & (IResourceDelta.CONTENT | IResourceDelta.REPLACED)) != 0;
                if (SUITE_EXTENSION.equals(file.getFileExtension()) && changed) {
                    suites.add(file);
                } else if (MODEL_EXTENSION.equals(file.getFileExtension())
                        && (changed || delta.getKind() == IResourceDelta.REMOVED)) {
                    models.add(file);
                }
                return false;
            });
            for (IFile model : models) {
                suites.addAll(suitesNaming(model));
            }
        } catch (CoreException e) {
            SuiteMarkers.log(e.getStatus());
        }
        for (IFile model : models) {
            for (Consumer<IFile> listener : modelListeners) {
                listener.accept(model);
            }
        }
        if (!suites.isEmpty()) {
            synchronized (pending) {
                pending.addAll(suites);
            }
            job.schedule(50);
        }
    }

    /** The suite files of the model's project whose {@code model "…"} resolves to the model file. */
    private static List<IFile> suitesNaming(IFile model) throws CoreException {
        List<IFile> suites = new ArrayList<>();
        if (model.getProject() == null || !model.getProject().isAccessible()) {
            return suites;
        }
        model.getProject().accept(resource -> {
            if (resource instanceof IFile file && SUITE_EXTENSION.equals(file.getFileExtension())
                    && model.getFullPath().equals(modelPath(file))) {
                suites.add(file);
            }
            return resource.getType() != IResource.FILE;
        });
        return suites;
    }

    /** The workspace path of the model a suite file names, or {@code null}. */
    public static IPath modelPath(IFile suite) {
        try (var in = suite.getContents(true)) {
            String text = new String(in.readAllBytes(), java.nio.charset.Charset.forName(suite.getCharset()));
            Matcher matcher = MODEL_REFERENCE.matcher(text);
            if (!matcher.find()) {
                return null;
            }
            IContainer folder = suite.getParent();
            return folder.getFullPath().append(matcher.group(1));
        } catch (Exception e) {
            return null; // unreadable: nothing to re-check
        }
    }
}
