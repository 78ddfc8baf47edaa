package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.runner.ParseBenchmark;

/**
 * Reads and validates 1,000 generated suites against the example model and prints the time (docs/benchmarks.md);
 * the suites must all be valid, so the figure is for the full validation path.
 */
class ParseBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void thousandSuitesParseAndValidate() throws Exception {
        Path model = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath().normalize();
        // a warm-up round in its own folder, then the measured one
        ParseBenchmark.run(model, dir.resolve("warm-up").toFile().mkdirs() ? dir.resolve("warm-up") : dir, 200);
        java.nio.file.Files.createDirectories(dir.resolve("measured"));
        ParseBenchmark.Result r = ParseBenchmark.run(model, dir.resolve("measured"), 1000);
        System.out.println("[benchmark] " + ParseBenchmark.describe(r));
        assertEquals(0, r.errors(), () -> String.join("\n", r.firstErrors()));
        assertEquals(1000, r.files());
    }
}
