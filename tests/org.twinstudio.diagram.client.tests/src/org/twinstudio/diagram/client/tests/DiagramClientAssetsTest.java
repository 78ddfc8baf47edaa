package org.twinstudio.diagram.client.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twinstudio.diagram.client.DiagramClientAssets;

/** The built page as a web host sees it through the bundle's class loader (run in OSGi by Tycho). */
class DiagramClientAssetsTest {

    @Test
    void pageLoadsTheBundledScriptAndStyles() throws IOException {
        String page = read(DiagramClientAssets.PAGE);
        assertTrue(page.contains("<script src=\"bundle.js\">"), page);
        assertTrue(page.contains("href=\"bundle.css\""), page);
    }

    @Test
    void scriptCarriesTheDiagramAndItsTestHook() throws IOException {
        String script = read("bundle.js");
        assertTrue(script.length() > 500_000, "bundle.js is only " + script.length() + " characters");
        assertTrue(script.contains("twinstudioDiagram"), "test hook missing from bundle.js");
        assertTrue(script.contains("node:component") && script.contains("edge:connection"), "twin element types missing");
    }

    @Test
    void everyFontTheStylesReferToIsPacked() throws IOException {
        String css = read("bundle.css");
        assertTrue(css.contains(".twin-port"), "diagram styles missing from bundle.css");
        Matcher url = Pattern.compile("url\\(\"?\\.?/?(fonts/[^)\"?#]+)").matcher(css);
        int fonts = 0;
        while (url.find()) {
            fonts++;
            assertNotNull(DiagramClientAssets.find(url.group(1)), "missing " + url.group(1));
        }
        assertTrue(fonts > 0, "bundle.css refers to no font (the palette's codicons need one)");
    }

    @Test
    void leadingSlashIsAccepted() {
        assertNotNull(DiagramClientAssets.find("/bundle.js"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../META-INF/MANIFEST.MF", "fonts/../diagram.html", "./diagram.html", "..", "", "/",
            "fonts/", "web/diagram.html", "missing.js", "fonts\\..\\diagram.html", "//diagram.html",
            "org/twinstudio/diagram/client/DiagramClientAssets.class" })
    void pathsOutsideTheAssetsAreRefused(String path) {
        assertNull(DiagramClientAssets.find(path), path);
    }

    /**
     * From a plain directory (a development run from the workspace) a class loader resolves {@code web/../x} to a
     * file beside {@code web/}; the guard keeps such files (manifest, classes) from being served.
     */
    @Test
    void directoryLayoutDoesNotLeakFilesBesideWeb(@TempDir Path root) throws Exception {
        Path classFile = root.resolve("org/twinstudio/diagram/client/DiagramClientAssets.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = DiagramClientAssets.class.getResourceAsStream("DiagramClientAssets.class")) {
            Files.write(classFile, in.readAllBytes());
        }
        Files.createDirectories(root.resolve("web"));
        Files.writeString(root.resolve("web/diagram.html"), "page");
        Files.writeString(root.resolve("secret.txt"), "not an asset");
        try (URLClassLoader loader = new URLClassLoader(new URL[] { root.toUri().toURL() }, null)) {
            Method find = loader.loadClass(DiagramClientAssets.class.getName()).getMethod("find", String.class);
            assertNotNull(find.invoke(null, "diagram.html"));
            assertNotNull(loader.getResource("web/../secret.txt"), "this loader resolves '..' (else the check below proves nothing)");
            assertNull(find.invoke(null, "../secret.txt"));
            assertNull(find.invoke(null, "fonts/../../secret.txt"));
        }
    }

    @Test
    void absentPathIsRefused() {
        assertNull(DiagramClientAssets.find(null));
    }

    private static String read(String path) throws IOException {
        URL url = DiagramClientAssets.find(path);
        assertNotNull(url, path + " not found; was the npm build skipped?");
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
