package org.twinstudio.testlang.ui.results;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.twinstudio.testlang.runner.TestResult;

/**
 * The parts of a failed expectation, read from the runner's message: {@code [phase: ]expected [never ]CHECK[ within
 * W s], actual A (at t = T s)}, where CHECK is {@code port op value[ ± tol][ unit]}. Messages of another form (errors,
 * timeouts) keep only the message; {@link #time()} is the result's failure time either way.
 */
public record FailureDetails(String expected, String actual, String time, String window, String message) {

    private static final Pattern EXPECTATION = Pattern.compile(
            "(?:(\\w+): )?expected (never )?(.+?)(?: within (\\S+) s)?, actual (\\S+) \\(at t = (\\S+) s\\)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9.]+(?:[eE][-+]?\\d+)?");

    public static FailureDetails of(TestResult result) {
        String message = result.message() == null ? "" : result.message();
        String time = Double.isNaN(result.failureTime()) ? ""
                : String.format(Locale.ROOT, "%.6g s", result.failureTime());
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
        String window = m.group(4) == null ? "" : "within " + m.group(4) + " s";
        return new FailureDetails(expected, m.group(5) + unit, time, window, message);
    }
}
