package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.runner.AssertionTrace;
import org.twinstudio.testlang.runner.SignalTrace;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Temporal expectations are checked at every instant the simulation computes, not on the 0.5 s output grid. The model
 * (dopri5, grid 0.5 s): {@code pulse} is a hold table 0 → 10 at 1.2 s → 0 at 1.3 s (two time events, both between
 * grid points 1.0 and 1.5); {@code fast} is a lag with T = 0.01 s on the pulse: y = 10·(1 − e^−(t−1.2)/T) on
 * [1.2, 1.3], so y passes 9 at 1.2 + T·ln 10 = 1.223026 s and has decayed to 10·(1 − e^−10)·e^−20 ≈ 2e−8 by 1.5 s;
 * {@code clock} integrates 1 (y = t).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class TemporalSamplingTest {

    static final String MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <twin:TwinModel xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                xmlns:twin="http://twinstudio.org/model/twin/1.0" name="spikes">
              <components name="pulse" type="table">
                <parameters name="table" value="0:0, 1.2:10, 1.3:0" unit=""/>
                <parameters name="interpolation" value="hold" unit=""/>
                <ports name="y" direction="out" unit=""/>
              </components>
              <components name="fast" type="lag">
                <parameters name="timeConstant" value="0.01" unit="s"/>
                <ports name="u" unit=""/>
                <ports name="y" direction="out" unit="" start="0"/>
              </components>
              <components name="clock" type="integrator">
                <parameters name="k" value="1" unit=""/>
                <ports name="u" unit="" start="1"/>
                <ports name="y" direction="out" unit="" start="0"/>
              </components>
              <connections source="pulse.y" target="fast.u"/>
              <simulation stepSize="0.5" stopTime="10" solver="dopri5"/>
            </twin:TwinModel>
            """;

    static final double CROSSING = 1.2 + 0.01 * Math.log(10);

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @TempDir
    Path dir;

    private SuiteResult run(String tests) throws Exception {
        Suite suite = SuiteFixture.parse(parser, resourceSets.get(), dir, "spikes.twin", MODEL,
                "suite \"spikes\" model \"spikes.twin\"\n" + tests);
        return new SuiteRunner().run(suite);
    }

    private static boolean onGrid(double t) {
        return Math.abs(t / 0.5 - Math.rint(t / 0.5)) < 1e-9;
    }

    @Test
    void neverCatchesAnEventSpikeBetweenGridPointsAtItsInstant() throws Exception {
        SuiteResult r = run("""
                test "spike" { expect pulse.y > 5 never wait 3 s }
                test "no spike above 20" { expect pulse.y > 20 never wait 3 s }
                """);
        TestResult spike = r.tests().get(0);
        assertEquals(Verdict.FAILED, spike.verdict());
        assertEquals(1.2, spike.failureTime(), 1e-9, "the value after the event at 1.2 s");
        assertTrue(spike.message().startsWith("expected never pulse.y > 5.00000, actual 10.0000"), spike.message());
        assertTrue(spike.message().contains("in the window [0.00000, 1.20000] s"), spike.message());
        assertEquals(Verdict.PASSED, r.tests().get(1).verdict(), r.tests().get(1).message());
        // the grid alone (0, 0.5, 1, 1.5 …) only ever saw 0
        SignalTrace pulse = r.tests().get(1).trace().signal("pulse.y");
        double[] t = pulse.times();
        double[] v = pulse.values();
        double maxOnGrid = 0;
        double max = 0;
        for (int i = 0; i < t.length; i++) {
            max = Math.max(max, v[i]);
            if (onGrid(t[i])) {
                maxOnGrid = Math.max(maxOnGrid, v[i]);
            }
        }
        assertEquals(0, maxOnGrid);
        assertEquals(10, max);
    }

    @Test
    void neverLocatesAContinuousSpikeToTheAdaptiveStep() throws Exception {
        TestResult t = run("test \"lag spike\" { expect fast.y > 9 never wait 3 s }").tests().get(0);
        assertEquals(Verdict.FAILED, t.verdict());
        double tf = t.failureTime();
        assertTrue(tf > CROSSING && tf < 1.3, "failure at the first solver step past 1.2230 s, not " + tf);
        assertTrue(!onGrid(tf), "not a grid point: " + tf);
        AssertionTrace a = t.trace().assertions().get(0);
        assertEquals(AssertionTrace.Outcome.FAILED, a.outcome());
        assertEquals(tf, a.failureTime());
        // the reported value is the lag's value at that step (dopri5 at its default tolerance)
        double exact = 10 * (1 - Math.exp(-(tf - 1.2) / 0.01));
        assertEquals(exact, a.actual(), 1e-3 * 10);
        assertTrue(a.actual() > 9);
        assertEquals(0, a.start());
        assertEquals(tf, a.end());
    }

    @Test
    void alwaysSeesEveryStepAndPassesWhenNothingBreaksIt() throws Exception {
        SuiteResult r = run("""
                test "held" { expect fast.y <= 10.0001 always wait 3 s }
                test "broken between grid points" { expect fast.y < 5 always wait 3 s }
                """);
        assertEquals(Verdict.PASSED, r.tests().get(0).verdict(), r.tests().get(0).message());
        AssertionTrace held = r.tests().get(0).trace().assertions().get(0);
        assertEquals(AssertionTrace.Outcome.PASSED, held.outcome());
        assertEquals(3.0, held.end(), 1e-12, "an always window ends with its test");
        TestResult broken = r.tests().get(1);
        assertEquals(Verdict.FAILED, broken.verdict());
        // y = 5 at 1.2 + T·ln 2 = 1.206931 s
        assertTrue(broken.failureTime() > 1.2 + 0.01 * Math.log(2) && broken.failureTime() < 1.3,
                "" + broken.failureTime());
        assertTrue(broken.message().contains("always, actual"), broken.message());
    }

    @Test
    void forFailsInsideItsWindowAndReportsIt() throws Exception {
        SuiteResult r = run("""
                test "for" { wait 1 s expect pulse.y < 1 for 2 s }
                test "for before the pulse" { expect pulse.y < 1 for 1.1 s }
                """);
        TestResult f = r.tests().get(0);
        assertEquals(Verdict.FAILED, f.verdict());
        assertEquals(1.2, f.failureTime(), 1e-9);
        assertTrue(f.message().contains("for 2.00000 s, actual 10.0000 in the window [1.00000, 3.00000] s"),
                f.message());
        assertEquals(Verdict.PASSED, r.tests().get(1).verdict(), r.tests().get(1).message());
        AssertionTrace a = r.tests().get(1).trace().assertions().get(0);
        assertEquals(0, a.start());
        assertEquals(1.1, a.end(), 1e-12);
    }

    @Test
    void withinPassesAtTheFirstStepItHoldsNotAtTheNextGridPoint() throws Exception {
        TestResult t = run("""
                test "within" {
                  expect pulse.y > 5 within 2 s
                  log "seen"
                  expect fast.y < 9 within 0.5 s
                }
                """).tests().get(0);
        assertEquals(Verdict.PASSED, t.verdict(), t.message());
        assertEquals("[t = 1.20000 s] seen", t.logs().get(0));
        AssertionTrace first = t.trace().assertions().get(0);
        assertEquals(1.2, first.end(), 1e-9);
        assertNotEquals(AssertionTrace.Outcome.FAILED, t.trace().assertions().get(1).outcome());
    }

    @Test
    void eventInstantsAreTraced() throws Exception {
        TestResult t = run("test \"trace\" { expect pulse.y < 100 always wait 2 s }").tests().get(0);
        SignalTrace s = t.trace().signal("pulse.y");
        double[] times = s.times();
        double[] values = s.values();
        // the last sample at each event instant is after the event; one before it at the same instant (the step
        // ending there) reads the value before the event
        int at12 = -1;
        int at13 = -1;
        for (int i = 0; i < times.length; i++) {
            if (times[i] == 1.2) {
                at12 = i;
            }
            if (times[i] == 1.3) {
                at13 = i;
            }
        }
        assertTrue(at12 > 0 && at13 > at12, "samples at both event instants");
        assertTrue(times[at12 - 1] <= 1.2);
        assertEquals(0, values[at12 - 1]);
        assertEquals(10, values[at12]);
        assertEquals(0, values[at13]);
        assertEquals(10, values[at13 - 1]);
        assertEquals(2.0, times[times.length - 1], 1e-12);
        assertEquals(SignalTrace.Role.ASSERTED, s.role());
    }
}
