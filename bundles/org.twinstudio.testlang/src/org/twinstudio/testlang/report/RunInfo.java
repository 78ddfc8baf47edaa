package org.twinstudio.testlang.report;

import java.time.Instant;

/**
 * What identifies a run of suites beyond the suites themselves: when it started (wall clock, UTC), the tool version,
 * and the noise seed (null for the simulation's default).
 */
public record RunInfo(Instant started, String toolVersion, Long seed) {
}
