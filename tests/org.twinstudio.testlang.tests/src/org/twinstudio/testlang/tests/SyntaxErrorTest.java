package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twinstudio.testlang.runner.SuiteFiles;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The common mistakes give a located message a person understands: a missing value or unit, a missing '}', a
 * misspelt keyword; a suite whose model is missing or broken says so at the model's name.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class SyntaxErrorTest {

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @TempDir
    Path dir;

    private Resource.Diagnostic firstError(String text) throws Exception {
        Suite suite = parser.parse(text.replace("\\n", "\n"));
        List<Resource.Diagnostic> errors = suite.eResource().getErrors();
        assertFalse(errors.isEmpty(), "expected a syntax error");
        return errors.get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            // text (\n = line break) # line # column # message
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n    wait 1 s\\n # 3 # 13 # missing '}' at the end of the file",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n    expekt tank.level > 1 m\\n}\\n # 3 # 5 # unknown word 'expekt' (did you mean 'expect'?)",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n    wait 1 s\\n    injct fault heater fail\\n}\\n # 4 # 5 # unknown word 'injct' (did you mean 'inject'?)",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" timout 5 s {\\n}\\n # 2 # 10 # unknown word 'timout' (did you mean 'timeout'?)",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n    set controller.setpoint =\\n}\\n # 4 # 1 # expected a value after '=' (a number with its unit such as 60 degC, true or false, or a column name), not '}'",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n    wait\\n}\\n # 4 # 1 # expected a duration after 'wait' (e.g. 10 s), not '}'",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n    expect tank.level > 1 m within\\n}\\n # 4 # 1 # expected a duration after 'within' (e.g. 10 s), not '}'",
    })
    void commonMistakesAreExplainedWhereTheyAre(String text, int line, int column, String message) throws Exception {
        Resource.Diagnostic error = firstError(text);
        assertEquals(message, error.getMessage());
        assertEquals(line, error.getLine(), error::getMessage);
        assertEquals(column, error.getColumn(), error::getMessage);
    }

    @Test
    void aMissingModelIsReportedAtItsNameWithThePathLookedAt() throws Exception {
        Path suite = dir.resolve("s.twintest");
        Files.writeString(suite, "suite \"s\" model \"missing.twin\"\ntest \"t\" {\n    wait 1 s\n}\n");
        List<String> errors = new SuiteFiles().load(suite).errors();
        assertEquals(List.of(suite + ":1:17: error: no model file 'missing.twin' (looked for "
                + dir.resolve("missing.twin") + ")"), errors);
    }

    @Test
    void aBrokenModelIsReportedAtItsNameWithTheReason() throws Exception {
        Files.writeString(dir.resolve("broken.twin"), "<twin:TwinModel this is not xml");
        Path suite = dir.resolve("s.twintest");
        Files.writeString(suite, "suite \"s\" model \"broken.twin\"\ntest \"t\" {\n    wait 1 s\n}\n");
        List<String> errors = new SuiteFiles().load(suite).errors();
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith(suite + ":1:17: error: cannot read the model 'broken.twin': "),
                errors.get(0));
    }
}
