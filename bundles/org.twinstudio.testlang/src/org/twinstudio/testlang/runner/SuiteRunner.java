package org.twinstudio.testlang.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.testlang.sequence.Always;
import org.twinstudio.testlang.sequence.BooleanValue;
import org.twinstudio.testlang.sequence.ClearFaultStatement;
import org.twinstudio.testlang.sequence.ComparisonOperator;
import org.twinstudio.testlang.sequence.ExpectAlertStatement;
import org.twinstudio.testlang.sequence.ExpectStatement;
import org.twinstudio.testlang.sequence.HoldsFor;
import org.twinstudio.testlang.sequence.InjectFaultStatement;
import org.twinstudio.testlang.sequence.LogStatement;
import org.twinstudio.testlang.sequence.Never;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.Quantity;
import org.twinstudio.testlang.sequence.RampStatement;
import org.twinstudio.testlang.sequence.SetStatement;
import org.twinstudio.testlang.sequence.Statement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.sequence.Value;
import org.twinstudio.testlang.sequence.WaitStatement;
import org.twinstudio.testlang.sequence.Within;

/**
 * Runs a suite: for each test a fresh target, the setup, the test's statements, the teardown. While a ramp is active
 * time advances in steps of the target's {@link TestTarget#stepSize()} and the ramp's input is set after each. Expectations with timing
 * are checked at every instant the target reports ({@link TestTarget#advanceTo(double, TestTarget.SampleListener)}:
 * every solver step and event instant of a simulation), so a spike between two grid points is seen and a failure is
 * located to the step where it happened. Every port the test uses is traced ({@link TestTrace}).
 * <ul>
 * <li>{@code set}: the value converted to the port's unit ({@link TwinUnits}); monitors are checked right after it.</li>
 * <li>{@code ramp p to v over T}: from the value p has now (v0, at t0), at every step p = v0 + (v − v0)·(t − t0)/T,
 * then v; does not block, later statements run while it ramps.</li>
 * <li>{@code wait T}: advances T.</li>
 * <li>{@code expect} without timing: checked now. {@code within T}: passes at the first instant (including now) it
 * holds, fails at t0 + T. {@code for T}: blocks for T, checked now and at every instant of [t0, t0 + T].
 * {@code always}/{@code never}: monitors checked now and at every later instant until the end of the test.</li>
 * <li>Tolerance: {@code ± d} converted as a difference to the port's unit; {@code ± p %} is p/100·|expected|.
 * {@code ==}: |a − e| ≤ d, {@code !=}: |a − e| &gt; d, {@code <=}: a ≤ e + d, {@code >=}: a ≥ e − d,
 * {@code <}, {@code >} exact.</li>
 * <li>{@code expect alert a}: {@code raised} holds while the target reports the alert active
 * ({@link TestTarget#alertActive}), {@code cleared} while it does not; timings as for values, {@code never} alone is
 * {@code raised never}.</li>
 * <li>{@code inject fault}: {@code at T} starts it at test time T, i.e. T after the start of the block the statement
 * is in (the test's statements, the setup or the teardown); a T already past is an error. {@code after T} starts
 * it T after the statement; neither: at once. {@code clear fault} removes faults on the target.</li>
 * <li>{@code examples}: the test runs once per row ({@link DataTables}), each row a result of its own.</li>
 * <li>{@code timeout T}: a test whose simulated time passes t_start + T is an error.</li>
 * </ul>
 * A failure stops its test (teardown still runs); errors of the model or target become errors of the test with their
 * message; the next test always runs.
 */
public final class SuiteRunner {

    /** Creates a target for a model file; called once per test. */
    @FunctionalInterface
    public interface TargetFactory {
        TestTarget create(Path modelFile) throws Exception;
    }

    private final TargetFactory targets;
    private final Set<String> tags;
    private int traceCapacity = SignalTrace.DEFAULT_CAPACITY;

