package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.BundleVersion;
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
        Set<Path> files = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(p -> p.toString().endsWith(".twintest") && Files.isRegularFile(p)).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("twinstudio test: cannot list " + input + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                }
            } else if (Files.isRegularFile(input) && Files.isReadable(input)) {
                files.add(input);
            } else {
                err.println("twinstudio test: no readable file or directory " + input);
                return ExitCodes.USAGE;
            }
        }
        if (files.isEmpty()) {
            err.println("twinstudio test: no *.twintest file in " + inputs);
            return ExitCodes.USAGE;
        }
        SuiteFiles reader = new SuiteFiles();
        List<Suite> suites = new ArrayList<>();
        boolean invalid = false;
        for (Path file : files) {
            SuiteFiles.Loaded loaded = reader.load(file);
            loaded.errors().forEach(err::println);
            if (loaded.suite() == null) {
                invalid = true;
            } else {
                suites.add(loaded.suite());
            }
        }
        if (invalid) {
            return ExitCodes.USAGE;
        }
        SuiteRunner runner = new SuiteRunner(SimulationTarget::new, Set.copyOf(tags));
        List<SuiteResult> results = new ArrayList<>();
        long passed = 0, failed = 0, errors = 0;
        for (Suite suite : suites) {
            SuiteResult r = runner.run(suite);
            results.add(r);
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
        err.println(String.format(Locale.ROOT, "%d passed, %d failed, %d errors", passed, failed, errors));
        return failed + errors == 0 ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
