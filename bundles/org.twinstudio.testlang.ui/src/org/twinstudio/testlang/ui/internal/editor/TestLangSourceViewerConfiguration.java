package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.DefaultInformationControl;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.IContentAssistant;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.MonoReconciler;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;

/** Wires the language's services into the text viewer: colours, reconciler, content assist, hover, links, comments. */
public final class TestLangSourceViewerConfiguration extends TextSourceViewerConfiguration {

    /** Reconcile after this pause in typing. */
    public static final int RECONCILE_DELAY_MS = 400;

    private final Supplier<URI> suiteUri;
    private final TestLangReconcilingStrategy.Listener reconcileListener;
    private ForcibleReconciler reconciler;
    private TestLangContentAssistProcessor contentAssist;
    private TestLangTextHover hover;
    private TestLangHyperlinkDetector hyperlinks;

    public TestLangSourceViewerConfiguration(IPreferenceStore store, Supplier<URI> suiteUri,
            TestLangReconcilingStrategy.Listener reconcileListener) {
        super(store);
        this.suiteUri = suiteUri;
        this.reconcileListener = reconcileListener;
    }

    @Override
    public IPresentationReconciler getPresentationReconciler(ISourceViewer sourceViewer) {
        PresentationReconciler reconciler = new PresentationReconciler();
        WholeDocumentDamagerRepairer colours = new WholeDocumentDamagerRepairer(new TestLangTokenScanner());
        reconciler.setDamager(colours, IDocument.DEFAULT_CONTENT_TYPE);
        reconciler.setRepairer(colours, IDocument.DEFAULT_CONTENT_TYPE);
        return reconciler;
    }

    @Override
    public IReconciler getReconciler(ISourceViewer sourceViewer) {
        reconciler = new ForcibleReconciler(new TestLangReconcilingStrategy(reconcileListener));
        reconciler.setDelay(RECONCILE_DELAY_MS);
        return reconciler;
    }

    /** Re-checks the whole text soon although it did not change (its model did). */
    public void reconcileNow() {
        if (reconciler != null) {
            reconciler.forceReconciling();
        }
    }

    public TestLangContentAssistProcessor contentAssistProcessor() {
        if (contentAssist == null) {
            contentAssist = new TestLangContentAssistProcessor(suiteUri);
        }
        return contentAssist;
    }

    @Override
    public IContentAssistant getContentAssistant(ISourceViewer sourceViewer) {
        ContentAssistant assistant = new ContentAssistant();
        assistant.setContentAssistProcessor(contentAssistProcessor(), IDocument.DEFAULT_CONTENT_TYPE);
        assistant.enableAutoActivation(true);
        assistant.setAutoActivationDelay(300);
        assistant.enableAutoInsert(false);
        assistant.setProposalPopupOrientation(IContentAssistant.PROPOSAL_OVERLAY);
        assistant.setContextInformationPopupOrientation(IContentAssistant.CONTEXT_INFO_ABOVE);
        assistant.setInformationControlCreator(parent -> new DefaultInformationControl(parent, true));
        return assistant;
    }

    public TestLangTextHover textHover() {
        if (hover == null) {
            hover = new TestLangTextHover(suiteUri);
        }
        return hover;
    }

    @Override
    public ITextHover getTextHover(ISourceViewer sourceViewer, String contentType) {
        return textHover();
    }

    public TestLangHyperlinkDetector hyperlinkDetector() {
        if (hyperlinks == null) {
            hyperlinks = new TestLangHyperlinkDetector(suiteUri);
        }
        return hyperlinks;
    }

    @Override
    public IHyperlinkDetector[] getHyperlinkDetectors(ISourceViewer sourceViewer) {
        List<IHyperlinkDetector> detectors = new ArrayList<>();
        detectors.add(hyperlinkDetector());
        IHyperlinkDetector[] inherited = super.getHyperlinkDetectors(sourceViewer);
        if (inherited != null) {
            detectors.addAll(Arrays.asList(inherited)); // URLs in comments
        }
        return detectors.toArray(new IHyperlinkDetector[0]);
    }

    /** A reconciler that can be asked to run without a change of the text. */
    private static final class ForcibleReconciler extends MonoReconciler {
        ForcibleReconciler(TestLangReconcilingStrategy strategy) {
            super(strategy, false);
        }

        @Override
        public void forceReconciling() {
            super.forceReconciling();
        }
    }

    @Override
    public String[] getDefaultPrefixes(ISourceViewer sourceViewer, String contentType) {
        return new String[] { "//", "" };
    }
}
