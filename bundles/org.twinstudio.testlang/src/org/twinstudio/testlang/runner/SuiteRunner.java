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
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.testlang.sequence.Always;
import org.twinstudio.testlang.sequence.BooleanValue;
import org.twinstudio.testlang.sequence.ClearFaultStatement;
import org.twinstudio.testlang.sequence.ComparisonOperator;
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
 * Runs a suite: for each test a fresh target, the setup, the test's statements, the teardown. Time advances in steps
 * of the target's {@link TestTarget#stepSize()}; after every step active ramps are applied and monitors checked.
 * <ul>
 * <li>{@code set}: the value converted to the port's unit ({@link TwinUnits}).</li>
 * <li>{@code ramp p to v over T}: from the value p has now (v0, at t0), at every step p = v0 + (v − v0)·(t − t0)/T,
 * then v; does not block, later statements run while it ramps.</li>
 * <li>{@code wait T}: advances T.</li>
 * <li>{@code expect} without timing: checked now. {@code within T}: passes at the first step (including now) it holds,
 * fails at t0 + T. {@code for T}: blocks for T, checked now and at every step. {@code always}/{@code never}: monitors
 * checked now and after every later step until the end of the test.</li>
 * <li>Tolerance: {@code ± d} converted as a difference to the port's unit; {@code ± p %} is p/100·|expected|.
 * {@code ==}: |a − e| ≤ d, {@code !=}: |a − e| &gt; d, {@code <=}: a ≤ e + d, {@code >=}: a ≥ e − d,
 * {@code <}, {@code >} exact.</li>
 * <li>{@code inject fault}: {@code at} is a simulation time; {@code clear fault} removes faults on the target.</li>
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

    /** A runner on simulation targets running every test. */
    public SuiteRunner() {
        this(SimulationTarget::new, Set.of());
    }

    /** @param tags only tests with one of these tags run; empty for all */
    public SuiteRunner(TargetFactory targets, Set<String> tags) {
        this.targets = targets;
        this.tags = Set.copyOf(tags);
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
        for (TestCase test : suite.getTests()) {
            if ((!tags.isEmpty() && test.getTags().stream().noneMatch(tags::contains)) || !include.test(test)) {
                continue;
            }
            if (listener.isCancelled()) {
                break;
            }
            listener.testStarted(test);
            TestResult result = runTest(suite, test, modelFile, listener);
            results.add(result);
            listener.testFinished(test, result);
        }
        return new SuiteResult(suite.getName(), modelName, modelFile, sha, List.copyOf(results),
                (System.nanoTime() - start) / 1e9);
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
        try (TestTarget target = targets.create(modelFile)) {
            run = new Execution(target, logs, listener);
            try {
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
            run.monitors.clear();
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
                List.copyOf(logs));
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

    private record Monitor(Check check, boolean never) {
    }

    /** The state of one test on its target. */
    private static final class Execution {
        final TestTarget target;
        final List<String> logs;
        final Listener listener;
        final List<Ramp> ramps = new ArrayList<>();
        final List<Monitor> monitors = new ArrayList<>();
        double deadline = Double.POSITIVE_INFINITY;
        double timeoutStart;

        Execution(TestTarget target, List<String> logs, Listener listener) {
            this.target = target;
            this.logs = logs;
            this.listener = listener;
        }

        void statements(List<Statement> statements, String phase) throws Exception {
            timeoutStart = target.time();
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
            } else if (s instanceof RampStatement ramp) {
                String port = port(ramp.getPort());
                double to = value(ramp.getValue(), target.unit(port));
                double duration = seconds(ramp.getDuration());
                double t = target.time();
                ramps.removeIf(r -> r.port().equals(port));
                if (duration <= 0) {
                    target.set(port, to);
                } else {
                    ramps.add(new Ramp(port, target.value(port), to, t, duration));
                }
            } else if (s instanceof WaitStatement wait) {
                advance(target.time() + seconds(wait.getDuration()), null);
            } else if (s instanceof ExpectStatement expect) {
                expect(expect);
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
                double at = inject.getAt() == null ? Double.NaN : seconds(inject.getAt());
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
            if (e.getTiming() instanceof Always) {
                monitors.add(new Monitor(check, false));
                checkMonitors();
            } else if (e.getTiming() instanceof Never) {
                monitors.add(new Monitor(check, true));
                checkMonitors();
            } else if (e.getTiming() instanceof Within within) {
                double end = target.time() + seconds(within.getDuration());
                double now = target.value(port);
                if (check.holds(now)) {
                    return;
                }
                advance(end, check);
                if (!check.holds(target.value(port))) {
                    throw new ExpectationFailed("expected " + text + " within " + fmt(seconds(within.getDuration()))
                            + " s, actual " + fmt(target.value(port)), target.time());
                }
            } else if (e.getTiming() instanceof HoldsFor holds) {
                Monitor m = new Monitor(check, false);
                monitors.add(m);
                try {
                    checkMonitors();
                    advance(target.time() + seconds(holds.getDuration()), null);
                } finally {
                    monitors.remove(m);
                }
            } else {
                double actual = target.value(port);
                if (!check.holds(actual)) {
                    throw new ExpectationFailed("expected " + text + ", actual " + fmt(actual), target.time());
                }
            }
        }

        /** Advances step by step to {@code end}; stops early when {@code until} holds. */
        private void advance(double end, Check until) throws Exception {
            double h = target.stepSize();
            while (target.time() < end) {
                double t = target.time();
                long k = (long) Math.floor(t / h + 1e-9) + 1;
                double next = Math.min(end, k * h);
                if (next <= t) {
                    next = Math.min(end, t + h);
                }
                if (listener.isCancelled()) {
                    throw new CancelledException(target.time());
                }
                if (next > deadline) {
                    target.advanceTo(Math.max(t, deadline));
                    throw new TimeoutException("timeout: the test ran past " + fmt(deadline) + " s of simulated time",
                            target.time());
                }
                target.advanceTo(next);
                for (Ramp r : ramps) {
                    target.set(r.port(), r.at(target.time()));
                }
                ramps.removeIf(r -> target.time() >= r.t0() + r.duration());
                checkMonitors();
                if (until != null && until.holds(target.value(until.port()))) {
                    return;
                }
            }
        }

        private void checkMonitors() throws Exception {
            for (Monitor m : monitors) {
                double actual = target.value(m.check().port());
                boolean holds = m.check().holds(actual);
                if (holds == m.never()) {
                    String what = m.never() ? "expected never " : "expected ";
                    throw new ExpectationFailed(what + m.check().text() + ", actual " + fmt(actual), target.time());
                }
            }
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
