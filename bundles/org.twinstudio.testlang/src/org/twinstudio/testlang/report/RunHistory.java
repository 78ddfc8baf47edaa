package org.twinstudio.testlang.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.TestResult;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The verdicts of past runs, one JSON object per line in {@code DIR/runs.jsonl} (JSON Lines), one line per suite run:
 * <pre>
 * {"time":"2026-11-25T19:40:00Z","suite":"…","suiteFile":"…","model":"…","modelSha256":"…","tool":"0.1.0…",
 *  "seed":null,"wallSeconds":1.2,"tests":[{"name":"…","verdict":"PASSED|FAILED|ERROR|SKIPPED","seconds":0.4,
 *  "message":null,"failureTime":null}]}
 * </pre>
 * The default directory is {@code .twinstudio/test-history} next to the suite file. Appends are whole lines written
 * with one write under an exclusive file lock (other processes appending at the same time wait), after a newline if
 * the file does not end with one (a line cut short by a crash stays alone and is skipped). Reading skips lines that
 * are not such objects, with a warning naming the line.
 */
public final class RunHistory {

    /** The file name inside the history directory. */
    public static final String FILE = "runs.jsonl";

    private final Path file;

    public RunHistory(Path directory) {
        this.file = directory.resolve(FILE);
    }

    /** The default history directory of a suite file: {@code .twinstudio/test-history} beside it. */
    public static Path defaultDirectory(Path suiteFile) {
        Path dir = suiteFile.toAbsolutePath().getParent();
        return dir.resolve(".twinstudio").resolve("test-history");
    }

    public Path file() {
        return file;
    }

    /** One test in a run. */
    public record TestEntry(String name, String verdict, double seconds, String message, double failureTime) {
    }

    /** One suite run. */
    public record Entry(Instant time, String suite, String suiteFile, String model, String modelSha256,
            String toolVersion, Long seed, double wallSeconds, List<TestEntry> tests) {

        public long count(String verdict) {
            return tests.stream().filter(t -> t.verdict().equals(verdict)).count();
        }
    }

    /** What {@link #read()} found: the entries in file order and a warning per skipped line. */
    public record Contents(List<Entry> entries, List<String> warnings) {
    }

    /** The entry for a suite run that finished now. */
    public static Entry entry(SuiteRun run, RunInfo info) {
        SuiteResult r = run.result();
        List<TestEntry> tests = new ArrayList<>();
        for (TestResult t : r.tests()) {
            tests.add(new TestEntry(t.name(), t.verdict().name(), t.durationSeconds(), t.message(), t.failureTime()));
        }
        for (String skipped : r.skipped()) {
            tests.add(new TestEntry(skipped, "SKIPPED", 0, null, Double.NaN));
        }
        return new Entry(info.started(), r.name(), run.suiteFile() == null ? null : run.suiteFile().toString(),
                r.modelName(), r.modelSha256(), info.toolVersion(), info.seed(), r.durationSeconds(),
                List.copyOf(tests));
    }

