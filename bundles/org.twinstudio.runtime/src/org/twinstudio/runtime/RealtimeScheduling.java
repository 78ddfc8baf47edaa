package org.twinstudio.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Gives one thread, the calling one, a real-time scheduling policy (Linux SCHED_FIFO).
 * <p>
 * A HIL cycle thread under the ordinary scheduler waits for a core for tens of milliseconds whenever the machine is
 * busy; under SCHED_FIFO it runs as soon as it wakes. Only the cycle thread gets the policy: a whole JVM under
 * {@code chrt} also lifts the garbage collector's, the compiler's and the protocol stacks' threads to the same
 * priority, where they run until they block and so stall the cycle they were meant to leave alone.
 * <p>
 * Java has no API for this (thread priorities are hints the Linux scheduler ignores). The thread finds its own
 * kernel thread id in {@code /proc/thread-self} and has util-linux's {@code chrt} set the policy of that one thread,
 * which keeps this bundle free of native code and runnable on Java 21. Needs CAP_SYS_NICE or an RLIMIT_RTPRIO at
 * least the priority asked ({@code ulimit -r}).
 */
public final class RealtimeScheduling {

    /** What became of a request: applied, or why not. */
    public record Outcome(boolean applied, int priority, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** The lowest and highest priorities SCHED_FIFO takes on Linux. */
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 99;

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private RealtimeScheduling() {
    }

    /**
     * Switches the calling thread to SCHED_FIFO at the given priority. A refusal by the operating system is not thrown:
     * the outcome says what happened, so that a session still runs (with ordinary scheduling) and tells its user why.
     */
    public static Outcome applyToCurrentThread(int priority) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("a real-time priority is between " + MIN_PRIORITY + " and "
                    + MAX_PRIORITY + ", not " + priority);
        }
        String tid;
        try {
            // "PID/task/TID": the kernel's id of the thread that reads the link
            Path link = Files.readSymbolicLink(THREAD_SELF);
            tid = link.getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return refused(priority, "only on Linux (no /proc/thread-self here)");
        }
        Process chrt;
        try {
            chrt = new ProcessBuilder("chrt", "--fifo", "--pid", Integer.toString(priority), tid)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return refused(priority, "cannot run chrt (util-linux): " + e.getMessage());
        }
        try (InputStream in = chrt.getInputStream()) {
            String said = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!chrt.waitFor(10, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return refused(priority, "chrt did not finish");
            }
            String policy = currentPolicy();
            if (chrt.exitValue() == 0 && policy.equals("SCHED_FIFO")) {
                return new Outcome(true, priority, "cycle thread runs under SCHED_FIFO, priority " + priority);
            }
            if (said.contains("not permitted")) {
                return refused(priority, "not permitted: needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least "
                        + priority + " (ulimit -r)");
            }
            return refused(priority, said.isEmpty() ? "the thread's policy is still " + policy : said);
        } catch (IOException e) {
            return refused(priority, "chrt: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused(priority, "interrupted");
        }
    }

    private static Outcome refused(int priority, String why) {
        return new Outcome(false, priority, "real-time priority not applied: " + why);
    }

    /**
     * The calling thread's scheduling policy as Linux names it (SCHED_OTHER, SCHED_FIFO, ...), read from its
     * {@code stat} (field 41); "unknown" where there is no such file.
     */
    public static String currentPolicy() {
        try {
            String stat = Files.readString(THREAD_SELF.resolve("stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces and parentheses: count from its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            int policy = Integer.parseInt(fields[41 - 3]);
            return switch (policy) {
                case 0 -> "SCHED_OTHER";
                case 1 -> "SCHED_FIFO";
                case 2 -> "SCHED_RR";
                case 3 -> "SCHED_BATCH";
                case 5 -> "SCHED_IDLE";
                case 6 -> "SCHED_DEADLINE";
                default -> "policy " + policy;
            };
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
