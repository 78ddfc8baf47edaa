package org.twinstudio.cli.tests;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.twinstudio.cli.Twinstudio;

/** Runs the command line in this JVM and captures what it prints; gives access to the example models. */
final class Cli {

    /** Tests run with the test module as working directory. */
    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath().normalize();

    /** What one run of the command line did. */
    record Result(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Twinstudio.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static String example() throws IOException {
        return Files.readString(HEATING_LINE, StandardCharsets.UTF_8);
    }

    /** Writes {@code file} as a copy of the heating line with {@code from} replaced by {@code to} (exactly once). */
    static Path brokenCopy(Path file, String from, String to) throws IOException {
        String text = example();
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' must occur exactly once in the example");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        return file;
    }

    /** The 1-based line of the first occurrence of {@code text} in {@code file}. */
    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text + " not in " + file);
    }
}
