package org.twinstudio.testlang.ui.internal.launch;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.twinstudio.testlang.TestLangStandaloneSetup;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;

import com.google.inject.Injector;

/**
 * The tests of a suite's text with where they stand (offset, length, 1-based line), from the language's parser alone
 * (no linking, no model): what "run the test under the cursor" and "go to the test" need, even while the text has
 * errors elsewhere.
 */
public final class SuiteOutline {

    /** A test and its place in the text. */
    public record Entry(String name, int offset, int length, int line) {
        boolean contains(int position) {
            return position >= offset && position <= offset + length;
        }
    }

    private static Injector injector;

    private final List<Entry> tests;

    private SuiteOutline(List<Entry> tests) {
        this.tests = tests;
    }

    /** Parses {@code text}; a text that is no suite gives an empty outline. */
    public static SuiteOutline of(String text) {
        IParseResult result = injector().getInstance(IParser.class).parse(new StringReader(text));
        List<Entry> tests = new ArrayList<>();
        EObject root = result == null ? null : result.getRootASTElement();
        if (root instanceof Suite suite) {
            for (TestCase test : suite.getTests()) {
                ICompositeNode node = NodeModelUtils.findActualNodeFor(test);
                if (test.getName() != null && node != null) {
                    tests.add(new Entry(test.getName(), node.getOffset(), node.getLength(), node.getStartLine()));
                }
            }
        }
        return new SuiteOutline(List.copyOf(tests));
    }

    /** The line (1-based) of a test of a parsed suite, or -1 when it has no node model. */
    public static int line(TestCase test) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(test);
        return node == null ? -1 : node.getStartLine();
    }

    public List<Entry> tests() {
        return tests;
    }

    /** The test whose text contains {@code offset}, or null when the offset is outside every test. */
    public Entry testAt(int offset) {
        return tests.stream().filter(t -> t.contains(offset)).findFirst().orElse(null);
    }

    /** The test named {@code name}, or null. */
    public Entry test(String name) {
        return tests.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    private static synchronized Injector injector() {
        if (injector == null) {
            injector = new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        return injector;
    }
}
