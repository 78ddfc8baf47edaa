package org.twinstudio.testlang.ui.internal.editor;

import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.CommonPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;

/**
 * Opens the model file a suite names in its editor and selects an element there. The twin model editor selects
 * elements through Go To Marker ({@code IGotoMarker}) with the element's URI in the attribute {@code elementUri}; a
 * transient marker carries it and is deleted again at once.
 */
public final class ModelNavigation {

    /** The attribute the twin model editor reads in {@code gotoMarker} (see org.twinstudio.ui's markers). */
    static final String ELEMENT_URI = "elementUri";

    private ModelNavigation() {
    }

    /** The workspace file of a resource URI (file: or platform:/resource), or {@code null} outside the workspace. */
    public static IFile workspaceFile(URI uri) {
        if (uri == null) {
            return null;
        }
        if (uri.isPlatformResource()) {
            return ResourcesPlugin.getWorkspace().getRoot()
                    .getFile(new org.eclipse.core.runtime.Path(uri.toPlatformString(true)));
        }
        URI local = uri.isPlatform() ? CommonPlugin.asLocalURI(uri) : uri;
        if (!local.isFile()) {
            return null;
        }
        IFile[] files = ResourcesPlugin.getWorkspace().getRoot()
                .findFilesForLocationURI(java.net.URI.create(local.toString()));
        for (IFile file : files) {
            if (file.exists()) {
                return file;
            }
        }
        return null;
    }

    /** Opens the model file holding {@code element} and selects the element. Returns the editor, or null. */
    public static IEditorPart open(IWorkbenchPage page, EObject element) throws CoreException {
        IFile file = element.eResource() == null ? null : workspaceFile(element.eResource().getURI());
        if (file == null) {
            return null;
        }
        IEditorPart editor = IDE.openEditor(page, file, true);
        IMarker marker = file.createMarker(IMarker.MARKER,
                Map.of(ELEMENT_URI, EcoreUtil.getURI(element).toString(), IMarker.TRANSIENT, Boolean.TRUE));
        try {
            IDE.gotoMarker(editor, marker);
        } finally {
            marker.delete();
        }
        return editor;
    }

    /** Opens a model file (for the {@code model "x.twin"} link). */
    public static IEditorPart open(IWorkbenchPage page, IFile file) throws PartInitException {
        return IDE.openEditor(page, file, true);
    }
}
