package org.twinstudio.ui.emf;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.eclipse.emf.edit.provider.resource.ResourceItemProviderAdapterFactory;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.ISaveablesSource;
import org.eclipse.ui.Saveable;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.edit.TwinstudioItemProviderAdapterFactory;
import org.twinstudio.model.notation.edit.provider.NotationItemProviderAdapterFactory;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.ui.TwinstudioUi;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/**
 * The open twin documents of the workbench: one per {@code .twin} file, shared by every editor on that file (tree
 * editor, diagram, Properties view), so they have one resource, one editing domain and one undo history. Editors
 * {@link #acquire} a document when they open and {@link Document#release} it when they close; the last release
 * unloads it. All methods are for the UI thread, except that the command stack may be driven from any thread (it
 * runs its commands on the UI thread).
 */
public final class TwinDocuments {

    private static final TwinDocuments DEFAULT = new TwinDocuments();

    private final Map<IFile, Document> open = new HashMap<>();

    private TwinDocuments() {
    }

    public static TwinDocuments getDefault() {
        return DEFAULT;
    }

    /** The document of {@code file}, loaded on first use; every call must be paired with {@link Document#release}. */
    public synchronized Document acquire(IFile file) {
        Document document = open.computeIfAbsent(file, Document::new);
        document.references++;
        return document;
    }

    /** The open document of {@code file}, or {@code null} when no editor has it. */
    public synchronized Document find(IFile file) {
        return open.get(file);
    }

    /** What editors of a document hear about it (on the UI thread). */
    public interface Listener {

        /** The command stack moved or the document was saved: dirty state and model may have changed. */
        default void dirtyChanged(Document document) {
        }

        /** The file was read again (changed outside): the resource is a new one and the undo history is gone. */
        default void reloaded(Document document) {
        }

        /** The file was deleted or moved away outside the workbench. */
        default void deleted(Document document) {
        }
    }

    /** One open {@code .twin} file: resource, editing domain, command stack and save point. */
    public final class Document {

        private final IFile file;
        private final Display display;
        private final ComposedAdapterFactory adapterFactory;
        private final UiCommandStack commandStack;
        private final AdapterFactoryEditingDomain editingDomain;
        private final ListenerList<Listener> listeners = new ListenerList<>();
        private final Saveable saveable = new DocumentSaveable();
        private Resource resource;
        private Exception loadError;
        private int references;
        /** Modification stamp of the file as this document last read or wrote it: other changes come from elsewhere. */
        private long knownStamp = IResource.NULL_STAMP;

        private final IResourceChangeListener workspaceListener = event -> {
            IResourceDelta delta = event.getDelta();
            IResourceDelta fileDelta = delta == null ? null : delta.findMember(file().getFullPath());
            if (fileDelta == null) {
                return;
            }
            // Always later: the workspace is locked during notification, and a save notifies before it has
            // recorded the new modification stamp.
            if (fileDelta.getKind() == IResourceDelta.REMOVED) {
                later(this::fileDeleted);
            } else if (fileDelta.getKind() == IResourceDelta.CHANGED
                    && (fileDelta.getFlags() & (IResourceDelta.CONTENT | IResourceDelta.REPLACED)) != 0) {
                later(this::fileChanged);
            }
        };

        private Document(IFile file) {
            this.file = file;
            this.display = Display.getDefault();
            adapterFactory = new ComposedAdapterFactory();
            adapterFactory.addAdapterFactory(new ResourceItemProviderAdapterFactory());
            adapterFactory.addAdapterFactory(new TwinstudioItemProviderAdapterFactory());
            adapterFactory.addAdapterFactory(new NotationItemProviderAdapterFactory());
            adapterFactory.addAdapterFactory(new ReflectiveItemProviderAdapterFactory());
            commandStack = new UiCommandStack();
            ResourceSet resourceSet = TwinModels.newResourceSet();
            editingDomain = EditingDomains.create(adapterFactory, commandStack, resourceSet);
            commandStack.addCommandStackListener(event -> asyncOnUi(this::fireDirtyChanged));
            load();
            ResourcesPlugin.getWorkspace().addResourceChangeListener(workspaceListener,
                    IResourceChangeEvent.POST_CHANGE);
        }

        private void load() {
            knownStamp = file.getModificationStamp();
            URI uri = URI.createPlatformResourceURI(file.getFullPath().toString(), true);
            try {
                resource = editingDomain.getResourceSet().getResource(uri, true);
            } catch (RuntimeException e) {
                loadError = e;
                resource = editingDomain.getResourceSet().getResource(uri, false);
            }
        }

        public IFile file() {
            return file;
        }

        /** The resource as last read (a new one after {@link #reload}); may be {@code null} if the file is unreadable. */
        public Resource resource() {
            return resource;
        }

        /** Why the file could not be read, or {@code null}. */
        public Exception loadError() {
            return loadError;
        }

        /** The model, or {@code null} when the file does not hold one. */
        public TwinModel model() {
            if (resource == null || resource.getContents().isEmpty()) {
                return null;
            }
            return resource.getContents().get(0) instanceof TwinModel model ? model : null;
        }

        public AdapterFactoryEditingDomain editingDomain() {
            return editingDomain;
        }

        public BasicCommandStack commandStack() {
            return commandStack;
        }

        /** Item providers of the model, notation and resource: labels, icons, properties. Owned by the document. */
        public ComposedAdapterFactory adapterFactory() {
            return adapterFactory;
        }

        /**
         * The document as the workbench saves it: editors on the file return it as their {@link ISaveablesSource}
         * saveable, so closing one of several editors on a dirty document does not ask to save (the others still
         * hold the changes), and closing the last one asks once.
         */
        public Saveable saveable() {
            return saveable;
        }

