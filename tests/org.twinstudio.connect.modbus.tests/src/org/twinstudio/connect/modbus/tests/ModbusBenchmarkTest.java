package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.modbus.bench.ModbusBenchmark;
import org.twinstudio.connect.modbus.bench.ModbusBenchmark.Options;
import org.twinstudio.connect.modbus.bench.ModbusBenchmark.Result;
import org.twinstudio.connect.modbus.bench.ModbusBenchmark.Throughput;

/**
 * Runs the benchmark small and checks its figures are consistent (no timing thresholds). With the environment
 * variable {@code TWINSTUDIO_MODBUS_BENCH_SECONDS} set it runs that long per client count and writes the summary to
 * {@code target/modbus-benchmark.txt}.
 */
class ModbusBenchmarkTest {

    @Test
    void figuresAreSane() throws Exception {
        String seconds = System.getenv("TWINSTUDIO_MODBUS_BENCH_SECONDS");
        Options options = seconds == null
                ? new Options(10, new int[] { 1, 4 }, Duration.ofMillis(300), 200, Duration.ofMillis(10))
                : new Options(10, new int[] { 1, 4 }, Duration.ofSeconds(Long.parseLong(seconds)), 20_000,
                        Duration.ofMillis(10));
        Result result = ModbusBenchmark.run(options);
        assertEquals(2, result.reads().size());
        for (Throughput t : result.reads()) {
            assertTrue(t.requests() > 0, t.toString());
            assertTrue(t.seconds() >= options.duration().toMillis() / 1000.0 * 0.9, t.toString());
            assertEquals(t.requests() / t.seconds(), t.requestsPerSecond(), 1e-6);
        }
        assertEquals(options.writeSamples(), result.write().samples());
        assertTrue(result.write().p50Millis() > 0);
        assertTrue(result.write().p50Millis() <= result.write().p99Millis());
        assertTrue(result.write().p99Millis() <= result.write().maxMillis());
        assertTrue(result.cycles() > 0, "the twin cycled during the run");
        if (seconds != null) {
            Files.writeString(Path.of("target", "modbus-benchmark.txt"), result.summary());
        }
    }

    @Test
    void percentileIsNearestRank() {
        double[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        assertEquals(5, ModbusBenchmark.percentile(sorted, 0.5));
        assertEquals(10, ModbusBenchmark.percentile(sorted, 0.99));
        assertEquals(1, ModbusBenchmark.percentile(sorted, 0.0));
    }
}
