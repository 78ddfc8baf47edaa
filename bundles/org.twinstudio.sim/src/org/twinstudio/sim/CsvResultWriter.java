package org.twinstudio.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link SimulationResult} as CSV: a header {@code time [s],component.port [unit],...}, then one row per
 * recorded instant. Numbers use {@link Double#toString} (dot as decimal separator, full precision), whatever the
 * locale.
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
        w.write("time [s]");
        for (Signal s : result.signals()) {
            w.write(',');
            w.write(quote(s.header()));
        }
        w.write('\n');
        int columns = result.signals().size();
        StringBuilder line = new StringBuilder(16 * (columns + 1));
        for (int r = 0; r < result.size(); r++) {
            line.setLength(0);
            line.append(result.time(r));
            for (int c = 0; c < columns; c++) {
                line.append(',').append(result.value(r, c));
            }
            line.append('\n');
            w.write(line.toString());
        }
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
