package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.testlang.runner.SuiteFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio format FILE_OR_DIR...}: gives .twintest suites the language's canonical layout, the same as Format
 * in the editor. Files are replaced atomically and only when they change; a file with syntax errors is left alone.
 */
@Command(name = "format", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Lay out test-sequence suites (.twintest) the canonical way: four-space indentation, one "
                + "statement per line, aligned table columns, comments kept.",
                "A directory stands for every *.twintest file below it. Each changed file is named on standard output." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:every file is (now) formatted; with --check: none needs formatting",
                "1:with --check: a file needs formatting; or a file has syntax errors (left unchanged)",
                "2:usage error, a missing or unreadable file", "3:internal error" })
public final class FormatCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Suite files, or directories to search for *.twintest")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--check", description = "Change nothing; list the files that are not formatted (exit 1 if any)")
    boolean check;

    @Option(names = "--stdout", description = "Print the formatted text instead of writing the files")
    boolean stdout;

    @Override
    public Integer call() {
        try {
            return format();
        } catch (NoClassDefFoundError e) {
            spec.commandLine().getErr().println("twinstudio format: the test language is not installed here ("
                    + e.getMessage() + "); run it from the Twinstudio installation's Equinox launcher");
            return ExitCodes.USAGE;
        }
    }

    private int format() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Path> files = SuiteArguments.collect(inputs, "format", err);
        if (files == null) {
            return ExitCodes.USAGE;
        }
        SuiteFiles suites = new SuiteFiles();
        int exit = ExitCodes.OK;
        int changed = 0;
        for (Path file : files) {
            SuiteFiles.Formatted f = suites.format(file);
            if (!f.errors().isEmpty()) {
                f.errors().forEach(err::println);
                exit = ExitCodes.INVALID;
                continue;
            }
            if (stdout) {
                out.print(f.formatted());
                continue;
            }
            if (!f.changed()) {
                continue;
            }
            changed++;
            if (check) {
                out.println(file);
                exit = ExitCodes.INVALID;
                continue;
            }
            try {
                replace(file, f.formatted());
                out.println(file);
            } catch (IOException e) {
                err.println(file + ": error: cannot write: " + e.getMessage());
                exit = ExitCodes.USAGE;
            }
        }
        out.flush();
        if (!stdout) {
            err.println(files.size() + (files.size() == 1 ? " file, " : " files, ") + changed
                    + (check ? " not formatted" : " reformatted"));
        }
        return exit;
    }

    /** Writes beside the file and moves over it, keeping the file's permissions: never a half-written suite. */
    private static void replace(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default permissions apply
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
