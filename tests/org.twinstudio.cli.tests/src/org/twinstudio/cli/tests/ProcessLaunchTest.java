package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.Twinstudio;
import org.twinstudio.cli.tests.Cli.Result;

/**
 * The command line as its users start it, in a separate JVM: {@code java -jar plugins/org.twinstudio.cli_*.jar} (no
 * OSGi) and the Equinox application {@code org.twinstudio.cli.app} through the Equinox launcher, both in an
 * installation assembled from the running test framework's bundles.
 */
class ProcessLaunchTest {

    @TempDir
    static Path dir;

    static Installation installation;
    static Path work;

    @BeforeAll
    static void install() throws IOException {
        installation = Installation.create(dir.resolve("twinstudio"));
        work = Files.createDirectories(dir.resolve("work"));
        Files.copy(Cli.HEATING_LINE, work.resolve("heating-line.twin"));
        Cli.brokenCopy(work.resolve("broken.twin"), "type=\"heater\"", "type=\"heatr\"");
    }

    private static Result plainJava(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-jar", installation.jar("org.twinstudio.cli").toString()));
        command.addAll(List.of(args));
        return Installation.java(work, command);
    }

    private static Result equinox(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-jar", installation.jar("org.eclipse.equinox.launcher").toString(),
                "-configuration", installation.configuration.toUri().toString(), "-data", "@none", "-nosplash",
                "-application", "org.twinstudio.cli.app"));
        command.addAll(List.of(args));
        return Installation.java(work, command);
    }

    @Test
    void javaJarValidatesTheExample() throws Exception {
        Result r = plainJava("validate", "heating-line.twin");
        assertEquals(new Result(ExitCodes.OK, "", "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings" + System.lineSeparator()), r);
    }

    @Test
    void javaJarReportsLocatedErrorsWithExitCode1() throws Exception {
        Result r = plainJava("validate", "heating-line.twin", "broken.twin");
        assertEquals(ExitCodes.INVALID, r.exitCode(), r::toString);
        int line = Cli.lineOf(work.resolve("broken.twin"), "type=\"heatr\"");
        assertEquals("broken.twin:" + line + ": error: component 'heater': unknown component type 'heatr' (did you mean 'heater'?)",
                r.out().strip());
        assertTrue(r.err().contains("2 files checked: 1 valid, 1 invalid"), r::toString);
    }

    @Test
    void javaJarUsageAndVersion() throws Exception {
        assertEquals(ExitCodes.USAGE, plainJava("validate", "missing.twin").exitCode());
        assertEquals(ExitCodes.USAGE, plainJava("validate", "--format", "xml", "heating-line.twin").exitCode());
        Result version = plainJava("--version");
        assertEquals(ExitCodes.OK, version.exitCode(), version::toString);
        assertEquals("Twinstudio " + FrameworkUtil.getBundle(Twinstudio.class).getVersion(), version.out().strip());
        Result types = plainJava("types", "heater");
        assertEquals(ExitCodes.OK, types.exitCode(), types::toString);
        assertTrue(types.out().startsWith("heater  Electric heater (Process)"), types::toString);
    }

    @Test
    void javaJarWithoutItsSiblingsFailsClearly() throws Exception {
        Path lonely = Files.createDirectories(dir.resolve("lonely/plugins"));
        Path jar = Files.copy(installation.jar("org.twinstudio.cli"), lonely.resolve("org.twinstudio.cli_0.1.0.jar"));
        Result r = Installation.java(work, List.of("-jar", jar.toString(), "validate", "heating-line.twin"));
        assertEquals(ExitCodes.INTERNAL, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("twinstudio: cannot start: missing in ") && r.err().contains("org.twinstudio.model"), r::toString);
    }

    @Test
    void equinoxApplicationReturnsTheExitCode() throws Exception {
        Result invalid = equinox("validate", "broken.twin");
        assertEquals(ExitCodes.INVALID, invalid.exitCode(), invalid::toString);
        assertTrue(invalid.out().startsWith("broken.twin:") && invalid.out().contains("unknown component type 'heatr'"),
                invalid::toString);

        Result valid = equinox("validate", "heating-line.twin");
        assertEquals(ExitCodes.OK, valid.exitCode(), valid::toString);
        assertEquals("", valid.out(), valid::toString);

        Result usage = equinox("validate", "--format", "json", "missing.twin");
        assertEquals(ExitCodes.USAGE, usage.exitCode(), usage::toString);
        assertTrue(usage.out().contains("\"unreadable\": 1"), usage::toString);

        Result version = equinox("--version");
        assertEquals(new Result(ExitCodes.OK, "Twinstudio " + FrameworkUtil.getBundle(Twinstudio.class).getVersion()
                + System.lineSeparator(), ""), version);
    }

    /**
     * TERM (what Ctrl-C and service managers send) stops a HIL session cleanly: the summary is printed and the report
     * written before the JVM exits.
     */
    @Test
    void javaJarHilStopsCleanlyOnTerm() throws Exception {
        Path model = HilCommandTest.unbound(work);
        Path report = work.resolve("term-report.json");
        Path out = work.resolve("hil.out");
        Path err = work.resolve("hil.err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", installation.jar("org.twinstudio.cli").toString(), "hil", model.toString(), "--progress",
                "--report", report.toString()));
        Process hil = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(err).contains("cycles") && System.currentTimeMillis() < deadline) {
                assertTrue(hil.isAlive(), () -> "hil ended early: " + read(err));
                Thread.sleep(100);
            }
            assertTrue(Files.readString(err).contains(" cycles "), () -> "no status line: " + read(err));
            hil.destroy(); // SIGTERM
            assertTrue(hil.waitFor(30, TimeUnit.SECONDS), () -> "hil did not stop on TERM: " + read(err));
        } finally {
            hil.destroyForcibly();
        }
        assertTrue(read(err).contains("twinstudio hil: stopped after"), () -> read(err));
        assertTrue(read(out).contains("jitter"), () -> read(out));
        assertTrue(read(report).contains("\"stopped\": true"), () -> read(report));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no " + file.getFileName() + ")";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
