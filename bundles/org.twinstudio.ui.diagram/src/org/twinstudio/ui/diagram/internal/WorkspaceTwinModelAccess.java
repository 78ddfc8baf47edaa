package org.twinstudio.ui.diagram.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.twinstudio.diagram.server.TwinDocument;
import org.twinstudio.diagram.server.TwinModelAccess;
import org.twinstudio.ui.emf.TwinDocuments;

/**
 * The diagram server's access to twins in the workbench: a client's {@code sourceUri} (the {@code file:} URI of a
 * workspace file) names the file, and the session gets that file's shared document, the same one the tree editor and
 * the Properties view edit, so all of them have one undo history and one dirty state. Documents are acquired and
 * released on the UI thread; commands run there too (the document's command stack sees to that).
 */
public final class WorkspaceTwinModelAccess implements TwinModelAccess {

    /** The {@code sourceUri} the diagram page asks for when it shows {@code file}. */
    public static String sourceUri(IFile file) {
        URI location = file.getLocationURI();
        if (location == null) {
            throw new IllegalArgumentException(file.getFullPath() + " is not stored on the local disk");
        }
        return location.toString();
    }

    /** The workspace file behind a {@code sourceUri}. */
    public static IFile file(String sourceUri) throws IOException {
        if (sourceUri == null || sourceUri.isBlank()) {
            throw new IOException("no twin file given (the diagram page names no source)");
        }
        URI uri;
        try {
            uri = new URI(sourceUri);
        } catch (URISyntaxException e) {
            throw new IOException("not a file URI: " + sourceUri, e);
        }
        if (!"file".equals(uri.getScheme())) {
            throw new IOException("only workspace files can be opened in the diagram, not " + sourceUri);
        }
        for (IFile file : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri)) {
            if (file.exists()) {
                return file;
            }
        }
        throw new IOException(sourceUri + " is not a file of the workspace");
    }

    @Override
    public TwinDocument open(String sourceUri) throws IOException {
        IFile file = file(sourceUri);
        TwinDocuments.Document document = onUi(() -> TwinDocuments.getDefault().acquire(file));
        if (document.model() == null) {
            onUi(() -> {
                document.release();
                return null;
            });
            Exception error = document.loadError();
            throw new IOException("cannot open twin " + file.getFullPath()
                    + (error == null ? ": it holds no twin model" : ": " + error.getMessage()));
        }
        return new SharedDocument(document);
    }

    private static <T> T onUi(Supplier<T> work) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        if (Display.getCurrent() == display) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        display.syncExec(() -> result.set(work.get()));
        return result.get();
    }

    /** A diagram session's view of a shared document. */
    private static final class SharedDocument implements TwinDocument {

        private final TwinDocuments.Document document;
        private boolean released;

        SharedDocument(TwinDocuments.Document document) {
            this.document = document;
        }

        @Override
        public Resource resource() {
            return document.resource();
        }

        @Override
        public EditingDomain editingDomain() {
            return document.editingDomain();
        }

        @Override
        public void save() throws IOException {
            CoreException failure = onUi(() -> {
                try {
                    document.save(null);
                    return null;
                } catch (CoreException e) {
                    return e;
                }
            });
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
        }

        @Override
        public boolean isDirty() {
            return document.isDirty();
        }

        @Override
        public synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            Display display = PlatformUI.getWorkbench().getDisplay();
            if (display.isDisposed()) {
                return;
            }
            // Not waiting: the session may end while the UI thread closes the editor that holds its page.
            display.asyncExec(document::release);
        }

        @Override
        public String toString() {
            return document.toString();
        }
    }
}