    /** A runner on simulation targets running every test. */
    public SuiteRunner() {
        this(SimulationTarget::new, Set.of());
    }

    /** @param tags only tests with one of these tags run; empty for all */
    public SuiteRunner(TargetFactory targets, Set<String> tags) {
        this.targets = targets;
        this.tags = Set.copyOf(tags);
    }

    /** Samples kept per traced signal and test (see {@link SignalTrace}); at least 4. */
    public SuiteRunner traceCapacity(int samples) {
        if (samples < 4) {
            throw new IllegalArgumentException("a trace needs room for at least 4 samples, not " + samples);
        }
        this.traceCapacity = samples;
        return this;
    }

    /** The model file a suite names, relative to the suite's resource. */
    public static Path modelFile(Suite suite) {
        URI uri = URI.createURI(suite.getModel());
        URI base = suite.eResource() == null ? null : suite.eResource().getURI();
        if (base != null && uri.isRelative() && base.isHierarchical() && !base.isRelative()) {
            uri = uri.resolve(base);
        }
        return uri.isFile() ? Path.of(uri.toFileString()) : Path.of(suite.getModel());
    }

    public SuiteResult run(Suite suite) {
        return run(suite, modelFile(suite));
    }

    public SuiteResult run(Suite suite, Path modelFile) {
        return run(suite, modelFile, test -> true, Listener.NONE);
    }

    /**
     * Follows a run and may stop it. {@link #isCancelled()} is asked before each test and between the steps of a
     * test: once it answers true, the running test ends as an error "cancelled" (its teardown is skipped) and no
     * later test runs.
     */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void testStarted(TestCase test) {
        }

        default void testFinished(TestCase test, TestResult result) {
        }

