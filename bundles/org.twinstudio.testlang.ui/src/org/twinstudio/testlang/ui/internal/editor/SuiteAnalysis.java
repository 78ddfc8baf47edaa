package org.twinstudio.testlang.ui.internal.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.twinstudio.testlang.sequence.Statement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;

/** What the editor shows of a parsed suite besides its problems: the outline and the names that resolved. */
public final class SuiteAnalysis {

    /** A range of text. */
    public record Span(int offset, int length) {
    }

    private SuiteAnalysis() {
    }

    /** The outline of the suite, or {@code null} if the text has no suite yet. */
    public static OutlineNode outline(XtextResource resource) {
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Suite suite)) {
            return null;
        }
        List<OutlineNode> children = new ArrayList<>();
        if (suite.getSetup() != null) {
            children.add(block(OutlineNode.Kind.SETUP, "setup", suite.getSetup(), suite.getSetup().getStatements()));
        }
        if (suite.getTeardown() != null) {
            children.add(block(OutlineNode.Kind.TEARDOWN, "teardown", suite.getTeardown(),
                    suite.getTeardown().getStatements()));
        }
        for (TestCase test : suite.getTests()) {
            String label = "test \"" + nullToEmpty(test.getName()) + "\""
                    + (test.getTags().isEmpty() ? "" : " tags " + String.join(", ", test.getTags()));
            children.add(block(OutlineNode.Kind.TEST, label, test, test.getStatements()));
        }
        String label = "suite \"" + nullToEmpty(suite.getName()) + "\""
                + (suite.getModel() == null ? "" : " model \"" + suite.getModel() + "\"");
        Span span = span(suite);
        return new OutlineNode(OutlineNode.Kind.SUITE, label, span.offset(), span.length(), List.copyOf(children));
    }

    private static OutlineNode block(OutlineNode.Kind kind, String label, EObject element, List<Statement> statements) {
        List<OutlineNode> children = new ArrayList<>();
        for (Statement statement : statements) {
            Span span = span(statement);
            children.add(new OutlineNode(OutlineNode.Kind.STATEMENT, text(statement), span.offset(), span.length(),
                    List.of()));
        }
        Span span = span(element);
        return new OutlineNode(kind, label, span.offset(), span.length(), List.copyOf(children));
    }

    /** The source of a statement on one line (comments and runs of blanks dropped). */
    private static String text(EObject element) {
        ICompositeNode node = NodeModelUtils.getNode(element);
        return node == null ? element.eClass().getName() : NodeModelUtils.getTokenText(node);
    }

    private static Span span(EObject element) {
        ICompositeNode node = NodeModelUtils.getNode(element);
        return node == null ? new Span(0, 0) : new Span(node.getOffset(), node.getLength());
    }

    /** Where the component and port names that resolved in the model stand. */
    public static List<Span> resolvedReferences(XtextResource resource) {
        List<Span> spans = new ArrayList<>();
        if (resource.getContents().isEmpty()) {
            return spans;
        }
        resource.getContents().get(0).eAllContents().forEachRemaining(element -> {
            for (EReference reference : element.eClass().getEAllReferences()) {
                if (!reference.isContainment() && !reference.isContainer() && !reference.isMany()) {
                    addIfResolved(element, reference, spans); // component, port (and whatever else names the model)
                }
            }
        });
        return spans;
    }

    private static void addIfResolved(EObject element, EReference reference, List<Span> spans) {
        Object target = element.eGet(reference, true);
        if (target instanceof EObject resolved && !resolved.eIsProxy()) {
            for (INode node : NodeModelUtils.findNodesForFeature(element, reference)) {
                spans.add(new Span(node.getOffset(), node.getLength()));
            }
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
