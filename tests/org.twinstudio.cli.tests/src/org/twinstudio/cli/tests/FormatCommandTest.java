package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;

/**
 * {@code twinstudio format}: a scrambled copy of the example suite (whose layout is the canonical one) comes back as
 * the example, --check reports without writing, syntax errors leave the file alone.
 */
class FormatCommandTest {

    private static final Path EXAMPLE_SUITE = Cli.HEATING_LINE.resolveSibling("acceptance.twintest");

    @TempDir
    Path dir;

    private static String scrambled(String canonical) {
        // indentation and spacing off, but no line joined and no comment touched (comments run to their line's end)
        StringBuilder out = new StringBuilder();
        for (String line : canonical.split("\n", -1)) {
            if (!line.strip().startsWith("//")) {
                line = line.replace("    ", "  ").replace(" = ", "   =  ").replace(" {", "   {").replace("}", "  }");
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    @Test
    void scrambledSuiteGetsTheCanonicalLayoutAndCheckTellsWhichFilesNeedIt() throws Exception {
        String canonical = Files.readString(EXAMPLE_SUITE, StandardCharsets.UTF_8);
        Files.copy(Cli.HEATING_LINE, dir.resolve("heating-line.twin"));
        Path suite = Files.writeString(dir.resolve("messy.twintest"), scrambled(canonical));
        Path tidy = Files.writeString(dir.resolve("tidy.twintest"), canonical);
        Files.setPosixFilePermissions(suite, PosixFilePermissions.fromString("rw-rw----"));
        assertTrue(!scrambled(canonical).equals(canonical), "the scrambling changes the text");

        Cli.Result check = Cli.run("format", "--check", dir.toString());
        assertEquals(ExitCodes.INVALID, check.exitCode(), check.toString());
        assertEquals(suite.toString(), check.out().strip(), "only the messy file is listed");
        assertEquals(scrambled(canonical), Files.readString(suite), "--check writes nothing");

        Cli.Result stdout = Cli.run("format", "--stdout", suite.toString());
        assertEquals(ExitCodes.OK, stdout.exitCode(), stdout.toString());
        assertEquals(canonical, stdout.out());
        assertEquals(scrambled(canonical), Files.readString(suite), "--stdout writes nothing");

        Cli.Result format = Cli.run("format", dir.toString());
        assertEquals(ExitCodes.OK, format.exitCode(), format.toString());
        assertEquals(suite.toString(), format.out().strip());
        assertEquals(canonical, Files.readString(suite));
        assertEquals(canonical, Files.readString(tidy));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(suite)),
                "the file keeps its permissions");

        Cli.Result again = Cli.run("format", "--check", dir.toString());
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertEquals("", again.out());
    }

    @Test
    void syntaxErrorsAreReportedWithTheirPlaceAndTheFileIsLeftAlone() throws Exception {
        String broken = "suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n    wait 10 s\n";
        Path suite = Files.writeString(dir.resolve("broken.twintest"), broken);
        Cli.Result r = Cli.run("format", suite.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r.toString());
        assertTrue(r.err().contains(suite + ":"), r.err());
        assertTrue(r.err().contains("missing '}'"), r.err());
        assertEquals(broken, Files.readString(suite));
        assertEquals(ExitCodes.USAGE, Cli.run("format", dir.resolve("none.twintest").toString()).exitCode());
    }
}
