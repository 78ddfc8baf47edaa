package org.twinstudio.testlang.ui.results;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuCreator;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.resource.ResourceManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.browser.IWebBrowser;
import org.eclipse.ui.browser.IWorkbenchBrowserSupport;
import org.eclipse.ui.part.ViewPart;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;
import org.twinstudio.testlang.ui.internal.results.Logs;
import org.twinstudio.testlang.ui.internal.results.SuiteEditors;

/**
 * Test Results: the tests of a run as a tree (suite → tests) with their verdicts, counts and time, and the details of
 * the selected test (expected, actual, time, window, message, log). Double-click opens the test in its file; the
 * toolbar re-runs all tests or only those that did not pass, stops the run, opens the run's HTML report and offers
 * the last runs ({@link TestRunHistory}).
 */
public final class TestResultsView extends ViewPart {

    public static final String ID = "org.twinstudio.testlang.ui.views.testResults";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private static final RGB PASSED_COLOR = new RGB(46, 158, 68);
    private static final RGB FAILED_COLOR = new RGB(209, 52, 56);

    /** The suite line of the tree. */
    public record SuiteNode(TestRun run) {
    }

    /** A test line of the tree. */
    public record TestNode(TestRun run, String name) {
    }

    private ResourceManager images;
    private Label counts;
    private Label status;
    private Canvas bar;
    private int barDone;
    private int barTotal;
    private boolean barFailed;
    private TreeViewer tree;
    private Table details;
    private TestRun run;
    private final Runnable runChanged = this::scheduleRefresh;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final Consumer<TestRun> runAdded = added -> {
        Display display = getSite().getShell().getDisplay();
        display.asyncExec(() -> {
            if (!counts.isDisposed()) {
                show(added);
            }
        });
    };

    private Action rerunAll;
    private Action rerunFailed;
    private Action stop;
    private Action openReport;
    private Action history;

