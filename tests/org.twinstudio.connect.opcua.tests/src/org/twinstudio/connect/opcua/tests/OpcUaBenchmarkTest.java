package org.twinstudio.connect.opcua.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.opcua.bench.OpcUaBenchmark;

/** The benchmark run small: its figures must be consistent, not fast. */
class OpcUaBenchmarkTest {

    @Test
    void aSmallRunGivesConsistentFigures() throws Exception {
        OpcUaBenchmark.Result r = OpcUaBenchmark.run(new OpcUaBenchmark.Options(50, 1, 0.3, 2, 20, 20, 50));
        assertEquals(50, r.items());
        assertTrue(r.cycles() > 0, "the twin ran");
        assertTrue(r.notifications() > 0, "values arrived");
        // Each output changes once per cycle; values made before the window but delivered in it are at most one
        // queue (20) per item, plus the cycle in progress.
        assertTrue(r.notifications() <= 50L * (r.cycles() + 20 + 1), r.summary());
        // A light load is not coalesced much: most of the values made arrive.
        assertTrue(r.notifications() >= 50L * r.cycles() / 2, r.summary());
        assertEquals(r.notifications() / r.measuredSeconds(), r.notificationsPerSecond(), 1e-6);
        assertTrue(r.measuredSeconds() >= 1, r.summary());
        assertEquals(50, r.writes());
        assertTrue(r.writeMedianMillis() > 0 && r.writeP99Millis() >= r.writeMedianMillis(), r.summary());
    }
}