        default boolean isCancelled() {
            return false;
        }
    }

    /**
     * Runs the tests of the suite that pass the tag filter and {@code include}, telling {@code listener} about each.
     */
    public SuiteResult run(Suite suite, Path modelFile, Predicate<TestCase> include, Listener listener) {
        long start = System.nanoTime();
        String modelName = modelName(modelFile);
        String sha = sha256(modelFile);
        List<TestResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (TestCase test : suite.getTests()) {
            if (!tags.isEmpty() && test.getTags().stream().noneMatch(tags::contains)) {
                DataTables.cases(test).forEach(row -> skipped.add(row.name()));
                continue;
            }
            // include takes a whole test, or single rows of its table by their names
            boolean whole = include.test(test);
            for (DataTables.Case row : DataTables.cases(test)) {
                TestCase one = row.test() == null ? test : row.test();
                if (!whole && (row.test() == null || !include.test(one))) {
                    continue;
                }
                if (listener.isCancelled()) {
                    break;
                }
                listener.testStarted(one);
                TestResult result = row.error() == null ? runTest(suite, row.test(), modelFile, listener)
                        : new TestResult(row.name(), TestResult.Verdict.ERROR, row.error(), Double.NaN, 0, List.of());
                results.add(result);
                listener.testFinished(one, result);
            }
        }
        return new SuiteResult(suite.getName(), modelName, modelFile, sha, List.copyOf(results),
                (System.nanoTime() - start) / 1e9, List.copyOf(skipped));
    }

    private static String modelName(Path file) {
        try {
            var loaded = TwinModels.load(file);
            return loaded.model() == null ? file.getFileName().toString() : loaded.model().getName();
        } catch (RuntimeException e) {
            return String.valueOf(file.getFileName());
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    private TestResult runTest(Suite suite, TestCase test, Path modelFile, Listener listener) {
        long start = System.nanoTime();
        List<String> logs = new ArrayList<>();
        TestResult.Verdict verdict = TestResult.Verdict.PASSED;
        String message = null;
        double failureTime = Double.NaN;
        Execution run = null;
        TestTrace trace = new TestTrace(traceCapacity);
        try (TestTarget target = targets.create(modelFile)) {
            run = new Execution(target, logs, trace, listener);
            try {
                run.trackPorts(suite, test);
                if (suite.getSetup() != null) {
                    run.statements(suite.getSetup().getStatements(), "setup");
                }
                if (test.getTimeout() != null) {
                    run.deadline = target.time() + seconds(test.getTimeout());
                }
                run.statements(test.getStatements(), null);
            } catch (ExpectationFailed f) {
                verdict = TestResult.Verdict.FAILED;
                message = f.getMessage();
                failureTime = f.time;
            } catch (Exception | StackOverflowError e) {
                verdict = TestResult.Verdict.ERROR;
                message = describe(e);
                failureTime = target.time();
            }
            run.deadline = Double.POSITIVE_INFINITY;
            run.endMonitors();
            run.alertMonitors.clear();
            run.ramps.clear();
            if (suite.getTeardown() != null && !listener.isCancelled()) {
                try {
                    run.statements(suite.getTeardown().getStatements(), "teardown");
                } catch (Exception e) {
                    if (verdict == TestResult.Verdict.PASSED) {
                        verdict = TestResult.Verdict.ERROR;
                        message = "teardown: " + describe(e);
                        failureTime = target.time();
                    } else {
                        logs.add("teardown: " + describe(e));
                    }
                }
            }
        } catch (Exception e) {
            if (verdict == TestResult.Verdict.PASSED) {
                verdict = TestResult.Verdict.ERROR;
                message = describe(e);
            }
        }
        return new TestResult(test.getName(), verdict, message, failureTime, (System.nanoTime() - start) / 1e9,
                List.copyOf(logs), run == null ? null : trace);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static String port(PortRef ref) {
        String component = ref.getComponent() == null ? "?" : ref.getComponent().getName();
        return ref.getPort() == null ? component : component + "." + ref.getPort().getName();
    }

    static double seconds(Quantity q) {
        String unit = q.getUnit();
        return unit == null || unit.isBlank() ? q.getValue() : TwinUnits.convert(q.getValue(), unit, "s");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A failed expectation: its message and simulated time. */
    static final class ExpectationFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final double time;

        ExpectationFailed(String message, double time) {
            super(message + " (at t = " + fmt(time) + " s)");
            this.time = time;
        }
    }

    private record Ramp(String port, double from, double to, double t0, double duration) {
        double at(double t) {
            return t >= t0 + duration ? to : from + (to - from) * (t - t0) / duration;
        }
    }

    /** One comparison: port op expected ± tolerance, all in the port's unit. */
    private record Check(String port, String unit, ComparisonOperator op, double expected, double tolerance,
            String text) {
        boolean holds(double a) {
            return switch (op) {
                case EQ -> Math.abs(a - expected) <= tolerance;
                case NE -> Math.abs(a - expected) > tolerance;
                case LT -> a < expected;
                case LE -> a <= expected + tolerance;
                case GT -> a > expected;
                case GE -> a >= expected - tolerance;
            };
        }
    }

    /** An expectation checked at every instant: for, always (never = false) or never. */
    private record Monitor(Check check, boolean never, String timing, AssertionTrace trace, double windowEnd) {
    }

    /** A condition checked after a step. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** An alert expected raised (or cleared); with {@code never}, expected never in that state. */
    private record AlertMonitor(String alert, boolean raised, boolean never, AssertionTrace trace) {
        boolean holds(TestTarget target) throws Exception {
            return target.alertActive(alert) == raised;
        }

        String state() {
            return raised ? "raised" : "cleared";
        }
    }

    /** The state of one test on its target. */
    private static final class Execution {
        final TestTarget target;
        final List<String> logs;
        final TestTrace trace;
        final Listener listener;
        final List<Ramp> ramps = new ArrayList<>();
        final List<Monitor> monitors = new ArrayList<>();
        double deadline = Double.POSITIVE_INFINITY;
        double timeoutStart;
        /** Where the current block (setup, test, teardown) began: the origin of 'inject fault … at T'. */
        double blockStart;
        final List<AlertMonitor> alertMonitors = new ArrayList<>();

        Execution(TestTarget target, List<String> logs, TestTrace trace, Listener listener) {
            this.target = target;
            this.logs = logs;
            this.trace = trace;
            this.listener = listener;
        }

        /** Traces every port the setup, the test and the teardown name, from the start. */
        void trackPorts(Suite suite, TestCase test) throws Exception {
            for (var block : java.util.Arrays.asList(suite.getSetup(), test, suite.getTeardown())) {
                if (block == null) {
                    continue;
                }
                for (var it = block.eAllContents(); it.hasNext();) {
                    EObject next = it.next();
                    if (next instanceof ExpectAlertStatement alert && alert.getAlert() != null
                            && !alert.getAlert().eIsProxy()) {
                        trace.track(TestTrace.alertSignal(alert.getAlert().getName()), "", SignalTrace.Role.ALERT);
                    }
                    if (next instanceof PortRef ref && ref.getPort() != null) {
                        String port = port(ref);
                        boolean input = ref.eContainer() instanceof SetStatement
                                || ref.eContainer() instanceof RampStatement;
                        boolean read = ref.eContainer() instanceof ExpectStatement;
                        if (input || read) {
                            trace.track(port, target.unit(port),
                                    input ? SignalTrace.Role.INPUT : SignalTrace.Role.ASSERTED);
                        }
                    }
                }
            }
            trace.sample(target.time(), target);
        }

        /** The end of the test: monitors still running passed up to now. */
        void endMonitors() {
            for (Monitor m : monitors) {
                m.trace().passed(target.time());
            }
            monitors.clear();
            for (AlertMonitor m : alertMonitors) {
                m.trace().passed(target.time());
            }
            alertMonitors.clear();
        }

        void statements(List<Statement> statements, String phase) throws Exception {
            timeoutStart = target.time();
            blockStart = target.time();
            for (Statement s : statements) {
                try {
                    statement(s);
                } catch (ExpectationFailed f) {
                    throw phase == null ? f : new ExpectationFailed(phase + ": " + f.getMessage(), f.time);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException((phase == null ? "" : phase + ": ") + describe(e), e);
                }
            }
        }

        void statement(Statement s) throws Exception {
            if (s instanceof SetStatement set) {
                String port = port(set.getPort());
                target.set(port, value(set.getValue(), target.unit(port)));
                // a set is an instant of its own: what it changes at once is checked at once
                trace.sample(target.time(), target);
                checkMonitors(target.time());
            } else if (s instanceof RampStatement ramp) {
                String port = port(ramp.getPort());
                double to = value(ramp.getValue(), target.unit(port));
                double duration = seconds(ramp.getDuration());
                double t = target.time();
                ramps.removeIf(r -> r.port().equals(port));
                if (duration <= 0) {
                    target.set(port, to);
                    trace.sample(target.time(), target);
                    checkMonitors(target.time());
                } else {
                    ramps.add(new Ramp(port, target.value(port), to, t, duration));
                }
            } else if (s instanceof WaitStatement wait) {
                advance(target.time() + seconds(wait.getDuration()), null);
            } else if (s instanceof ExpectStatement expect) {
                expect(expect);
            } else if (s instanceof ExpectAlertStatement alert) {
                expectAlert(alert);
            } else if (s instanceof InjectFaultStatement inject) {
                String kind = inject.getKind().getLiteral();
                double value = Double.NaN;
                String unit = null;
                if (inject.getValue() != null) {
                    value = inject.getValue().getValue();
                    unit = blankToNull(inject.getValue().getUnit());
                    if (kind.equals("dropout") && "%".equals(unit)) {
                        value /= 100;
                    }
                }
                double at = Double.NaN;
                if (inject.getAt() != null) {
                    at = blockStart + seconds(inject.getAt());
                    if (at < target.time() - 1e-9) {
                        throw new IllegalArgumentException("fault start 'at " + fmt(seconds(inject.getAt()))
                                + " s' (test time) is already past: the test is at " + fmt(target.time() - blockStart)
                                + " s; 'after T' counts from the statement");
                    }
                } else if (inject.getAfter() != null) {
                    at = target.time() + seconds(inject.getAfter());
                }
                double duration = inject.getDuration() == null ? Double.POSITIVE_INFINITY
                        : seconds(inject.getDuration());
                target.injectFault(new TestTarget.FaultRequest(kind, port(inject.getTarget()), value, unit, at,
                        duration));
            } else if (s instanceof ClearFaultStatement clear) {
                target.clearFault(port(clear.getTarget()));
            } else if (s instanceof LogStatement log) {
                logs.add("[t = " + fmt(target.time()) + " s] " + log.getMessage());
            }
        }

        private void expect(ExpectStatement e) throws Exception {
            String port = port(e.getPort());
            String unit = target.unit(port);
            double expected = value(e.getValue(), unit);
            double tolerance = 0;
            if (e.getTolerance() != null) {
                Quantity tol = e.getTolerance();
                String tu = blankToNull(tol.getUnit());
                if ("%".equals(tu) && !"%".equals(unit)) {
                    tolerance = Math.abs(expected) * tol.getValue() / 100;
                } else if (tu != null && !TwinUnits.same(tu, unit)) {
                    // a difference: 1 K is 1 degC
                    tolerance = Math.abs(TwinUnits.convert(tol.getValue(), tu, unit) - TwinUnits.convert(0, tu, unit));
                } else {
                    tolerance = Math.abs(tol.getValue());
                }
            }
            String text = port + " " + e.getOperator().getLiteral() + " " + fmt(expected)
                    + (tolerance > 0 ? " ± " + fmt(tolerance) : "") + (unit.isEmpty() ? "" : " " + unit);
            Check check = new Check(port, unit, e.getOperator(), expected, tolerance, text);
            double t0 = target.time();
            if (e.getTiming() instanceof Always) {
                AssertionTrace a = trace.assertion(text, port, AssertionTrace.Timing.ALWAYS, t0, Double.NaN,
                        expected, tolerance);
                monitors.add(new Monitor(check, false, "always", a, Double.NaN));
                checkMonitors(t0);
            } else if (e.getTiming() instanceof Never) {
                AssertionTrace a = trace.assertion(text, port, AssertionTrace.Timing.NEVER, t0, Double.NaN,
                        expected, tolerance);
                monitors.add(new Monitor(check, true, "never", a, Double.NaN));
                checkMonitors(t0);
            } else if (e.getTiming() instanceof Within within) {
                double window = seconds(within.getDuration());
                double end = t0 + window;
                AssertionTrace a = trace.assertion(text, port, AssertionTrace.Timing.WITHIN, t0, end,
                        expected, tolerance);
                if (check.holds(target.value(port))) {
                    a.passed(t0);
                    return;
                }
                if (advance(end, check)) {
                    a.passed(target.time());
                    return;
                }
                double actual = target.value(port);
                if (!check.holds(actual)) {
                    a.failed(target.time(), actual);
                    throw new ExpectationFailed("expected " + text + " within " + fmt(window) + " s, actual "
                            + fmt(actual) + window(t0, end), target.time());
                }
                a.passed(target.time());
            } else if (e.getTiming() instanceof HoldsFor holds) {
                double end = t0 + seconds(holds.getDuration());
                AssertionTrace a = trace.assertion(text, port, AssertionTrace.Timing.FOR, t0, end,
                        expected, tolerance);
                Monitor m = new Monitor(check, false, "for " + fmt(seconds(holds.getDuration())) + " s", a, end);
                monitors.add(m);
                try {
                    checkMonitors(t0);
                    advance(end, null);
                    a.passed(target.time());
                } finally {
                    monitors.remove(m);
                }
            } else {
                double actual = target.value(port);
                AssertionTrace a = trace.assertion(text, port, AssertionTrace.Timing.NOW, t0, t0,
                        expected, tolerance);
                if (!check.holds(actual)) {
                    a.failed(t0, actual);
                    throw new ExpectationFailed("expected " + text + ", actual " + fmt(actual), t0);
                }
                a.passed(t0);
            }
        }

        /** {@code expect alert}: the alert's state now, eventually, throughout a window or for the rest of the test. */
        private void expectAlert(ExpectAlertStatement e) throws Exception {
            String name = e.getAlert() == null || e.getAlert().eIsProxy() ? "?" : e.getAlert().getName();
            boolean raised = !e.isCleared();
            boolean never = e.getTiming() instanceof Never;
            String signal = TestTrace.alertSignal(name);
            String text = "alert " + name + " " + (raised ? "raised" : "cleared");
            double t0 = target.time();
            double expected = raised ? 1 : 0;
            if (e.getTiming() instanceof Always || never) {
                AssertionTrace a = trace.assertion(text, signal,
                        never ? AssertionTrace.Timing.NEVER : AssertionTrace.Timing.ALWAYS, t0, Double.NaN, expected, 0);
                alertMonitors.add(new AlertMonitor(name, raised, never, a));
                checkMonitors(t0);
            } else if (e.getTiming() instanceof Within within) {
                double duration = seconds(within.getDuration());
                AssertionTrace a = trace.assertion(text, signal, AssertionTrace.Timing.WITHIN, t0, t0 + duration,
                        expected, 0);
                AlertMonitor check = new AlertMonitor(name, raised, false, a);
                if (check.holds(target)
                        || advanceUntil(t0 + duration, () -> check.holds(target)) || check.holds(target)) {
                    a.passed(target.time());
                    return;
                }
                a.failed(target.time(), 1 - expected);
                throw new ExpectationFailed("expected alert '" + name + "' " + check.state() + " within "
                        + fmt(duration) + " s" + window(t0, t0 + duration), target.time());
            } else if (e.getTiming() instanceof HoldsFor holds) {
                double end = t0 + seconds(holds.getDuration());
                AssertionTrace a = trace.assertion(text, signal, AssertionTrace.Timing.FOR, t0, end, expected, 0);
                AlertMonitor check = new AlertMonitor(name, raised, false, a);
                alertMonitors.add(check);
                try {
                    checkMonitors(t0);
                    advance(end, null);
                    a.passed(target.time());
                } finally {
                    alertMonitors.remove(check);
                }
            } else {
                AssertionTrace a = trace.assertion(text, signal, AssertionTrace.Timing.NOW, t0, t0, expected, 0);
                AlertMonitor check = new AlertMonitor(name, raised, false, a);
                if (!check.holds(target)) {
                    a.failed(t0, 1 - expected);
                    throw new ExpectationFailed("expected alert '" + name + "' " + check.state() + ", but it is "
                            + (raised ? "not raised" : "raised"), t0);
                }
                a.passed(t0);
            }
        }

        /** {@link #advanceUntil} with a value expectation as the condition. */
        private boolean advance(double end, Check until) throws Exception {
            return advanceUntil(end, until == null ? null : () -> until.holds(target.value(until.port())));
        }

        /**
         * Advances to {@code end}, checking the monitors at every instant the target reports; stops early (returning
         * true) at the first instant {@code until} holds.
         */
        private boolean advanceUntil(double end, Condition until) throws Exception {
            double h = target.stepSize();
            while (target.time() < end) {
                double t = target.time();
                double next = end;
                if (!ramps.isEmpty()) {
                    // ramps move their input on the step grid; without one the target runs straight to the end
                    long k = (long) Math.floor(t / h + 1e-9) + 1;
                    next = Math.min(end, k * h);
                    if (next <= t) {
                        next = Math.min(end, t + h);
                    }
                }
                if (listener.isCancelled()) {
                    throw new CancelledException(target.time());
                }
                boolean timeout = next > deadline;
                if (timeout) {
                    next = Math.max(t, deadline);
                }
                ExpectationFailed[] failed = new ExpectationFailed[1];
                boolean[] reached = new boolean[1];
                boolean[] cancelled = new boolean[1];
                target.advanceTo(next, time -> {
                    trace.sample(time, target);
                    if (listener.isCancelled()) {
                        cancelled[0] = true;
                        return true;
                    }
                    failed[0] = monitorFailure(time);
                    if (failed[0] == null && until != null && until.holds()) {
                        reached[0] = true;
                    }
                    return failed[0] != null || reached[0];
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                if (cancelled[0]) {
                    throw new CancelledException(target.time());
                }
                if (reached[0]) {
                    return true;
                }
                if (timeout && target.time() >= deadline) {
                    throw new TimeoutException("timeout: the test ran past " + fmt(deadline) + " s of simulated time",
                            target.time());
                }
                if (!ramps.isEmpty()) {
                    for (Ramp r : ramps) {
                        target.set(r.port(), r.at(target.time()));
                    }
                    ramps.removeIf(r -> target.time() >= r.t0() + r.duration());
                    trace.sample(target.time(), target);
                    checkMonitors(target.time());
                    if (until != null && until.holds()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void checkMonitors(double time) throws Exception {
            ExpectationFailed f = monitorFailure(time);
            if (f != null) {
                throw f;
            }
        }

        /** The first monitor broken at {@code time} (its trace marked failed), or null. */
        private ExpectationFailed monitorFailure(double time) throws Exception {
            for (Monitor m : monitors) {
                double actual = target.value(m.check().port());
                boolean holds = m.check().holds(actual);
                if (holds == m.never()) {
                    AssertionTrace a = m.trace();
                    a.failed(time, actual);
                    String what = m.never() ? "expected never " : "expected ";
                    String timing = m.never() ? "" : " " + m.timing();
                    double windowEnd = Double.isNaN(m.windowEnd()) ? time : m.windowEnd();
                    return new ExpectationFailed(what + m.check().text() + timing + ", actual " + fmt(actual)
                            + window(a.start(), windowEnd), time);
                }
            }
            for (AlertMonitor m : alertMonitors) {
                if (m.holds(target) == m.never()) {
                    m.trace().failed(time, target.alertActive(m.alert()) ? 1 : 0);
                    return new ExpectationFailed("expected alert '" + m.alert() + "' " + (m.never() ? "never " : "")
                            + m.state() + ", but it is " + (target.alertActive(m.alert()) ? "raised" : "not raised"),
                            time);
                }
            }
            return null;
        }

        private static String window(double t0, double t1) {
            return " in the window [" + fmt(t0) + ", " + fmt(t1) + "] s";
        }

        private static double value(Value v, String portUnit) {
            if (v instanceof BooleanValue b) {
                return b.isValue() ? 1 : 0;
            }
            Quantity q = (Quantity) v;
            String unit = blankToNull(q.getUnit());
            if (unit == null || portUnit == null || portUnit.isEmpty() || TwinUnits.same(unit, portUnit)) {
                return q.getValue();
            }
            return TwinUnits.convert(q.getValue(), unit, portUnit);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** A run stopped by its listener. */
    static final class CancelledException extends Exception {
        private static final long serialVersionUID = 1L;

        CancelledException(double time) {
            super("cancelled (at t = " + String.format(Locale.ROOT, "%.6g", time) + " s)");
        }
    }

    /** A test that ran past its timeout. */
    static final class TimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message, double time) {
            super(message + " (at t = " + String.format(Locale.ROOT, "%.6g", time) + " s)");
        }
    }
}
