package org.twinstudio.testlang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.runner.SuiteFiles;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;
import org.twinstudio.testlang.ui.results.FailureDetails;

/**
 * The failure details the Test Results view shows, read from messages the runner really writes (heating-line model:
 * the tank starts at 18 degC and warms by about 1.7 K/min with the heater on).
 */
class FailureDetailsTest {

    @TempDir
    static Path dir;
    private static List<TestResult> results;

    @BeforeAll
    static void run() throws Exception {
        Files.copy(Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath().normalize(),
                dir.resolve("heating-line.twin"));
        Path suite = dir.resolve("details.twintest");
        Files.writeString(suite, """
                suite "details" model "heating-line.twin"
                setup { set controller.enable = true set controller.setpoint = 60 degC }
                test "never" { expect tank.temperature > 17 degC never }
                test "within" { expect tank.temperature >= 59 degC within 2 min }
                test "timeout" timeout 10 s { wait 20 s }
                test "passes" { expect tank.temperature == 18 degC ± 0.5 degC }
                """);
        SuiteFiles.Loaded loaded = new SuiteFiles().load(suite);
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        SuiteResult result = new SuiteRunner().run(loaded.suite());
        results = result.tests();
        assertEquals(List.of(Verdict.FAILED, Verdict.FAILED, Verdict.ERROR, Verdict.PASSED),
                results.stream().map(TestResult::verdict).toList());
    }

    @Test
    void neverNamesTheCheckAndTheValueThatBrokeIt() {
        FailureDetails d = FailureDetails.of(results.get(0));
        assertEquals("never tank.temperature > 17.0000 degC", d.expected());
        assertEquals("18.0000 degC", d.actual());
        assertEquals("0.00000 s", d.time());
        assertEquals("from 0.00000 s", d.window());
        assertEquals(results.get(0).message(), d.message());
    }

    @Test
    void withinGivesItsWindowAndTheTimeItEnded() {
        FailureDetails d = FailureDetails.of(results.get(1));
        assertEquals("tank.temperature >= 59.0000 degC", d.expected());
        assertEquals("within 120.000 s", d.window());
        assertEquals("120.000 s", d.time());
        // 18 degC + about 1.7 K/min for 2 min
        double actual = Double.parseDouble(d.actual().replace(" degC", ""));
        assertEquals(21.4, actual, 0.5);
    }

    @Test
    void errorsKeepTheirMessageAndTime() {
        FailureDetails d = FailureDetails.of(results.get(2));
        assertEquals("", d.expected());
        assertEquals("", d.actual());
        assertEquals("10.0000 s", d.time());
        assertTrue(d.message().startsWith("timeout: the test ran past 10.0000 s"), d.message());
    }

    @Test
    void passedTestsHaveNoDetails() {
        FailureDetails d = FailureDetails.of(results.get(3));
        assertEquals(new FailureDetails("", "", "", "", ""), d);
    }
}
