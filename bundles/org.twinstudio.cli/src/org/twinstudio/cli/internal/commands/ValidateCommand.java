package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinstudio validate FILE...}: reads and checks twin models, reporting every problem with its location. */
@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Check twin models and print one line per problem: file:line: severity: message.",
                "A directory stands for every *.twin file below it. A summary goes to standard error." },
        exitCodeListHeading = "%nExit codes (when several apply, the highest wins; every file is checked anyway):%n",
        exitCodeList = {
                "0:every model is valid; warnings are allowed (not with --werror)",
                "1:at least one model has an error, or a warning with --werror. Content that is not a twin "
                        + "model (not XML, malformed XML, another namespace) is a model error: 1",
                "2:usage error, or an argument that cannot be read at all: a missing path, a file without read "
                        + "permission, something that is neither a file nor a directory, a directory that cannot "
                        + "be listed or holds no *.twin file",
                "3:internal error" })
public final class ValidateCommand implements CliCommand {

    /** Diagnostic code of an argument that cannot be read at all. */
    public static final String UNREADABLE = "cli.unreadable";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Model files, or directories to search for *.twin files")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON is one document with "
                    + "every file and diagnostic, whatever -q says.")
    OutputFormat format;

    @Option(names = "--werror", description = "Treat warnings as errors: they make a model invalid (exit code 1).")
    boolean werror;

    @Option(names = { "-q", "--quiet" },
            description = "Print only the problems that fail the run (errors, and warnings with --werror); no summary.")
    boolean quiet;

    /** What became of one file. */
    enum Status {
        valid, invalid, unreadable
    }

    record FileResult(String file, Status status, List<TwinDiagnostic> diagnostics) {

        long count(Severity severity) {
            return diagnostics.stream().filter(d -> d.severity() == severity).count();
        }
    }

    @Override
    public Integer call() {
        List<FileResult> results = new ArrayList<>();
        for (Target target : targets()) {
            results.add(target.problem() != null ? unreadable(target.path(), target.problem()) : check(target.path()));
        }
        PrintWriter out = spec.commandLine().getOut();
        int exitCode = exitCode(results);
        if (format == OutputFormat.json) {
            out.println(Json.write(json(results, exitCode)));
        } else {
            for (FileResult result : results) {
                for (TwinDiagnostic d : result.diagnostics()) {
                    if (!quiet || fails(d)) {
                        out.println(d.format());
                    }
                }
            }
        }
        out.flush();
        if (!quiet) {
            spec.commandLine().getErr().println(summary(results));
        }
        return exitCode;
    }

    private boolean fails(TwinDiagnostic d) {
        return d.severity() == Severity.ERROR || werror && d.severity() == Severity.WARNING;
    }

    private FileResult check(Path file) {
        TwinModels.Loaded loaded = TwinModels.load(file);
        List<TwinDiagnostic> diagnostics = loaded.diagnostics();
        if (diagnostics.stream().anyMatch(d -> "load.io".equals(d.code()))) {
            // Gone or unreadable between listing and reading: the file could not be read at all.
            return new FileResult(file.toString(), Status.unreadable, diagnostics);
        }
        diagnostics = ConnectorChecks.add(loaded, file.toString(), diagnostics);
        boolean invalid = diagnostics.stream().anyMatch(this::fails);
        return new FileResult(file.toString(), invalid ? Status.invalid : Status.valid, diagnostics);
    }

    private static FileResult unreadable(Path path, String problem) {
        String name = path.toString();
        return new FileResult(name, Status.unreadable,
                List.of(new TwinDiagnostic(Severity.ERROR, problem, name, 0, 0, null, UNREADABLE)));
    }

    static int exitCode(List<FileResult> results) {
        if (results.stream().anyMatch(r -> r.status() == Status.unreadable)) {
            return ExitCodes.USAGE;
        }
        return results.stream().anyMatch(r -> r.status() == Status.invalid) ? ExitCodes.INVALID : ExitCodes.OK;
    }

    /** An input file, or a path that cannot be read at all (with the reason). */
    record Target(Path path, String problem) {
    }

    /** The arguments expanded to files, in argument order, each file once; directories in sorted path order. */
    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Target> found = new ArrayList<>();
                walk(input, found);
                if (found.isEmpty()) {
                    targets.add(new Target(input, "no *.twin file in this directory"));
                }
                for (Target t : found) {
                    if (t.problem() != null || seen.add(t.path().toAbsolutePath().normalize())) {
                        targets.add(t);
                    }
                }
            } else if (!Files.exists(input)) {
                targets.add(new Target(input, "no such file or directory"));
            } else if (!Files.isRegularFile(input)) {
                targets.add(new Target(input, "neither a file nor a directory"));
            } else if (!Files.isReadable(input)) {
                targets.add(new Target(input, "cannot read the file: permission denied"));
            } else if (seen.add(input.toAbsolutePath().normalize())) {
                targets.add(new Target(input, null));
            }
        }
        return targets;
    }

    private static void walk(Path directory, List<Target> found) {
        List<Target> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // Symbolic links to files count; links to directories are not followed (no cycles).
                    boolean isFile = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
                    if (isFile && file.getFileName().toString().endsWith(".twin")) {
                        files.add(new Target(file, Files.isReadable(file) ? null : "cannot read the file: permission denied"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    files.add(new Target(file, reason(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            files.add(new Target(directory, reason(e)));
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        found.addAll(files);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot read: permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return "cannot read: " + e.getMessage();
    }

    private String summary(List<FileResult> results) {
        long valid = results.stream().filter(r -> r.status() == Status.valid).count();
        long invalid = results.stream().filter(r -> r.status() == Status.invalid).count();
        long unreadable = results.stream().filter(r -> r.status() == Status.unreadable).count();
        long errors = results.stream().mapToLong(r -> r.count(Severity.ERROR)).sum();
        long warnings = results.stream().mapToLong(r -> r.count(Severity.WARNING)).sum();
        StringBuilder s = new StringBuilder();
        s.append(plural(results.size(), "file")).append(" checked: ").append(valid).append(" valid, ").append(invalid)
                .append(" invalid");
        if (unreadable > 0) {
            s.append(", ").append(unreadable).append(" unreadable");
        }
        s.append("; ").append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"));
        if (werror && warnings > 0) {
            s.append(" (warnings fail: --werror)");
        }
        return s.toString();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Map<String, Object> json(List<FileResult> results, int exitCode) {
        List<Object> files = new ArrayList<>();
        for (FileResult r : results) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", r.file());
            file.put("status", r.status().name());
            file.put("errors", r.count(Severity.ERROR));
            file.put("warnings", r.count(Severity.WARNING));
            file.put("infos", r.count(Severity.INFO));
            List<Object> diagnostics = new ArrayList<>();
            for (TwinDiagnostic d : r.diagnostics()) {
                Map<String, Object> diagnostic = new LinkedHashMap<>();
                diagnostic.put("severity", d.severity().label());
                diagnostic.put("message", d.message());
                diagnostic.put("file", d.file());
                diagnostic.put("line", d.line());
                diagnostic.put("column", d.column());
                diagnostic.put("code", d.code());
                diagnostic.put("element", d.elementUri());
                diagnostic.put("text", d.format());
                diagnostics.add(diagnostic);
            }
            file.put("diagnostics", diagnostics);
            files.add(file);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("files", results.size());
        for (Status s : Status.values()) {
            summary.put(s.name(), results.stream().filter(r -> r.status() == s).count());
        }
        summary.put("errors", results.stream().mapToLong(r -> r.count(Severity.ERROR)).sum());
        summary.put("warnings", results.stream().mapToLong(r -> r.count(Severity.WARNING)).sum());
        summary.put("infos", results.stream().mapToLong(r -> r.count(Severity.INFO)).sum());
        summary.put("werror", werror);
        summary.put("exitCode", exitCode);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", files);
        root.put("summary", summary);
        return root;
    }
}
