package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.tests.Cli.Result;

/** {@code twinstudio validate} on the example, broken copies, unreadable paths and directories. */
class ValidateCommandTest {

    private static final String EXTRA_PARAMETER = "<parameters name=\"heatLoss\" value=\"15\" unit=\"W/K\"/>\n"
            + "    <parameters name=\"colour\" value=\"red\" unit=\"\"/>";

    @TempDir
    Path dir;

    @Test
    void exampleIsValid() {
        Result r = Cli.run("validate", Cli.HEATING_LINE.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertEquals("1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings", r.err().strip());
    }

    @Test
    void bindingsAreCheckedByTheConnectorOfTheirEndpoint() throws IOException {
        org.twinstudio.connect.Connectors connectors = org.twinstudio.connect.Connectors.getDefault();
        if (connectors.clientProviders().stream().noneMatch(p -> p instanceof NodeIdSyntaxCheck)) {
            connectors.register(new NodeIdSyntaxCheck());
        }
        Path good = Cli.brokenCopy(dir.resolve("plc.twin"), "opc.tcp://localhost:4840/heating",
                "opc.tcp://plc.invalid:4840/heating");
        Result ok = Cli.run("validate", good.toString());
        assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);

        String text = Files.readString(good).replace("ns=2;s=HeatingLine.InletValveOpen", "ns=2;x=InletValveOpen");
        Path bad = dir.resolve("bad-node.twin");
        Files.writeString(bad, text);
        Result r = Cli.run("validate", bad.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        int line = Cli.lineOf(bad, "ns=2;x=InletValveOpen");
        // the model's own NodeId check reports it too; the connector's finding comes on top, at the same line
        assertTrue(r.outLines().contains(bad + ":" + line + ": error: binding inletValve.open -> plc (opcua): node id "
                + "'ns=2;x=InletValveOpen' is not of the form [ns=<index>;]i=|s=|g=|b=<identifier>"), r::toString);
        assertEquals(1, r.outLines().stream().filter(l -> l.contains("(opcua)")).count(), r::toString);
    }

    @Test
    void unknownTypeIsLocatedWithSuggestion() throws IOException {
        Path file = Cli.brokenCopy(dir.resolve("heatr.twin"), "type=\"heater\"", "type=\"heatr\"");
        Result r = Cli.run("validate", file.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        int line = Cli.lineOf(file, "type=\"heatr\"");
        assertTrue(r.outLines().contains(file + ":" + line
                + ": error: component 'heater': unknown component type 'heatr' (did you mean 'heater'?)"), r::toString);
        assertTrue(r.err().contains("1 file checked: 0 valid, 1 invalid"), r::toString);
    }

    @Test
    void danglingReferenceIsLocated() throws IOException {
        Path file = Cli.brokenCopy(dir.resolve("dangling.twin"), "source=\"heater.power\"", "source=\"heater.powr\"");
        Result r = Cli.run("validate", file.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        int line = Cli.lineOf(file, "heater.powr");
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith(file + ":" + line + ": error: ") && l.contains("'heater.powr'")),
                r::toString);
    }

    @Test
    void badUnitIsLocated() throws IOException {
        Path file = Cli.brokenCopy(dir.resolve("unit.twin"), "unit=\"W/K\"", "unit=\"W/Kelvinz\"");
        Result r = Cli.run("validate", file.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        int line = Cli.lineOf(file, "W/Kelvinz");
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith(file + ":" + line + ": error: ") && l.contains("'W/Kelvinz'")),
                r::toString);
    }

