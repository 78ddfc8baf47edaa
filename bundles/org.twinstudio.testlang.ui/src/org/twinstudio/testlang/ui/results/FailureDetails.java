package org.twinstudio.testlang.ui.results;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.twinstudio.testlang.runner.AssertionTrace;
import org.twinstudio.testlang.runner.SignalTrace;
import org.twinstudio.testlang.runner.TestResult;

/**
 * The parts of a failed expectation. Taken from the test's trace when it has one (the failed {@link AssertionTrace}:
 * its text, actual value in the port's unit, window); otherwise read from the runner's message
 * {@code [phase: ]expected [never ]CHECK[ within W s], actual A[ in the window [t0, t1] s] (at t = T s)}. Messages of
 * another form (errors, timeouts, alerts) keep only the message; {@link #time()} is the result's failure time
 * either way.
 */
public record FailureDetails(String expected, String actual, String time, String window, String message) {

    private static final Pattern EXPECTATION = Pattern.compile("(?:(\\w+): )?expected (never )?(.+?)(?: within (\\S+) s)?"
            + "(?: for (\\S+) s)?, actual (\\S+)(?: in the window \\[[^\\]]*\\] s)? \\(at t = (\\S+) s\\)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9.]+(?:[eE][-+]?\\d+)?");

    public static FailureDetails of(TestResult result) {
        String message = result.message() == null ? "" : result.message();
        String time = Double.isNaN(result.failureTime()) ? "" : fmt(result.failureTime()) + " s";
        AssertionTrace failed = result.trace() == null ? null
                : result.trace().assertions().stream().filter(a -> a.outcome() == AssertionTrace.Outcome.FAILED)
                        .findFirst().orElse(null);
        if (failed != null && result.verdict() == TestResult.Verdict.FAILED) {
            SignalTrace signal = result.trace().signal(failed.port());
            String unit = signal == null || signal.unit() == null || signal.unit().isEmpty() ? "" : " " + signal.unit();
            String expected = (failed.timing() == AssertionTrace.Timing.NEVER ? "never " : "") + failed.text();
            String window = switch (failed.timing()) {
                case WITHIN -> "within " + fmt(failed.end() - failed.start()) + " s";
                case FOR, ALWAYS, NEVER -> "from " + fmt(failed.start()) + " s";
                case NOW -> "";
            };
            return new FailureDetails(expected, fmt(failed.actual()) + unit, time, window, message);
        }
        Matcher m = EXPECTATION.matcher(message);
        if (!m.matches()) {
            return new FailureDetails("", "", time, "", message);
        }
        String check = m.group(3);
        String unit = "";
        int space = check.lastIndexOf(' ');
        if (space > 0) {
            String last = check.substring(space + 1);
            if (!NUMBER.matcher(last).matches()) {
                unit = " " + last;
            }
        }
        String expected = (m.group(2) != null ? "never " : "") + check;
        String window = m.group(4) != null ? "within " + m.group(4) + " s" : m.group(5) != null ? "for " + m.group(5) + " s" : "";
        return new FailureDetails(expected, m.group(6) + unit, time, window, message);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
