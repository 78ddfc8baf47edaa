package org.twinstudio.testlang.ui.internal.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.ui.editors.text.TextFileDocumentProvider;
import org.eclipse.ui.texteditor.ResourceMarkerAnnotationModel;
import org.twinstudio.testlang.ui.internal.markers.SuiteMarkers;

/**
 * Text files through file buffers, with an annotation model that leaves out the suite problem markers: the editor
 * shows the problems of the text being typed (reconciler annotations), the Problems view those of the saved file;
 * showing both would draw every problem twice.
 */
public final class SuiteDocumentProvider extends TextFileDocumentProvider {

    private static SuiteDocumentProvider shared;

    /** One provider for all suite editors, so that two editors on one file share its buffer. */
    public static synchronized SuiteDocumentProvider shared() {
        if (shared == null) {
            shared = new SuiteDocumentProvider();
        }
        return shared;
    }

    @Override
    protected IAnnotationModel createAnnotationModel(IFile file) {
        return new ResourceMarkerAnnotationModel(file) {
            @Override
            protected boolean isAcceptable(IMarker marker) {
                return super.isAcceptable(marker) && !SuiteMarkers.isSuiteProblem(marker);
            }
        };
    }
}
