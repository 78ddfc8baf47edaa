package org.twinstudio.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The macOS archive, unpacked here: the command line tool needs neither SWT nor a display, so its chain of start
 * scripts (twinstudio next to the .app, then twinstudio.app/Contents/Eclipse/twinstudio), its configuration and its
 * bundles can be run on Linux with the JDK that runs the tests (the macOS archive has no bundled Java).
 */
class MacArchiveCommandLineTest {

    @Test
    void commandLineToolRunsThroughTheStartScriptNextToTheApp() throws Exception {
        Path dir = Products.testDir().resolve("mac-product");
        Products.deleteTree(dir);
        Files.createDirectories(dir);
        Products.Result tar = Products.run(List.of("tar", "-xzf", Products.archive("macosx.cocoa.aarch64", "tar.gz").toString(),
                "-C", dir.toString()), dir, Map.of(), 120);
        assertEquals(0, tar.exitCode(), tar.output());
        try (Stream<Path> plugins = Files.list(dir.resolve("twinstudio.app/Contents/Eclipse/plugins"))) {
            assumeTrue(plugins.anyMatch(p -> p.getFileName().toString().startsWith("org.twinstudio.cli_")),
                    "org.twinstudio.cli is not in the product yet");
        }
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", null);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TWINSTUDIO_VM_ARGS", "-Duser.home=" + Products.testDir().resolve("home"));
        Products.Result version = Products.run(List.of(dir.resolve("twinstudio").toString(), "--version"), dir, env, 120);
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().startsWith("Twinstudio " + Products.VERSION.replace("-SNAPSHOT", "")), version.output());

        Products.Result types = Products.run(List.of(dir.resolve("twinstudio.app/Contents/MacOS/twinstudio").toString(), "types"), dir, env, 120);
        assertEquals(0, types.exitCode(), types.output());
        assertTrue(types.output().contains("heater"), types.output());
    }
}