        /** Whether the command stack is away from its save point. */
        public boolean isDirty() {
            return commandStack.isSaveNeeded();
        }

        public void addListener(Listener listener) {
            listeners.add(listener);
        }

        public void removeListener(Listener listener) {
            listeners.remove(listener);
        }

        /**
         * Writes the model (atomically, only if its bytes changed), marks the save point, so every editor of the
         * document becomes clean, and validates when the preferences ask for it.
         */
        public void save(IProgressMonitor monitor) throws CoreException {
            Map<Object, Object> options = new HashMap<>();
            options.put(Resource.OPTION_SAVE_ONLY_IF_CHANGED, Resource.OPTION_SAVE_ONLY_IF_CHANGED_MEMORY_BUFFER);
            options.put(XMLResource.OPTION_ENCODING, "UTF-8");
            try {
                resource.save(options);
            } catch (IOException | RuntimeException e) {
                throw new CoreException(new Status(IStatus.ERROR, TwinstudioUi.PLUGIN_ID,
                        "Could not save " + file.getFullPath() + ": " + e.getMessage(), e));
            }
            commandStack.saveIsDone();
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            knownStamp = file.getModificationStamp();
            fireDirtyChanged();
            if (TwinPreferences.store().getBoolean(TwinPreferences.VALIDATE_ON_SAVE)) {
                validate();
            }
        }

        /** Validates the model and updates the problem markers of the file. */
        public void validate() {
            if (resource == null) {
                return;
            }
            try {
                TwinMarkers.validate(file, resource);
            } catch (CoreException | RuntimeException e) {
                TwinstudioUi.log("Could not validate " + file.getFullPath(), e);
            }
        }

        /** Reads the file again, dropping the undo history; editors hear {@link Listener#reloaded}. */
        public void reload() {
            ResourceSet resourceSet = editingDomain.getResourceSet();
            if (resource != null) {
                resource.unload();
                resourceSet.getResources().remove(resource);
            }
            loadError = null;
            load();
            commandStack.flush();
            for (Listener listener : listeners) {
                listener.reloaded(this);
            }
            fireDirtyChanged();
            if (TwinPreferences.store().getBoolean(TwinPreferences.VALIDATE_ON_OPEN)) {
                validate();
            }
        }

        /** An editor no longer uses the document; the last one unloads it. */
        public void release() {
            synchronized (TwinDocuments.this) {
                if (--references > 0) {
                    return;
                }
                open.remove(file, this);
            }
            ResourcesPlugin.getWorkspace().removeResourceChangeListener(workspaceListener);
            listeners.clear();
            commandStack.flush();
            if (resource != null) {
                resource.unload();
            }
            adapterFactory.dispose();
        }

        /** How many editors (and diagram sessions) hold the document. */
        public int references() {
            synchronized (TwinDocuments.this) {
                return references;
            }
        }

        private void fireDirtyChanged() {
            for (Listener listener : listeners) {
                listener.dirtyChanged(this);
            }
        }

        /** The file changed outside the workbench: reload it (asking first when that would discard changes). */
        private void fileChanged() {
            if (references == 0 || !file.exists() || file.getModificationStamp() == knownStamp) {
                return;
            }
            Shell shell = display.getActiveShell();
            if (isDirty() && !MessageDialog.openQuestion(shell, "File Changed",
                    file.getName() + " was changed outside the editor. Discard your changes and reload it?")) {
                knownStamp = file.getModificationStamp();
                return;
            }
            reload();
        }

        /**
         * The file is gone: the document leaves the registry (a file created again at that path gets a new one),
         * and its editors decide whether to close.
         */
        private void fileDeleted() {
            if (references == 0 || file.exists()) {
                return;
            }
            synchronized (TwinDocuments.this) {
                open.remove(file, this);
            }
            for (Listener listener : listeners) {
                listener.deleted(this);
            }
        }

        private void later(Runnable runnable) {
            if (!display.isDisposed()) {
                display.asyncExec(runnable);
            }
        }

        private void asyncOnUi(Runnable runnable) {
            if (Display.getCurrent() == display) {
                runnable.run();
            } else if (!display.isDisposed()) {
                display.asyncExec(runnable);
            }
        }

        @Override
        public String toString() {
            return "twin document " + file.getFullPath();
        }

        /** One per document: equal only to itself. */
        private final class DocumentSaveable extends Saveable {

            @Override
            public String getName() {
                return file.getName();
            }

            @Override
            public String getToolTipText() {
                return file.getFullPath().toString();
            }

            @Override
            public ImageDescriptor getImageDescriptor() {
                return null;
            }

            @Override
            public void doSave(IProgressMonitor monitor) throws CoreException {
                save(monitor);
            }

            @Override
            public boolean isDirty() {
                return Document.this.isDirty();
            }

            @Override
            public boolean equals(Object other) {
                return this == other;
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(this);
            }
        }

        /**
         * A command stack whose commands always run on the UI thread: the diagram server executes its operations
         * from its own threads, while the tree, the Properties view and the workbench's undo work on the UI thread.
         */
        private final class UiCommandStack extends BasicCommandStack {

            @Override
            public void execute(Command command) {
                onUi(() -> super.execute(command));
            }

            @Override
            public void undo() {
                onUi(super::undo);
            }

            @Override
            public void redo() {
                onUi(super::redo);
            }

            @Override
            public void flush() {
                onUi(super::flush);
            }

            private void onUi(Runnable runnable) {
                if (Display.getCurrent() == display || display.isDisposed()) {
                    runnable.run();
                } else {
                    display.syncExec(runnable);
                }
            }
        }
    }
}
