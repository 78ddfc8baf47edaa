package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.FrameworkUtil;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.Twinstudio;
import org.twinstudio.cli.tests.Cli.Result;

/** The root command: help, version, usage errors; and {@code twinstudio types}. */
class CommandLineTest {

    @Test
    void versionIsTheBundleVersion() {
        String bundleVersion = FrameworkUtil.getBundle(Twinstudio.class).getVersion().toString();
        assertTrue(bundleVersion.matches("0\\.1\\.0\\..+"), bundleVersion);
        Result r = Cli.run("--version");
        assertEquals(new Result(ExitCodes.OK, "Twinstudio " + bundleVersion + System.lineSeparator(), ""), r);
        assertEquals(bundleVersion, Twinstudio.version());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Result r = Cli.run("--help");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: twinstudio"), r::toString);
        assertTrue(r.out().contains("validate") && r.out().contains("types"), r::toString);
        assertTrue(r.out().contains("Exit codes:"), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void validateHelpStatesTheExitCodeRule() {
        Result r = Cli.run("validate", "--help");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--werror") && help.contains("--format") && help.contains("-q, --quiet"), help);
        assertTrue(help.contains("2 usage error, or an argument that cannot be read at all"), help);
        assertTrue(help.contains("not XML, malformed XML, another namespace) is a model error: 1"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "validate", "validate --format xml x.twin", "validate --bogus x.twin", "frobnicate",
            "types --format yaml" })
    void usageErrorsExitWith2AndExplainOnStderr(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Result r = Cli.run(args);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().contains("Usage: twinstudio") || r.err().contains("Did you mean"), r::toString);
    }

    @Test
    void unknownCommandIsNamed() {
        Result r = Cli.run("frobnicate", "x.twin");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("'frobnicate'"), r::toString);
    }

    @Test
    void typesListsBuiltInTypesWithPortUnits() {
        Result r = Cli.run("types");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        List<String> lines = r.outLines();
        int heater = lines.indexOf("heater  Electric heater (Process)");
        assertTrue(heater >= 0, r::toString);
        assertTrue(lines.get(heater + 1).matches("\\s+in\\s+command\\s+real\\s+%"), lines.get(heater + 1));
        assertTrue(lines.get(heater + 2).matches("\\s+out\\s+power\\s+real\\s+W"), lines.get(heater + 2));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+in\\s+setpoint\\s+real\\s+any")), "PID setpoint takes any unit");
        assertTrue(lines.contains("tank  Heated tank (Process)"), r::toString);
    }

    @Test
    void typesWithParametersShowsUnitsAndDefaults() {
        Result r = Cli.run("types", "--parameters", "heater", "pid");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        List<String> lines = r.outLines();
        assertEquals("heater  Electric heater (Process)", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+param\\s+maxPower\\s+real\\s+W\\s+default 5000")), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+param\\s+efficiency\\s+real\\s+-\\s+default 0.98")), r::toString);
        assertTrue(lines.contains("pid  PID controller (Control)"), r::toString);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("tank")), "only the types asked for");
    }

    @Test
    @SuppressWarnings("unchecked")
    void typesAsJsonWithParameters() {
        Result r = Cli.run("types", "--format", "json", "--parameters", "tank", "valve");
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        List<Map<String, Object>> types = (List<Map<String, Object>>) ((Map<String, Object>) JsonParser.parse(r.out())).get("types");
        assertEquals(List.of("tank", "valve"), types.stream().map(t -> t.get("id")).toList());
        Map<String, Object> temperature = ((List<Map<String, Object>>) types.get(0).get("ports")).stream()
                .filter(p -> "temperature".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals("out", temperature.get("direction"));
        assertEquals("degC", temperature.get("unit"));
        assertTrue(((List<Object>) types.get(0).get("parameters")).size() >= 6);
    }

    @Test
    void unknownTypeIdIsAUsageError() {
        Result r = Cli.run("types", "heatr");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("unknown component type 'heatr'") && r.err().contains("heater"), r::toString);
    }
}
