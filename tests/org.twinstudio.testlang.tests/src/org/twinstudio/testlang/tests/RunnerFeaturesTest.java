package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.runner.JUnitXmlWriter;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.AssertionTrace;
import org.twinstudio.testlang.runner.SignalTrace;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestTarget;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;
import org.twinstudio.testlang.sequence.Suite;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Running data tables, alert expectations and fault start times on a plant known in closed form: clock.y = ∫u dt
 * with u = 1 (y = t), grid 0.5 s; alert rule 'late' raised when clock.y &gt; 10 has held for 1 s (first sample above
 * 10 is t = 10.5, so raised at 11.5), cleared at clock.y ≤ 10 − 0.25.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class RunnerFeaturesTest {

    static final String MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <twin:TwinModel xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                xmlns:twin="http://twinstudio.org/model/twin/1.0" name="runner_plant">
              <components name="clock" type="integrator">
                <parameters name="k" value="1" unit=""/>
                <ports name="u" unit="" start="1"/>
                <ports name="y" direction="out" unit="" start="0"/>
              </components>
              <alertRules name="late" signal="clock.y" threshold="10" unit="" severity="warning" delay="1.0"
                  hysteresis="0.25" message="clock past 10"/>
              <simulation stepSize="0.5" stopTime="100" solver="rk4"/>
            </twin:TwinModel>
            """;

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @TempDir
    Path dir;

    private SuiteResult run(String body) throws Exception {
        Suite suite = SuiteFixture.parse(parser, resourceSets.get(), dir, "plant.twin", MODEL,
                "suite \"runner\" model \"plant.twin\"\n" + body);
        return new SuiteRunner().run(suite);
    }

    @Test
    void everyRowRunsAndAFailingRowDoesNotStopTheOthers() throws Exception {
        SuiteResult r = run("""
                test "reach" {
                    expect clock.y >= level within limit
                    log "reached"
                } examples {
                    | level | limit |
                    | 2     | 5 s   |
                    | 8     | 5 s   |
                    | 3     | 4 s   |
                }
                """);
        assertEquals(List.of("reach [level=2, limit=5 s]", "reach [level=8, limit=5 s]",
                "reach [level=3, limit=4 s]"), r.tests().stream().map(TestResult::name).toList());
        assertEquals(List.of(Verdict.PASSED, Verdict.FAILED, Verdict.PASSED),
                r.tests().stream().map(TestResult::verdict).toList());
        assertEquals(List.of("[t = 2.00000 s] reached"), r.tests().get(0).logs());
        assertEquals(5.0, r.tests().get(1).failureTime(), 1e-12);
        assertTrue(r.tests().get(1).message().contains("expected clock.y >= 8"), r.tests().get(1).message());
        assertEquals(List.of("[t = 3.00000 s] reached"), r.tests().get(2).logs());

        Path xml = dir.resolve("junit.xml");
        new JUnitXmlWriter("test").write(List.of(r), xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        assertEquals("reach [level=8, limit=5 s]", ((org.w3c.dom.Element) cases.item(1)).getAttribute("name"));
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
    }

    @Test
    void aRowThatCannotApplyIsAnErrorOfItsOwn() throws Exception {
        SuiteResult r = run("""
                test "t" {
                    wait pause
                } examples {
                    | pause |
                    | 1 s   |
                    | true  |
                }
                """);
        assertEquals(List.of(Verdict.PASSED, Verdict.ERROR), r.tests().stream().map(TestResult::verdict).toList());
        assertEquals("examples row 2, column 'pause': true where a number is needed", r.tests().get(1).message());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsAnErrorAndTheOthersRun() throws Exception {
        SuiteResult r = run("""
                test "t" {
                    wait pause
                    expect clock.y == level
                } examples {
                    | pause | level |
                    | 1 s   |
                    | 2 s   | 2     |
                }
                """);
        assertEquals(List.of(Verdict.ERROR, Verdict.PASSED), r.tests().stream().map(TestResult::verdict).toList());
        assertEquals("t [pause=1 s]", r.tests().get(0).name());
        assertEquals("examples row 1 has 1 cell for 2 columns", r.tests().get(0).message());
    }

    @Test
    void alertRaisedWithinPassesWhenRaisedAndClearedFollows() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "a" {
                    expect alert late cleared
                    expect alert late raised within 12 s
                    log "raised"
                    set clock.u = -1
                    expect alert late cleared within 2 s
                    log "cleared"
                }
                """));
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
        // cleared at y <= 9.75: from y = 11.5 at 11.5 s falling 1/s, below at 13.25 s, first seen on the 0.5 s grid
        // at 13.5 s (y = 9.5)
        assertEquals(List.of("[t = 11.5000 s] raised", "[t = 13.5000 s] cleared"), t.logs());
    }

    @Test
    void alertRaisedWithinFailsAtItsEnd() throws Exception {
        TestResult t = SuiteFixture.only(run("test \"a\" {\n    expect alert late raised within 11 s\n}\n"));
        assertEquals(Verdict.FAILED, t.verdict());
        assertEquals(11.0, t.failureTime(), 1e-12);
        assertEquals("expected alert 'late' raised within 11.0000 s in the window [0.00000, 11.0000] s (at t = 11.0000 s)", t.message());
    }

    @Test
    void alertNeverFailsWhenRaised() throws Exception {
        TestResult t = SuiteFixture.only(run("test \"a\" {\n    expect alert late never\n    wait 20 s\n}\n"));
        assertEquals(Verdict.FAILED, t.verdict());
        assertEquals(11.5, t.failureTime(), 1e-12);
        assertEquals("expected alert 'late' never raised, but it is raised (at t = 11.5000 s)", t.message());
        // the alert's state is traced (0 cleared, 1 raised) and the expectation marked where it failed
        SignalTrace state = t.trace().signal("alert late");
        assertEquals(SignalTrace.Role.ALERT, state.role());
        double[] times = state.times();
        double[] values = state.values();
        for (int i = 0; i < times.length; i++) {
            assertEquals(times[i] < 11.5 ? 0 : 1, values[i], "t = " + times[i]);
        }
        AssertionTrace a = t.trace().assertions().get(0);
        assertEquals("alert late", a.port());
        assertEquals(AssertionTrace.Timing.NEVER, a.timing());
        assertEquals(AssertionTrace.Outcome.FAILED, a.outcome());
        assertEquals(11.5, a.failureTime(), 1e-12);
        assertEquals(1, a.actual());
    }

    @Test
    void alertNowAndForWindows() throws Exception {
        TestResult now = SuiteFixture.only(run("test \"a\" {\n    wait 12 s\n    expect alert late cleared\n}\n"));
        assertEquals(Verdict.FAILED, now.verdict());
        assertEquals("expected alert 'late' cleared, but it is raised (at t = 12.0000 s)", now.message());
        TestResult window = SuiteFixture.only(run("test \"a\" {\n    expect alert late cleared for 15 s\n}\n"));
        assertEquals(Verdict.FAILED, window.verdict());
        assertEquals(11.5, window.failureTime(), 1e-12);
    }

    /** A target that cannot report alerts (as a rig without an alarm interface): the expectation is an error. */
    @Test
    void aTargetWithoutAlertsMakesAlertExpectationsErrors() throws Exception {
        Files.writeString(dir.resolve("plant.twin"), MODEL);
        Suite suite = parser.parse("suite \"runner\" model \"plant.twin\"\ntest \"a\" {\n    wait 1 s\n"
                + "    expect alert late never\n}\ntest \"b\" {\n    wait 1 s\n}\n",
                URI.createFileURI(dir.resolve("s.twintest").toString()), resourceSets.get());
        SuiteResult r = new SuiteRunner(file -> new WithoutAlerts(new SimulationTarget(file)), Set.of()).run(suite);
        assertEquals(List.of(Verdict.ERROR, Verdict.PASSED), r.tests().stream().map(TestResult::verdict).toList());
        assertEquals("this test target does not report alerts", r.tests().get(0).message());
        assertEquals(1.0, r.tests().get(0).failureTime(), 1e-12);
    }

    /** Every call but alertActive passed on. */
    private record WithoutAlerts(TestTarget inner) implements TestTarget {
        @Override
        public double time() {
            return inner.time();
        }

        @Override
        public double stepSize() {
            return inner.stepSize();
        }

        @Override
        public String unit(String port) {
            return inner.unit(port);
        }

        @Override
        public void set(String port, double value) throws Exception {
            inner.set(port, value);
        }

        @Override
        public double value(String port) throws Exception {
            return inner.value(port);
        }

        @Override
        public void advanceTo(double time) throws Exception {
            inner.advanceTo(time);
        }

        @Override
        public void injectFault(FaultRequest fault) throws Exception {
            inner.injectFault(fault);
        }

        @Override
        public void clearFault(String target) throws Exception {
            inner.clearFault(target);
        }

        @Override
        public void close() throws Exception {
            inner.close();
        }
    }

    @Test
    void faultAtCountsFromTheStartOfTheTest() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                setup {
                    wait 2 s
                }
                test "f" {
                    inject fault clock.y stuck 50 at 1 s
                    wait 0.5 s
                    expect clock.y == 2.5
                    wait 1 s
                    expect clock.y == 50
                }
                """));
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
    }

    @Test
    void faultAfterCountsFromTheStatement() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "f" {
                    wait 1 s
                    inject fault clock.y stuck 50 after 2 s
                    wait 1.5 s
                    expect clock.y == 2.5
                    wait 1 s
                    expect clock.y == 50
                }
                """));
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
    }

    @Test
    void faultAtAlreadyPastIsAnError() throws Exception {
        TestResult t = SuiteFixture.only(run("test \"f\" {\n    wait 5 s\n    inject fault clock.y stuck 50 at 1 s\n}\n"));
        assertEquals(Verdict.ERROR, t.verdict());
        assertEquals("fault start 'at 1.00000 s' (test time) is already past: the test is at 5.00000 s; 'after T'"
                + " counts from the statement", t.message());
    }

    @Test
    void aMissingModelIsAnErrorOfEveryTestNamingTheFile() throws Exception {
        Suite suite = parser.parse("suite \"s\" model \"nowhere.twin\"\ntest \"a\" { wait 1 s }\ntest \"b\" { wait 1 s }\n",
                URI.createFileURI(dir.resolve("s.twintest").toString()), resourceSets.get());
        SuiteResult r = new SuiteRunner().run(suite);
        assertEquals(2, r.tests().size());
        for (TestResult t : r.tests()) {
            assertEquals(Verdict.ERROR, t.verdict());
            assertTrue(t.message().contains("nowhere.twin"), t.message());
        }
    }
}
