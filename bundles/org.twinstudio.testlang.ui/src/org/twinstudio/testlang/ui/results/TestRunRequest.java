package org.twinstudio.testlang.ui.results;

import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.twinstudio.sim.Simulation;

/**
 * What to run: a {@code .twintest} file, the names of the tests to run (empty for all), a tag filter (empty for all)
 * and the simulation seed of noise and dropout faults.
 */
public record TestRunRequest(IFile suite, Set<String> tests, Set<String> tags, long seed) {

    public TestRunRequest {
        tests = Set.copyOf(tests);
        tags = Set.copyOf(tags);
    }

    /** Every test of the suite with the default seed. */
    public static TestRunRequest all(IFile suite) {
        return new TestRunRequest(suite, Set.of(), Set.of(), Simulation.DEFAULT_SEED);
    }

    /** The same suite, tags and seed with only {@code names}. */
    public TestRunRequest only(Set<String> names) {
        return new TestRunRequest(suite, names, tags, seed);
    }
}
