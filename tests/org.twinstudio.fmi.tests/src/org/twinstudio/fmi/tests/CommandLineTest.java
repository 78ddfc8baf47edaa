package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.Twinstudio;

/** {@code twinstudio fmu-info} and {@code twinstudio run} on a twin with an FMU, in the OSGi runtime. */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Twinstudio.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void fmuInfoShowsVersionKindsPlatformsAndVariables() throws IOException {
        Path fmu = TestFmus.fmu(dir, "lag");
        Result r = run("fmu-info", fmu.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith(fmu + ": FMI 2.0, model 'Lag'"), out);
        assertTrue(out.contains("kind:         CoSimulation (model identifier lag, variable step size)"), out);
        assertTrue(out.contains("kind:         ModelExchange (model identifier lag)"), out);
        assertTrue(out.contains("platforms:    linux64  (runs here: linux64)"), out);
        assertTrue(out.contains("states:       1, event indicators: 0"), out);
        assertTrue(out.matches("(?s).*\\n  tau +parameter +fixed +Real +s +1\\n.*"), out);
        Result json = run("fmu-info", "--format", "json", fmu.toString());
        assertEquals(0, json.code());
        assertTrue(json.out().contains("\"states\": [\"x\"]") || json.out().contains("\"x\""), json.out());
        Path broken = dir.resolve("broken.fmu");
        Files.writeString(broken, "not a zip");
        Result bad = run("fmu-info", broken.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("broken.fmu: not a valid FMU archive"), bad.err());
        assertEquals(2, run("fmu-info", dir.resolve("none.fmu").toString()).code());
    }

    @Test
    void runSimulatesATwinWithAnFmu() throws IOException {
        Files.createDirectories(dir.resolve("fmus"));
        Files.move(TestFmus.fmu(dir, "lag"), dir.resolve("fmus/lag.fmu"));
        String twin = """
                <?xml version="1.0" encoding="UTF-8"?>
                <twin:TwinModel xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:twin="http://twinstudio.org/model/twin/1.0" name="fmu_line">
                  <components name="source" type="constant">
                    <parameters name="value" value="2" unit=""/>
                    <ports name="y" direction="out" unit=""/>
                  </components>
                  <components name="lag" type="fmu">
                    <parameters name="fmu" value="fmus/lag.fmu" unit=""/>
                    <parameters name="tau" value="0.5" unit=""/>
                    <ports name="u" unit=""/>
                    <ports name="y" direction="out" unit=""/>
                  </components>
                  <connections source="//@components.0/@ports.0" target="//@components.1/@ports.0"/>
                  <simulation stepSize="0.01" stopTime="2"/>
                </twin:TwinModel>
                """;
        Path model = dir.resolve("line.twin");
        Files.writeString(model, twin);
        Result r = run("run", model.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String expected = String.format(Locale.ROOT, "%12.4f", 2 * (1 - Math.exp(-2 / 0.5)));
        assertTrue(r.out().matches("(?s).*\\n  lag\\.y +" + expected.trim().replace(".", "\\.") + " *\\n.*"), r.out());
        // validate cannot know the FMU's parameters: tau is accepted without a warning.
        Result valid = run("validate", model.toString());
        assertEquals(0, valid.code(), valid.out() + valid.err());
        assertFalse(valid.out().contains("tau"), valid.out());
        assertTrue(valid.err().contains("0 errors, 0 warnings"), valid.err());
        // run does: a parameter the FMU lacks is an error naming the component, the FMU and its parameters.
        Files.writeString(model, twin.replace("name=\"tau\"", "name=\"tua\""));
        assertEquals(0, run("validate", model.toString()).code());
        Result unknown = run("run", model.toString());
        assertEquals(1, unknown.code(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("component 'lag'") && unknown.err().contains(
                "parameter 'tua' is not a variable of lag.fmu (its parameters: tau)"), unknown.err());
        Files.writeString(model, twin.replace("<ports name=\"u\" unit=\"\"/>", "<ports name=\"speed\" unit=\"\"/>")
                .replace("target=\"//@components.1/@ports.0\"", "target=\"//@components.1/@ports.0\""));
        Result bad = run("run", model.toString());
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("component 'lag': port 'speed' has no variable in lag.fmu (its inputs: u)"),
                bad.err());
    }

    @Test
    void benchFmuComparesTheImportWithTheCDriver() throws IOException {
        Path fmu = TestFmus.fmu(dir, "lag");
        Path driver = TestFmus.nativeDir().resolve("fmu-driver");
        Result r = run("bench-fmu", fmu.toString(), "--driver", driver.toString(), "--steps", "20000", "--step",
                "1e-4", "--warmup", "1", "--iterations", "1", "--set", "u=2", "--set", "tau=0.5");
        assertEquals(0, r.code(), r.out() + r.err());
        String out = r.out();
        for (String row : List.of("C driver: doStep", "Java FmuInstance: doStep", "Java FmuInstance: doStep + getReal",
                "Simulation, not recording", "Simulation, recording (run)")) {
            assertTrue(out.matches("(?s).*\\n" + java.util.regex.Pattern.quote(row) + " +[0-9.]+ +[0-9.]+ +[0-9.]+x +[0-9.]+x\\n.*"),
                    row + " in\n" + out);
        }
        // Every engine ends at the lag's step response y(2 s) = 2 (1 - e^(-2 / 0.5)), to the driver's 12 digits.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("y at the end = (\\S+); largest relative difference "
                + "between engines (\\S+)\\n").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(2 * (1 - Math.exp(-2 / 0.5)), Double.parseDouble(m.group(1)), 1e-10);
        assertTrue(Double.parseDouble(m.group(2)) <= 1e-11, out);
        assertTrue(out.matches("(?s).*C driver: doStep +[0-9.]+ +[0-9.]+ +1\\.00x +1\\.00x\\n.*"), out);
        Result bad = run("bench-fmu", fmu.toString(), "--set", "y=1");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--set y=1: give NAME=VALUE for a real or integer parameter or input of lag.fmu"), bad.err());
        assertEquals(1, run("bench-fmu", TestFmus.fmu(dir, "bouncingball").toString()).code());
    }
}
