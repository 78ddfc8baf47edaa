package org.twinstudio.testlang.runner;

import java.util.List;

/**
 * The outcome of one test: verdict, message (null when passed), simulated time of the failure or error (NaN when
 * passed), wall-clock duration in seconds, the log lines and what it did over time ({@link TestTrace}: the signals
 * it used at every instant, its expectations with their windows and failure points; null when the test never
 * started, e.g. its model could not be built).
 */
public record TestResult(String name, Verdict verdict, String message, double failureTime, double durationSeconds,
        List<String> logs, TestTrace trace) {

    public TestResult(String name, Verdict verdict, String message, double failureTime, double durationSeconds,
            List<String> logs) {
        this(name, verdict, message, failureTime, durationSeconds, logs, null);
    }

    public enum Verdict {
        PASSED, FAILED, ERROR
    }
}
