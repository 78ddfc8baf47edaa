package org.twinstudio.testlang.runner;

import java.nio.file.Path;
import java.util.List;

/** The outcome of a suite: its tests in order and what identifies the model they ran against. */
public record SuiteResult(String name, String modelName, Path modelFile, String modelSha256, List<TestResult> tests,
        double durationSeconds) {

    public long count(TestResult.Verdict verdict) {
        return tests.stream().filter(t -> t.verdict() == verdict).count();
    }
}
