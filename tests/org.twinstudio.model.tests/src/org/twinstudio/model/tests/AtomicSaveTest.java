package org.twinstudio.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.FileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.twinstudio.model.resource.TwinModels;

/**
 * Kills (SIGKILL) a process in the middle of saving, again and again, and checks the file on disk is always a
 * complete model: the one before or the one after, never a mix or a stump.
 */
class AtomicSaveTest {

    @TempDir
    Path dir;

    @Test
    void killDuringSaveLeavesALoadableFile() throws Exception {
        Path file = dir.resolve("heating-line.twin");
        Files.copy(Examples.HEATING_LINE, file);
        int killedMidWrite = 0;
        for (int attempt = 1; attempt <= 6; attempt++) {
            String classpath = childClasspath();
            Process child = new ProcessBuilder(javaCommand(), "-cp", classpath, SaveLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            waitForFirstSave(out, child, classpath);
            // Pull the plug the moment the next save has started writing its bytes to disk.
            if (waitForTemporaryFile(Duration.ofSeconds(20))) {
                killedMidWrite++;
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            TwinModels.Loaded loaded = TwinModels.load(file);
            int kill = attempt;
            assertFalse(loaded.hasErrors(), () -> "after kill " + kill + ": " + loaded.diagnostics());
            String description = loaded.model().getDescription();
            assertTrue(description.startsWith("Hot-water") || description.matches("round \\d+ complete"), description);
        }
        assertTrue(killedMidWrite >= 3, "only " + killedMidWrite + " kills landed while a save was writing");
        try (var visible = Files.list(dir)) {
            assertEquals(List.of(file), visible.filter(p -> !p.getFileName().toString().startsWith(".")).toList(),
                    "only the model itself is visible");
        }
    }

    @Test
    void oldLeftoversOfKilledSavesAreCleanedUpButFreshOnesAreLeftAlone() throws Exception {
        Path file = dir.resolve("heating-line.twin");
        Files.copy(Examples.HEATING_LINE, file);
        Path stale = Files.writeString(dir.resolve(".heating-line.twin.123.saving"), "<half a model");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path fresh = Files.writeString(dir.resolve(".heating-line.twin.456.saving"), "<another save under way");
        Path otherModel = Files.writeString(dir.resolve(".other.twin.789.saving"), "<not ours");
        Files.setLastModifiedTime(otherModel, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        TwinModels.save(TwinModels.load(file).model(), file);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(otherModel));
    }

    private boolean waitForTemporaryFile(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Path> before;
        try (var s = Files.list(dir)) {
            before = s.collect(Collectors.toSet());
        }
        while (System.nanoTime() < deadline) {
            try (var s = Files.list(dir)) {
                if (s.anyMatch(p -> p.getFileName().toString().endsWith(".saving") && !before.contains(p))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void waitForFirstSave(BufferedReader out, Process child, String classpath) throws IOException {
        Deque<String> seen = new ArrayDeque<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.addLast(line);
            if (seen.size() > 20) {
                seen.removeFirst();
            }
            if (line.equals("saved 1")) {
                return;
            }
        }
        throw new AssertionError("save loop ended early (exit " + child.onExit().join().exitValue() + "): " + seen
                + "\nclass path: " + classpath);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The jars or class folders of this bundle and everything it is wired to, as a plain class path. */
    private static String childClasspath() {
        Set<Bundle> bundles = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(FrameworkUtil.getBundle(AtomicSaveTest.class)));
        while (!todo.isEmpty()) {
            Bundle b = todo.removeFirst();
            if (b.getBundleId() == 0 || !bundles.add(b)) {
                continue;
            }
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    todo.add(wire.getProvider().getBundle());
                }
            }
        }
        List<String> entries = new ArrayList<>();
        for (Bundle b : bundles) {
            File f;
            try {
                f = FileLocator.getBundleFile(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            File classes = new File(f, "target/classes");
            entries.add((f.isDirectory() && classes.isDirectory() ? classes : f).getAbsolutePath());
        }
        return String.join(File.pathSeparator, entries);
    }
}
