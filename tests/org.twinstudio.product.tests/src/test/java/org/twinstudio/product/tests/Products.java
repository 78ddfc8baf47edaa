package org.twinstudio.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Where the built products are, and small helpers to unpack and run them. */
final class Products {

    static final String VERSION = System.getProperty("twinstudio.version", "0.1.0-SNAPSHOT");

    private Products() {
    }

    static Path productsDir() {
        return Paths.get(System.getProperty("twinstudio.products.dir", "../../product/org.twinstudio.product/target/products"))
                .toAbsolutePath().normalize();
    }

    static Path testDir() {
        return Paths.get(System.getProperty("twinstudio.test.dir", "target")).toAbsolutePath().normalize();
    }

    static Path examplesDir() {
        return Paths.get(System.getProperty("twinstudio.examples.dir", "../../examples")).toAbsolutePath().normalize();
    }

    /** The archive of one platform, e.g. {@code linux.gtk.x86_64} and {@code tar.gz}; fails if it was not built. */
    static Path archive(String platform, String extension) {
        Path archive = productsDir().resolve("twinstudio-" + VERSION + "-" + platform + "." + extension);
        assertTrue(Files.isRegularFile(archive), "no product archive " + archive + ": build product/org.twinstudio.product first");
        return archive;
    }

    /** Unpacks the Linux archive into a fresh folder under target/ and returns the installation directory. */
    static Path unpackLinux(String folder) throws Exception {
        Path dir = testDir().resolve(folder);
        deleteTree(dir);
        Files.createDirectories(dir);
        // tar keeps the file modes (start script, jre/bin/java) exactly as a user gets them.
        Result tar = run(List.of("tar", "-xzf", archive("linux.gtk.x86_64", "tar.gz").toString(), "-C", dir.toString()), dir, Map.of(), 120);
        assertEquals(0, tar.exitCode(), "tar failed: " + tar.output());
        Path install = dir.resolve("twinstudio");
        assertTrue(Files.isExecutable(install.resolve("twinstudio")), "no executable start script in " + install);
        return install;
    }

    static List<String> listTarGz(Path archive) throws Exception {
        Result tar = run(List.of("tar", "-tzvf", archive.toString()), archive.getParent(), Map.of(), 120);
        assertEquals(0, tar.exitCode(), "tar failed: " + tar.output());
        return tar.output().lines().toList();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to its end (stdout and stderr together); environment entries with a null value are removed. */
    static Result run(List<String> command, Path workDir, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Path out = Files.createTempFile(testDir(), "process", ".out");
        pb.redirectOutput(out.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            destroyTree(p);
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(out));
        }
        String output = Files.readString(out);
        Files.delete(out);
        return new Result(p.exitValue(), output);
    }

    /** Stops a process and everything it started: TERM first, KILL after 20 s. */
    static void destroyTree(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        p.destroy();
        all.forEach(ProcessHandle::destroy);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
