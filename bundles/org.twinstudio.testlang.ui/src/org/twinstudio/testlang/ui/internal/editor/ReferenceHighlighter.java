package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.BadPositionCategoryException;
import org.eclipse.jface.text.DefaultPositionUpdater;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IPositionUpdater;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.ITextViewerExtension4;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.TextViewer;
import org.eclipse.swt.custom.StyleRange;

/**
 * Colours the component and port names that resolved in the model. The reconciler finds them; their places are kept
 * as document positions, so they move with the text until the next reconcile, and merged into every presentation.
 */
public final class ReferenceHighlighter implements ITextPresentationListener {

    private static final String CATEGORY = "org.twinstudio.testlang.ui.references";

    private final TextViewer viewer;
    private final IPositionUpdater updater = new DefaultPositionUpdater(CATEGORY);
    private IDocument document;
    private final List<Position> positions = new ArrayList<>();

    public ReferenceHighlighter(TextViewer viewer) {
        this.viewer = viewer;
        ((ITextViewerExtension4) viewer).addTextPresentationListener(this);
    }

    /** Replaces the coloured names (UI thread) and repaints. */
    public void update(List<SuiteAnalysis.Span> spans) {
        IDocument current = viewer.getDocument();
        if (current == null) {
            return;
        }
        attach(current);
        try {
            for (Position position : positions) {
                current.removePosition(CATEGORY, position);
            }
            positions.clear();
            for (SuiteAnalysis.Span span : spans) {
                if (span.offset() + span.length() <= current.getLength()) {
                    Position position = new Position(span.offset(), span.length());
                    current.addPosition(CATEGORY, position);
                    positions.add(position);
                }
            }
        } catch (BadLocationException | BadPositionCategoryException e) {
            positions.clear();
        }
        viewer.invalidateTextPresentation();
    }

    private void attach(IDocument current) {
        if (current == document) {
            return;
        }
        detach();
        document = current;
        document.addPositionCategory(CATEGORY);
        document.addPositionUpdater(updater);
    }

    private void detach() {
        if (document != null) {
            document.removePositionUpdater(updater);
            try {
                document.removePositionCategory(CATEGORY);
            } catch (BadPositionCategoryException e) {
                // never added
            }
            positions.clear();
            document = null;
        }
    }

    public void dispose() {
        ((ITextViewerExtension4) viewer).removeTextPresentationListener(this);
        detach();
    }

    /** The ranges currently coloured as names. */
    public List<Position> positions() {
        return List.copyOf(positions);
    }

    @Override
    public void applyTextPresentation(TextPresentation presentation) {
        IRegion extent = presentation.getExtent();
        int from = extent.getOffset();
        int to = from + extent.getLength();
        var attribute = TokenStyles.REFERENCE.attribute();
        for (Position position : positions) {
            if (position.isDeleted() || position.getLength() == 0) {
                continue;
            }
            int start = Math.max(from, position.getOffset());
            int end = Math.min(to, position.getOffset() + position.getLength());
            if (start < end) {
                presentation.mergeStyleRange(
                        new StyleRange(start, end - start, attribute.getForeground(), null, attribute.getStyle()));
            }
        }
    }
}
