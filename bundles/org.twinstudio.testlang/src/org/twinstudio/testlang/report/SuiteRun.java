package org.twinstudio.testlang.report;

import java.nio.file.Path;

import org.twinstudio.testlang.runner.SuiteResult;

/** A suite's result with the file it was read from (null when it came from memory). */
public record SuiteRun(SuiteResult result, Path suiteFile) {
}
