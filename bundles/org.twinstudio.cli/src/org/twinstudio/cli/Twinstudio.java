package org.twinstudio.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;

import org.twinstudio.cli.internal.CommandLines;

/**
 * The {@code twinstudio} command line, callable from any entry point: the Equinox application
 * {@code org.twinstudio.cli.app}, the plain {@code java -jar} launcher, or tests.
 */
public final class Twinstudio {

    private Twinstudio() {
    }

    /**
     * Runs one command line.
     *
     * @param out where the command's product goes (diagnostics, listings, JSON)
     * @param err where usage messages, summaries and failures go
     * @param args the arguments, starting with the subcommand (e.g. {@code validate model.twin})
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return CommandLines.create(out, err).execute(args == null ? new String[0] : args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs one command line on the process's standard output and error. */
    public static int execute(String... args) {
        return execute(writer(System.out), writer(System.err), args);
    }

    /** The version of this command line, e.g. {@code 0.1.0.v20261125-1430}. */
    public static String version() {
        return org.twinstudio.cli.internal.BundleVersion.of(Twinstudio.class);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }
}
