package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;

/**
 * Validation while typing: after each pause the reconciler thread parses and validates the whole suite (it is small)
 * and replaces the editor's problem annotations (drawn as squiggles, listed in the rulers); the outline and the
 * colours of resolved names follow through {@link Listener}.
 */
public final class TestLangReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

    /** Annotation types of org.eclipse.ui.editors: squiggles and ruler icons come with them. */
    public static final String ERROR_TYPE = "org.eclipse.ui.workbench.texteditor.error";
    public static final String WARNING_TYPE = "org.eclipse.ui.workbench.texteditor.warning";
    public static final String INFO_TYPE = "org.eclipse.ui.workbench.texteditor.info";

    /** What one reconcile found, for the text as it was at {@code modificationStamp}. */
    public record Result(long modificationStamp, List<Issue> issues, OutlineNode outline,
            List<SuiteAnalysis.Span> references) {
    }

    /** Told (on the reconciler thread) after every reconcile. */
    public interface Listener {
        URI suiteUri();

        IAnnotationModel annotationModel();

        void reconciled(Result result);
    }

    private final Listener listener;
    private IDocument document;
    private IProgressMonitor monitor = new NullProgressMonitor();
    private final List<Annotation> shown = new ArrayList<>();

    public TestLangReconcilingStrategy(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void setDocument(IDocument document) {
        this.document = document;
    }

    @Override
    public void setProgressMonitor(IProgressMonitor monitor) {
        this.monitor = monitor == null ? new NullProgressMonitor() : monitor;
    }

    @Override
    public void initialReconcile() {
        reconcile();
    }

    @Override
    public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
        reconcile();
    }

    @Override
    public void reconcile(IRegion partition) {
        reconcile();
    }

    private void reconcile() {
        IDocument current = document;
        if (current == null) {
            return;
        }
        long stamp = current instanceof IDocumentExtension4 extension ? extension.getModificationStamp()
                : IDocumentExtension4.UNKNOWN_MODIFICATION_STAMP;
        String text = current.get();
        try {
            XtextResource resource = TestLangServices.parse(text, listener.suiteUri());
            List<Issue> issues = TestLangServices.validate(resource, monitor::isCanceled);
            if (monitor.isCanceled()) {
                return; // the text changed meanwhile: the next run reports
            }
            updateAnnotations(current, issues);
            listener.reconciled(new Result(stamp, issues, SuiteAnalysis.outline(resource),
                    SuiteAnalysis.resolvedReferences(resource)));
        } catch (RuntimeException e) {
            // a failing check must not end checking: logged, and the next edit or save checks again
            org.eclipse.core.runtime.ILog.of(TestLangReconcilingStrategy.class)
                    .error("Could not check " + listener.suiteUri() + ": " + e, e);
        }
    }

    private void updateAnnotations(IDocument current, List<Issue> issues) {
        IAnnotationModel model = listener.annotationModel();
        if (model == null) {
            return;
        }
        Map<Annotation, Position> added = new HashMap<>();
        for (Issue issue : issues) {
            Position position = position(current, issue);
            if (position != null) {
                added.put(new Annotation(type(issue.getSeverity()), false, issue.getMessage()), position);
            }
        }
        synchronized (shown) {
            if (model instanceof IAnnotationModelExtension extension) {
                extension.replaceAnnotations(shown.toArray(new Annotation[0]), added);
            } else {
                shown.forEach(model::removeAnnotation);
                added.forEach(model::addAnnotation);
            }
            shown.clear();
            shown.addAll(added.keySet());
        }
    }

    /** The issue's range, at least one character (a squiggle needs one), inside the document. */
    private static Position position(IDocument document, Issue issue) {
        int length = document.getLength();
        try {
            int offset;
            int size;
            if (issue.getOffset() != null) {
                offset = Math.min(issue.getOffset(), length);
                size = issue.getLength() == null ? 0 : issue.getLength();
            } else if (issue.getLineNumber() != null && issue.getLineNumber() > 0) {
                IRegion line = document.getLineInformation(Math.min(issue.getLineNumber(), document.getNumberOfLines()) - 1);
                offset = line.getOffset();
                size = line.getLength();
            } else {
                offset = 0;
                size = 0;
            }
            if (size <= 0) {
                size = 1;
                if (offset >= length && length > 0) {
                    offset = length - 1; // at the end of the text: mark its last character
                }
            }
            return new Position(offset, Math.max(0, Math.min(size, length - offset)));
        } catch (BadLocationException e) {
            return null;
        }
    }

    private static String type(Severity severity) {
        return switch (severity) {
            case ERROR -> ERROR_TYPE;
            case WARNING -> WARNING_TYPE;
            default -> INFO_TYPE;
        };
    }
}
