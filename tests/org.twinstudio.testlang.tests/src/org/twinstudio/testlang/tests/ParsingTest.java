package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twinstudio.testlang.sequence.Always;
import org.twinstudio.testlang.sequence.BooleanValue;
import org.twinstudio.testlang.sequence.ClearFaultStatement;
import org.twinstudio.testlang.sequence.ComparisonOperator;
import org.twinstudio.testlang.sequence.ExpectStatement;
import org.twinstudio.testlang.sequence.FaultKind;
import org.twinstudio.testlang.sequence.HoldsFor;
import org.twinstudio.testlang.sequence.InjectFaultStatement;
import org.twinstudio.testlang.sequence.LogStatement;
import org.twinstudio.testlang.sequence.Never;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.Quantity;
import org.twinstudio.testlang.sequence.RampStatement;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.SetStatement;
import org.twinstudio.testlang.sequence.Statement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.sequence.WaitStatement;
import org.twinstudio.testlang.sequence.Within;

import com.google.inject.Inject;

/** Every construct of the language parses into the expected AST; syntax errors are located by line and column. */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class ParsingTest {

    @Inject
    private ParseHelper<Suite> parser;

    private Suite parse(String text) throws Exception {
        Suite suite = parser.parse(text);
        assertNotNull(suite, text);
        assertTrue(suite.eResource().getErrors().isEmpty(), () -> suite.eResource().getErrors().toString());
        return suite;
    }

    /** The statements of the single test of a suite whose test body is {@code body}. */
    private List<Statement> statements(String body) throws Exception {
        Suite suite = parse("suite \"s\" model \"m.twin\"\ntest \"t\" {\n" + body + "\n}\n");
        return suite.getTests().get(0).getStatements();
    }

    private static void assertQuantity(double value, String unit, Quantity q) {
        assertEquals(value, q.getValue(), 0.0);
        assertEquals(unit, q.getUnit());
    }

    /** The names as written (the suites here name no readable model, so references stay unresolved). */
    private static void assertRef(String component, String port, PortRef ref) {
        assertEquals(component, text(ref, SequencePackage.Literals.PORT_REF__COMPONENT));
        assertEquals(port, text(ref, SequencePackage.Literals.PORT_REF__PORT));
    }

    private static String text(EObject object, EStructuralFeature feature) {
        List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
        return nodes.isEmpty() ? null : NodeModelUtils.getTokenText(nodes.get(0));
    }

    @Test
    void suiteHeaderSetupTeardownAndTests() throws Exception {
        Suite suite = parse("""
                // a comment
                suite "Heating line" model "heating-line.twin"
                setup { wait 1 s }
                teardown { log "bye" /* block comment */ }
                test "a" tags smoke, regression timeout 600 s { }
                test "b" { wait 2 min }
                """);
        assertEquals("Heating line", suite.getName());
        assertEquals("heating-line.twin", suite.getModel());
        assertInstanceOf(WaitStatement.class, suite.getSetup().getStatements().get(0));
        assertEquals("bye", ((LogStatement) suite.getTeardown().getStatements().get(0)).getMessage());
        assertEquals(2, suite.getTests().size());
        TestCase a = suite.getTests().get(0);
        assertEquals("a", a.getName());
        assertEquals(List.of("smoke", "regression"), a.getTags());
        assertQuantity(600, "s", a.getTimeout());
        assertTrue(a.getStatements().isEmpty());
        TestCase b = suite.getTests().get(1);
        assertTrue(b.getTags().isEmpty());
        assertNull(b.getTimeout());
        assertQuantity(2, "min", ((WaitStatement) b.getStatements().get(0)).getDuration());
    }

    @Test
    void setWithQuantityAndBoolean() throws Exception {
        List<Statement> s = statements("set controller.setpoint = 60 degC\nset inletValve.open = true\n"
                + "set inletValve.open = false\nset heater.command = 35.5");
        SetStatement set = (SetStatement) s.get(0);
        assertRef("controller", "setpoint", set.getPort());
        assertQuantity(60, "degC", (Quantity) set.getValue());
        assertTrue(((BooleanValue) ((SetStatement) s.get(1)).getValue()).isValue());
        assertFalse(((BooleanValue) ((SetStatement) s.get(2)).getValue()).isValue());
        assertQuantity(35.5, null, (Quantity) ((SetStatement) s.get(3)).getValue());
    }

    @Test
    void rampAndWait() throws Exception {
        List<Statement> s = statements("ramp comp.port to 80 degC over 30 s\nwait 10 s");
        RampStatement ramp = (RampStatement) s.get(0);
        assertRef("comp", "port", ramp.getPort());
        assertQuantity(80, "degC", ramp.getValue());
        assertQuantity(30, "s", ramp.getDuration());
        assertQuantity(10, "s", ((WaitStatement) s.get(1)).getDuration());
    }

    @ParameterizedTest
    @CsvSource({ "==, EQ", "!=, NE", "<, LT", "<=, LE", ">, GT", ">=, GE" })
    void everyComparisonOperator(String symbol, ComparisonOperator expected) throws Exception {
        ExpectStatement e = (ExpectStatement) statements("expect tank.level " + symbol + " 1.5 m").get(0);
        assertEquals(expected, e.getOperator());
        assertRef("tank", "level", e.getPort());
        assertQuantity(1.5, "m", (Quantity) e.getValue());
        assertNull(e.getTolerance());
        assertNull(e.getTiming());
    }

    @Test
    void expectWithTolerancesAndTimings() throws Exception {
        List<Statement> s = statements("""
                expect comp.port == 60 degC ± 1 degC
                expect comp.port == 60 degC ± 2 % within 300 s
                expect comp.port != 3 +/- 0.5 for 60 s
                expect comp.port < 90 degC always
                expect comp.port > 95 degC never
                """);
        ExpectStatement absolute = (ExpectStatement) s.get(0);
        assertQuantity(1, "degC", absolute.getTolerance());
        assertNull(absolute.getTiming());
        ExpectStatement relative = (ExpectStatement) s.get(1);
        assertQuantity(2, "%", relative.getTolerance());
        assertQuantity(300, "s", ((Within) relative.getTiming()).getDuration());
        ExpectStatement window = (ExpectStatement) s.get(2);
        assertEquals(ComparisonOperator.NE, window.getOperator());
        assertQuantity(0.5, null, window.getTolerance());
        assertQuantity(60, "s", ((HoldsFor) window.getTiming()).getDuration());
        assertInstanceOf(Always.class, ((ExpectStatement) s.get(3)).getTiming());
        assertInstanceOf(Never.class, ((ExpectStatement) s.get(4)).getTiming());
    }

    @Test
    void faultsOfEveryKind() throws Exception {
        List<Statement> s = statements("""
                inject fault comp.port stuck 20 degC at 100 s for 60 s
                inject fault comp.port offset -1.5 K
                inject fault comp.port drift 0.01 K
                inject fault comp.port noise 0.2
                inject fault comp.port dropout 30 % for 500 ms
                inject fault comp fail
                clear fault comp.port
                clear fault comp
                """);
        InjectFaultStatement stuck = (InjectFaultStatement) s.get(0);
        assertRef("comp", "port", stuck.getTarget());
        assertEquals(FaultKind.STUCK, stuck.getKind());
        assertQuantity(20, "degC", stuck.getValue());
        assertQuantity(100, "s", stuck.getAt());
        assertQuantity(60, "s", stuck.getDuration());
        InjectFaultStatement offset = (InjectFaultStatement) s.get(1);
        assertEquals(FaultKind.OFFSET, offset.getKind());
        assertQuantity(-1.5, "K", offset.getValue());
        assertNull(offset.getAt());
        assertNull(offset.getDuration());
        assertEquals(FaultKind.DRIFT, ((InjectFaultStatement) s.get(2)).getKind());
        assertQuantity(0.2, null, ((InjectFaultStatement) s.get(3)).getValue());
        InjectFaultStatement dropout = (InjectFaultStatement) s.get(4);
        assertEquals(FaultKind.DROPOUT, dropout.getKind());
        assertQuantity(30, "%", dropout.getValue());
        assertQuantity(500, "ms", dropout.getDuration());
        InjectFaultStatement fail = (InjectFaultStatement) s.get(5);
        assertEquals(FaultKind.FAIL, fail.getKind());
        assertRef("comp", null, fail.getTarget());
        assertNull(fail.getValue());
        assertRef("comp", "port", ((ClearFaultStatement) s.get(6)).getTarget());
        assertRef("comp", null, ((ClearFaultStatement) s.get(7)).getTarget());
    }

    @Test
    void numbersAndCompoundUnits() throws Exception {
        List<Statement> s = statements("""
                set a.b = 0.002 m3/s
                set a.b = 1.5e3 W
                set a.b = -2.5E-1 bar
                set a.b = 12 m3/h
                set a.b = 1500 rpm
                set a.b = 7 W/m2/K
                """);
        assertQuantity(0.002, "m3/s", (Quantity) ((SetStatement) s.get(0)).getValue());
        assertQuantity(1500, "W", (Quantity) ((SetStatement) s.get(1)).getValue());
        assertQuantity(-0.25, "bar", (Quantity) ((SetStatement) s.get(2)).getValue());
        assertQuantity(12, "m3/h", (Quantity) ((SetStatement) s.get(3)).getValue());
        assertQuantity(1500, "rpm", (Quantity) ((SetStatement) s.get(4)).getValue());
        assertQuantity(7, "W/m2/K", (Quantity) ((SetStatement) s.get(5)).getValue());
    }

    @Test
    void logMessage() throws Exception {
        assertEquals("step \"1\" done", ((LogStatement) statements("log \"step \\\"1\\\" done\"").get(0)).getMessage());
    }

    /** Syntax errors say what was expected in the language's words, not the parser's token names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "set tank. = 5          | missing a name at '='",
            "test \"u\" { }         | missing '}' at 'test'",
            "log 5                  | mismatched input '5' expecting a quoted text",
    })
    void syntaxErrorMessagesAreReadable(String statement, String message) throws Exception {
        Suite suite = parser.parse("suite \"s\" model \"m.twin\"\ntest \"t\" {\n" + statement + "\n}\n");
        List<Resource.Diagnostic> errors = suite.eResource().getErrors();
        assertFalse(errors.isEmpty(), "expected a syntax error");
        assertEquals(message, errors.get(0).getMessage());
    }

    /** Syntax errors: each located at the line and column of the offending token (columns count from 1). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // text (\n = line break)                                                  | line | column | token
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n  set tank. = 5\\n}           | 3    | 13     | =",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n  wait 10 s\\n  expect a.b ~ 5\\n} | 4    | 14     | ~",
            "suite \"s\" model \"m.twin\"\\ntest \"t\" {\\n  inject fault a.b broken 5\\n}   | 3    | 20     | broken",
            "suite \"s\"\\ntest \"t\" { }                                                | 2    | 1      | test",
    })
    void syntaxErrorsAreLocated(String text, int line, int column, String token) throws Exception {
        Suite suite = parser.parse(text.replace("\\n", "\n"));
        List<Resource.Diagnostic> errors = suite.eResource().getErrors();
        assertFalse(errors.isEmpty(), "expected a syntax error");
        Resource.Diagnostic first = errors.get(0);
        assertEquals(line, first.getLine(), first::getMessage);
        assertEquals(column, first.getColumn(), first::getMessage);
        assertTrue(first.getMessage().contains(token), first::getMessage);
    }
}
