package org.twinstudio.diagram.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.twinstudio.model.resource.TwinModels;

/**
 * Headless access to twins on disk: each {@link #open} gives the {@code .twin} file (a path or a {@code file:}
 * URI) its own document, with its own {@link AdapterFactoryEditingDomain} and {@link BasicCommandStack};
 * {@link TwinDocument#save} writes it atomically through {@link TwinModels} and marks the stack's save point.
 * <p>
 * {@link #keepingLoadedFiles()} keeps each file as loaded, untouched, and hands out copies of it while the file on
 * disk is unchanged (same modification time and size): copying a twin of 2,000 components takes a fraction of
 * parsing and validating it again, and a web host can {@link #preload} the files it serves before the first
 * browser asks.
 */
public final class FileTwinModelAccess implements TwinModelAccess {

    private record Loaded(FileTime modified, long size, Resource resource) {
    }

    private final Map<Path, Loaded> kept;

    public FileTwinModelAccess() {
        this(false);
    }

    private FileTwinModelAccess(boolean keep) {
        this.kept = keep ? new ConcurrentHashMap<>() : null;
    }

    /** Access that keeps loaded files and opens copies of them while the files are unchanged. */
    public static FileTwinModelAccess keepingLoadedFiles() {
        return new FileTwinModelAccess(true);
    }

    /** Loads {@code file} now (when this access keeps loaded files), so that its first open is a copy. */
    public void preload(Path file) throws IOException {
        if (kept != null) {
            Path key = file.toAbsolutePath().normalize();
            kept.put(key, load(key));
        }
    }

    @Override
    public TwinDocument open(String sourceUri) throws IOException {
        Path file = toPath(sourceUri).toAbsolutePath().normalize();
        if (kept == null) {
            return new FileTwinDocument(file, load(file).resource());
        }
        BasicFileAttributes now = stamp(file);
        Loaded loaded = kept.get(file);
        if (now == null || loaded == null || !now.lastModifiedTime().equals(loaded.modified())
                || loaded.size() != now.size()) {
            loaded = load(file);
            kept.put(file, loaded);
        }
        return new FileTwinDocument(file, copy(loaded.resource()));
    }

    private static Loaded load(Path file) throws IOException {
        // The stamp first: a change while loading then shows as a newer file at the next open.
        BasicFileAttributes stamp = stamp(file);
        TwinModels.Loaded loaded = TwinModels.load(file);
        if (loaded.model() == null) {
            throw new IOException("cannot open twin " + file + ": " + loaded.diagnostics().stream()
                    .map(d -> d.line() > 0 ? "line " + d.line() + ": " + d.message() : d.message())
                    .collect(Collectors.joining("; ")));
        }
        return stamp == null ? new Loaded(null, -1, loaded.resource())
                : new Loaded(stamp.lastModifiedTime(), stamp.size(), loaded.resource());
    }

    /** The file's time and size, or null if it cannot be read (loading then says why). */
    private static BasicFileAttributes stamp(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** All roots of {@code original} (model and notation) copied together, so references between them hold. */
    private static Resource copy(Resource original) {
        Resource copy = TwinModels.newResourceSet().createResource(original.getURI());
        synchronized (original) {
            EcoreUtil.Copier copier = new EcoreUtil.Copier();
            java.util.Collection<EObject> roots = copier.copyAll(original.getContents());
            copier.copyReferences();
            copy.getContents().addAll(roots);
        }
        copy.setModified(false);
        return copy;
    }

    /** A file path or {@code file:} URI as a path; anything else is refused. */
    static Path toPath(String sourceUri) throws IOException {
        if (sourceUri == null || sourceUri.isBlank()) {
            throw new IOException("no twin file given (the client's sourceUri is empty)");
        }
        if (sourceUri.startsWith("file:")) {
            URI uri = URI.createURI(sourceUri);
            if (uri.toFileString() == null) {
                throw new IOException("not a file URI: " + sourceUri);
            }
            return Path.of(uri.toFileString());
        }
        if (sourceUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !sourceUri.matches("^[a-zA-Z]:[\\\\/].*")) {
            throw new IOException("only local .twin files can be opened, not " + sourceUri);
        }
        return Path.of(sourceUri);
    }

    private static final class FileTwinDocument implements TwinDocument {

        private final Path file;
        private final Resource resource;
        private final AdapterFactoryEditingDomain domain;

        FileTwinDocument(Path file, Resource resource) {
            this.file = file;
            this.resource = resource;
            ComposedAdapterFactory adapters = new ComposedAdapterFactory(ComposedAdapterFactory.Descriptor.Registry.INSTANCE);
            adapters.addAdapterFactory(new ReflectiveItemProviderAdapterFactory());
            domain = new AdapterFactoryEditingDomain(adapters, new BasicCommandStack(), resource.getResourceSet());
            // Lets item property descriptors find the domain from any object of the model.
            resource.getResourceSet().eAdapters().add(new AdapterFactoryEditingDomain.EditingDomainProvider(domain));
        }

        @Override
        public Resource resource() {
            return resource;
        }

        @Override
        public EditingDomain editingDomain() {
            return domain;
        }

        @Override
        public void save() throws IOException {
            try {
                resource.save(null);
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot save twin " + file + ": " + e.getMessage(), e);
            }
            ((BasicCommandStack) domain.getCommandStack()).saveIsDone();
        }

        @Override
        public boolean isDirty() {
            return ((BasicCommandStack) domain.getCommandStack()).isSaveNeeded();
        }

        @Override
        public void release() {
            domain.getCommandStack().flush();
            resource.unload();
        }

        @Override
        public String toString() {
            return "twin " + file;
        }
    }
}
