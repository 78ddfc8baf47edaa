package org.twinstudio.fmi.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.internal.Platform;

/**
 * Packs the test models (compiled from native/ by the build into the folder named by the system property
 * {@code twinstudio.fmi.native}) into .fmu archives, and makes broken archives.
 */
final class TestFmus {

    private TestFmus() {
    }

    static Path nativeDir() {
        String dir = System.getProperty("twinstudio.fmi.native");
        if (dir == null) {
            throw new IllegalStateException("system property twinstudio.fmi.native is not set (the build sets it)");
        }
        return Path.of(dir);
    }

    static String modelDescription(String model) throws IOException {
        return Files.readString(nativeDir().resolve(model + ".xml"));
    }

    /** An FMI 2.0 FMU of a test model with this platform's binary. */
    static Path fmu(Path dir, String model) throws IOException {
        return fmu(dir, model, modelDescription(model));
    }

    static Path fmu(Path dir, String model, String modelDescription) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("modelDescription.xml", modelDescription.getBytes(StandardCharsets.UTF_8));
        entries.put("binaries/" + Platform.folder(FmiVersion.FMI2) + "/" + model + Platform.librarySuffix(),
                Files.readAllBytes(nativeDir().resolve(model + ".so")));
        entries.put("resources/", null);
        return zip(dir.resolve(model + ".fmu"), entries);
    }

    /** An FMI 3.0 FMU of a test model (binary under binaries/&lt;arch&gt;-&lt;os&gt;). */
    static Path fmu3(Path dir, String model) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("modelDescription.xml", Files.readAllBytes(nativeDir().resolve(model + ".xml")));
        entries.put("binaries/" + Platform.folder(FmiVersion.FMI3) + "/" + model + Platform.librarySuffix(),
                Files.readAllBytes(nativeDir().resolve(model + ".so")));
        return zip(dir.resolve(model + ".fmu"), entries);
    }

    /** A zip with the given entries (null content: a directory entry). */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        return file;
    }

    /**
     * Marks one entry of a zip as a Unix symbolic link, as Info-ZIP records it: "version made by" host 3 (Unix) and
     * mode 0120777 in the upper half of the external attributes of its central directory header.
     */
    static void markSymlink(Path zip, String entryName) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int p = 0; p + 46 < b.length; p++) {
            if (b[p] == 0x50 && b[p + 1] == 0x4b && b[p + 2] == 0x01 && b[p + 3] == 0x02) {
                int nameLength = (b[p + 28] & 0xFF) | (b[p + 29] & 0xFF) << 8;
                if (nameLength == name.length && java.util.Arrays.equals(b, p + 46, p + 46 + nameLength, name, 0,
                        name.length)) {
                    b[p + 5] = 3;
                    int external = 0120777 << 16;
                    b[p + 38] = (byte) external;
                    b[p + 39] = (byte) (external >> 8);
                    b[p + 40] = (byte) (external >> 16);
                    b[p + 41] = (byte) (external >> 24);
                    Files.write(zip, b);
                    return;
                }
            }
        }
        throw new IllegalArgumentException(entryName + " not in " + zip);
    }
}
