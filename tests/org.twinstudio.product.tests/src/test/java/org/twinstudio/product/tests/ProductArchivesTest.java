package org.twinstudio.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/** The archive of every platform holds its own SWT fragment (and no other), its start script and a p2 profile. */
class ProductArchivesTest {

    private static final List<String> SWT_FRAGMENTS = List.of("org.eclipse.swt.gtk.linux.x86_64",
            "org.eclipse.swt.win32.win32.x86_64", "org.eclipse.swt.cocoa.macosx.x86_64", "org.eclipse.swt.cocoa.macosx.aarch64");

    @Test
    void updateSiteHasTheTwinstudioCategoryWithEveryFeature() throws Exception {
        Path site = Products.productsDir().getParent().resolve("org.twinstudio.product-" + Products.VERSION + ".zip");
        assertTrue(java.nio.file.Files.isRegularFile(site), "no update site zip " + site);
        try (ZipFile zip = new ZipFile(site.toFile())) {
            ZipEntry contentJar = zip.getEntry("content.jar");
            assertTrue(contentJar != null, "content.jar missing in the update site");
            String content;
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(zip.getInputStream(contentJar))) {
                ZipEntry e;
                do {
                    e = in.getNextEntry();
                } while (e != null && !e.getName().equals("content.xml"));
                assertTrue(e != null, "content.xml missing in content.jar");
                content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(content.contains("<property name='org.eclipse.equinox.p2.name' value='Twinstudio'/>"), "no Twinstudio category");
            assertTrue(content.contains("<property name='org.eclipse.equinox.p2.type.category' value='true'/>"), "no category");
            for (String feature : List.of("org.twinstudio.runtime.feature", "org.twinstudio.ide.feature", "org.twinstudio.platform.feature")) {
                assertTrue(content.contains("id='" + feature + ".feature.group'"), feature + " missing in the update site");
                assertTrue(zip.stream().anyMatch(z -> z.getName().startsWith("features/" + feature + "_")), feature + " jar missing");
            }
            // self-contained: the platform's bundles are in it too
            assertTrue(zip.stream().anyMatch(z -> z.getName().startsWith("plugins/org.eclipse.ui.workbench_")), "workbench bundle missing");
        }
    }

    @Test
    void linuxArchiveHasGtkFragmentStartScriptAndJavaRuntime() throws Exception {
        List<String> lines = Products.listTarGz(Products.archive("linux.gtk.x86_64", "tar.gz"));
        assertOnlySwtFragment(names(lines), "twinstudio/plugins/", "org.eclipse.swt.gtk.linux.x86_64");
        assertExecutable(lines, "twinstudio/twinstudio");
        assertExecutable(lines, "twinstudio/jre/bin/java");
        assertContains(names(lines), "twinstudio/jre/lib/modules");
        assertP2Profile(names(lines), "twinstudio/");
        // the launcher's native library, unpacked, so that the start script can show the splash screen
        assertTrue(names(lines).stream().anyMatch(n -> n.matches("twinstudio/plugins/org\\.eclipse\\.equinox\\.launcher\\.gtk\\.linux\\.x86_64_[^/]+/eclipse_\\d+\\.so")),
                "no launcher library for the splash screen");
    }

    @Test
    void windowsArchiveHasWin32FragmentAndCmdScript() throws Exception {
        try (ZipFile zip = new ZipFile(Products.archive("win32.win32.x86_64", "zip").toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertOnlySwtFragment(names, "twinstudio/plugins/", "org.eclipse.swt.win32.win32.x86_64");
            assertContains(names, "twinstudio/twinstudio.cmd");
            assertFalse(names.contains("twinstudio/twinstudio"), "the sh start script does not belong in the Windows archive");
            String script = new String(zip.getInputStream(zip.getEntry("twinstudio/twinstudio.cmd")).readAllBytes());
            assertTrue(script.contains("org.twinstudio.cli.app"), "twinstudio.cmd does not run the command line tool");
            assertTrue(script.contains("\r\n"), "twinstudio.cmd must have Windows line ends");
            assertP2Profile(names, "twinstudio/");
        }
    }

    @Test
    void macX86ArchiveHasCocoaX86FragmentAndStartScripts() throws Exception {
        assertMacArchive("macosx.cocoa.x86_64", "org.eclipse.swt.cocoa.macosx.x86_64");
    }

    @Test
    void macArmArchiveHasCocoaArmFragmentAndStartScripts() throws Exception {
        assertMacArchive("macosx.cocoa.aarch64", "org.eclipse.swt.cocoa.macosx.aarch64");
    }

    private static void assertMacArchive(String platform, String fragment) throws Exception {
        List<String> lines = Products.listTarGz(Products.archive(platform, "tar.gz"));
        List<String> names = names(lines);
        String eclipse = "twinstudio.app/Contents/Eclipse/";
        assertOnlySwtFragment(names, eclipse + "plugins/", fragment);
        assertExecutable(lines, "twinstudio"); // at the root of the archive
        assertExecutable(lines, eclipse + "twinstudio");
        assertExecutable(lines, "twinstudio.app/Contents/MacOS/twinstudio");
        assertContains(names, "twinstudio.app/Contents/Info.plist");
        assertFalse(names.stream().anyMatch(n -> n.contains("/jre/")), "no bundled Java runtime expected on macOS");
        assertP2Profile(names, eclipse);
    }

    private static void assertOnlySwtFragment(List<String> names, String pluginsDir, String expected) {
        for (String fragment : SWT_FRAGMENTS) {
            boolean present = names.stream().anyMatch(n -> n.startsWith(pluginsDir + fragment + "_"));
            assertEquals(fragment.equals(expected), present, fragment + (present ? " must not be" : " must be") + " in " + pluginsDir);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith(pluginsDir + "org.eclipse.equinox.launcher_")), "no launcher jar");
    }

    private static void assertP2Profile(List<String> names, String root) {
        assertTrue(names.stream().anyMatch(n -> n.startsWith(root + "p2/org.eclipse.equinox.p2.engine/profileRegistry/Twinstudio.profile/")),
                "no p2 profile Twinstudio under " + root);
        assertContains(names, root + "configuration/config.ini");
    }

    private static void assertContains(List<String> names, String name) {
        assertTrue(names.contains(name), "missing " + name);
    }

    /** tar -tv lines: "-rwxr-xr-x user/group size date time name". */
    private static void assertExecutable(List<String> tarLines, String name) {
        String line = tarLines.stream().filter(l -> l.endsWith(" " + name)).findFirst()
                .orElseThrow(() -> new AssertionError("missing " + name));
        assertTrue(line.startsWith("-rwxr-xr-x"), name + " is not executable: " + line);
    }

    private static List<String> names(List<String> tarLines) {
        if (tarLines.isEmpty()) {
            return Collections.emptyList();
        }
        return tarLines.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }
}
