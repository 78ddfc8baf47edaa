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
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.ui.internal.editor.TwinModelEditor;
import org.twinstudio.ui.internal.markers.TwinMarkers;
import org.twinstudio.ui.internal.wizards.TwinModelFiles;

/**
 * Validate Model: in the twin model editor, validates the edited model (unsaved changes included); elsewhere, reads and
 * validates the selected {@code .twin} files. Either way the findings become problem markers.
 */
public class ValidateModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (part instanceof TwinModelEditor editor) {
            editor.validate();
            return null;
        }
        List<IFile> files = selectedModelFiles(HandlerUtil.getCurrentSelection(event));
        if (files.isEmpty()) {
            IEditorPart activeEditor = HandlerUtil.getActiveEditor(event);
            if (activeEditor instanceof TwinModelEditor editor) {
                editor.validate();
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
