package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twinstudio run}: summary, CSV and exit codes. */
class RunCommandTest {

    @Test
    void runsTheExampleAndWritesCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("results.csv");
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "60", "--step", "0.5", "--solver", "euler",
                "--out", csv.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains(": euler, step 0.5 s, stop 60.0 s"), r::toString);
        assertTrue(r.out().contains("120 steps, 0 events, "), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("120 steps, 0 events, \\d+\\.\\d ms wall time, \\d+ x real time")),
                r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+tank\\.temperature\\s+19\\.\\d{4} degC")), r::toString);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(122, lines.size());
        assertTrue(lines.get(0).startsWith("time [s],inletValve.position [%],"), lines.get(0));
        assertTrue(lines.get(121).startsWith("60.0,"), lines.get(121));
    }

    @Test
    void modelSettingsAreTheDefault() {
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains(": rk4, step 0.1 s, stop 1.0 s"), r::toString);
    }

    /** dopri5 takes far fewer steps than the 600 output points and ends at the same temperature as RK4. */
    @Test
    void adaptiveSolverReportsAcceptedAndRejectedSteps() {
        Cli.Result rk4 = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "60", "--step", "0.1");
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "60", "--step", "0.1", "--solver",
                "dopri5", "--tolerance", "1e-8");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains(": dopri5, output every 0.1 s, stop 60.0 s, tolerance 1.0E-8 relative, "),
                r::toString);
        String summary = r.out().lines().filter(l -> l.contains(" steps (")).findFirst().orElseThrow();
        assertTrue(summary.matches("\\d+ steps \\(\\d+ rejected\\), 0 events, .* ms wall time, \\d+ x real time"), summary);
        long steps = Long.parseLong(summary.substring(0, summary.indexOf(' ')));
        assertTrue(steps < 600, summary);
        assertEquals(finalTemperature(rk4), finalTemperature(r), 1e-3, r::toString);
    }

    private static double finalTemperature(Cli.Result r) {
        String line = r.out().lines().filter(l -> l.trim().startsWith("tank.temperature ")).findFirst().orElseThrow();
        return Double.parseDouble(line.trim().split("\\s+")[1]);
    }

    @Test
    void aToleranceOutsideZeroToOneIsAUsageError() {
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--solver", "dopri5", "--tolerance", "2");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--tolerance must lie between 0 and 1"), r::toString);
    }

    @Test
    void invalidModelExitsOne(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.twin");
        Files.writeString(broken, Files.readString(Cli.HEATING_LINE).replace("type=\"tank\"", "type=\"boiler\""));
        Cli.Result r = Cli.run("run", broken.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("boiler"), r::toString);
    }

    @Test
    void simulationFailureExitsFour(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("nan.twin");
        // A negative time constant is refused when the model is built; a heater with an infinite power is not.
        Files.writeString(model, Files.readString(Cli.HEATING_LINE).replace("name=\"maxPower\" value=\"24000\"",
                "name=\"maxPower\" value=\"1e308\"").replace("name=\"efficiency\" value=\"0.98\"",
                        "name=\"efficiency\" value=\"1e10\""));
        Cli.Result r = Cli.run("run", model.toString(), "--stop", "10");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.err().contains("component 'heater' (heater) produced Infinity on output 'power' at t = 0"),
                r::toString);
    }

    /** The CSV is written while the run goes; a run that fails leaves the previous file as it was. */
    @Test
    void aFailedRunKeepsTheLastResults(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("results.csv");
        assertEquals(0, Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "5", "--out", csv.toString()).exitCode());
        String good = Files.readString(csv);
        Path model = dir.resolve("nan.twin");
        Files.writeString(model, Files.readString(Cli.HEATING_LINE).replace("name=\"maxPower\" value=\"24000\"",
                "name=\"maxPower\" value=\"1e308\"").replace("name=\"efficiency\" value=\"0.98\"",
                        "name=\"efficiency\" value=\"1e10\""));
        Cli.Result r = Cli.run("run", model.toString(), "--stop", "10", "--out", csv.toString());
        assertEquals(4, r.exitCode(), r::toString);
        assertEquals(good, Files.readString(csv));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("nan.twin", "results.csv"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void missingFileIsAUsageError() {
        Cli.Result r = Cli.run("run", "no-such-model.twin");
        assertEquals(2, r.exitCode(), r::toString);
    }
}
