package org.twinstudio.testlang.runner;

import java.util.List;

/**
 * The outcome of one test: verdict, message (null when passed), simulated time of the failure or error (NaN when
 * passed), wall-clock duration in seconds and the log lines.
 */
public record TestResult(String name, Verdict verdict, String message, double failureTime, double durationSeconds,
        List<String> logs) {

    public enum Verdict {
        PASSED, FAILED, ERROR
    }
}
