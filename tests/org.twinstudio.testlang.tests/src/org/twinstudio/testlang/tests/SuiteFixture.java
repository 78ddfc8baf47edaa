package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.sequence.Suite;

/** The runner tests' common ground: a model file written beside a suite text that must parse and link cleanly. */
final class SuiteFixture {

    private SuiteFixture() {
    }

    /** Writes {@code model} to {@code dir/modelFile} and parses {@code suiteText} as {@code dir/s.twintest}. */
    static Suite parse(ParseHelper<Suite> parser, XtextResourceSet resources, Path dir, String modelFile, String model,
            String suiteText) throws Exception {
        Files.writeString(dir.resolve(modelFile), model);
        Suite suite = parser.parse(suiteText, URI.createFileURI(dir.resolve("s.twintest").toString()), resources);
        assertTrue(suite.eResource().getErrors().isEmpty(), () -> suite.eResource().getErrors().toString());
        return suite;
    }

    /** The one test of a suite run. */
    static TestResult only(SuiteResult r) {
        assertEquals(1, r.tests().size());
        return r.tests().get(0);
    }
}
