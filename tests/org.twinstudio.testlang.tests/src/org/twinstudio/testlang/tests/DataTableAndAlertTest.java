package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twinstudio.model.AlertRule;
import org.twinstudio.testlang.sequence.Always;
import org.twinstudio.testlang.sequence.BooleanValue;
import org.twinstudio.testlang.sequence.ExpectAlertStatement;
import org.twinstudio.testlang.sequence.ExpectStatement;
import org.twinstudio.testlang.sequence.HoldsFor;
import org.twinstudio.testlang.sequence.InjectFaultStatement;
import org.twinstudio.testlang.sequence.Never;
import org.twinstudio.testlang.sequence.Quantity;
import org.twinstudio.testlang.sequence.SetStatement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.sequence.Within;
import org.twinstudio.testlang.validation.TestLangValidator;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Data tables ({@code examples}), alert expectations and fault start times: parsing, linking and validation against
 * examples/heating-line/heating-line.twin (alert rules overtemp, lowLevel, heatingRate).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class DataTableAndAlertTest {

    static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private IResourceValidator validator;

    private Suite parse(String body) throws Exception {
        Suite suite = parser.parse("suite \"s\" model \"heating-line.twin\"\n" + body,
                URI.createFileURI(EXAMPLE.resolve("check.twintest").toString()), resourceSets.get());
        assertTrue(suite.eResource().getErrors().stream().noneMatch(e -> e.getMessage().contains("mismatched")
                || e.getMessage().contains("missing") || e.getMessage().contains("extraneous")),
                () -> suite.eResource().getErrors().toString());
        return suite;
    }

    private List<Issue> validate(String body) throws Exception {
        return validator.validate(parse(body).eResource(), CheckMode.ALL, CancelIndicator.NullImpl);
    }

    private static String describe(List<Issue> issues) {
        return issues.stream().map(i -> i.getSeverity() + " " + i.getLineNumber() + ":" + i.getColumn() + " "
                + i.getCode() + " " + i.getMessage()).collect(Collectors.joining("\n"));
    }

    private static List<Issue> errors(List<Issue> issues) {
        return issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
    }

    private static void assertOnly(List<Issue> issues, Severity severity, String code, String message, int line,
            int column) {
        assertEquals(1, issues.size(), () -> describe(issues));
        Issue i = issues.get(0);
        assertEquals(severity, i.getSeverity(), () -> describe(issues));
        assertEquals(code, i.getCode(), () -> describe(issues));
        assertEquals(message, i.getMessage());
        assertEquals(line, i.getLineNumber(), () -> describe(issues));
        assertEquals(column, i.getColumn(), () -> describe(issues));
    }

    static final String TABLE_TEST = """
            test "reach" {
                set controller.setpoint = target
                set inletValve.open = open
                expect tank.temperature >= target within limit
            } examples {
                | target  | open  | limit  |
                | 40 degC | false | 25 min |
                | 323.15 K | true | 1 h |
            }
            """;

    @Test
    void examplesTableParsesAndColumnsResolve() throws Exception {
        Suite suite = parse(TABLE_TEST);
        TestCase test = suite.getTests().get(0);
        assertEquals(List.of("target", "open", "limit"),
                test.getExamples().getColumns().stream().map(c -> c.getName()).toList());
        assertEquals(2, test.getExamples().getRows().size());
        Quantity first = (Quantity) test.getExamples().getRows().get(0).getCells().get(0);
        assertEquals(40, first.getValue());
        assertEquals("degC", first.getUnit());
        assertFalse(((BooleanValue) test.getExamples().getRows().get(0).getCells().get(1)).isValue());
        Quantity target = (Quantity) ((SetStatement) test.getStatements().get(0)).getValue();
        assertSame(test.getExamples().getColumns().get(0), target.getColumn());
        Quantity limit = ((Within) ((ExpectStatement) test.getStatements().get(2)).getTiming()).getDuration();
        assertSame(test.getExamples().getColumns().get(2), limit.getColumn());
        assertTrue(validator.validate(suite.eResource(), CheckMode.ALL, CancelIndicator.NullImpl).isEmpty());
    }

    @Test
    void unknownColumnIsNamedWithTheTablesColumns() throws Exception {
        assertOnly(validate("""
                test "t" {
                    wait limt
                } examples {
                    | limit |
                    | 1 s   |
                }
                """).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList(), Severity.ERROR,
                TestLangValidator.UNKNOWN_COLUMN,
                "no column 'limt' in the examples table (did you mean 'limit'?)", 3, 10);
        assertOnly(validate("""
                test "t" {
                    wait xyz
                } examples {
                    | limit |
                    | 1 s   |
                }
                """).stream().filter(i -> i.getSeverity() == Severity.ERROR).toList(), Severity.ERROR,
                TestLangValidator.UNKNOWN_COLUMN, "no column 'xyz' in the examples table (columns: limit)", 3, 10);
    }

    @Test
    void aNameWithoutTableAndAUnitWithoutNumberAreExplained() throws Exception {
        assertOnly(validate("test \"t\" {\n    wait limit\n}\n"), Severity.ERROR, TestLangValidator.UNKNOWN_COLUMN,
                "'limit' is not a value: write a number (with a unit) or true/false, or add an examples table with a"
                        + " column 'limit' to the test", 3, 10);
        assertOnly(validate("test \"t\" {\n    set controller.setpoint = degC\n}\n"), Severity.ERROR,
                TestLangValidator.UNKNOWN_COLUMN, "'degC' is a unit: write the number before it (e.g. 60 degC)", 3,
                31);
    }

    @Test
    void duplicateColumnsAndRowsOfTheWrongLength() throws Exception {
        List<Issue> issues = errors(validate("""
                test "t" {
                    wait a
                } examples {
                    | a   | a   |
                    | 1 s | 2 s |
                    | 1 s |
                }
                """));
        assertEquals(2, issues.size(), () -> describe(issues));
        assertEquals("duplicate column 'a'", issues.get(0).getMessage());
        assertEquals(5, issues.get(0).getLineNumber());
        assertEquals(13, issues.get(0).getColumn());
        assertEquals("row 2 has 1 cell for 2 columns", issues.get(1).getMessage());
        assertEquals(7, issues.get(1).getLineNumber());
        assertEquals(5, issues.get(1).getColumn());
    }

    @Test
    void everyRowsCellIsCheckedWhereItsColumnIsUsed() throws Exception {
        List<Issue> issues = errors(validate("""
                test "t" {
                    set controller.setpoint = sp
                    wait pause
                } examples {
                    | sp      | pause |
                    | 60 degC | 5 s   |
                    | 2 bar   | true  |
                    | 50 degC | -1 s  |
                }
                """));
        assertEquals(3, issues.size(), () -> describe(issues));
        assertEquals("row 2, column 'sp' (used on line 3): unit 'bar' does not fit the port "
                + "'controller.setpoint' [degC]", issues.get(0).getMessage());
        assertEquals(8, issues.get(0).getLineNumber());
        assertEquals(9, issues.get(0).getColumn());
        assertEquals("row 2, column 'pause' (used on line 4): wait needs a time, not 'true'", issues.get(1).getMessage());
        assertEquals(8, issues.get(1).getLineNumber());
        assertEquals("row 3, column 'pause' (used on line 4): negative wait -1 s", issues.get(2).getMessage());
        assertEquals(9, issues.get(2).getLineNumber());
    }

    @Test
    void toleranceCellsMayBePercentOrAUnitOfThePort() throws Exception {
        List<Issue> issues = errors(validate("""
                test "t" {
                    expect tank.temperature == sp ± tol within 1 min
                } examples {
                    | sp      | tol   |
                    | 60 degC | 2 %   |
                    | 60 degC | 1 K   |
                    | 60 degC | 1 bar |
                }
                """));
        assertEquals(1, issues.size(), () -> describe(issues));
        assertEquals("row 3, column 'tol' (used on line 3): unit 'bar' does not fit the port 'tank.temperature' [degC]",
                issues.get(0).getMessage());
        assertEquals(8, issues.get(0).getLineNumber());
    }

    @Test
    void unusedColumnsAndEmptyTablesAreWarnings() throws Exception {
        List<Issue> issues = validate("""
                test "t" {
                    wait a
                } examples {
                    | a   | b   |
                    | 1 s | 2 s |
                }
                test "u" {
                    wait a
                } examples {
                    | a |
                }
                """);
        assertEquals(List.of("column 'b' is not used in the test",
                "the examples table has no rows: the test does not run"),
                issues.stream().map(Issue::getMessage).toList(), () -> describe(issues));
        assertTrue(issues.stream().allMatch(i -> i.getSeverity() == Severity.WARNING));
    }

    @Test
    void alertExpectationsOfEveryFormResolveToTheModelsRules() throws Exception {
        Suite suite = parse("""
                test "a" {
                    expect alert overtemp raised
                    expect alert overtemp raised within 5 min
                    expect alert lowLevel cleared for 30 s
                    expect alert heatingRate never
                    expect alert lowLevel cleared always
                }
                """);
        var statements = suite.getTests().get(0).getStatements();
        ExpectAlertStatement first = (ExpectAlertStatement) statements.get(0);
        AlertRule overtemp = first.getAlert();
        assertEquals("overtemp", overtemp.getName());
        assertEquals(80.0, overtemp.getThreshold());
        assertFalse(first.isCleared());
        assertNull(first.getTiming());
        assertInstanceOf(Within.class, ((ExpectAlertStatement) statements.get(1)).getTiming());
        ExpectAlertStatement third = (ExpectAlertStatement) statements.get(2);
        assertTrue(third.isCleared());
        assertEquals("lowLevel", third.getAlert().getName());
        assertInstanceOf(HoldsFor.class, third.getTiming());
        ExpectAlertStatement fourth = (ExpectAlertStatement) statements.get(3);
        assertFalse(fourth.isCleared());
        assertInstanceOf(Never.class, fourth.getTiming());
        assertInstanceOf(Always.class, ((ExpectAlertStatement) statements.get(4)).getTiming());
        assertTrue(validator.validate(suite.eResource(), CheckMode.ALL, CancelIndicator.NullImpl).isEmpty());
    }

    @Test
    void unknownAlertSaysWhichRulesExist() throws Exception {
        assertOnly(validate("test \"t\" {\n    expect alert overtmp raised\n}\n"), Severity.ERROR,
                TestLangValidator.UNKNOWN_ALERT,
                "unknown alert rule 'overtmp' in the model 'heating_line' (did you mean 'overtemp'?)", 3, 18);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "expect alert overtemp raised within -5 s # negative within -5 s # 3 # 41",
            "expect alert overtemp raised within 5   # within needs a time unit (ms, s, min, h) # 3 # 41",
            "expect alert overtemp cleared for 2 m   # for needs a time unit (ms, s, min, h), not 'm' # 3 # 41",
    })
    void alertTimingsAreChecked(String statement, String message, int line, int column) throws Exception {
        List<Issue> issues = errors(validate("test \"t\" {\n    " + statement + "\n}\n"));
        assertEquals(1, issues.size(), () -> describe(issues));
        assertEquals(message, issues.get(0).getMessage());
        assertEquals(line, issues.get(0).getLineNumber());
        assertEquals(column, issues.get(0).getColumn());
    }

    @Test
    void faultStartAtAndAfterParse() throws Exception {
        Suite suite = parse("""
                test "f" {
                    inject fault sensorT.value stuck 45 degC at 100 s for 60 s
                    inject fault sensorT.value offset 2 K after 30 s
                }
                """);
        InjectFaultStatement at = (InjectFaultStatement) suite.getTests().get(0).getStatements().get(0);
        assertEquals(100, at.getAt().getValue());
        assertNull(at.getAfter());
        assertEquals(60, at.getDuration().getValue());
        InjectFaultStatement after = (InjectFaultStatement) suite.getTests().get(0).getStatements().get(1);
        assertNull(after.getAt());
        assertEquals(30, after.getAfter().getValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "inject fault sensorT.value stuck 45 degC at -1 s   # negative fault start ('at') -1 s # 49",
            "inject fault sensorT.value stuck 45 degC after -2 s # negative fault start ('after') -2 s # 52",
            "inject fault sensorT.value stuck 45 degC after 2 K  # fault start ('after') needs a time unit (ms, s, min, h), not 'K' # 54",
    })
    void faultStartsMustBeTimesNotNegative(String statement, String message, int column) throws Exception {
        List<Issue> issues = errors(validate("test \"t\" {\n    " + statement + "\n}\n"));
        assertEquals(1, issues.size(), () -> describe(issues));
        assertEquals(message, issues.get(0).getMessage());
        assertEquals(column, issues.get(0).getColumn());
    }

    @Test
    void faultStartAlreadyPastIsAnError() throws Exception {
        List<Issue> issues = errors(validate("""
                test "t" {
                    wait 1 min
                    expect tank.level > 0.5 m for 30 s
                    inject fault sensorT.value stuck 45 degC at 80 s
                    inject fault sensorT.value stuck 45 degC at 90 s
                }
                """));
        assertOnly(issues, Severity.ERROR, TestLangValidator.FAULT_START_PAST,
                "fault start 'at 80 s' is test time and already past here: the statements before it take at least"
                        + " 90 s; write 'after …' for a time from now", 5, 49);
    }
}
