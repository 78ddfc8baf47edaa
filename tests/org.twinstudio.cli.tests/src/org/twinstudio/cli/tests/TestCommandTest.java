package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code twinstudio test}: verdict lines, exit codes and the JUnit report on suites next to a copy of the example. */
class TestCommandTest {

    @TempDir
    Path dir;

    private Path suite(String name, String tests) throws Exception {
        Files.copy(Cli.HEATING_LINE, dir.resolve("heating-line.twin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.writeString(dir.resolve(name), "suite \"" + name + "\" model \"heating-line.twin\"\n" + tests);
    }

    @Test
    void allPassingIsExitZero() throws Exception {
        Path s = suite("ok.twintest", "test \"cold start\" tags smoke { expect tank.temperature == 18 degC ± 0.01 }\n");
        Cli.Result r = Cli.run("test", s.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals("PASSED  ok.twintest / cold start", r.out().strip());
    }

    @Test
    void aFailureIsExitOneAndTheReportCountsIt() throws Exception {
        suite("a.twintest", """
                test "cold start" tags smoke { expect tank.temperature == 18 degC ± 0.01 }
                test "hot in 5 s" tags slow { expect tank.temperature >= 58 degC within 5 s }
                """);
        Path report = dir.resolve("out/junit.xml");
        Cli.Result r = Cli.run("test", dir.toString(), "--junit", report.toString());
        assertEquals(ExitCodes.INVALID, r.exitCode(), r.toString());
        assertTrue(r.out().contains("FAILED  a.twintest / hot in 5 s: expected tank.temperature >= 58"), r.out());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element s = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("2", s.getAttribute("tests"));
        assertEquals("1", s.getAttribute("failures"));
        assertEquals("0", s.getAttribute("errors"));

        Cli.Result smoke = Cli.run("test", dir.toString(), "--tags", "smoke");
        assertEquals(ExitCodes.OK, smoke.exitCode(), smoke.toString());
    }

    @Test
    void suiteErrorsAndMissingFilesAreExitTwo() throws Exception {
        Path s = suite("bad.twintest", "test \"t\" { expect tank.nothing == 1 }\n");
        Cli.Result r = Cli.run("test", s.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bad.twintest:2:"), r.err());
        assertEquals(ExitCodes.USAGE, Cli.run("test", dir.resolve("missing.twintest").toString()).exitCode());
    }
}
