package org.twinstudio.ui.internal.handlers;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.ui.emf.TwinDocuments;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.wizards.TwinModelFiles;

/**
 * Validate Model: in the twin model editor, validates the edited model (unsaved changes included); elsewhere, reads and
 * validates the selected {@code .twin} files. Either way the findings become problem markers.
 */
public class ValidateModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        // Any editor on a twin (the model editor, the diagram) validates the document it shows, changes included:
        // when it is the active part, or when nothing else is selected.
        IEditorPart activeEditor = HandlerUtil.getActiveEditor(event);
        IFile edited = editedModelFile(activeEditor);
        TwinDocuments.Document document = edited == null ? null : TwinDocuments.getDefault().find(edited);
        if (document != null && HandlerUtil.getActivePart(event) == activeEditor) {
            document.validate();
            return null;
        }
        List<IFile> files = selectedModelFiles(HandlerUtil.getCurrentSelection(event));
        if (files.isEmpty()) {
            if (document != null) {
                document.validate();
            }
            return null;
        }
        for (IFile file : files) {
            ResourceSet resourceSet = TwinModels.newResourceSet();
            URI uri = URI.createPlatformResourceURI(file.getFullPath().toString(), true);
            Resource resource = resourceSet.createResource(uri);
            try {
                resource.load(null);
            } catch (Exception e) {
                // what could not be read is in resource.getErrors() and becomes a marker
            }
            try {
                TwinMarkers.validate(file, resource);
            } catch (CoreException e) {
                throw new ExecutionException("Could not record the problems of " + file.getFullPath(), e);
            } finally {
                resource.unload();
            }
        }
        return null;
    }

    /** The {@code .twin} file an editor shows, or {@code null}. */
    static IFile editedModelFile(IEditorPart editor) {
        IFile file = editor == null ? null : Adapters.adapt(editor.getEditorInput(), IFile.class);
        return file != null && TwinModelFiles.EXTENSION.equals(file.getFileExtension()) ? file : null;
    }

    static List<IFile> selectedModelFiles(ISelection selection) {
        List<IFile> files = new ArrayList<>();
        if (selection instanceof IStructuredSelection structured) {
            for (Object element : structured.toList()) {
                IFile file = Adapters.adapt(element, IFile.class);
                if (file != null && TwinModelFiles.EXTENSION.equals(file.getFileExtension())) {
                    files.add(file);
                }
            }
        }
        return files;
    }
}
