package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * One seed makes a run's randomness repeat: the heating line's temperature sensor has 0.05 K Gaussian noise and the
 * test adds a noise fault (σ = 0.01 m) on the level sensor; both come from generators seeded from the simulation seed.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class SeedTest {

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    private SuiteResult run(Long seed) throws Exception {
        Suite suite = parser.parse("""
                suite "seeded" model "heating-line.twin"
                test "noisy" {
                  inject fault sensorL.value noise 0.01 m
                  expect sensorT.value > 0 degC always
                  expect sensorL.value > -1 m always
                  wait 20 s
                }
                """, URI.createFileURI(SuiteRunnerTest.EXAMPLE.resolve("seed-check.twintest").toString()),
                resourceSets.get());
        return new SuiteRunner(model -> new SimulationTarget(model, seed), Set.of()).run(suite);
    }

    private static double[] values(SuiteResult r, String port) {
        TestResult t = r.tests().get(0);
        assertEquals(TestResult.Verdict.PASSED, t.verdict(), t.message());
        return t.trace().signal(port).values();
    }

    @Test
    void theSameSeedRepeatsAndAnotherChangesTheNoise() throws Exception {
        SuiteResult a = run(7L);
        SuiteResult b = run(7L);
        SuiteResult c = run(8L);
        for (String port : new String[] { "sensorT.value", "sensorL.value" }) {
            double[] va = values(a, port);
            assertArrayEquals(va, values(b, port), port + ": same seed, same values bit for bit");
            double[] vc = values(c, port);
            assertEquals(va.length, vc.length);
            assertFalse(Arrays.equals(va, vc), port + ": another seed, other noise");
            // and it is noise: consecutive samples differ
            long changes = 0;
            for (int i = 1; i < va.length; i++) {
                changes += va[i] != va[i - 1] ? 1 : 0;
            }
            assertTrue(changes > va.length / 2, port + " changes " + changes + " of " + va.length);
        }
        // no seed: the simulation's default, which repeats too
        assertArrayEquals(values(run(null), "sensorT.value"), values(run(null), "sensorT.value"));
    }
}