    /** Appends one line atomically (see the class comment). */
    public void append(Entry entry) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] line = (toJson(entry).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        // file locks guard against other processes only; threads of this one queue here
        synchronized (RunHistory.class) {
            appendLocked(line);
        }
    }

    private void appendLocked(byte[] line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ); FileLock lock = ch.lock()) {
            long size = ch.size();
            ByteBuffer buffer;
            if (size > 0 && lastByte(ch, size) != '\n') {
                buffer = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
            } else {
                buffer = ByteBuffer.wrap(line);
            }
            long position = size;
            while (buffer.hasRemaining()) {
                position += ch.write(buffer, position);
            }
            ch.force(false);
        }
    }

    private static int lastByte(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0);
    }

    /** Every readable entry, oldest first; none when there is no history yet. */
    public Contents read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        }
        List<Entry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(fromJson(JsonParser.parseString(line).getAsJsonObject()));
            } catch (RuntimeException e) {
                warnings.add(file + ":" + (i + 1) + ": warning: skipped a line that is not a test run record ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        return new Contents(List.copyOf(entries), List.copyOf(warnings));
    }

    static JsonObject toJson(Entry e) {
        JsonObject o = new JsonObject();
        o.addProperty("time", e.time().toString());
        o.add("suite", str(e.suite()));
        o.add("suiteFile", str(e.suiteFile()));
        o.add("model", str(e.model()));
        o.add("modelSha256", str(e.modelSha256()));
        o.add("tool", str(e.toolVersion()));
        o.add("seed", e.seed() == null ? JsonNull.INSTANCE : new JsonPrimitive(e.seed()));
        o.add("wallSeconds", number(e.wallSeconds()));
        JsonArray tests = new JsonArray();
        for (TestEntry t : e.tests()) {
            JsonObject to = new JsonObject();
            to.add("name", str(t.name()));
            to.addProperty("verdict", t.verdict());
            to.add("seconds", number(t.seconds()));
            to.add("message", str(t.message()));
            to.add("failureTime", number(t.failureTime()));
            tests.add(to);
        }
        o.add("tests", tests);
        return o;
    }

    static Entry fromJson(JsonObject o) {
        List<TestEntry> tests = new ArrayList<>();
        for (JsonElement el : required(o, "tests").getAsJsonArray()) {
            JsonObject t = el.getAsJsonObject();
            String verdict = required(t, "verdict").getAsString();
            if (!List.of("PASSED", "FAILED", "ERROR", "SKIPPED").contains(verdict)) {
                throw new IllegalArgumentException("unknown verdict " + verdict);
            }
            tests.add(new TestEntry(required(t, "name").getAsString(), verdict, dbl(t, "seconds"),
                    optString(t, "message"), dbl(t, "failureTime")));
        }
        JsonElement seed = o.get("seed");
        return new Entry(Instant.parse(required(o, "time").getAsString()), required(o, "suite").getAsString(),
                optString(o, "suiteFile"), optString(o, "model"), optString(o, "modelSha256"), optString(o, "tool"),
                seed == null || seed.isJsonNull() ? null : seed.getAsLong(), dbl(o, "wallSeconds"),
                List.copyOf(tests));
    }

    private static JsonElement required(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("no '" + key + "'");
        }
        return e;
    }

    private static String optString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static double dbl(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static JsonElement str(String s) {
        return s == null ? JsonNull.INSTANCE : new JsonPrimitive(s);
    }

    private static JsonElement number(double d) {
        return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
    }

    /**
     * Per test (suite / test name) over the given entries: runs that ran it (skips aside), passes, failures and
     * errors, the pass rate, the verdict changes between consecutive runs (flips), and whether it is flaky: it both
     * passed and did not pass on the same model (same SHA-256), so the model alone does not decide the verdict.
     */
    public record TestStats(String suite, String test, int runs, int passed, int failed, int errors, int flips,
            boolean flaky, String lastVerdict) {

        public double passRate() {
            return runs == 0 ? Double.NaN : (double) passed / runs;
        }
    }

    /** The statistics of every test in the entries, in the order tests first appear. */
    public static List<TestStats> stats(List<Entry> entries) {
        Map<String, List<String[]>> byTest = new LinkedHashMap<>();
        for (Entry e : entries) {
            for (TestEntry t : e.tests()) {
                if (!t.verdict().equals("SKIPPED")) {
                    byTest.computeIfAbsent(e.suite() + "\u0000" + t.name(), k -> new ArrayList<>())
                            .add(new String[] { t.verdict(), String.valueOf(e.modelSha256()) });
                }
            }
        }
        List<TestStats> stats = new ArrayList<>();
        for (var entry : byTest.entrySet()) {
            String[] key = entry.getKey().split("\u0000", 2);
            List<String[]> runs = entry.getValue();
            int passed = 0, failed = 0, errors = 0, flips = 0;
            Map<String, Integer> outcomesByModel = new LinkedHashMap<>();
            String previous = null;
            for (String[] r : runs) {
                switch (r[0]) {
                    case "PASSED" -> passed++;
                    case "FAILED" -> failed++;
                    default -> errors++;
                }
                if (previous != null && !previous.equals(r[0])) {
                    flips++;
                }
                previous = r[0];
                outcomesByModel.merge(r[1], r[0].equals("PASSED") ? 1 : 2, (a, b) -> a | b);
            }
            boolean flaky = outcomesByModel.values().stream().anyMatch(v -> v == 3);
            stats.add(new TestStats(key[0], key[1], runs.size(), passed, failed, errors, flips, flaky, previous));
        }
        return stats;
    }
}
