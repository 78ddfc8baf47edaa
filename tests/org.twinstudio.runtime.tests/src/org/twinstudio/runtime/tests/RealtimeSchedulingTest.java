package org.twinstudio.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.twinstudio.runtime.RealtimeScheduling;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/**
 * The cycle thread's real-time policy. Whether the operating system grants SCHED_FIFO depends on the machine's
 * privileges, so the checks hold either way: a granted request shows in the thread's policy (and only that
 * thread's), a refused one says why and leaves the policy as it was.
 */
class RealtimeSchedulingTest {

    @Test
    void onlyTheCallingThreadChangesPolicyAndTheOutcomeSaysWhatHappened() throws Exception {
        String before = RealtimeScheduling.currentPolicy();
        AtomicReference<RealtimeScheduling.Outcome> outcome = new AtomicReference<>();
        AtomicReference<String> policy = new AtomicReference<>();
        Thread t = new Thread(() -> {
            outcome.set(RealtimeScheduling.applyToCurrentThread(5));
            policy.set(RealtimeScheduling.currentPolicy());
        }, "realtime-test");
        t.start();
        t.join(10_000);
        RealtimeScheduling.Outcome o = outcome.get();
        assertNotNull(o);
        assertEquals(5, o.priority());
        if (o.applied()) {
            assertEquals("SCHED_FIFO", policy.get(), o.message());
            assertTrue(o.message().contains("SCHED_FIFO, priority 5"), o.message());
        } else {
            assertEquals(before, policy.get(), "a refused request changed the policy: " + o.message());
            assertTrue(o.message().startsWith("real-time priority not applied: "), o.message());
        }
        assertEquals(before, RealtimeScheduling.currentPolicy(), "another thread's request changed this thread");
    }

    @Test
    void prioritiesOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RealtimeScheduling.applyToCurrentThread(0));
        assertThrows(IllegalArgumentException.class, () -> RealtimeScheduling.applyToCurrentThread(100));
        assertThrows(IllegalArgumentException.class, () -> SessionOptions.hil().withRealtimePriority(-1));
        assertThrows(IllegalArgumentException.class, () -> SessionOptions.hil().withRealtimePriority(100));
        assertEquals(0, SessionOptions.hil().realtimePriority());
    }

    @Test
    void aSessionAppliesThePriorityToItsCycleThreadAndReportsIt() throws Exception {
        try (TwinSession s = TwinSession.builder(TwinSessionTest.HEATING_LINE)
                .options(SessionOptions.serve().withRealtimeFactor(20).withDuration(0.5).withRealtimePriority(3))
                .start()) {
            assertTrue(s.awaitEnd(10, TimeUnit.SECONDS));
            assertEquals(TwinSession.State.ENDED, s.state());
            RealtimeScheduling.Outcome o = s.scheduling();
            assertNotNull(o, "the session did not say what became of its priority");
            assertEquals(3, o.priority());
            assertEquals(5, s.cycle());
        }
        try (TwinSession s = TwinSession.builder(TwinSessionTest.HEATING_LINE)
                .options(SessionOptions.serve().withRealtimeFactor(20).withDuration(0.2)).start()) {
            assertTrue(s.awaitEnd(10, TimeUnit.SECONDS));
            assertEquals(null, s.scheduling(), "no priority was asked");
        }
    }
}
