package org.twinstudio.fmi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.twinstudio.fmi.FmuException;

/**
 * An .fmu (zip) unpacked into a private temporary directory, deleted again on {@link #close()}.
 * <p>
 * The archive is untrusted input: entries that would land outside the directory ("..", absolute paths, drive
 * letters), symbolic links (Unix mode bits in the entry's external attributes), more than {@link Limits#maxEntries}
 * entries and more than {@link Limits#maxTotalBytes} unpacked bytes (counted while copying, not taken from the
 * headers) are refused with an {@link FmuException} that names the archive and the entry.
 */
public final class FmuArchive implements AutoCloseable {

    /** Bounds on what an archive may unpack to. */
    public record Limits(int maxEntries, long maxTotalBytes) {

        /** 10,000 entries, 2 GiB. */
        public static final Limits DEFAULT = new Limits(10_000, 2L << 30);
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;

    /** Directories not yet closed, removed at JVM exit (a tool that exits without closing leaves nothing behind). */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    /**
     * Deletes a tree bottom-up. Made when the class loads: at JVM exit the class loader may already be closed (the
     * command line's plain-Java launcher closes its loader), so the shutdown hook must not load classes.
     */
    private static final SimpleFileVisitor<Path> DELETER = new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
                // a file appeared meanwhile; the rest is still removed
            }
            return FileVisitResult.CONTINUE;
        }
    };

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FmuArchive::deleteAllOpen, "twinstudio-fmu-cleanup"));
    }

    private static void deleteAllOpen() {
        for (Path dir : OPEN.toArray(new Path[0])) {
            try {
                Files.walkFileTree(dir, DELETER);
            } catch (IOException | RuntimeException ignored) {
                // best effort at exit
            }
        }
    }

    private final Path archive;
    private final Path directory;
    private volatile boolean closed;

    private FmuArchive(Path archive, Path directory) {
        this.archive = archive;
        this.directory = directory;
    }

    public static FmuArchive extract(Path archive) {
        return extract(archive, Limits.DEFAULT);
    }

    public static FmuArchive extract(Path archive, Limits limits) {
        String name = archive.toString();
        if (!Files.isRegularFile(archive)) {
            throw new FmuException(name + ": " + (Files.exists(archive) ? "not a file" : "no such file"));
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("twinstudio-fmu-",
                    isPosix() ? new java.nio.file.attribute.FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
                            : new java.nio.file.attribute.FileAttribute<?>[0]);
        } catch (IOException e) {
            throw new FmuException(name + ": cannot create a temporary directory: " + e.getMessage(), e);
        }
        OPEN.add(dir);
        FmuArchive result = new FmuArchive(archive, dir);
        try {
            result.unpack(limits);
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    private static boolean isPosix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private void unpack(Limits limits) {
        String name = archive.toString();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Map<String, Integer> modes = UnixModes.read(archive);
            if (zip.size() > limits.maxEntries()) {
                throw new FmuException(name + ": has " + zip.size() + " entries, more than the limit of "
                        + limits.maxEntries());
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = target(entry.getName());
                if (isSymbolicLink(modes.getOrDefault(entry.getName(), -1))) {
                    throw new FmuException(name + ": entry '" + entry.getName()
                            + "' is a symbolic link; FMUs may not contain links");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > limits.maxTotalBytes()) {
                            throw new FmuException(name + ": unpacks to more than " + limits.maxTotalBytes()
                                    + " bytes (limit reached in entry '" + entry.getName() + "')");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new FmuException(name + ": not a valid FMU archive (zip): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FmuException(name + ": cannot be unpacked: " + e, e);
        }
    }

    /** The path an entry unpacks to; refuses names that would escape the directory. */
    private Path target(String entryName) {
        String n = entryName.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\0")) {
            throw new FmuException(archive + ": entry '" + entryName + "' has an absolute path");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new FmuException(archive + ": entry '" + entryName + "' points outside the archive ('..')");
            }
        }
        Path target = directory.resolve(n).normalize();
        if (!target.startsWith(directory)) {
            throw new FmuException(archive + ": entry '" + entryName + "' points outside the archive");
        }
        return target;
    }

    /** Unix symlinks are recorded as file type bits in the high half of the external attributes. */
    private static boolean isSymbolicLink(int mode) {
        return mode >= 0 && (mode & S_IFMT) == S_IFLNK;
    }

    /** The archive file. */
    public Path archive() {
        return archive;
    }

    /** The unpacked contents. */
    public Path directory() {
        if (closed) {
            throw new IllegalStateException(archive + " is closed");
        }
        return directory;
    }

    /** Deletes the unpacked files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteTree(directory);
        } finally {
            OPEN.remove(directory);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, DELETER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
