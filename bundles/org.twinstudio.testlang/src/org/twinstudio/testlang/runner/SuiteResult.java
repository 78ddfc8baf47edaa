package org.twinstudio.testlang.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a suite: its tests in order, what identifies the model they ran against, and the names of the tests
 * the tag filter left out.
 */
public record SuiteResult(String name, String modelName, Path modelFile, String modelSha256, List<TestResult> tests,
        double durationSeconds, List<String> skipped) {

    public SuiteResult(String name, String modelName, Path modelFile, String modelSha256, List<TestResult> tests,
            double durationSeconds) {
        this(name, modelName, modelFile, modelSha256, tests, durationSeconds, List.of());
    }

    public long count(TestResult.Verdict verdict) {
        return tests.stream().filter(t -> t.verdict() == verdict).count();
    }
}