    /**
     * Shows {@code run} in the view of the active window, opening the view if needed (without taking the focus from
     * the editor). Callable from any thread.
     */
    public static void reveal(TestRun run) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
                window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
            }
            IWorkbenchPage page = window == null ? null : window.getActivePage();
            if (page == null) {
                return;
            }
            try {
                TestResultsView view = (TestResultsView) page.showView(ID, null, IWorkbenchPage.VIEW_VISIBLE);
                view.show(run);
            } catch (PartInitException e) {
                Logs.error("Could not open the Test Results view", e);
            }
        });
    }

    @Override
    public void createPartControl(Composite parent) {
        images = new LocalResourceManager(JFaceResources.getResources(), parent);
        Composite area = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 2;
        layout.marginHeight = 2;
        area.setLayout(layout);

        counts = new Label(area, SWT.NONE);
        counts.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(area, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        // green while every test so far passed, red once one did not (the native bar has no colours on GTK)
        bar = new Canvas(area, SWT.DOUBLE_BUFFERED);
        GridData barData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        barData.heightHint = 8;
        bar.setLayoutData(barData);
        bar.addPaintListener(e -> {
            var size = bar.getSize();
            e.gc.setBackground(bar.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
            e.gc.fillRectangle(0, 0, size.x, size.y);
            if (barTotal > 0 && barDone > 0) {
                e.gc.setBackground(images.create(ColorDescriptor.createFrom(barFailed ? FAILED_COLOR : PASSED_COLOR)));
                e.gc.fillRectangle(0, 0, size.x * barDone / barTotal, size.y);
            }
        });

        SashForm sash = new SashForm(area, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree = new TreeViewer(sash, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        tree.setContentProvider(new ResultContent());
        tree.setLabelProvider(new ResultLabels());
        tree.addSelectionChangedListener(e -> showDetails());
        tree.addDoubleClickListener(e -> openSelectedTest());

        details = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        details.setHeaderVisible(false);
        details.setLinesVisible(true);
        new TableColumn(details, SWT.NONE).setWidth(90);
        new TableColumn(details, SWT.NONE).setWidth(600);
        sash.setWeights(1, 1);
        // tree and details side by side in a wide view, one above the other in a tall one
        sash.addListener(SWT.Resize, e -> {
            var size = sash.getSize();
            int orientation = size.x > 2 * size.y ? SWT.HORIZONTAL : SWT.VERTICAL;
            if (sash.getOrientation() != orientation) {
                sash.setOrientation(orientation);
            }
        });

        createActions();
        TestRunHistory.get().addListener(runAdded);
        show(TestRunHistory.get().latest());
    }

    private void createActions() {
        rerunAll = new Action("Re-run All", image("icons/rerun16.png")) {
            @Override
            public void run() {
                rerun(false);
            }
        };
        rerunAll.setToolTipText("Re-run every test of the last run");
        rerunFailed = new Action("Re-run Failed", image("icons/rerunfailed16.png")) {
            @Override
            public void run() {
                rerun(true);
            }
        };
        rerunFailed.setToolTipText("Re-run only the tests that failed or ended in an error");
        stop = new Action("Stop", image("icons/stop16.png")) {
            @Override
            public void run() {
                Job.getJobManager().cancel(TestRunJob.FAMILY);
            }
        };
        stop.setToolTipText("Stop the run after the current simulation step");
        openReport = new Action("Open Report", image("icons/report16.png")) {
            @Override
            public void run() {
                openReport();
            }
        };
        openReport.setToolTipText("Open the HTML report of this run");
        history = new Action("History", IAction.AS_DROP_DOWN_MENU) {
            @Override
            public void run() {
                // the button itself shows the menu; a click on it alone does nothing else
            }
        };
        history.setImageDescriptor(image("icons/history16.png"));
        history.setToolTipText("Show one of the last runs");
        history.setMenuCreator(new HistoryMenu());

        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(rerunAll);
        toolbar.add(rerunFailed);
        toolbar.add(stop);
        toolbar.add(new Separator());
        toolbar.add(openReport);
        toolbar.add(history);
        getViewSite().getActionBars().updateActionBars();
    }

    private static ImageDescriptor image(String path) {
        return ImageDescriptor.createFromURL(TestResultsView.class.getClassLoader().getResource(path));
    }

    private Image icon(String path) {
        return images.create(image(path));
    }

    @Override
    public void setFocus() {
        tree.getControl().setFocus();
    }

    @Override
    public void dispose() {
        TestRunHistory.get().removeListener(runAdded);
        if (run != null) {
            run.removeListener(runChanged);
        }
        super.dispose();
    }

    /** Shows a run (null: none) and follows it while it runs. */
    public void show(TestRun shown) {
        if (run == shown) {
            refresh();
            return;
        }
        if (run != null) {
            run.removeListener(runChanged);
        }
        run = shown;
        if (run != null) {
            run.addListener(runChanged);
        }
        tree.setInput(run);
        refresh();
        tree.expandAll();
    }

    public TestRun getRun() {
        return run;
    }

    public TreeViewer getTreeViewer() {
        return tree;
    }

    /** The details of the selected test: one row per field, name and value. */
    public Table getDetails() {
        return details;
    }

    public String getCountsText() {
        return counts.getText();
    }

    public String getStatusText() {
        return status.getText();
    }

    /** Whether the bar is red: a test did not pass or the suite could not run. */
    public boolean isBarRed() {
        return barFailed;
    }

    public IAction getRerunAllAction() {
        return rerunAll;
    }

    public IAction getRerunFailedAction() {
        return rerunFailed;
    }

    public IAction getStopAction() {
        return stop;
    }

    public IAction getOpenReportAction() {
        return openReport;
    }

    /** The history menu's entries, newest first, as the menu shows them. */
    public List<IAction> getHistoryActions() {
        List<IAction> actions = new ArrayList<>();
        for (TestRun r : TestRunHistory.get().runs()) {
            Action a = new Action(describe(r), IAction.AS_RADIO_BUTTON) {
                @Override
                public void run() {
                    show(r);
                }
            };
            a.setChecked(r == run);
            actions.add(a);
        }
        return actions;
    }

    static String describe(TestRun r) {
        String outcome = switch (r.state()) {
            case RUNNING -> "running";
            case NOT_RUN -> "not run";
            case CANCELLED -> "stopped, " + r.count(Verdict.PASSED) + "/" + r.planned().size() + " passed";
            case FINISHED -> r.count(Verdict.PASSED) + "/" + r.planned().size() + " passed";
        };
        String which = r.request().tests().isEmpty() ? "" : " (" + String.join(", ", r.request().tests()) + ")";
        return r.suiteName() + which + " – " + CLOCK.format(r.started()) + " – " + outcome;
    }

    private void rerun(boolean onlyUnsuccessful) {
        if (run == null) {
            return;
        }
        TestRunRequest request = run.request();
        if (onlyUnsuccessful) {
            List<String> failed = run.unsuccessful();
            if (failed.isEmpty()) {
                return;
            }
            request = request.only(new HashSet<>(failed));
        }
        TestRunJob.start(request);
    }

    private void openReport() {
        Path report = run == null ? null : run.report();
        if (report == null) {
            return;
        }
        try {
            IWebBrowser browser = PlatformUI.getWorkbench().getBrowserSupport().createBrowser(
                    IWorkbenchBrowserSupport.AS_EDITOR | IWorkbenchBrowserSupport.LOCATION_BAR
                            | IWorkbenchBrowserSupport.NAVIGATION_BAR,
                    ID + ".report", "Test report: " + run.suiteName(), report.toString());
            browser.openURL(report.toUri().toURL());
        } catch (PartInitException | MalformedURLException e) {
            Logs.error("Could not open the report " + report, e);
        }
    }

    private void openSelectedTest() {
        Object selected = ((IStructuredSelection) tree.getSelection()).getFirstElement();
        TestRun shownRun;
        int line;
        if (selected instanceof TestNode test) {
            shownRun = test.run();
            line = shownRun.line(test.name());
        } else if (selected instanceof SuiteNode suite) {
            shownRun = suite.run();
            line = 1;
        } else {
            return;
        }
        try {
            SuiteEditors.open(getSite().getPage(), shownRun.request().suite(), line);
        } catch (PartInitException e) {
            Logs.error("Could not open " + shownRun.request().suite().getFullPath(), e);
        }
    }

    private void scheduleRefresh() {
        if (refreshPending.compareAndSet(false, true)) {
            Display display = counts.getDisplay();
            display.asyncExec(() -> {
                refreshPending.set(false);
                if (!counts.isDisposed()) {
                    refresh();
                }
            });
        }
    }

    private void refresh() {
        if (run == null) {
            counts.setText("No test run yet: run a .twintest file with Run As > Twinstudio Test");
            status.setText("");
            barDone = 0;
            barTotal = 0;
        } else {
            int total = run.planned().size();
            int done = run.results().size();
            double time = run.isDone() ? run.durationSeconds()
                    : run.results().stream().mapToDouble(TestResult::durationSeconds).sum();
            counts.setText(String.format(Locale.ROOT, "Runs: %d/%d    Passed: %d    Failures: %d    Errors: %d    Time: %.2f s",
                    done, total, run.count(Verdict.PASSED), run.count(Verdict.FAILED), run.count(Verdict.ERROR),
                    Double.isNaN(time) ? 0 : time));
            status.setText(statusOf(run));
            barTotal = total;
            barDone = done;
            barFailed = run.count(Verdict.PASSED) < done || run.state() == TestRun.State.NOT_RUN;
        }
        tree.refresh();
        tree.expandAll();
        boolean done = run != null && run.isDone();
        rerunAll.setEnabled(done);
        rerunFailed.setEnabled(done && !run.unsuccessful().isEmpty());
        stop.setEnabled(run != null && !run.isDone());
        openReport.setEnabled(run != null && run.report() != null);
        history.setEnabled(!TestRunHistory.get().runs().isEmpty());
        if (tree.getSelection().isEmpty() && run != null && run.isDone()) {
            selectFirstUnsuccessful();
        }
        showDetails();
        bar.redraw();
        counts.getParent().layout();
    }

    private static String statusOf(TestRun r) {
        String file = r.request().suite().getFullPath().toString();
        return switch (r.state()) {
            case RUNNING -> r.running() == null ? "Running " + file : "Running " + r.running();
            case FINISHED -> "Finished " + file + (r.junitXml() == null ? "" : "; JUnit XML: " + r.junitXml().getFileName());
            case CANCELLED -> "Stopped: " + file;
            case NOT_RUN -> "Not run: " + String.join("\n", r.problems());
        };
    }

    private void selectFirstUnsuccessful() {
        for (String name : run.planned()) {
            TestResult r = run.result(name);
            if (r != null && r.verdict() != Verdict.PASSED) {
                tree.setSelection(new StructuredSelection(new TestNode(run, name)), true);
                return;
            }
        }
    }

    private void showDetails() {
        details.removeAll();
        Object selected = ((IStructuredSelection) tree.getSelection()).getFirstElement();
        if (!(selected instanceof TestNode test)) {
            return;
        }
        TestResult r = test.run().result(test.name());
        if (r == null) {
            row("Test", test.name());
            row("Verdict", test.name().equals(test.run().running()) ? "running" : "not run");
            return;
        }
        row("Test", r.name());
        row("Verdict", r.verdict().name().toLowerCase(Locale.ROOT));
        if (r.verdict() != Verdict.PASSED) {
            FailureDetails d = FailureDetails.of(r);
            row("Expected", d.expected());
            row("Actual", d.actual());
            row("Time", d.time());
            row("Window", d.window());
            row("Message", d.message());
        }
        row("Duration", String.format(Locale.ROOT, "%.3f s", r.durationSeconds()));
        for (String log : r.logs()) {
            row("Log", log);
        }
        for (TableColumn c : details.getColumns()) {
            c.pack();
        }
    }

    private void row(String name, String value) {
        TableItem item = new TableItem(details, SWT.NONE);
        item.setText(new String[] { name, value == null ? "" : value });
    }

    /** The value of the details row {@code name}, or null; for tests. */
    public String detail(String name) {
        for (TableItem item : details.getItems()) {
            if (item.getText(0).equals(name)) {
                return item.getText(1);
            }
        }
        return null;
    }

    private final class ResultContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof TestRun r ? new Object[] { new SuiteNode(r) } : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof SuiteNode suite) {
                return suite.run().planned().stream().map(n -> new TestNode(suite.run(), n)).toArray();
            }
            return new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof TestNode test ? new SuiteNode(test.run()) : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof SuiteNode suite && !suite.run().planned().isEmpty();
        }
    }

    private final class ResultLabels extends ColumnLabelProvider {
        @Override
        public String getText(Object element) {
            if (element instanceof SuiteNode suite) {
                TestRun r = suite.run();
                return r.suiteName() + " (" + r.request().suite().getName() + ")"
                        + (r.isDone() && !Double.isNaN(r.durationSeconds())
                                ? String.format(Locale.ROOT, " (%.2f s)", r.durationSeconds()) : "");
            }
            if (element instanceof TestNode test) {
                TestResult r = test.run().result(test.name());
                return r == null ? test.name() : String.format(Locale.ROOT, "%s (%.3f s)", test.name(), r.durationSeconds());
            }
            return String.valueOf(element);
        }

        @Override
        public Image getImage(Object element) {
            if (element instanceof SuiteNode suite) {
                TestRun r = suite.run();
                if (r.state() == TestRun.State.NOT_RUN) {
                    return icon("icons/testerror16.png");
                }
                if (!r.isDone()) {
                    return icon("icons/testrunning16.png");
                }
                return icon(r.count(Verdict.ERROR) > 0 ? "icons/testerror16.png"
                        : r.count(Verdict.FAILED) > 0 ? "icons/testfail16.png"
                        : r.state() == TestRun.State.CANCELLED ? "icons/testpending16.png" : "icons/testpass16.png");
            }
            if (element instanceof TestNode test) {
                TestResult r = test.run().result(test.name());
                if (r == null) {
                    return icon(test.name().equals(test.run().running()) ? "icons/testrunning16.png"
                            : "icons/testpending16.png");
                }
                return icon(switch (r.verdict()) {
                    case PASSED -> "icons/testpass16.png";
                    case FAILED -> "icons/testfail16.png";
                    case ERROR -> "icons/testerror16.png";
                });
            }
            return null;
        }
    }

    /** The history button's menu: the last runs, newest first. */
    private final class HistoryMenu implements IMenuCreator {
        private Menu menu;

        @Override
        public Menu getMenu(Control parent) {
            dispose();
            menu = new Menu(parent);
            for (IAction a : getHistoryActions()) {
                new ActionContributionItem(a).fill(menu, -1);
            }
            return menu;
        }

        @Override
        public Menu getMenu(Menu parent) {
            return null;
        }

        @Override
        public void dispose() {
            if (menu != null) {
                menu.dispose();
                menu = null;
            }
        }
    }
}
