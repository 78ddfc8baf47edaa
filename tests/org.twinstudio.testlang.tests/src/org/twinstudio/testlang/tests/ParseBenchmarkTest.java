package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.TestLangStandaloneSetup;
import org.twinstudio.testlang.runner.ParseBenchmark;
import org.twinstudio.testlang.runner.SuiteFiles;

/**
 * Reads and validates 1,000 generated suites against the example model and prints the time (docs/benchmarks.md):
 * a warm-up round of 200, then three measured rounds of 1,000 with one reader (as one command-line run does). The
 * suites must all be valid, so the figure is for the full validation path.
 */
class ParseBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void thousandSuitesParseAndValidate() throws Exception {
        Path model = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath().normalize();
        ParseBenchmark.Result first = ParseBenchmark.run(model, Files.createDirectories(dir.resolve("warm-up")), 200);
        System.out.println("[benchmark] warm-up " + ParseBenchmark.describe(first));
        SuiteFiles reader = new SuiteFiles();
        for (int round = 1; round <= 3; round++) {
            ParseBenchmark.Result r = ParseBenchmark.run(model, Files.createDirectories(dir.resolve("r" + round)),
                    1000, reader);
            System.out.println("[benchmark] round " + round + " " + ParseBenchmark.describe(r));
            assertEquals(0, r.errors(), () -> String.join("\n", r.firstErrors()));
            assertEquals(1000, r.files());
        }
        // the same files again on a fresh injector, each phase on the thread's CPU clock
        ParseBenchmark.Phases p = ParseBenchmark.phases(dir.resolve("r1"),
                new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration());
        System.out.println("[benchmark] " + ParseBenchmark.describe(p));
        assertEquals(0, p.errors());
        assertEquals(1000, p.files());
    }
}
