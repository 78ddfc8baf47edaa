package org.twinstudio.cli.internal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * {@code java -jar plugins/org.twinstudio.cli_<version>.jar validate model.twin}: runs the command line without
 * OSGi. Finds the bundles the command line needs next to its own jar (the product's {@code plugins/} folder, or the
 * folder named by the system property {@code twinstudio.plugins}), by their {@code Bundle-SymbolicName}, takes the
 * highest version of each, and runs {@code org.twinstudio.cli.Twinstudio} in a class loader over exactly those jars.
 * <p>
 * Uses nothing but the JDK: it is loaded before any other bundle is on the class path.
 */
public final class StandaloneMain {

    /** System property naming the folder to search instead of the one holding this jar. */
    public static final String PLUGINS_PROPERTY = "twinstudio.plugins";

    /** Bundles the command line cannot run without. */
    static final List<String> REQUIRED = List.of("org.twinstudio.model", "org.twinstudio.sim", "org.eclipse.emf.common", "org.eclipse.emf.ecore",
            "org.eclipse.emf.ecore.xmi", "picocli", "javax.measure.unit-api", "tech.units.indriya", "uom-lib-common");

    /** Bundles used when present (annotations and helpers of the units library; FMU support). */
    static final List<String> OPTIONAL = List.of("jakarta.inject.jakarta.inject-api", "org.apiguardian.api",
            "org.twinstudio.fmi", "org.twinstudio.connect", "org.twinstudio.runtime");

    private static final String ENTRY_CLASS = "org.twinstudio.cli.Twinstudio";
    private static final int INTERNAL_ERROR = 3;

    private StandaloneMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (LaunchException e) {
            System.err.println("twinstudio: cannot start: " + e.getMessage());
            code = INTERNAL_ERROR;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code. */
    static int run(String[] args) throws LaunchException {
        Path self = ownLocation();
        String override = System.getProperty(PLUGINS_PROPERTY);
        Path folder = override != null && !override.isBlank() ? Path.of(override) : self.getParent();
        List<URL> classPath = new ArrayList<>();
        classPath.add(url(self));
        for (Path bundle : bundles(folder)) {
            classPath.add(url(bundle));
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("twinstudio", classPath.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Method execute = Class.forName(ENTRY_CLASS, true, loader).getMethod("execute", String[].class);
            return (Integer) execute.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw new LaunchException("the command line failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | IOException e) {
            throw new LaunchException("the command line cannot be loaded from " + folder + ": " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The jars (or folders) of the required and present optional bundles in {@code folder}. */
    static List<Path> bundles(Path folder) throws LaunchException {
        Map<String, Candidate> best = new HashMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                Manifest manifest = manifest(entry);
                if (manifest == null) {
                    continue;
                }
                String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                if (name == null) {
                    continue;
                }
                name = name.split(";", 2)[0].trim();
                if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                    continue;
                }
                Candidate candidate = new Candidate(entry, manifest.getMainAttributes().getValue("Bundle-Version"));
                best.merge(name, candidate, (a, b) -> compareVersions(a.version(), b.version()) >= 0 ? a : b);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        List<String> missing = REQUIRED.stream().filter(n -> !best.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new LaunchException("missing in " + folder + ": " + String.join(", ", missing)
                    + " (run from the product's plugins folder, or set -D" + PLUGINS_PROPERTY + "=<folder>)", null);
        }
        List<Path> paths = new ArrayList<>();
        for (String name : REQUIRED) {
            paths.add(best.get(name).path());
        }
        for (String name : OPTIONAL) {
            if (best.containsKey(name)) {
                paths.add(best.get(name).path());
            }
        }
        return paths;
    }

    private record Candidate(Path path, String version) {
    }

    private static Manifest manifest(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                Path file = entry.resolve("META-INF/MANIFEST.MF");
                if (!Files.isRegularFile(file)) {
                    return null;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return new Manifest(in);
                }
            }
            if (!entry.getFileName().toString().endsWith(".jar")) {
                return null;
            }
            try (JarFile jar = new JarFile(entry.toFile(), false)) {
                return jar.getManifest();
            }
        } catch (IOException | SecurityException e) {
            return null; // not a bundle we can use
        }
    }

    /** Compares OSGi versions: major, minor and micro numerically, then the qualifier as text. */
    static int compareVersions(String a, String b) {
        String[] x = (a == null ? "0" : a.trim()).split("\\.", 4);
        String[] y = (b == null ? "0" : b.trim()).split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(number(x, i), number(y, i));
            if (c != 0) {
                return c;
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    private static long number(String[] parts, int i) {
        try {
            return i < parts.length ? Long.parseLong(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path ownLocation() throws LaunchException {
        CodeSource source = StandaloneMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new LaunchException("cannot tell where the command line's jar is", null);
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new LaunchException("cannot tell where the command line's jar is: " + source.getLocation(), e);
        }
    }

    private static URL url(Path path) throws LaunchException {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new LaunchException("bad path " + path, e);
        }
    }

    /** The launcher could not assemble or start the command line. */
    static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
