package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.BundleVersion;
import org.twinstudio.testlang.report.HtmlReportWriter;
import org.twinstudio.testlang.report.RunHistory;
import org.twinstudio.testlang.report.RunInfo;
import org.twinstudio.testlang.report.SuiteRun;
import org.twinstudio.testlang.runner.JUnitXmlWriter;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.SuiteFiles;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.sequence.Suite;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinstudio test FILE_OR_DIR...}: runs .twintest suites against their models and reports the verdicts. */
@Command(name = "test", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Run test-sequence suites (.twintest) against the twin models they name; one line per test.",
                "A directory stands for every *.twintest file below it." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:every test passed", "1:at least one test failed or had an error",
                "2:usage error, a missing or unreadable file, or a suite or model with errors", "3:internal error" })
public final class TestCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Suite files, or directories to search for *.twintest")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report")
    Path junit;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Run only tests with one of these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--html", paramLabel = "DIR",
            description = "Also write DIR/index.html: one self-contained page with verdicts, messages, logs and plots")
    Path html;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of all noise (sensor noise, noise and dropout faults); the same seed repeats a run")
    Long seed;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Append the verdicts to DIR/runs.jsonl (default: .twinstudio/test-history beside each suite)")
    Path history;

    @Option(names = "--no-history", description = "Do not record this run in the history")
    boolean noHistory;

    /** Where the tests run. */
    enum Target {
        sim, live, hil
    }

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "sim",
            description = "sim: virtual time, as fast as possible (default); live: against the twin running in real "
                    + "time (waits are wall-clock waits); hil: live, with the model's bindings exchanged every cycle")
    Target target;

    @Option(names = "--realtime-factor", paramLabel = "F", defaultValue = "1",
            description = "With --target live or hil: simulated seconds per wall-clock second (default: ${DEFAULT-VALUE})")
    double realtimeFactor;

    @Option(names = "--cycle", paramLabel = "D", converter = DurationOption.class,
            description = "With --target live or hil: the cycle period in simulated time, e.g. 100ms (default: the "
                    + "model's step size)")
    Double cycle;

    @Override
    public Integer call() {
        try {
            return runSuites();
        } catch (NoClassDefFoundError e) {
            // the plain java -jar launcher does not load the test language and its Xtext runtime
            spec.commandLine().getErr().println("twinstudio test: the test language is not installed here ("
                    + e.getMessage() + "); run it from the Twinstudio installation's Equinox launcher");
            return ExitCodes.USAGE;
        }
    }

    private int runSuites() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Path> files = SuiteArguments.collect(inputs, "test", err);
        if (files == null) {
            return ExitCodes.USAGE;
        }
        SuiteFiles reader = new SuiteFiles();
        List<Suite> suites = new ArrayList<>();
        List<Path> suiteFiles = new ArrayList<>();
        boolean invalid = false;
        for (Path file : files) {
            SuiteFiles.Loaded loaded = reader.load(file);
            loaded.errors().forEach(err::println);
            if (loaded.suite() == null) {
                invalid = true;
            } else {
                suites.add(loaded.suite());
                suiteFiles.add(file);
            }
        }
        if (invalid) {
            return ExitCodes.USAGE;
        }
        if (!(realtimeFactor > 0) || Double.isInfinite(realtimeFactor)) {
            err.println("twinstudio test: --realtime-factor must be a positive number, not " + realtimeFactor);
            return ExitCodes.USAGE;
        }
        RunInfo info = new RunInfo(Instant.now(), BundleVersion.of(TestCommand.class), seed);
        Long runSeed = seed;
        SuiteRunner.TargetFactory factory;
        if (target == Target.sim) {
            factory = model -> new SimulationTarget(model, runSeed);
        } else {
            try {
                factory = LiveTestTargets.factory(target == Target.hil, realtimeFactor, cycle, runSeed);
            } catch (NoClassDefFoundError e) {
                err.println("twinstudio test: the live runtime is not available in this installation: "
                        + e.getMessage());
                return ExitCodes.INTERNAL;
            }
            err.println("twinstudio test: running live (" + target + ") at " + DurationOption.number(realtimeFactor)
                    + " x real time");
        }
        SuiteRunner runner = new SuiteRunner(factory, Set.copyOf(tags));
        List<SuiteResult> results = new ArrayList<>();
        List<SuiteRun> runs = new ArrayList<>();
        long passed = 0, failed = 0, errors = 0;
        for (int i = 0; i < suites.size(); i++) {
            Suite suite = suites.get(i);
            SuiteResult r = runner.run(suite);
            results.add(r);
            runs.add(new SuiteRun(r, suiteFiles.get(i)));
            for (TestResult t : r.tests()) {
                out.println(t.verdict() + "  " + suite.getName() + " / " + t.name()
                        + (t.message() == null ? "" : ": " + t.message()));
                switch (t.verdict()) {
                    case PASSED -> passed++;
                    case FAILED -> failed++;
                    case ERROR -> errors++;
                }
            }
        }
        out.flush();
        if (junit != null) {
            try {
                new JUnitXmlWriter(BundleVersion.of(TestCommand.class)).write(results, junit);
            } catch (IOException e) {
                err.println("twinstudio test: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        if (html != null) {
            try {
                Path page = new HtmlReportWriter().write(runs, info, html);
                err.println("report: " + page);
            } catch (IOException e) {
                err.println("twinstudio test: cannot write the HTML report in " + html + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        if (!noHistory) {
            for (SuiteRun run : runs) {
                Path dir = history != null ? history : RunHistory.defaultDirectory(run.suiteFile());
                try {
                    new RunHistory(dir).append(RunHistory.entry(run, info));
                } catch (IOException | RuntimeException e) {
                    // the verdicts stand; a history that cannot be written is worth a warning only
                    err.println("twinstudio test: warning: cannot append to the history in " + dir + ": "
                            + e.getMessage());
                }
            }
        }
        long skipped = results.stream().mapToLong(r -> r.skipped().size()).sum();
        err.println(String.format(Locale.ROOT, "%d passed, %d failed, %d errors", passed, failed, errors)
                + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        return failed + errors == 0 ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
