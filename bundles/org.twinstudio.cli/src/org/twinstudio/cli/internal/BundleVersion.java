package org.twinstudio.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The version of the bundle (or jar) a class comes from, inside or outside OSGi. */
public final class BundleVersion {

    static final String UNKNOWN = "unknown";

    private BundleVersion() {
    }

    /** The {@code Bundle-Version} of the bundle or jar that holds {@code type}, or {@code "unknown"}. */
    public static String of(Class<?> type) {
        String fromOsgi = fromFramework(type);
        if (fromOsgi != null) {
            return fromOsgi;
        }
        String fromManifest = fromCodeSource(type);
        return fromManifest == null ? UNKNOWN : fromManifest;
    }

    private static String fromFramework(Class<?> type) {
        try {
            Bundle bundle = FrameworkUtil.getBundle(type);
            return bundle == null ? null : bundle.getVersion().toString();
        } catch (NoClassDefFoundError notInOsgi) {
            return null;
        }
    }

    private static String fromCodeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            Path path = Path.of(location.toURI());
            Manifest manifest;
            if (Files.isDirectory(path)) {
                Path file = path.resolve("META-INF/MANIFEST.MF");
                if (!Files.isRegularFile(file)) {
                    return null;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            return manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
