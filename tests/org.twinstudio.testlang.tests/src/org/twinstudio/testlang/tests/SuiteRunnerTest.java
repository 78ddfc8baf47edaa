package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Runs suites against a small in-test model whose signals are known in closed form: an integrator with input 1
 * (y = t), a gain on a kelvin port (y = u) and a gain for ramps; step 0.5 s so grid times are exact in binary.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class SuiteRunnerTest {

    static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();

    static final String MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <twin:TwinModel xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                xmlns:twin="http://twinstudio.org/model/twin/1.0" name="runner_plant">
              <components name="clock" type="integrator">
                <parameters name="k" value="1" unit=""/>
                <ports name="u" unit="" start="1"/>
                <ports name="y" direction="out" unit="" start="0"/>
              </components>
              <components name="thermo" type="gain">
                <parameters name="k" value="1" unit=""/>
                <ports name="u" unit="K" start="300"/>
                <ports name="y" direction="out" unit="K"/>
              </components>
              <components name="amp" type="gain">
                <parameters name="k" value="2" unit=""/>
                <ports name="u" unit="" start="0"/>
                <ports name="y" direction="out" unit=""/>
              </components>
              <simulation stepSize="0.5" stopTime="100" solver="rk4"/>
            </twin:TwinModel>
            """;

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @TempDir
    Path dir;

    private SuiteResult run(String tests) throws Exception {
        Suite suite = SuiteFixture.parse(parser, resourceSets.get(), dir, "plant.twin", MODEL,
                "suite \"runner\" model \"plant.twin\"\n" + tests);
        return new SuiteRunner().run(suite);
    }

    @Test
    void withinPassesAtTheFirstStepItHolds() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "w" {
                  expect clock.y >= 5 within 10 s
                  log "reached"
                  expect clock.y == 5 ± 1e-9
                }
                """));
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
        assertNull(t.message());
        assertEquals(List.of("[t = 5.00000 s] reached"), t.logs());
    }

    @Test
    void withinFailsAtItsEnd() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "w" {
                  wait 1 s
                  expect clock.y >= 5 within 3 s
                }
                """));
        assertEquals(Verdict.FAILED, t.verdict());
        assertEquals(4.0, t.failureTime(), 1e-12);
        assertTrue(t.message().contains("within 3.00000 s, actual 4.00000"), t.message());
    }

    @Test
    void forFailsAtTheFirstStepThatBreaksIt() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "f" {
                  expect clock.y < 4 for 10 s
                }
                """));
        assertEquals(Verdict.FAILED, t.verdict());
        assertEquals(4.0, t.failureTime(), 1e-12);
    }

    @Test
    void forPassesWhenItHoldsThroughout() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "f" {
                  expect clock.y <= 10 for 10 s
                  expect clock.y == 10 ± 1e-9
                }
                """));
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
    }

    @Test
    void alwaysAndNeverMonitorLaterStatements() throws Exception {
        SuiteResult r = run("""
                test "always" {
                  expect clock.y < 2.2 always
                  wait 10 s
                }
                test "never" {
                  expect clock.y > 7.2 never
                  wait 3 s
                  wait 7 s
                }
                test "monitor ends with its test" {
                  wait 10 s
                }
                """);
        assertEquals(Verdict.FAILED, r.tests().get(0).verdict());
        assertEquals(2.5, r.tests().get(0).failureTime(), 1e-12);
        assertEquals(Verdict.FAILED, r.tests().get(1).verdict());
        assertEquals(7.5, r.tests().get(1).failureTime(), 1e-12);
        assertTrue(r.tests().get(1).message().startsWith("expected never clock.y > 7.20000"),
                r.tests().get(1).message());
        assertEquals(Verdict.PASSED, r.tests().get(2).verdict());
    }

    /** amp.y = 2·amp.u has direct feedthrough: a set breaks the monitor at the set's instant, not a step later. */
    @Test
    void aSetBreaksAMonitorAtItsInstant() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "set" {
                  expect amp.y < 5 always
                  wait 1.2 s
                  set amp.u = 10
                  wait 1 s
                }
                """));
        assertEquals(Verdict.FAILED, t.verdict());
        assertEquals(1.2, t.failureTime(), 1e-12);
        assertTrue(t.message().contains("actual 20.0000"), t.message());
    }

    @Test
    void unitsAreConvertedToThePortUnit() throws Exception {
        SuiteResult r = run("""
                test "degC into a kelvin port" {
                  set thermo.u = 60 degC
                  wait 0.5 s
                  expect thermo.y == 333.15 ± 1e-9
                  expect thermo.y == 60 degC ± 0.001 K
                  expect thermo.y > 59.9 degC
                }
                test "wrong on purpose" {
                  set thermo.u = 60 degC
                  expect thermo.y == 60 ± 1
                }
                """);
        assertEquals(Verdict.PASSED, r.tests().get(0).verdict(), r.tests().get(0).message());
        assertEquals(Verdict.FAILED, r.tests().get(1).verdict());
    }

    @Test
    void eachTestStartsFromAFreshModel() throws Exception {
        SuiteResult r = run("""
                test "a" { wait 3 s expect clock.y == 3 ± 1e-9 }
                test "b" { expect clock.y == 0 ± 1e-9 wait 1 s expect clock.y == 1 ± 1e-9 }
                """);
        assertEquals(Verdict.PASSED, r.tests().get(0).verdict(), r.tests().get(0).message());
        assertEquals(Verdict.PASSED, r.tests().get(1).verdict(), r.tests().get(1).message());
    }

    @Test
    void rampIsLinearAndRunsBesideLaterStatements() throws Exception {
        TestResult t = SuiteFixture.only(run("""
                test "r" {
                  ramp amp.u to 10 over 10 s
                  wait 5 s
                  expect amp.u == 5 ± 1e-9
                  expect amp.y == 10 ± 1e-9
                  wait 10 s
                  expect amp.u == 10 ± 1e-9
                }
                """));
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
    }

    @Test
    void faultMakesATestFail() throws Exception {
        SuiteResult r = run("""
                test "stuck at 50 from 2 s" {
                  inject fault clock.y stuck 50 at 2 s
                  expect clock.y < 10 always
                  wait 5 s
                }
                test "cleared" {
                  inject fault clock.y stuck 50
                  wait 1 s
                  expect clock.y == 50
                  clear fault clock.y
                  wait 1 s
                  expect clock.y == 2 ± 1e-9
                }
                """);
        assertEquals(Verdict.FAILED, r.tests().get(0).verdict());
        assertEquals(2.0, r.tests().get(0).failureTime(), 1e-12);
        assertEquals(Verdict.PASSED, r.tests().get(1).verdict(), r.tests().get(1).message());
    }

    @Test
    void errorsAndTimeoutsDoNotStopTheOtherTests() throws Exception {
        SuiteResult r = run("""
                test "set an output" { set clock.y = 3 }
                test "too long" timeout 2 s { wait 5 s }
                test "fine" timeout 10 s { wait 5 s expect clock.y == 5 ± 1e-9 }
                """);
        assertEquals(Verdict.ERROR, r.tests().get(0).verdict());
        assertTrue(r.tests().get(0).message().contains("clock.y"), r.tests().get(0).message());
        assertEquals(Verdict.ERROR, r.tests().get(1).verdict());
        assertTrue(r.tests().get(1).message().startsWith("timeout"), r.tests().get(1).message());
        assertEquals(2.0, r.tests().get(1).failureTime(), 1e-12);
        assertEquals(Verdict.PASSED, r.tests().get(2).verdict(), r.tests().get(2).message());
    }

    @Test
    void tagsSelectTests() throws Exception {
        Files.writeString(dir.resolve("plant.twin"), MODEL);
        Suite suite = parser.parse("""
                suite "tags" model "plant.twin"
                test "a" tags smoke { wait 1 s }
                test "b" tags slow { wait 1 s }
                test "c" { wait 1 s }
                """, URI.createFileURI(dir.resolve("s.twintest").toString()), resourceSets.get());
        SuiteResult r = new SuiteRunner(SimulationTarget::new, Set.of("smoke")).run(suite);
        assertEquals(List.of("a"), r.tests().stream().map(TestResult::name).toList());
    }

    @Test
    void includeSelectsTestsAndTheListenerHearsEach() throws Exception {
        Files.writeString(dir.resolve("plant.twin"), MODEL);
        Suite suite = parser.parse("""
                suite "pick" model "plant.twin"
                test "a" { wait 1 s }
                test "b" { wait 2 s expect clock.y >= 5 }
                test "c" { wait 1 s }
                """, URI.createFileURI(dir.resolve("s.twintest").toString()), resourceSets.get());
        List<String> events = new java.util.ArrayList<>();
        SuiteRunner.Listener listener = new SuiteRunner.Listener() {
            @Override
            public void testStarted(TestCase test) {
                events.add("start " + test.getName());
            }

            @Override
            public void testFinished(TestCase test, TestResult result) {
                events.add("end " + test.getName() + " " + result.verdict());
            }
        };
        SuiteResult r = new SuiteRunner().run(suite, SuiteRunner.modelFile(suite),
                t -> Set.of("b", "c").contains(t.getName()), listener);
        assertEquals(List.of("b", "c"), r.tests().stream().map(TestResult::name).toList());
        assertEquals(List.of("start b", "end b FAILED", "start c", "end c PASSED"), events);
    }

    @Test
    void cancellingStopsBetweenStepsAndSkipsLaterTests() throws Exception {
        Files.writeString(dir.resolve("plant.twin"), MODEL);
        Suite suite = parser.parse("""
                suite "cancel" model "plant.twin"
                test "long" { wait 50 s }
                test "never runs" { wait 1 s }
                """, URI.createFileURI(dir.resolve("s.twintest").toString()), resourceSets.get());
        // cancelled once the clock (y = t) has reached 3 s: asked between steps of 0.5 s
        java.util.concurrent.atomic.AtomicReference<SimulationTarget> current = new java.util.concurrent.atomic.AtomicReference<>();
        SuiteRunner runner = new SuiteRunner(file -> {
            SimulationTarget target = new SimulationTarget(file);
            current.set(target);
            return target;
        }, Set.of());
        SuiteResult r = runner.run(suite, SuiteRunner.modelFile(suite), t -> true, new SuiteRunner.Listener() {
            @Override
            public boolean isCancelled() {
                SimulationTarget target = current.get();
                return target != null && target.time() >= 3;
            }
        });
        TestResult t = SuiteFixture.only(r);
        assertEquals("long", t.name());
        assertEquals(Verdict.ERROR, t.verdict());
        assertTrue(t.message().startsWith("cancelled"), t.message());
        assertEquals(3.0, t.failureTime(), 1e-12);
    }

    @Test
    void heatingLineSetpointInKelvin() throws Exception {
        Suite suite = parser.parse("""
                suite "heating line" model "heating-line.twin"
                setup { set controller.enable = true }
                test "kelvin setpoint" { set controller.setpoint = 333.15 K wait 1 s expect controller.setpoint == 60 degC ± 1e-9 }
                test "tank starts cold" { expect tank.temperature == 18 degC ± 0.01 }
                test "tank is not hot yet" { expect tank.temperature >= 58 degC within 5 s }
                """, URI.createFileURI(EXAMPLE.resolve("runner-check.twintest").toString()), resourceSets.get());
        SuiteResult r = new SuiteRunner().run(suite);
        assertEquals("heating_line", r.modelName());
        assertEquals(Verdict.PASSED, r.tests().get(0).verdict(), r.tests().get(0).message());
        assertEquals(Verdict.PASSED, r.tests().get(1).verdict(), r.tests().get(1).message());
        assertEquals(Verdict.FAILED, r.tests().get(2).verdict());
        assertEquals(5.0, r.tests().get(2).failureTime(), 1e-9);
    }

    @Test
    void junitXmlParsesWithTheRightCounts() throws Exception {
        SuiteResult r = run("""
                test "pass" { log "hello <&>" wait 1 s }
                test "fail" { expect clock.y > 1 }
                test "error" { set clock.y = 1 }
                test "pass 2" { }
                """);
        Path out = dir.resolve("reports/junit.xml");
        new JUnitXmlWriter("0.1.0").write(List.of(r), out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals(4, doc.getElementsByTagName("testcase").getLength());
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
        assertEquals(1, doc.getElementsByTagName("error").getLength());
        assertEquals("[t = 0.00000 s] hello <&>\n", doc.getElementsByTagName("system-out").item(0).getTextContent());
        NodeList props = doc.getElementsByTagName("property");
        String sha = null;
        String name = null;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals("model.sha256")) {
                sha = p.getAttribute("value");
            }
            if (p.getAttribute("name").equals("model.name")) {
                name = p.getAttribute("value");
            }
        }
        assertEquals("runner_plant", name);
        var digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve("plant.twin")));
        assertEquals(java.util.HexFormat.of().formatHex(digest), sha);
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    /**
     * The example suite: the heater runs at full power from the start (PID error 42 K, kp 15: saturated), so
     * dT/dt = (P·η − UA·(T − T_amb)) / (ρ·c·A·L) = (24000·0.98 − 15·(T − 20)) / (1000·4186·0.25·0.8): T(300 s) ≈
     * 18 + 8.428 − 0.012 = 26.416 degC, far from 58 degC; the setpoint step fails at 10 s + 15 min; the fault test
     * has no step after its never-monitor and passes.
     */
    @Test
    void exampleAcceptanceSuite() throws Exception {
        Suite suite = (Suite) resourceSets.get()
                .getResource(URI.createFileURI(EXAMPLE.resolve("acceptance.twintest").toString()), true)
                .getContents().get(0);
        SuiteResult r = new SuiteRunner().run(suite);
        assertEquals(List.of("heater reaches setpoint", "setpoint step", "stuck temperature sensor",
                "reaches each setpoint [setpoint=40 degC, reached=39 degC, limit=25 min]",
                "reaches each setpoint [setpoint=50 degC, reached=49 degC, limit=35 min]", "overtemperature alarm"),
                r.tests().stream().map(TestResult::name).toList());
        for (TestResult t : r.tests()) {
            assertEquals(Verdict.PASSED, t.verdict(), t.name() + ": " + t.message());
        }
        assertTrue(r.tests().get(0).logs().get(0).endsWith("heating line tests done"), r.tests().get(0).logs().toString());
    }
}
