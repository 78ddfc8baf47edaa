package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.report.RunHistory;
import org.twinstudio.testlang.report.RunHistory.Entry;
import org.twinstudio.testlang.report.RunHistory.TestEntry;
import org.twinstudio.testlang.report.RunHistory.TestStats;

/** The run history: JSON lines appended whole, corrupt lines skipped with a warning, pass rates and flakiness. */
class RunHistoryTest {

    @TempDir
    Path dir;

    private static Entry run(int minute, String sha, String... verdicts) {
        List<TestEntry> tests = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            tests.add(new TestEntry("t" + i, verdicts[i], 0.5 + i, verdicts[i].equals("PASSED") ? null : "why \"" + i,
                    verdicts[i].equals("PASSED") ? Double.NaN : 2.5));
        }
        return new Entry(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * minute), "suite", "/x/s.twintest",
                "plant", sha, "0.1.0", minute % 2 == 0 ? null : (long) minute, 1.25, tests);
    }

    @Test
    void appendsAndReadsBackEveryField() throws Exception {
        RunHistory h = new RunHistory(dir.resolve("h"));
        assertTrue(h.read().entries().isEmpty(), "no history yet is no error");
        Entry a = run(1, "aa", "PASSED", "FAILED", "SKIPPED");
        h.append(a);
        h.append(run(2, "aa", "PASSED", "PASSED", "SKIPPED"));
        RunHistory.Contents c = h.read();
        assertEquals(List.of(), c.warnings());
        assertEquals(2, c.entries().size());
        Entry back = c.entries().get(0);
        assertEquals(a.time(), back.time());
        assertEquals(Long.valueOf(1), back.seed());
        assertEquals(null, c.entries().get(1).seed());
        assertEquals("aa", back.modelSha256());
        assertEquals("FAILED", back.tests().get(1).verdict());
        assertEquals("why \"1", back.tests().get(1).message());
        assertEquals(2.5, back.tests().get(1).failureTime());
        assertTrue(Double.isNaN(back.tests().get(0).failureTime()));
        assertEquals(1.5, back.tests().get(1).seconds());
        assertEquals(2, Files.readAllLines(h.file()).size(), "one line per run");
    }

    @Test
    void corruptLinesAreSkippedWithAWarningAndACutLineStaysAlone() throws Exception {
        RunHistory h = new RunHistory(dir);
        h.append(run(1, "aa", "PASSED"));
        // a crash in the middle of a line, then garbage, then a record without tests
        Files.writeString(h.file(), "{\"time\":\"2026-11-25T10:05:00Z\",\"suite\":\"s", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        h.append(run(2, "aa", "FAILED"));
        Files.writeString(h.file(), "not json\n{\"time\":\"2026-11-25T10:09:00Z\",\"suite\":\"s\"}\n",
                StandardOpenOption.APPEND);
        h.append(run(3, "aa", "PASSED"));
        RunHistory.Contents c = h.read();
        assertEquals(3, c.entries().size(), c.warnings().toString());
        assertEquals(List.of("PASSED", "FAILED", "PASSED"),
                c.entries().stream().map(e -> e.tests().get(0).verdict()).toList());
        assertEquals(3, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains(":2: warning"), c.warnings().get(0));
        assertTrue(c.warnings().get(2).contains("no 'tests'"), c.warnings().get(2));
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        RunHistory h = new RunHistory(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int minute = i;
            done.add(pool.submit(() -> {
                // separate instances, as separate processes would have
                new RunHistory(dir).append(run(minute, "aa", "PASSED", "FAILED", "PASSED", "ERROR"));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        RunHistory.Contents c = h.read();
        assertEquals(List.of(), c.warnings());
        assertEquals(40, c.entries().size());
    }

    @Test
    void passRatesAndFlakiness() {
        List<Entry> runs = List.of(
                run(1, "aa", "PASSED", "PASSED", "FAILED", "PASSED"),
                run(2, "aa", "PASSED", "FAILED", "FAILED", "SKIPPED"),
                run(3, "aa", "PASSED", "PASSED", "ERROR", "PASSED"),
                // a new model: t3 failing there says nothing about flakiness
                run(4, "bb", "PASSED", "PASSED", "FAILED", "FAILED"));
        List<TestStats> s = RunHistory.stats(runs);
        assertEquals(4, s.size());
        TestStats t0 = s.get(0);
        assertEquals(4, t0.runs());
        assertEquals(1.0, t0.passRate());
        assertFalse(t0.flaky());
        TestStats t1 = s.get(1);
        assertEquals(0.75, t1.passRate());
        assertEquals(2, t1.flips());
        assertTrue(t1.flaky(), "passed and failed on model aa");
        TestStats t2 = s.get(2);
        assertEquals(0.0, t2.passRate());
        assertEquals(1, t2.errors());
        assertFalse(t2.flaky(), "never passed");
        TestStats t3 = s.get(3);
        assertEquals(3, t3.runs(), "a skip is not a run");
        assertFalse(t3.flaky(), "passed on aa, failed on bb: the model changed");
        assertEquals("FAILED", t3.lastVerdict());
    }
}
