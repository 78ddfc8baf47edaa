package org.twinstudio.testlang.ui.internal.editor;

import java.util.function.Supplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.ui.TestLangUi;

/**
 * Ctrl+click (and F3) on a component or port name opens the model file and selects the element; on the model's file
 * name after {@code model} it opens the model file.
 */
public final class TestLangHyperlinkDetector implements IHyperlinkDetector {

    private final Supplier<URI> suiteUri;

    public TestLangHyperlinkDetector(Supplier<URI> suiteUri) {
        this.suiteUri = suiteUri;
    }

    /** The link at {@code offset} of {@code text}, or {@code null}. */
    public IHyperlink linkAt(String text, int offset) {
        XtextResource resource = TestLangServices.parse(text, suiteUri.get());
        ModelElements.Target target = ModelElements.at(resource, offset);
        if (target != null) {
            return new ElementLink(target.region(), target.element());
        }
        if (!resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Suite suite
                && suite.getModel() != null) {
            for (INode node : NodeModelUtils.findNodesForFeature(suite, SequencePackage.Literals.SUITE__MODEL)) {
                if (node.getOffset() <= offset && offset < node.getEndOffset()) {
                    IFile file = ModelNavigation.workspaceFile(
                            URI.createURI(suite.getModel()).resolve(suiteUri.get()));
                    return file == null || !file.exists() ? null
                            : new FileLink(new Region(node.getOffset(), node.getLength()), file);
                }
            }
        }
        return null;
    }

    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
        try {
            IHyperlink link = linkAt(viewer.getDocument().get(), region.getOffset());
            return link == null ? null : new IHyperlink[] { link };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private record ElementLink(IRegion region, EObject element) implements IHyperlink {
        @Override
        public IRegion getHyperlinkRegion() {
            return region;
        }

        @Override
        public String getTypeLabel() {
            return null;
        }

        @Override
        public String getHyperlinkText() {
            return "Open in the model: " + ModelElements.describe(element).lines().findFirst().orElse("");
        }

        @Override
        public void open() {
            try {
                ModelNavigation.open(page(), element);
            } catch (CoreException e) {
                TestLangUi.getDefault().getLog().log(e.getStatus());
            }
        }
    }

    private record FileLink(IRegion region, IFile file) implements IHyperlink {
        @Override
        public IRegion getHyperlinkRegion() {
            return region;
        }

        @Override
        public String getTypeLabel() {
            return null;
        }

        @Override
        public String getHyperlinkText() {
            return "Open " + file.getName();
        }

        @Override
        public void open() {
            try {
                ModelNavigation.open(page(), file);
            } catch (CoreException e) {
                TestLangUi.getDefault().getLog().log(e.getStatus());
            }
        }
    }
}
