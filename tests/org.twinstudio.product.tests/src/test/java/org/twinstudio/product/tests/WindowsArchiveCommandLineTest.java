package org.twinstudio.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The Windows archive, unpacked here. twinstudio.cmd cannot run on Linux, but the installation behind it can: the
 * command line tool needs no SWT, so the same java -jar launcher call as in twinstudio.cmd checks the archive's
 * configuration and bundles.
 */
class WindowsArchiveCommandLineTest {

    @Test
    void installationRunsTheCommandLineToolAsTheCmdScriptStartsIt() throws Exception {
        Path dir = Products.testDir().resolve("windows-product");
        Products.deleteTree(dir);
        try (ZipFile zip = new ZipFile(Products.archive("win32.win32.x86_64", "zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = dir.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(dir), "entry outside the archive root: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path install = dir.resolve("twinstudio");
        Path launcher;
        try (Stream<Path> plugins = Files.list(install.resolve("plugins"))) {
            List<Path> all = plugins.toList();
            assumeTrue(all.stream().anyMatch(p -> p.getFileName().toString().startsWith("org.twinstudio.cli_")),
                    "org.twinstudio.cli is not in the product yet");
            launcher = all.stream().filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst().orElseThrow();
        }
        String script = Files.readString(install.resolve("twinstudio.cmd"));
        assertTrue(script.contains("-jar \"%TS_LAUNCHER%\" -nosplash -application %TS_CLI_APPLICATION% -data"), "twinstudio.cmd starts the CLI differently");
        assertTrue(script.contains("-Djava.util.logging.config.file=%TS_HOME%\\logging.properties"), "twinstudio.cmd configures logging differently");
        assertTrue(Files.isRegularFile(install.resolve("logging.properties")), "no logging.properties at the root");

        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + Products.testDir().resolve("home"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Djava.util.logging.config.file=" + install.resolve("logging.properties"), "-jar", launcher.toString(),
                "-nosplash", "-application", "org.twinstudio.cli.app", "-data", dir.resolve("ws").toString(), "--version"));
        Products.Result version = Products.run(command, install, Map.of(), 120);
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().startsWith("Twinstudio " + Products.VERSION.replace("-SNAPSHOT", "")), version.output());
    }
}
