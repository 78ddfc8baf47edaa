package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;

/** {@code twinstudio hil} and {@code bench-hil}: the HIL loop's live status, summary, report and exit codes. */
class HilCommandTest {

    /** The heating line without its endpoints and bindings: a HIL loop that needs no peer. */
    static Path unbound(Path dir) throws Exception {
        String text = Cli.example().replaceAll("\\s*<(endpoints|bindings)\\b[^>]*/>", "");
        assertTrue(!text.contains("<bindings") && !text.contains("<endpoints"));
        return Files.writeString(dir.resolve("unbound.twin"), text, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aTimedRunPrintsStatusAndSummaryAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path model = unbound(dir);
        Path report = dir.resolve("out/timing.json");
        long start = System.nanoTime();
        Cli.Result r = Cli.run("hil", model.toString(), "--cycle", "10ms", "--duration", "1.5s", "--progress",
                "--report", report.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(seconds >= 1.49, "ran " + seconds + " s");
        // 1.5 s at a 10 ms cycle in real time: 150 cycles
        assertTrue(r.out().contains("heating_line: 150 cycles of 10 ms"), r.out());
        for (String row : List.of("read", "step", "write", "total", "jitter")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row + " ")), "no " + row + " row: " + r.out());
        }
        assertTrue(r.err().lines().anyMatch(l -> l.matches("t = [0-9.]+ s  cycles \\d+  overruns \\d+ \\(\\+\\d+\\)  cycle "
                + "p50 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms  jitter p50 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms")),
                "no status line: " + r.err());
        assertTrue(r.err().contains("twinstudio hil: ended after 150 cycles"), r.err());

        Map<String, Object> json = (Map<String, Object>) JsonParser.parse(Files.readString(report));
        Map<String, Object> options = (Map<String, Object>) json.get("options");
        assertEquals(0.01, ((Number) options.get("cycleSeconds")).doubleValue(), 1e-12);
        assertEquals(1.5, ((Number) options.get("durationSeconds")).doubleValue(), 1e-12);
        Map<String, Object> result = (Map<String, Object>) json.get("result");
        assertEquals("ENDED", result.get("state"));
        assertEquals(150, ((Number) result.get("cycles")).intValue());
        assertEquals(1.5, ((Number) result.get("simulatedSeconds")).doubleValue(), 1e-9);
        long overruns = ((Number) result.get("overruns")).longValue();
        assertTrue(overruns >= 0 && overruns <= 150);
        Map<String, Object> phases = (Map<String, Object>) json.get("phases");
        Map<String, Object> step = (Map<String, Object>) phases.get("step");
        Map<String, Object> total = (Map<String, Object>) phases.get("total");
        double stepP50 = ((Number) step.get("p50")).doubleValue();
        assertTrue(stepP50 > 0 && stepP50 <= ((Number) step.get("max")).doubleValue());
        assertTrue(((Number) total.get("max")).doubleValue() >= ((Number) step.get("max")).doubleValue());
        Map<String, Object> jitter = (Map<String, Object>) json.get("jitter");
        assertTrue(((Number) jitter.get("p99")).doubleValue() <= ((Number) jitter.get("max")).doubleValue());
        assertEquals(List.of(), json.get("bindings"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aStopEndsTheSessionWithItsSummaryAndReport(@TempDir Path dir) throws Exception {
        Path model = unbound(dir);
        Path report = dir.resolve("timing.json");
        try (ServeProtocolTest.Serving hil = new ServeProtocolTest.Serving("hil", model.toString(), "--report",
                report.toString(), "--realtime-factor", "5")) {
            Thread.sleep(800);
            assertEquals(ExitCodes.OK, hil.stop(), hil::toString);
            assertTrue(hil.err.toString().contains("twinstudio hil: stopped after"), hil::toString);
            assertTrue(hil.out.toString().contains("jitter"), hil::toString);
        }
        Map<String, Object> result = (Map<String, Object>) ((Map<String, Object>) JsonParser.parse(
                Files.readString(report))).get("result");
        assertEquals(Boolean.TRUE, result.get("stopped"));
        assertTrue(((Number) result.get("cycles")).intValue() > 0);
    }

    @Test
    void anEndpointWithoutConnectorAndBadDurationsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        Cli.Result r = Cli.run("hil", model.toString(), "--duration", "1s");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("endpoint 'plc': no connector is installed"), r.err());
        Cli.Result bad = Cli.run("hil", model.toString(), "--cycle", "10 parsecs");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("'10 parsecs' is not a duration"), bad.err());
        Cli.Result help = Cli.run("hil", "--help");
        assertTrue(help.out().contains("Overruns alone do not fail"), help.out());
    }

    @SuppressWarnings("unchecked")
    @Test
    void benchHilReportsJitterAndOverruns(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("bench-hil", Cli.HEATING_LINE.toString(), "--without-bindings", "--cycle", "10ms",
                "--duration", "500ms", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Map<String, Object> json = (Map<String, Object>) JsonParser.parse(r.out());
        assertEquals(50, ((Number) json.get("cycles")).intValue());
        assertEquals(0, ((Number) json.get("bindings")).intValue());
        Map<String, Object> jitter = (Map<String, Object>) json.get("jitter");
        double p99 = ((Number) jitter.get("p99")).doubleValue();
        boolean goal = p99 <= 1.0 && ((Number) json.get("overruns")).longValue() == 0;
        assertEquals(goal, json.get("goalMet"));
    }
}
