package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Hover over a name: what it stands for in the model (a port's direction, type and unit; a component's type and
 * ports), after the messages of the problems at that place.
 */
public final class TestLangTextHover implements ITextHover {

    private static final java.util.Set<String> PROBLEM_TYPES = java.util.Set.of(TestLangReconcilingStrategy.ERROR_TYPE,
            TestLangReconcilingStrategy.WARNING_TYPE, TestLangReconcilingStrategy.INFO_TYPE);

    private final Supplier<URI> suiteUri;

    public TestLangTextHover(Supplier<URI> suiteUri) {
        this.suiteUri = suiteUri;
    }

    /** The hover text at {@code offset} of {@code text}, without problems; {@code null} if nothing is named there. */
    public String describeAt(String text, int offset) {
        XtextResource resource = TestLangServices.parse(text, suiteUri.get());
        ModelElements.Target target = ModelElements.at(resource, offset);
        return target == null ? null : ModelElements.describe(target.element());
    }

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        List<String> parts = new ArrayList<>(problemsAt(viewer, region.getOffset()));
        try {
            String description = describeAt(viewer.getDocument().get(), region.getOffset());
            if (description != null) {
                parts.add(description);
            }
        } catch (RuntimeException e) {
            // a hover never fails loudly: the problems, if any, are still shown
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    private static List<String> problemsAt(ITextViewer viewer, int offset) {
        List<String> messages = new ArrayList<>();
        if (!(viewer instanceof ISourceViewer sourceViewer) || sourceViewer.getAnnotationModel() == null) {
            return messages;
        }
        IAnnotationModel model = sourceViewer.getAnnotationModel();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation annotation = it.next();
            Position position = model.getPosition(annotation);
            if (position != null && !annotation.isMarkedDeleted() && position.includes(offset)
                    && annotation.getText() != null && PROBLEM_TYPES.contains(annotation.getType())) {
                messages.add(annotation.getText());
            }
        }
        return messages;
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return new Region(offset, 0);
    }
}
