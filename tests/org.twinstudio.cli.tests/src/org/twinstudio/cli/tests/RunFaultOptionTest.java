package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twinstudio run --fault}: faults reach the recorded signals; bad specifications are usage errors. */
class RunFaultOptionTest {

    /** The CSV as rows of numbers, with the column of {@code signal}. */
    private static double[] column(Path csv, String signal) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int c = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith(signal + " [")) {
                c = i;
            }
        }
        assertTrue(c >= 0, signal + " in " + header);
        double[] values = new double[lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            values[r - 1] = Double.parseDouble(lines.get(r).split(",")[c]);
        }
        return values;
    }

    @Test
    void stuckSensorAndFailedHeaterShowInTheResults(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("faults.csv");
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "200", "--step", "0.5", "--solver", "euler",
                "--fault", "sensorT.value=stuck:20@100s+60s", "--fault", "heater=fail:0@150s", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r::toString);
        double[] time = column(csv, "time");
        double[] sensor = column(csv, "sensorT.value");
        double[] power = column(csv, "heater.power");
        double[] tank = column(csv, "tank.temperature");
        for (int k = 0; k < time.length; k++) {
            double t = time[k];
            if (t >= 100 && t < 160) {
                assertEquals(20, sensor[k], 0, "t = " + t);
            } else {
                assertNotEquals(20, sensor[k], "noisy live value at t = " + t);
            }
            if (t >= 150) {
                assertEquals(0, power[k], 0, "t = " + t);
            } else if (t > 0) {
                assertEquals(24000 * 0.98, power[k], 1e-9, "flat out while cold, t = " + t);
            }
        }
        // without heat the tank only loses: 15 W/K to 20 degC ambient while below it, so it warms very slightly
        int at150 = 300;
        assertEquals(150, time[at150], 0);
        assertTrue(Math.abs(tank[tank.length - 1] - tank[at150]) < 0.01, "tank stops heating after the failure: "
                + tank[at150] + " -> " + tank[tank.length - 1]);
        assertTrue(tank[at150] - tank[0] > 1, "it heated before");
    }

    @Test
    void valuesMayCarryAUnit(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("kelvin.csv");
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "2", "--fault", "sensorT.value=stuck:300K",
                "--out", csv.toString());
        assertEquals(0, r.exitCode(), r::toString);
        for (double v : column(csv, "sensorT.value")) {
            assertEquals(26.85, v, 1e-9);
        }
        r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "1", "--fault", "sensorT.value=stuck:3bar");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("stuck value 3.0 bar does not fit the port 'sensorT.value' [degC]"), r::toString);
    }

    @Test
    void unknownPortIsAUsageErrorNamingIt() {
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "1", "--fault", "sensorT.temperature=stuck:1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("component 'sensorT' has no port 'temperature' (ports: input, value)"), r::toString);
        r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "1", "--fault", "boiler=fail");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("unknown component 'boiler'"), r::toString);
        r = Cli.run("run", Cli.HEATING_LINE.toString(), "--stop", "1", "--fault", "inletValve.open=noise:1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("noise is not applicable to the port 'inletValve.open' (boolean)"), r::toString);
    }

    @Test
    void malformedSpecificationIsAUsageError() {
        Cli.Result r = Cli.run("run", Cli.HEATING_LINE.toString(), "--fault", "sensorT.value=stuck:20@100s+-5s");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("duration must not be negative"), r::toString);
        r = Cli.run("run", Cli.HEATING_LINE.toString(), "--fault", "sensorT.value");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("expected TARGET=FAULT[@START[+DURATION]]"), r::toString);
    }
}
