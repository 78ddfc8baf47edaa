package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.testlang.report.RunHistory;
import org.twinstudio.testlang.report.RunHistory.Entry;
import org.twinstudio.testlang.report.RunHistory.TestStats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio history}: the recent runs recorded by {@code twinstudio test} and, per test, its pass rate and
 * whether it is flaky (see {@link RunHistory#stats}).
 */
@Command(name = "history", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Show the recorded runs of test suites (written by 'twinstudio test') and, per test,",
                "its pass rate over them and whether it is flaky: it passed and failed on the same model.",
                "A suite file or directory stands for its .twinstudio/test-history directory." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:shown (also when there is no history yet)", "2:usage error or an unreadable history",
                "3:internal error" })
public final class HistoryCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SUITE_OR_DIR",
            description = "Suite files or directories whose history to show (default: the current directory)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--history", paramLabel = "DIR", description = "Read DIR/runs.jsonl instead")
    Path history;

    @Option(names = "--suite", paramLabel = "NAME", description = "Only runs of this suite (its name or file name)")
    String suite;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20",
            description = "Show and count only the last N runs (default: ${DEFAULT-VALUE})")
    int last;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        try {
            return show();
        } catch (NoClassDefFoundError e) {
            spec.commandLine().getErr().println("twinstudio history: the test language is not installed here ("
                    + e.getMessage() + "); run it from the Twinstudio installation's Equinox launcher");
            return ExitCodes.USAGE;
        }
    }

    private int show() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (last < 1) {
            err.println("twinstudio history: --last must be at least 1, not " + last);
            return ExitCodes.USAGE;
        }
        List<Path> dirs = new ArrayList<>();
        if (history != null) {
            dirs.add(history);
        } else {
            for (Path input : inputs.isEmpty() ? List.of(Path.of("")) : inputs) {
                Path base = Files.isRegularFile(input) ? input : input.resolve("x.twintest");
                if (!Files.exists(input) && !input.toString().isEmpty()) {
                    err.println("twinstudio history: no file or directory " + input);
                    return ExitCodes.USAGE;
                }
                Path dir = RunHistory.defaultDirectory(base);
                if (!dirs.contains(dir)) {
                    dirs.add(dir);
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                RunHistory.Contents contents = new RunHistory(dir).read();
                contents.warnings().forEach(err::println);
                entries.addAll(contents.entries());
            } catch (IOException e) {
                err.println("twinstudio history: cannot read " + dir.resolve(RunHistory.FILE) + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        if (suite != null) {
            entries.removeIf(e -> !suite.equals(e.suite()) && (e.suiteFile() == null
                    || !suite.equals(e.suiteFile()) && !suite.equals(Path.of(e.suiteFile()).getFileName().toString())));
        }
        entries.sort((a, b) -> a.time().compareTo(b.time()));
        List<Entry> recent = entries.subList(Math.max(0, entries.size() - last), entries.size());
        List<TestStats> stats = RunHistory.stats(recent);
        if (format == OutputFormat.json) {
            out.println(Json.write(json(recent, stats)));
        } else {
            text(out, recent, stats, dirs);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void text(PrintWriter out, List<Entry> recent, List<TestStats> stats, List<Path> dirs) {
        if (recent.isEmpty()) {
            out.println("no recorded runs in " + dirs.stream().map(d -> d.resolve(RunHistory.FILE).toString()).toList());
            return;
        }
        out.println("Runs (oldest first):");
        for (Entry e : recent) {
            String sha = e.modelSha256() == null ? "?" : e.modelSha256().substring(0, Math.min(12, e.modelSha256().length()));
            out.println(String.format(Locale.ROOT, "  %s  %-30s  model %s %s  tool %s%s  %d passed, %d failed, %d errors, %d skipped",
                    e.time(), e.suite(), e.model(), sha, e.toolVersion(), e.seed() == null ? "" : "  seed " + e.seed(),
                    e.count("PASSED"), e.count("FAILED"), e.count("ERROR"), e.count("SKIPPED")));
        }
        out.println();
        out.println("Tests over these runs:");
        out.println(String.format(Locale.ROOT, "  %-9s %5s %6s %6s %6s %5s  %-6s %s", "pass rate", "runs", "passed", "failed",
                "errors", "flips", "flaky", "suite / test"));
        for (TestStats s : stats) {
            out.println(String.format(Locale.ROOT, "  %7.1f %% %5d %6d %6d %6d %5d  %-6s %s / %s", 100 * s.passRate(), s.runs(),
                    s.passed(), s.failed(), s.errors(), s.flips(), s.flaky() ? "FLAKY" : "no", s.suite(), s.test()));
        }
    }

    private static Map<String, Object> json(List<Entry> recent, List<TestStats> stats) {
        List<Object> runs = new ArrayList<>();
        for (Entry e : recent) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("time", e.time().toString());
            r.put("suite", e.suite());
            r.put("suiteFile", e.suiteFile());
            r.put("model", e.model());
            r.put("modelSha256", e.modelSha256());
            r.put("tool", e.toolVersion());
            r.put("seed", e.seed());
            r.put("passed", e.count("PASSED"));
            r.put("failed", e.count("FAILED"));
            r.put("errors", e.count("ERROR"));
            r.put("skipped", e.count("SKIPPED"));
            runs.add(r);
        }
        List<Object> tests = new ArrayList<>();
        for (TestStats s : stats) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("suite", s.suite());
            t.put("test", s.test());
            t.put("runs", s.runs());
            t.put("passed", s.passed());
            t.put("failed", s.failed());
            t.put("errors", s.errors());
            t.put("passRate", s.passRate());
            t.put("flips", s.flips());
            t.put("flaky", s.flaky());
            t.put("lastVerdict", s.lastVerdict());
            tests.add(t);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runs", runs);
        root.put("tests", tests);
        return root;
    }
}
