package org.twinstudio.cli.tests;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.twinstudio.cli.tests.Cli.Result;

/**
 * A product-like installation in a temporary folder, made of the bundles of the running test framework:
 * {@code plugins/<symbolic name>_<version>.jar} for the command line and everything it and the Eclipse runtime are
 * wired to, plus the Equinox framework and launcher, and a {@code configuration/config.ini} to start them.
 */
final class Installation {

    final Path root;
    final Path plugins;
    final Path configuration;
    final List<Bundle> bundles;

    private Installation(Path root, List<Bundle> bundles) {
        this.root = root;
        this.plugins = root.resolve("plugins");
        this.configuration = root.resolve("configuration");
        this.bundles = bundles;
    }

    static Installation create(Path root) throws IOException {
        BundleContext context = FrameworkUtil.getBundle(Installation.class).getBundleContext();
        List<Bundle> closure = wiredClosure(bundle(context, "org.twinstudio.cli"), bundle(context, "org.eclipse.core.runtime"));
        Installation installation = new Installation(root, closure);
        Files.createDirectories(installation.plugins);
        for (Bundle b : closure) {
            installation.copy(b);
        }
        installation.copy(bundle(context, "org.eclipse.equinox.launcher"));
        Path framework = Path.of(location(context.getBundle(0)).getPath());
        Files.copy(framework, installation.plugins.resolve("org.eclipse.osgi_" + context.getBundle(0).getVersion() + ".jar"));
        installation.writeConfigIni();
        return installation;
    }

    /** The jar of a bundle in {@code plugins/}. */
    Path jar(String symbolicName) throws IOException {
        try (Stream<Path> files = Files.list(plugins)) {
            return files.filter(p -> p.getFileName().toString().startsWith(symbolicName + "_")).findFirst().orElseThrow();
        }
    }

    /** Runs {@code java <args>} in {@code workDir} and waits for it (at most two minutes). */
    static Result java(Path workDir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 2 minutes: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException("bundle " + symbolicName + " is not in the test runtime");
    }

    /** The bundles the roots are wired to, directly or indirectly, with the roots and attached fragments. */
    private static List<Bundle> wiredClosure(Bundle... roots) {
        Set<Bundle> closure = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(roots));
        while (!todo.isEmpty()) {
            Bundle b = todo.pop();
            if (b.getBundleId() == 0 || !closure.add(b)) {
                continue;
            }
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring == null) {
                throw new IllegalStateException(b + " is not resolved");
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                todo.add(wire.getProvider().getBundle());
            }
            for (BundleWire wire : wiring.getProvidedWires("osgi.wiring.host")) {
                todo.add(wire.getRequirer().getBundle());
            }
        }
        return List.copyOf(closure);
    }

    private static File location(Bundle bundle) {
        return FileLocator.getBundleFileLocation(bundle).orElseThrow(() -> new IllegalStateException("no file for " + bundle));
    }

    private Path fileName(Bundle b) {
        return plugins.resolve(b.getSymbolicName() + "_" + b.getVersion() + ".jar");
    }

    private void copy(Bundle b) throws IOException {
        Path source = location(b).toPath();
        Path target = fileName(b);
        if (Files.isDirectory(source)) {
            jar(source, target);
        } else {
            Files.copy(source, target);
        }
    }

    /** Packs a bundle folder (e.g. a project's output folder) as a jar, manifest first. */
    private static void jar(Path folder, Path target) throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(folder.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }

    private void writeConfigIni() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Bundle b : bundles) {
            String start = switch (b.getSymbolicName()) {
                case "org.apache.felix.scr", "org.eclipse.equinox.common" -> "@2:start";
                case "org.eclipse.core.runtime" -> "@4:start";
                default -> "";
            };
            entries.add("reference:" + fileName(b).toUri() + start);
        }
        Properties config = new Properties();
        config.setProperty("osgi.bundles", String.join(",", entries));
        config.setProperty("osgi.bundles.defaultStartLevel", "4");
        Files.createDirectories(configuration);
        try (OutputStream out = Files.newOutputStream(configuration.resolve("config.ini"))) {
            config.store(out, "Twinstudio command line test installation");
        }
    }
}
