package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;

/** {@code twinstudio test --target live}: the same suites run against the twin running in real time. */
class LiveTestTargetTest {

    @TempDir
    Path dir;

    private Path suite(String tests) throws Exception {
        Files.copy(Cli.HEATING_LINE, dir.resolve("heating-line.twin"), StandardCopyOption.REPLACE_EXISTING);
        return Files.writeString(dir.resolve("live.twintest"), """
                suite "live" model "heating-line.twin"
                setup {
                    set controller.enable = true
                    set controller.setpoint = 60 degC
                    set inletValve.open = false
                }
                """ + tests);
    }

    @Test
    void passingAndFailingExpectationsGetTheirVerdictsLive() throws Exception {
        // The 24 kW heater warms 200 kg of water by at most 24000 / (200 · 4186) ≈ 0.029 K/s: from 18 degC, 0.5 K take
        // about 17 s (well within 2 min), 40 K at least 23 min, so 58 degC within 20 s must fail.
        Path s = suite("""
                test "heater comes on" {
                    expect heater.power > 20 kW within 10 s
                    expect tank.temperature >= 18.5 degC within 2 min
                }
                test "stuck sensor" {
                    inject fault sensorT.value stuck 45 degC after 5 s for 10 s
                    expect sensorT.value == 45 degC ± 0.01 within 10 s
                    wait 12 s
                    expect sensorT.value < 44 degC
                }
                test "hot in 20 s" {
                    expect tank.temperature >= 58 degC within 20 s
                }
                """);
        long start = System.nanoTime();
        Cli.Result r = Cli.run("test", s.toString(), "--target", "live", "--realtime-factor", "200", "--no-history");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ExitCodes.INVALID, r.exitCode(), r.toString());
        assertTrue(r.out().contains("PASSED  live / heater comes on"), r.out());
        assertTrue(r.out().contains("PASSED  live / stuck sensor"), r.out());
        assertTrue(r.out().contains("FAILED  live / hot in 20 s: expected tank.temperature >= 58"), r.out());
        assertTrue(r.err().contains("running live (live) at 200 x real time"), r.err());
        // the fixed waits alone (5 s to the fault, 12 s wait, the 20 s window) are 37 simulated seconds: at 200 x at
        // least 0.185 s of wall-clock time
        assertTrue(seconds > 0.185, "a live run takes wall-clock time: " + seconds + " s");
    }

    @Test
    void theAcceptanceSuiteOfTheExamplePassesLive() throws Exception {
        Path example = Cli.HEATING_LINE.getParent();
        Files.copy(Cli.HEATING_LINE, dir.resolve("heating-line.twin"));
        Path suite = Files.copy(example.resolve("acceptance.twintest"), dir.resolve("acceptance.twintest"));
        Cli.Result r = Cli.run("test", suite.toString(), "--target", "live", "--cycle", "1s", "--realtime-factor",
                "2000", "--no-history");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(6, r.out().lines().filter(l -> l.startsWith("PASSED")).count(), r.out());
    }
}
