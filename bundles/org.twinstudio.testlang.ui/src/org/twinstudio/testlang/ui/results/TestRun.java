package org.twinstudio.testlang.ui.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestResult.Verdict;

/**
 * One run of a suite as the Test Results view shows it: the tests planned, their results as they arrive, the state,
 * where the JUnit XML and the HTML report were written. Written by the job's thread, read by the UI thread: listeners
 * are called on the job's thread and must hop to the display themselves.
 */
public final class TestRun {

    public enum State {
        /** The suite is being read or its tests run. */
        RUNNING,
        /** Every planned test ran. */
        FINISHED,
        /** Stopped by the user; the tests that ended before are kept. */
        CANCELLED,
        /** The suite could not be read or is not valid: nothing ran ({@link #problems()}). */
        NOT_RUN
    }

    private final TestRunRequest request;
    private final Instant started = Instant.now();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.RUNNING;
    private volatile String suiteName;
    private volatile List<String> planned = List.of();
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<TestResult> results = new CopyOnWriteArrayList<>();
    private volatile String running;
    private volatile List<String> problems = List.of();
    private volatile double durationSeconds = Double.NaN;
    private volatile Path junitXml;
    private volatile Path report;

    public TestRun(TestRunRequest request) {
        this.request = request;
        this.suiteName = request.suite().getName();
    }

    public TestRunRequest request() {
        return request;
    }

    public Instant started() {
        return started;
    }

    public State state() {
        return state;
    }

    public boolean isDone() {
        return state != State.RUNNING;
    }

    /** The suite's name once read, the file's name before. */
    public String suiteName() {
        return suiteName;
    }

    /** The tests that will run, in order. */
    public List<String> planned() {
        return planned;
    }

    public List<TestResult> results() {
        return List.copyOf(results);
    }

    public TestResult result(String test) {
        return results.stream().filter(r -> r.name().equals(test)).findFirst().orElse(null);
    }

    /** The test running now, or null. */
    public String running() {
        return running;
    }

    /** The line (1-based) of a test in the suite file as it was when the run read it, or -1. */
    public synchronized int line(String test) {
        return lines.getOrDefault(test, -1);
    }

    /** Why nothing ran (file:line: message), when {@link State#NOT_RUN}. */
    public List<String> problems() {
        return problems;
    }

    /** Wall-clock seconds of the whole run, NaN while it runs. */
    public double durationSeconds() {
        return durationSeconds;
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** The names of the tests that failed or ended in an error. */
    public List<String> unsuccessful() {
        List<String> names = new ArrayList<>();
        for (TestResult r : results) {
            if (r.verdict() != Verdict.PASSED) {
                names.add(r.name());
            }
        }
        return names;
    }

    /** The JUnit XML of this run, or null when it was not written. */
    public Path junitXml() {
        return junitXml;
    }

    /** The HTML report of this run, or null when none was written. */
    public Path report() {
        return report;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    // --- written by the job ---

    void planned(String suite, List<String> tests, Map<String, Integer> testLines) {
        suiteName = suite;
        planned = List.copyOf(tests);
        synchronized (this) {
            lines.putAll(testLines);
        }
        changed();
    }

    void started(String test) {
        running = test;
        changed();
    }

    void finished(TestResult result) {
        results.add(result);
        running = null;
        changed();
    }

    void notRun(List<String> why) {
        problems = List.copyOf(why);
        end(State.NOT_RUN, 0);
    }

    void written(Path xml, Path html) {
        junitXml = xml;
        report = html;
        changed();
    }

    void end(State end, double seconds) {
        running = null;
        durationSeconds = seconds;
        state = end;
        changed();
    }

    private void changed() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
