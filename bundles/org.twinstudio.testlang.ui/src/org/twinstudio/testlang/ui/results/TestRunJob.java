package org.twinstudio.testlang.ui.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.twinstudio.testlang.report.HtmlReportWriter;
import org.twinstudio.testlang.report.RunInfo;
import org.twinstudio.testlang.report.SuiteRun;
import org.twinstudio.testlang.runner.DataTables;
import org.twinstudio.testlang.runner.JUnitXmlWriter;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.SuiteFiles;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.ui.internal.results.Logs;
import org.twinstudio.testlang.ui.internal.launch.SuiteOutline;

/**
 * Runs a suite in the background with the headless runner ({@link SuiteFiles}, {@link SuiteRunner} on simulation
 * targets): one progress tick per test, cancelling stops the running test between two simulation steps and skips
 * the rest. Every run writes its JUnit XML to {@code .twinstudio/test-results/} of the suite's project (the last
 * {@link #KEPT_RESULTS} per suite are kept), and the HTML report beside it ({@link #STANDARD_HTML_REPORT} unless another is set).
 */
public final class TestRunJob extends Job {

    /** Job family of all test runs. */
    public static final Object FAMILY = TestRunJob.class;
    /** Project-relative folder of the JUnit XML and HTML reports. */
    public static final String RESULTS_FOLDER = ".twinstudio/test-results";
    /** How many result files of one suite stay in the results folder. */
    public static final int KEPT_RESULTS = 10;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneId.systemDefault());

    /** Writes the HTML report of a run into {@code folder} and returns its path. */
    @FunctionalInterface
    public interface HtmlReport {
        Path write(SuiteResult result, Path folder, String baseName) throws IOException;
    }

    /** The standard report: the runner's self-contained HTML page, {@code <suite>-<time>.html}. */
    public static final HtmlReport STANDARD_HTML_REPORT = new StandardHtmlReport();

    private static volatile HtmlReport htmlReport = STANDARD_HTML_REPORT;

    private final TestRun run;

    private TestRunJob(TestRun run) {
        super("Running tests of " + run.request().suite().getName());
        this.run = run;
        setPriority(LONG);
        setUser(false);
    }

    /** Sets the writer of the HTML report of every run ({@link #STANDARD_HTML_REPORT} by default, null for none). */
    public static void setHtmlReport(HtmlReport writer) {
        htmlReport = writer;
    }

    /** Starts a run: adds it to the history, shows it in the Test Results view and schedules its job. */
    public static TestRun start(TestRunRequest request) {
        TestRun run = new TestRun(request);
        TestRunHistory.get().add(run);
        TestResultsView.reveal(run);
        new TestRunJob(run).schedule();
        return run;
    }

    public TestRun testRun() {
        return run;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        long start = System.nanoTime();
        try {
            return execute(monitor, start);
        } catch (RuntimeException | LinkageError e) {
            Logs.error("The test run of " + run.request().suite().getFullPath() + " failed", e);
            run.notRun(List.of(run.request().suite().getFullPath() + ": " + e));
            return Status.OK_STATUS;
        } finally {
            monitor.done();
        }
    }

    private IStatus execute(IProgressMonitor monitor, long start) {
        TestRunRequest request = run.request();
        IPath location = request.suite().getLocation();
        if (location == null || !request.suite().exists()) {
            run.notRun(List.of(request.suite().getFullPath() + ": no such file"));
            return Status.OK_STATUS;
        }
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        monitor.subTask("reading " + request.suite().getName());
        SuiteFiles.Loaded loaded = new SuiteFiles().load(location.toPath());
        if (!loaded.errors().isEmpty()) {
            run.notRun(loaded.errors());
            return Status.OK_STATUS;
        }
        Suite suite = loaded.suite();
        Predicate<TestCase> selected = t -> request.tests().isEmpty() || request.tests().contains(t.getName());
        Predicate<TestCase> tagged = t -> request.tags().isEmpty()
                || t.getTags().stream().anyMatch(request.tags()::contains);
        List<String> planned = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (TestCase t : suite.getTests()) {
            // a test with an examples table runs once per row, each a result of its own at the test's line
            for (DataTables.Case row : DataTables.cases(t)) {
                lines.put(row.name(), SuiteOutline.line(t));
                if ((selected.test(t) || request.tests().contains(row.name())) && tagged.test(t)) {
                    planned.add(row.name());
                }
            }
        }
        if (planned.isEmpty()) {
            run.notRun(List.of(request.suite().getFullPath() + ": no test to run"
                    + (request.tests().isEmpty() ? "" : " named " + String.join(", ", request.tests()))
                    + (request.tags().isEmpty() ? "" : " with tags " + String.join(", ", request.tags()))));
            return Status.OK_STATUS;
        }
        run.planned(suite.getName(), planned, lines);
        monitor.beginTask(getName(), planned.size());

        long seed = request.seed();
        SuiteRunner runner = new SuiteRunner(model -> new SimulationTarget(model, seed), request.tags());
        SuiteResult result = runner.run(suite, SuiteRunner.modelFile(suite), selected, new SuiteRunner.Listener() {
            @Override
            public void testStarted(TestCase test) {
                monitor.subTask(test.getName());
                run.started(test.getName());
            }

            @Override
            public void testFinished(TestCase test, TestResult testResult) {
                run.finished(testResult);
                monitor.worked(1);
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCanceled();
            }
        });
        writeReports(result);
        boolean cancelled = monitor.isCanceled();
        run.end(cancelled ? TestRun.State.CANCELLED : TestRun.State.FINISHED, (System.nanoTime() - start) / 1e9);
        return cancelled ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    /** JUnit XML and (when a writer is set) the HTML report; failures to write are logged, not fatal. */
    private void writeReports(SuiteResult result) {
        IProject project = run.request().suite().getProject();
        IFolder folder = project.getFolder(IPath.fromOSString(RESULTS_FOLDER));
        IPath location = folder.getLocation();
        if (location == null) {
            return;
        }
        Path dir = location.toPath();
        String base = baseName(run.request().suite().getName());
        String name = base + "-" + STAMP.format(run.started());
        Path xml = dir.resolve(name + ".xml");
        Path html = null;
        try {
            Files.createDirectories(dir);
            new JUnitXmlWriter(Logs.version()).write(List.of(result), xml);
            HtmlReport writer = htmlReport;
            if (writer == STANDARD_HTML_REPORT) {
                Path suiteFile = run.request().suite().getLocation() == null ? null
                        : run.request().suite().getLocation().toPath();
                html = new HtmlReportWriter().writeFile(List.of(new SuiteRun(result, suiteFile)),
                        new RunInfo(run.started(), Logs.version(), run.request().seed()), dir.resolve(name + ".html"));
            } else if (writer != null) {
                html = writer.write(result, dir, name);
            }
            prune(dir, base);
        } catch (IOException | RuntimeException e) {
            Logs.error("Could not write the test results of " + run.request().suite().getFullPath(), e);
        }
        run.written(Files.exists(xml) ? xml : null, html != null && Files.exists(html) ? html : null);
        try {
            folder.refreshLocal(IResource.DEPTH_INFINITE, null);
        } catch (CoreException e) {
            Logs.error("Could not refresh " + folder.getFullPath(), e);
        }
    }

    /** Marks the standard report; {@link #writeReports} writes it with the run's suite file, start and seed. */
    private static final class StandardHtmlReport implements HtmlReport {
        @Override
        public Path write(SuiteResult result, Path folder, String baseName) throws IOException {
            Path file = folder.resolve(baseName + ".html");
            return new HtmlReportWriter().writeFile(List.of(new SuiteRun(result, null)),
                    new RunInfo(java.time.Instant.now(), Logs.version(), null), file);
        }
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Keeps the newest {@link #KEPT_RESULTS} runs of one suite (xml and html of a run share their name). */
    private static void prune(Path dir, String base) throws IOException {
        List<String> runs;
        try (Stream<Path> files = Files.list(dir)) {
            runs = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(base + "-") && n.endsWith(".xml")
                            && n.substring(base.length() + 1).matches("\\d{8}-\\d{6}-\\d{3}\\.xml"))
                    .map(n -> n.substring(0, n.length() - ".xml".length()))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (String old : runs.subList(Math.min(KEPT_RESULTS, runs.size()), runs.size())) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith(old + ".")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
