package org.twinstudio.testlang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.testlang.runner.SuiteFiles;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;
import org.twinstudio.testlang.ui.internal.results.SuiteEditors;
import org.twinstudio.testlang.ui.launch.TestLaunchShortcut;
import org.twinstudio.testlang.ui.launch.TestLaunches;
import org.twinstudio.testlang.ui.results.TestResultsView;
import org.twinstudio.testlang.ui.results.TestRun;
import org.twinstudio.testlang.ui.results.TestRunHistory;
import org.twinstudio.testlang.ui.results.TestRunJob;
import org.w3c.dom.Element;

/**
 * Running suites from the workbench: Run As &gt; Twinstudio Test in the Project Explorer on the heating-line example,
 * a suite with a failing expectation (details, Re-run Failed), the test under the cursor of an editor, stopping a
 * run; the verdicts are compared with the headless runner's on the same files.
 */
class TestRunViewTest {

    private static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();
    private static final long RUN_TIMEOUT_MS = 120_000;

    /**
     * The tank starts at 18 degC and warms by about 1.7 K/min with the heater flat out, so after 5 min it is near
     * 26.5 degC: "heats too fast" fails at t = 300 s; the other two hold from the start.
     */
    static final String FAILING_SUITE = """
            // checks with one expectation the plant cannot meet
            suite "Heating line checks" model "heating-line.twin"

            setup {
                set controller.enable = true
                set controller.setpoint = 60 degC
                set inletValve.open = false
            }

            test "tank starts cold" {
                expect tank.temperature == 18 degC ± 0.5 degC
            }

            test "heats too fast" {
                expect tank.temperature >= 59 degC within 5 min
            }

            test "heater on" tags smoke {
                expect heater.power > 20 kW within 10 s
            }
            """;
    /** Lines (1-based) of the tests above. */
    static final int LINE_HEATS_TOO_FAST = 14;

    private static Workbench ui;
    private static IWorkbenchWindow window;
    private IWorkbenchPage page;
    private IProject project;

    @BeforeAll
    static void window() {
        ui = new Workbench(Display.getCurrent());
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Shell shell = window.getShell();
        shell.setBounds(0, 0, 1280, 900);
        shell.forceActive();
        ui.pump(300);
    }

    @BeforeEach
    void setUp() throws Exception {
        page = window.getActivePage();
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("heating-line-tests");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        for (String name : List.of("heating-line.twin", "acceptance.twintest")) {
            Files.copy(EXAMPLE.resolve(name), project.getLocation().toPath().resolve(name));
        }
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        TestRunHistory.get().clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        TestRunJob.setHtmlReport(TestRunJob.STANDARD_HTML_REPORT);
        Job.getJobManager().cancel(TestRunJob.FAMILY);
        ui.waitUntil(() -> Job.getJobManager().find(TestRunJob.FAMILY).length == 0, 30_000, "test runs ended");
        page.closeAllEditors(false);
        ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
        for (ILaunchConfiguration c : launches.getLaunchConfigurations(
                launches.getLaunchConfigurationType(TestLaunches.TYPE_ID))) {
            c.delete();
        }
        project.delete(true, true, null);
        ui.pump();
    }

