package org.twinstudio.diagram.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.twinstudio.model.resource.TwinModels;

/**
 * Headless access to twins on disk: each {@link #open} loads the {@code .twin} file (a path or a {@code file:}
 * URI) into its own {@link AdapterFactoryEditingDomain} with a {@link BasicCommandStack}; {@link TwinDocument#save}
 * writes it atomically through {@link TwinModels} and marks the stack's save point.
 */
public final class FileTwinModelAccess implements TwinModelAccess {

    @Override
    public TwinDocument open(String sourceUri) throws IOException {
        Path file = toPath(sourceUri);
        TwinModels.Loaded loaded = TwinModels.load(file);
        if (loaded.model() == null) {
            throw new IOException("cannot open twin " + file + ": " + loaded.diagnostics().stream()
                    .map(d -> d.line() > 0 ? "line " + d.line() + ": " + d.message() : d.message())
                    .collect(Collectors.joining("; ")));
        }
        return new FileTwinDocument(file, loaded.resource());
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