    @Test
    void everyLineHasTheCompilerForm() throws IOException {
        Path file = Cli.brokenCopy(dir.resolve("two.twin"), "source=\"heater.power\"", "source=\"heater.powr\"");
        Files.writeString(file, Files.readString(file).replace("type=\"heater\"", "type=\"heatr\""));
        Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.outLines().size(), r::toString);
        for (String line : r.outLines()) {
            assertTrue(line.matches(java.util.regex.Pattern.quote(file.toString()) + ":[1-9][0-9]*: error: .+"), line);
        }
    }

    @Test
    void notXmlIsAModelErrorNotAnUnreadableFile() throws IOException {
        Path file = Files.writeString(dir.resolve("notxml.twin"), "this is not a twin model\n");
        Result r = Cli.run("validate", file.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith(file + ":1: error: malformed XML"), r::toString);
    }

    @Test
    void missingFileIsExitCode2() {
        Path missing = dir.resolve("missing.twin");
        Result r = Cli.run("validate", missing.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertEquals(missing + ":0: error: no such file or directory", r.out().strip());
        assertTrue(r.err().contains("1 unreadable"), r::toString);
    }

    @Test
    void unreadableWinsOverInvalidAndAllFilesAreStillChecked() throws IOException {
        Path broken = Cli.brokenCopy(dir.resolve("heatr.twin"), "type=\"heater\"", "type=\"heatr\"");
        Path missing = dir.resolve("missing.twin");
        Result r = Cli.run("validate", missing.toString(), broken.toString(), Cli.HEATING_LINE.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.out().contains(missing + ":0: error: no such file or directory"), r::toString);
        assertTrue(r.out().contains("unknown component type 'heatr'"), r::toString);
        assertTrue(r.err().contains("3 files checked: 1 valid, 1 invalid, 1 unreadable"), r::toString);
    }

    @Test
    void directoryMeansEveryTwinFileBelowIt() throws IOException {
        Files.copy(Cli.HEATING_LINE, dir.resolve("a.twin"));
        Cli.brokenCopy(dir.resolve("sub/deeper/b.twin"), "type=\"heater\"", "type=\"heatr\"");
        Files.writeString(dir.resolve("sub/notes.txt"), "not a model, not looked at");
        Result r = Cli.run("validate", dir.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith(dir.resolve("sub/deeper/b.twin") + ":"), r::toString);
        assertTrue(r.err().contains("2 files checked: 1 valid, 1 invalid; 1 error"), r::toString);
    }

    @Test
    void linkedModelInADirectoryIsChecked() throws IOException {
        Path broken = Cli.brokenCopy(dir.resolve("elsewhere/heatr.twin"), "type=\"heater\"", "type=\"heatr\"");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.copy(Cli.HEATING_LINE, project.resolve("a.twin"));
        Files.createSymbolicLink(project.resolve("linked.twin"), broken);
        Result r = Cli.run("validate", project.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith(project.resolve("linked.twin") + ":"), r::toString);
        assertTrue(r.err().startsWith("2 files checked"), r::toString);
    }

    @Test
    void fileNamedTwiceIsCheckedOnce() throws IOException {
        Path copy = Files.copy(Cli.HEATING_LINE, dir.resolve("a.twin"));
        Result r = Cli.run("validate", copy.toString(), dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("1 file checked"), r::toString);
    }

    @Test
    void directoryWithoutModelsIsExitCode2() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "nothing to validate");
        Result r = Cli.run("validate", empty.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.out().contains(empty + ":0: error: no *.twin file"), r::toString);
    }

    @Test
    void warningsPassUnlessWerror() throws IOException {
        Path file = Cli.brokenCopy(dir.resolve("warn.twin"), "<parameters name=\"heatLoss\" value=\"15\" unit=\"W/K\"/>",
                EXTRA_PARAMETER);
        int line = Cli.lineOf(file, "colour");
        String warning = file + ":" + line + ": warning: ";

        Result plain = Cli.run("validate", file.toString());
        assertEquals(ExitCodes.OK, plain.exitCode(), plain::toString);
        assertEquals(1, plain.outLines().size(), plain::toString);
        assertTrue(plain.out().startsWith(warning) && plain.out().contains("'colour'"), plain::toString);
        assertTrue(plain.err().contains("1 valid, 0 invalid; 0 errors, 1 warning"), plain::toString);

        Result werror = Cli.run("validate", "--werror", file.toString());
        assertEquals(ExitCodes.INVALID, werror.exitCode(), werror::toString);
        assertTrue(werror.out().startsWith(warning), werror::toString);
        assertTrue(werror.err().contains("0 valid, 1 invalid"), werror::toString);
    }

    @Test
    void quietPrintsOnlyWhatFails() throws IOException {
        Path warn = Cli.brokenCopy(dir.resolve("warn.twin"), "<parameters name=\"heatLoss\" value=\"15\" unit=\"W/K\"/>",
                EXTRA_PARAMETER);
        Result quiet = Cli.run("validate", "-q", warn.toString());
        assertEquals(new Result(ExitCodes.OK, "", ""), quiet);

        Result quietWerror = Cli.run("validate", "-q", "--werror", warn.toString());
        assertEquals(ExitCodes.INVALID, quietWerror.exitCode());
        assertEquals(1, quietWerror.outLines().size(), quietWerror::toString);
        assertEquals("", quietWerror.err());

        Path broken = Cli.brokenCopy(dir.resolve("heatr.twin"), "type=\"heater\"", "type=\"heatr\"");
        Result quietBroken = Cli.run("validate", "--quiet", broken.toString());
        assertEquals(ExitCodes.INVALID, quietBroken.exitCode());
        assertTrue(quietBroken.out().contains("unknown component type 'heatr'"), quietBroken::toString);
        assertEquals("", quietBroken.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonOutputParsesAndMatchesTheText() throws IOException {
        Path broken = Cli.brokenCopy(dir.resolve("heatr.twin"), "type=\"heater\"", "type=\"heatr\"");
        Path missing = dir.resolve("missing.twin");
        Result r = Cli.run("validate", "--format", "json", Cli.HEATING_LINE.toString(), broken.toString(), missing.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);

        Map<String, Object> root = (Map<String, Object>) JsonParser.parse(r.out());
        List<Map<String, Object>> files = (List<Map<String, Object>>) root.get("files");
        assertEquals(3, files.size());
        assertEquals(List.of("valid", "invalid", "unreadable"), files.stream().map(f -> f.get("status")).toList());
        assertEquals(broken.toString(), files.get(1).get("file"));

        Map<String, Object> error = ((List<Map<String, Object>>) files.get(1).get("diagnostics")).get(0);
        assertEquals("error", error.get("severity"));
        assertEquals((long) Cli.lineOf(broken, "type=\"heatr\""), error.get("line"));
        assertEquals("type.unknown", error.get("code"));
        assertTrue(((String) error.get("message")).contains("'heatr'"));
        String text = Cli.run("validate", broken.toString()).outLines().get(0);
        assertEquals(text, error.get("text"));

        Map<String, Object> summary = (Map<String, Object>) root.get("summary");
        assertEquals(3L, summary.get("files"));
        assertEquals(1L, summary.get("valid"));
        assertEquals(1L, summary.get("invalid"));
        assertEquals(1L, summary.get("unreadable"));
        assertEquals((long) ExitCodes.USAGE, summary.get("exitCode"));
        assertFalse(r.err().isEmpty(), "the summary line still goes to stderr");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonEscapesNamesAndMessages() throws IOException {
        Path odd = Files.writeString(dir.resolve("we\"ird\\name \u00e4.twin"), "<twin:TwinModel \"broken\n");
        Result r = Cli.run("validate", "--format", "json", odd.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        Map<String, Object> file = ((List<Map<String, Object>>) ((Map<String, Object>) JsonParser.parse(r.out())).get("files")).get(0);
        assertEquals(odd.toString(), file.get("file"));
        Map<String, Object> error = ((List<Map<String, Object>>) file.get("diagnostics")).get(0);
        assertEquals(odd.toString(), error.get("file"));
        assertTrue(((String) error.get("text")).startsWith(odd + ":"), error::toString);
    }

    @Test
    void jsonOfTheValidExampleHasNoDiagnostics() {
        Result r = Cli.run("validate", "--format=JSON", Cli.HEATING_LINE.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) JsonParser.parse(r.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> file = ((List<Map<String, Object>>) root.get("files")).get(0);
        assertEquals(List.of(), file.get("diagnostics"));
        assertEquals("valid", file.get("status"));
    }
}
