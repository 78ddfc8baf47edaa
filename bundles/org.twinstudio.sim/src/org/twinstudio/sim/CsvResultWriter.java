package org.twinstudio.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a {@link SimulationResult} as CSV: a header {@code time [s],component.port [unit],...}, then one row per
 * recorded instant. Numbers use {@link Double#toString} (dot as decimal separator, full precision), whatever the
 * locale. {@link #streaming} writes the same file while the simulation runs.
 */
public final class CsvResultWriter {

    private CsvResultWriter() {
    }

    public static void write(SimulationResult result, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, w);
        }
    }

    public static void write(SimulationResult result, Writer w) throws IOException {
        writeHeader(result.signals(), w);
        int columns = result.signals().size();
        StringBuilder line = new StringBuilder(16 * (columns + 1));
        double[] row = new double[columns];
        for (int r = 0; r < result.size(); r++) {
            for (int c = 0; c < columns; c++) {
                row[c] = result.value(r, c);
            }
            writeRow(result.time(r), row, line, w);
        }
    }

    /**
     * A listener that writes every output point as it is reached, into a temporary file beside {@code file} that
     * {@link Streaming#commit} moves into place atomically: an existing file is replaced only by a complete one, and
     * a failed or aborted run leaves it untouched.
     */
    public static Streaming streaming(Path file) {
        return new Streaming(file);
    }

    private static void writeHeader(List<Signal> signals, Writer w) throws IOException {
        w.write("time [s]");
        for (Signal s : signals) {
            w.write(',');
            w.write(quote(s.header()));
        }
        w.write('\n');
    }

    private static void writeRow(double time, double[] values, StringBuilder line, Writer w) throws IOException {
        line.setLength(0);
        line.append(time);
        for (double v : values) {
            line.append(',').append(v);
        }
        line.append('\n');
        w.append(line);
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** See {@link CsvResultWriter#streaming}. Use: add as listener, build, {@link #begin}, run, {@link #commit}. */
    public static final class Streaming implements SimulationListener, AutoCloseable {

        private final Path file;
        private Path temp;
        private BufferedWriter writer;
        private final StringBuilder line = new StringBuilder(256);
        private IOException failure;
        private long rows;

        private Streaming(Path file) {
            this.file = file.toAbsolutePath();
        }

        /** Creates the temporary file and writes the header; the simulation's signals give the columns. */
        public void begin(List<Signal> signals) throws IOException {
            Path dir = file.getParent();
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            writeHeader(signals, writer);
        }

        @Override
        public void stepCompleted(long step, double time, double[] values) {
            if (writer == null || failure != null) {
                return;
            }
            try {
                writeRow(time, values, line, writer);
                rows++;
            } catch (IOException e) {
                // A full disk must not abort the simulation; the error is reported by commit().
                failure = e;
            }
        }

        /** Rows written so far. */
        public long rows() {
            return rows;
        }

        /** Flushes, forces to disk and moves the file into place. */
        public void commit() throws IOException {
            if (writer == null) {
                throw new IllegalStateException("begin() was not called");
            }
            try {
                writer.close();
                writer = null;
                if (failure != null) {
                    throw failure;
                }
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                temp = null;
            } finally {
                close();
            }
        }

        /** Discards the temporary file (after a failed run); an existing file stays as it was. */
        @Override
        public void close() {
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (IOException e) {
                // the file is being discarded
            }
            writer = null;
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // nothing more to do: a stale temporary file is harmless
                }
                temp = null;
            }
        }
    }
}