    private IFile write(String name, String text) throws Exception {
        IFile file = project.getFile(name);
        file.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, null);
        return file;
    }

    /** The headless runner on the same file: what the view must show. */
    private static SuiteResult runHeadless(IFile file) {
        SuiteFiles.Loaded loaded = new SuiteFiles().load(file.getLocation().toPath());
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        return new SuiteRunner().run(loaded.suite());
    }

    private TestResultsView view() {
        TestResultsView view = (TestResultsView) page.findView(TestResultsView.ID);
        assertNotNull(view, "Test Results view open");
        return view;
    }

    /** Waits for a run to start (history) and then to end (its job gone), and for the view to show it. */
    private TestRun waitForRun(int runsBefore) {
        ui.waitUntil(() -> TestRunHistory.get().runs().size() > runsBefore, RUN_TIMEOUT_MS, "a test run to start");
        TestRun run = TestRunHistory.get().latest();
        ui.waitUntil(() -> run.isDone() && Job.getJobManager().find(TestRunJob.FAMILY).length == 0, RUN_TIMEOUT_MS,
                "the test run to end");
        ui.waitUntil(() -> page.findView(TestResultsView.ID) != null
                && ((TestResultsView) page.findView(TestResultsView.ID)).getRun() == run, 10_000, "the view shows the run");
        ui.pump(200);
        return run;
    }

    private static List<TreeItem> testItems(TestResultsView view) {
        Tree tree = view.getTreeViewer().getTree();
        assertEquals(1, tree.getItemCount(), "one suite");
        return Arrays.asList(tree.getItem(0).getItems());
    }

    private static String testName(TreeItem item) {
        String text = item.getText();
        int paren = text.lastIndexOf(" (");
        return paren > 0 ? text.substring(0, paren) : text;
    }

    private static Verdict shownVerdict(TestResultsView view, String test) {
        TestResult r = view.getRun().result(test);
        return r == null ? null : r.verdict();
    }

    @Test
    void acceptanceSuiteRunsFromRunAsInTheProjectExplorer() throws Exception {
        IFile suite = project.getFile("acceptance.twintest");
        CommonNavigator navigator = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        navigator.selectReveal(new StructuredSelection(suite));
        ui.pump(200);
        assertEquals(new StructuredSelection(suite).toList(),
                navigator.getCommonViewer().getStructuredSelection().toList());

        Menu context = navigator.getCommonViewer().getTree().getMenu();
        MenuItem runAs = ui.item(context, "Run As");
        MenuItem twinstudioTest = ui.item(runAs.getMenu(), "Twinstudio Test");
        ui.choose(twinstudioTest);
        TestRun run = waitForRun(0);

        SuiteResult expected = runHeadless(suite);
        assertEquals(TestRun.State.FINISHED, run.state(), run.problems().toString());
        TestResultsView view = view();
        List<TreeItem> items = testItems(view);
        assertEquals(expected.tests().stream().map(TestResult::name).toList(), items.stream().map(TestRunViewTest::testName).toList());
        for (TestResult t : expected.tests()) {
            assertEquals(t.verdict(), shownVerdict(view, t.name()), t.name());
            assertEquals(Verdict.PASSED, t.verdict(), t.name() + ": " + t.message());
        }
        int n = expected.tests().size();
        assertTrue(view.getCountsText().startsWith("Runs: " + n + "/" + n + "    Passed: " + n + "    Failures: 0    Errors: 0"),
                view.getCountsText());
        assertFalse(view.isBarRed());
        assertEquals("Heating line acceptance (acceptance.twintest)",
                view.getTreeViewer().getTree().getItem(0).getText().replaceFirst(" \\([0-9.]+ s\\)$", ""));

        // the launch configuration Run As made, with the suite's path; its launch is gone once the run ended
        ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
        ui.waitUntil(() -> launches.getLaunches().length == 0, 10_000, "the ended launch removed");
        ILaunchConfiguration[] configurations = launches.getLaunchConfigurations(
                launches.getLaunchConfigurationType(TestLaunches.TYPE_ID));
        assertEquals(1, configurations.length);
        assertEquals(suite.getFullPath().toString(), configurations[0].getAttribute(TestLaunches.SUITE, ""));
        assertEquals("", configurations[0].getAttribute(TestLaunches.TEST, "x"));

        // the JUnit XML of the run, in the project
        assertNotNull(run.junitXml());
        assertTrue(run.junitXml().startsWith(project.getLocation().toPath().resolve(".twinstudio/test-results")),
                run.junitXml().toString());
        Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(run.junitXml().toFile())
                .getDocumentElement();
        assertEquals(String.valueOf(n), suites.getAttribute("tests"));
        assertEquals("0", suites.getAttribute("failures"));
        assertTrue(project.getFolder(".twinstudio/test-results").exists(), "results folder refreshed");
        // the standard HTML report beside the JUnit XML, with every test of the run
        assertNotNull(run.report());
        assertEquals(run.junitXml().resolveSibling(run.junitXml().getFileName().toString().replace(".xml", ".html")),
                run.report());
        String page = Files.readString(run.report());
        for (TestResult t : expected.tests()) {
            assertTrue(page.contains(t.name().replace("&", "&amp;").replace("<", "&lt;")), t.name());
        }
        assertTrue(view.getOpenReportAction().isEnabled());
    }

    @Test
    void failingTestShowsItsDetailsAndRerunFailedRunsOnlyIt() throws Exception {
        IFile suite = write("checks.twintest", FAILING_SUITE);
        // a report writer as the HTML report plugs in: the view offers the file it wrote
        TestRunJob.setHtmlReport((result, folder, base) -> {
            Path html = folder.resolve(base + ".html");
            Files.writeString(html, "<html><body><h1>" + result.name() + "</h1><p>" + result.count(Verdict.FAILED)
                    + " failed</p></body></html>");
            return html;
        });
        new TestLaunchShortcut().launch(new StructuredSelection(suite), ILaunchManager.RUN_MODE);
        TestRun run = waitForRun(0);
        SuiteResult expected = runHeadless(suite);
        assertEquals(List.of(Verdict.PASSED, Verdict.FAILED, Verdict.PASSED),
                expected.tests().stream().map(TestResult::verdict).toList());

        TestResultsView view = view();
        for (TestResult t : expected.tests()) {
            assertEquals(t.verdict(), shownVerdict(view, t.name()), t.name());
        }
        assertTrue(view.getCountsText().startsWith("Runs: 3/3    Passed: 2    Failures: 1    Errors: 0"),
                view.getCountsText());

        // the failed test is selected when the run ends and its details shown
        TestResult failed = expected.tests().get(1);
        assertEquals("heats too fast", failed.name());
        assertEquals(new TestResultsView.TestNode(run, "heats too fast"),
                view.getTreeViewer().getStructuredSelection().getFirstElement());
        assertEquals("failed", view.detail("Verdict"));
        assertEquals("tank.temperature >= 59.0000 degC", view.detail("Expected"));
        assertEquals("within 300.000 s", view.detail("Window"));
        assertEquals("300.000 s", view.detail("Time"));
        assertEquals(failed.message(), view.detail("Message"));
        String actual = view.detail("Actual");
        assertTrue(actual.endsWith(" degC"), actual);
        double actualValue = Double.parseDouble(actual.substring(0, actual.length() - " degC".length()));
        // 18 degC + about 1.7 K/min for 5 min
        assertEquals(26.5, actualValue, 0.5);
        assertTrue(view.isBarRed());
        assertTrue(failed.message().contains("actual " + actual.substring(0, actual.length() - 5)), failed.message());

        // the report the writer made, offered by the view
        assertNotNull(run.report());
        assertTrue(Files.readString(run.report()).contains("1 failed"));
        assertTrue(view.getOpenReportAction().isEnabled());

        // the view alone in a smaller window, for docs/images/test-results.png
        org.eclipse.swt.graphics.Rectangle bounds = window.getShell().getBounds();
        IWorkbenchPartReference reference = page.getReference(view);
        window.getShell().setBounds(0, 0, 900, 520);
        page.setPartState(reference, IWorkbenchPage.STATE_MAXIMIZED);
        ui.pump(300);
        ui.screenshot(window.getShell(), Path.of("target", "screenshots", "test-results.png"));
        page.setPartState(reference, IWorkbenchPage.STATE_RESTORED);
        window.getShell().setBounds(bounds);
        ui.pump(200);

        // double-click opens the test in its file at its line
        Tree tree = view.getTreeViewer().getTree();
        Event open = new Event();
        open.item = tree.getSelection()[0];
        tree.notifyListeners(SWT.DefaultSelection, open);
        ui.pump(300);
        IEditorPart editor = page.getActiveEditor();
        assertNotNull(editor, "an editor opened");
        ITextEditor text = editor.getAdapter(ITextEditor.class);
        assertNotNull(text, "a text editor");
        assertEquals(suite, editor.getEditorInput().getAdapter(IFile.class));
        ITextSelection selection = (ITextSelection) text.getSelectionProvider().getSelection();
        assertEquals(LINE_HEATS_TOO_FAST - 1, selection.getStartLine());
        IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
        assertEquals("test \"heats too fast\" {", document.get(selection.getOffset(), selection.getLength()).strip());

        // Re-run Failed: only that test runs again, and fails the same way
        assertTrue(view.getRerunFailedAction().isEnabled());
        view.getRerunFailedAction().run();
        TestRun rerun = waitForRun(1);
        assertEquals(List.of("heats too fast"), rerun.planned());
        assertEquals(1, rerun.results().size());
        assertEquals(Verdict.FAILED, rerun.results().get(0).verdict());
        assertEquals(failed.message(), rerun.results().get(0).message());
        assertEquals(1, testItems(view).size());
        assertTrue(view.getCountsText().startsWith("Runs: 1/1    Passed: 0    Failures: 1"), view.getCountsText());

        // both runs in the history, newest first; choosing the first shows it again
        var history = view.getHistoryActions();
        assertEquals(2, history.size());
        assertTrue(history.get(0).getText().startsWith("Heating line checks (heats too fast)"), history.get(0).getText());
        assertTrue(history.get(1).getText().endsWith("2/3 passed"), history.get(1).getText());
        history.get(1).run();
        ui.pump();
        assertEquals(run, view.getRun());
        assertEquals(3, testItems(view).size());

        // the newest xml files of the suite: one per run
        try (Stream<Path> files = Files.list(project.getLocation().toPath().resolve(".twinstudio/test-results"))) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("checks-")
                    && p.getFileName().toString().endsWith(".xml")).count());
        }
    }

    @Test
    void theTestUnderTheCursorRunsAlone() throws Exception {
        IFile suite = write("checks.twintest", FAILING_SUITE);
        IEditorPart editor = SuiteEditors.open(page, suite, 0);
        ITextEditor text = editor.getAdapter(ITextEditor.class);
        IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
        // the cursor inside "heater on", on its expectation
        int offset = document.get().indexOf("heater.power");
        text.selectAndReveal(offset, 0);
        ui.pump();
        // Run As > Twinstudio Test in the editor's context menu
        org.eclipse.swt.widgets.Control textWidget = editor.getAdapter(org.eclipse.swt.widgets.Control.class);
        assertNotNull(textWidget, "the editor's text widget");
        ui.choose(ui.item(ui.item(textWidget.getMenu(), "Run As").getMenu(), "Twinstudio Test"));
        TestRun run = waitForRun(0);
        assertEquals(List.of("heater on"), run.planned());
        assertEquals(Verdict.PASSED, run.results().get(0).verdict(), run.results().get(0).message());
        assertEquals(Set.of("heater on"), run.request().tests());

        // outside every test (the suite line): the whole suite
        text.selectAndReveal(document.get().indexOf("suite"), 0);
        ui.pump();
        new TestLaunchShortcut().launch(editor, ILaunchManager.RUN_MODE);
        TestRun all = waitForRun(1);
        assertEquals(List.of("tank starts cold", "heats too fast", "heater on"), all.planned());
    }

    @Test
    void runMenuRunsTheSelectionAndListsConfigurations() throws Exception {
        IFile suite = write("checks.twintest", FAILING_SUITE);
        TestLaunches.configuration(suite, "heater on");
        CommonNavigator navigator = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        navigator.selectReveal(new StructuredSelection(suite));
        page.activate(navigator);
        ui.pump(200);
        Menu menuBar = window.getShell().getMenuBar();
        MenuItem run = ui.item(menuBar, "Run");
        ui.choose(ui.item(run.getMenu(), "Run Tests"));
        TestRun all = waitForRun(0);
        assertEquals(List.of("tank starts cold", "heats too fast", "heater on"), all.planned());

        // Run Configurations... lists the saved configurations under their type
        List<String> listed = new java.util.ArrayList<>();
        Display display = window.getShell().getDisplay();
        Runnable[] inspect = new Runnable[1];
        long end = System.currentTimeMillis() + 20_000;
        inspect[0] = () -> {
            for (Shell shell : display.getShells()) {
                if ("Run Configurations".equals(shell.getText()) && shell.isVisible()) {
                    Tree types = findTree(shell);
                    if (types != null && types.getItemCount() > 0) {
                        for (TreeItem type : types.getItems()) {
                            Event expand = new Event();
                            expand.item = type;
                            types.notifyListeners(SWT.Expand, expand); // the viewer creates the children
                            type.setExpanded(true);
                            listed.add(type.getText());
                            for (TreeItem c : type.getItems()) {
                                listed.add(type.getText() + "/" + c.getText());
                            }
                        }
                        shell.close();
                        return;
                    }
                }
            }
            if (System.currentTimeMillis() < end) {
                display.timerExec(100, inspect[0]);
            }
        };
        display.timerExec(100, inspect[0]);
        ui.choose(ui.item(run.getMenu(), "Run Configurations..."));
        ui.pump(200);
        assertTrue(listed.contains("Twinstudio Test/checks.twintest - heater on"), listed.toString());
    }

    private static Tree findTree(org.eclipse.swt.widgets.Composite parent) {
        for (org.eclipse.swt.widgets.Control c : parent.getChildren()) {
            if (c instanceof Tree tree) {
                return tree;
            }
            if (c instanceof org.eclipse.swt.widgets.Composite composite) {
                Tree found = findTree(composite);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void configurationTagsAndSeedAreApplied() throws Exception {
        IFile suite = write("checks.twintest", FAILING_SUITE);
        var copy = TestLaunches.configuration(suite, null).getWorkingCopy();
        copy.setAttribute(TestLaunches.TAGS, "smoke, nightly");
        copy.setAttribute(TestLaunches.SEED, "42");
        ILaunchConfiguration tagged = copy.doSave();
        org.eclipse.debug.ui.DebugUITools.launch(tagged, ILaunchManager.RUN_MODE);
        TestRun run = waitForRun(0);
        assertEquals(List.of("heater on"), run.planned());
        assertEquals(Set.of("smoke", "nightly"), run.request().tags());
        assertEquals(42L, run.request().seed());
        assertEquals(Verdict.PASSED, run.results().get(0).verdict());

        copy.setAttribute(TestLaunches.SEED, "forty-two");
        org.eclipse.core.runtime.CoreException bad = org.junit.jupiter.api.Assertions.assertThrows(
                org.eclipse.core.runtime.CoreException.class, () -> TestLaunches.request(copy));
        assertTrue(bad.getMessage().contains("the seed 'forty-two' is not a whole number"), bad.getMessage());
        copy.setAttribute(TestLaunches.SUITE, "/heating-line-tests/missing.twintest");
        copy.setAttribute(TestLaunches.SEED, "");
        bad = org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.core.runtime.CoreException.class,
                () -> TestLaunches.request(copy));
        assertTrue(bad.getMessage().contains("/heating-line-tests/missing.twintest does not exist"), bad.getMessage());
    }

    @Test
    void aSuiteThatDoesNotValidateIsNotRun() throws Exception {
        IFile suite = write("broken.twintest", """
                suite "Broken" model "heating-line.twin"
                test "typo" {
                    expect tank.temprature > 20 degC
                }
                """);
        new TestLaunchShortcut().launch(new StructuredSelection(suite), ILaunchManager.RUN_MODE);
        TestRun run = waitForRun(0);
        assertEquals(TestRun.State.NOT_RUN, run.state());
        assertTrue(run.results().isEmpty());
        String location = suite.getLocation().toOSString() + ":3:";
        assertTrue(run.problems().stream().anyMatch(p -> p.startsWith(location) && p.contains("temprature")),
                run.problems().toString());
        TestResultsView view = view();
        assertTrue(view.getStatusText().startsWith("Not run: " + location), view.getStatusText());
        assertTrue(view.isBarRed());
        assertFalse(view.getRerunFailedAction().isEnabled());
    }

    @Test
    void stopEndsTheRunBetweenSteps() throws Exception {
        IFile suite = write("long.twintest", """
                suite "Long" model "heating-line.twin"
                test "a long soak" { wait 10000 h }
                test "never reached" { wait 1 s }
                """);
        new TestLaunchShortcut().launch(new StructuredSelection(suite), ILaunchManager.RUN_MODE);
        ui.waitUntil(() -> TestRunHistory.get().latest() != null
                && "a long soak".equals(TestRunHistory.get().latest().running()), RUN_TIMEOUT_MS, "the long test runs");
        TestRun run = TestRunHistory.get().latest();
        ui.waitUntil(() -> page.findView(TestResultsView.ID) != null, 10_000, "the view opens");
        TestResultsView view = view();
        ui.waitUntil(() -> view.getStopAction().isEnabled(), 10_000, "Stop enabled while running");
        ui.pump(500);
        view.getStopAction().run();
        ui.waitUntil(run::isDone, 30_000, "the run stops");
        ui.waitUntil(() -> Job.getJobManager().find(TestRunJob.FAMILY).length == 0, 30_000, "the job ends");
        assertEquals(TestRun.State.CANCELLED, run.state());
        assertEquals(1, run.results().size());
        TestResult soak = run.results().get(0);
        assertEquals(Verdict.ERROR, soak.verdict());
        assertTrue(soak.message().startsWith("cancelled (at t = "), soak.message());
        assertTrue(soak.failureTime() > 0 && soak.failureTime() < 10000 * 3600.0,
                String.format(Locale.ROOT, "stopped at %.1f s", soak.failureTime()));
        assertNull(run.result("never reached"));
        ui.pump(200);
        assertTrue(view.getStatusText().startsWith("Stopped"), view.getStatusText());
    }
}
