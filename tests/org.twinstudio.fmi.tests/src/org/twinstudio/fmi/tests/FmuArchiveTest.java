package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.internal.FmuArchive;

/** Unpacking untrusted .fmu archives. */
class FmuArchiveTest {

    @TempDir
    Path dir;

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        return TestFmus.zip(dir.resolve(name), entries);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unpacksIntoAPrivateDirectoryDeletedOnClose() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("modelDescription.xml", text("<x/>"));
        entries.put("resources/data/table.csv", text("1,2\n"));
        Path fmu = zip("ok.fmu", entries);
        Path unpacked;
        try (FmuArchive a = FmuArchive.extract(fmu)) {
            unpacked = a.directory();
            assertEquals("1,2\n", Files.readString(unpacked.resolve("resources/data/table.csv")));
            assertFalse(unpacked.startsWith(dir), "unpacked into the system's temporary directory, not next to the FMU");
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions
                    .toString(Files.getPosixFilePermissions(unpacked)));
        }
        assertFalse(Files.exists(unpacked), "the unpacked files are deleted on close");
    }

    @Test
    void refusesParentDirectoryEntries() throws IOException {
        Path fmu = zip("slip.fmu", Map.of("resources/../../evil.sh", text("rm -rf /")));
        FmuException e = assertThrows(FmuException.class, () -> FmuArchive.extract(fmu));
        assertTrue(e.getMessage().startsWith(fmu.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'resources/../../evil.sh' points outside the archive"), e.getMessage());
        assertFalse(Files.exists(dir.getParent().resolve("evil.sh")));
    }

    @Test
    void refusesAbsoluteEntries() throws IOException {
        Path fmu = zip("abs.fmu", Map.of("/tmp/evil.sh", text("x")));
        FmuException e = assertThrows(FmuException.class, () -> FmuArchive.extract(fmu));
        assertTrue(e.getMessage().contains("'/tmp/evil.sh' has an absolute path"), e.getMessage());
        Path win = zip("win.fmu", Map.of("C:\\Windows\\evil.dll", text("x")));
        assertTrue(assertThrows(FmuException.class, () -> FmuArchive.extract(win)).getMessage()
                .contains("has an absolute path"));
    }

    @Test
    void refusesSymbolicLinks() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("modelDescription.xml", text("<x/>"));
        entries.put("resources/passwd", text("/etc/passwd"));
        Path fmu = zip("link.fmu", entries);
        try (FmuArchive a = FmuArchive.extract(fmu)) {
            assertTrue(Files.isRegularFile(a.directory().resolve("resources/passwd")), "a plain entry unpacks");
        }
        TestFmus.markSymlink(fmu, "resources/passwd");
        FmuException e = assertThrows(FmuException.class, () -> FmuArchive.extract(fmu));
        assertTrue(e.getMessage().contains("'resources/passwd' is a symbolic link"), e.getMessage());
    }

    @Test
    void limitsEntriesAndSize() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            entries.put("resources/f" + i, new byte[1000]);
        }
        Path fmu = zip("big.fmu", entries);
        FmuException many = assertThrows(FmuException.class,
                () -> FmuArchive.extract(fmu, new FmuArchive.Limits(4, 1 << 20)));
        assertTrue(many.getMessage().contains("has 5 entries, more than the limit of 4"), many.getMessage());
        FmuException large = assertThrows(FmuException.class,
                () -> FmuArchive.extract(fmu, new FmuArchive.Limits(100, 4500)));
        assertTrue(large.getMessage().contains("unpacks to more than 4500 bytes (limit reached in entry 'resources/f4')"),
                large.getMessage());
        FmuArchive.extract(fmu, new FmuArchive.Limits(5, 5000)).close();
    }

    @Test
    void reportsFilesThatAreNotZips() throws IOException {
        Path bad = dir.resolve("bad.fmu");
        Files.writeString(bad, "this is not a zip archive");
        FmuException e = assertThrows(FmuException.class, () -> FmuArchive.extract(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not a valid FMU archive (zip)"), e.getMessage());
        FmuException missing = assertThrows(FmuException.class, () -> FmuArchive.extract(dir.resolve("none.fmu")));
        assertTrue(missing.getMessage().endsWith("none.fmu: no such file"), missing.getMessage());
    }
}
