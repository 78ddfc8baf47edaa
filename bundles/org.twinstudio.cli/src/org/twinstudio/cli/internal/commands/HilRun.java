package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.runtime.CycleTiming;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.sim.SimulationException;

/** The work of {@link HilCommand}: the session, the live status line, the summary and the JSON report. */
final class HilRun {

    private HilRun() {
    }

    static int run(HilCommand command, boolean live, StopSignal signal, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        SessionOptions options = SessionOptions.hil().withRealtimeFactor(command.realtimeFactor);
        if (command.cycle != null) {
            options = options.withCyclePeriod(command.cycle);
        }
        if (command.duration != null) {
            options = options.withDuration(command.duration * command.realtimeFactor);
        }
        options = options.withRealtimePriority(command.realtimePriority);
        TwinSession session;
        try {
            session = TwinSession.builder(command.model).options(options).start();
        } catch (SimulationException e) {
            err.println("twinstudio hil: cannot run " + command.model + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        err.println(String.format(Locale.ROOT, "twinstudio hil: %s, a cycle every %s (%s of wall-clock time), %d "
                + "bindings on %d endpoints, until Ctrl-C%s", session.modelName(),
                DurationOption.format(session.cyclePeriod()), DurationOption.format(session.periodNanos() / 1e9),
                session.bindings().size(), session.connectors().size(),
                command.duration == null ? "" : " or for " + DurationOption.format(command.duration)));
        if (command.realtimePriority > 0) {
            // The cycle thread applies the policy to itself as it starts.
            long until = System.nanoTime() + 1_000_000_000L;
            while (session.scheduling() == null && session.state() == TwinSession.State.RUNNING
                    && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            err.println("twinstudio hil: " + (session.scheduling() == null ? "real-time priority not known yet"
                    : session.scheduling().message()));
        }
        err.flush();
        boolean stopped;
        try (session) {
            long nextStatus = System.nanoTime() + 1_000_000_000L;
            long[] next = { nextStatus };
            stopped = signal.await(() -> {
                if (live && System.nanoTime() - next[0] >= 0) {
                    next[0] += 1_000_000_000L;
                    err.println(statusLine(session));
                    err.flush();
                }
                return session.state() == TwinSession.State.ENDED || session.state() == TwinSession.State.FAILED;
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.print(summary(session, seconds));
        out.flush();
        int code = ExitCodes.OK;
        if (session.state() == TwinSession.State.FAILED) {
            err.println("twinstudio hil: the session failed at t = " + LiveServing.number(session.time()) + " s: "
                    + session.failure().getMessage());
            code = ExitCodes.SIMULATION_FAILED;
        } else {
            err.println("twinstudio hil: " + (stopped ? "stopped" : "ended") + " after " + session.cycle() + " cycles");
        }
        if (command.report != null) {
            try {
                Path parent = command.report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(command.report, Json.write(report(command, session, seconds, stopped)) + "\n",
                        StandardCharsets.UTF_8);
                err.println("report: " + command.report);
            } catch (IOException e) {
                err.println("twinstudio hil: cannot write the report " + command.report + ": " + e.getMessage());
                return code == ExitCodes.OK ? ExitCodes.USAGE : code;
            }
        }
        return code;
    }

    /**
     * One second of the session: {@code t = 12.3 s  cycles 1234  overruns 0 (+0)  cycle p50 0.051 p99 0.120 max
     * 0.300 ms  jitter p50 0.010 p99 0.080 max 0.200 ms  plc CONNECTED}; overruns in brackets are the last second's.
     */
    static String statusLine(TwinSession session) {
        CycleTiming.Summary second = session.recentTiming().window(System.nanoTime(), 1_000_000_000L);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "t = %.1f s  cycles %d  overruns %d (+%d)  cycle p50 %.3f p99 %.3f max %.3f ms  jitter p50 %.3f p99 "
                        + "%.3f max %.3f ms",
                session.time(), session.cycle(), session.timing().overruns(), second.overruns(), second.total().p50(),
                second.total().p99(), second.total().max(), second.jitter().p50(), second.jitter().p99(),
                second.jitter().max()));
        for (EndpointStatus e : session.endpointStatus()) {
            line.append("  ").append(e.endpoint()).append(' ').append(e.state());
        }
        return line.toString();
    }

    /** The table printed at the end: the phases' statistics, then each binding's final status. */
    static String summary(TwinSession session, double seconds) {
        CycleTiming.Summary t = session.timing().summary();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %d cycles of %s in %.1f s (%s x real time), %d overruns, %s%n",
                session.modelName(), t.cycles(), DurationOption.format(session.cyclePeriod()), seconds,
                LiveServing.number(session.options().realtimeFactor()), t.overruns(),
                session.state().name().toLowerCase(Locale.ROOT)));
        s.append(String.format(Locale.ROOT, "%-8s %10s %10s %10s %10s%n", "ms", "p50", "p99", "max", "mean"));
        row(s, "read", t.read());
        row(s, "step", t.step());
        row(s, "write", t.write());
        row(s, "total", t.total());
        row(s, "jitter", t.jitter());
        List<BindingStatus> bindings = session.bindingStatus();
        if (!bindings.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%-24s %-12s %-6s %-12s %12s %10s %8s %8s  %s%n", "binding", "endpoint",
                    "dir", "state", "last value", "latency", "buffered", "dropped", "last error"));
            for (BindingStatus b : bindings) {
                s.append(String.format(Locale.ROOT, "%-24s %-12s %-6s %-12s %12.6g %10.3f %8d %8d  %s%n", b.port(),
                        b.endpoint(), b.direction() == null ? "" : b.direction().getLiteral(), b.state(),
                        b.lastValue(), b.latencyMillis(), b.writesBuffered(), b.writesDropped(),
                        b.lastError() == null ? "" : b.lastError()));
            }
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String name, CycleTiming.Stat stat) {
        s.append(String.format(Locale.ROOT, "%-8s %10.3f %10.3f %10.3f %10.3f%n", name, stat.p50(), stat.p99(),
                stat.max(), stat.mean()));
    }

    static Map<String, Object> stat(CycleTiming.Stat stat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", stat.p50());
        m.put("p99", stat.p99());
        m.put("max", stat.max());
        m.put("mean", stat.mean());
        return m;
    }

    static Map<String, Object> report(HilCommand command, TwinSession session, double seconds, boolean stopped) {
        CycleTiming.Summary t = session.timing().summary();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("model", command.model.toAbsolutePath().normalize().toString());
        options.put("cycleSeconds", session.cyclePeriod());
        options.put("realtimeFactor", session.options().realtimeFactor());
        options.put("durationSeconds", command.duration);
        options.put("realtimePriority", command.realtimePriority);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("state", session.state().name());
        result.put("stopped", stopped);
        result.put("failure", session.failure() == null ? null : String.valueOf(session.failure().getMessage()));
        result.put("scheduling", session.scheduling() == null ? "ordinary scheduling"
                : session.scheduling().message());
        result.put("wallSeconds", seconds);
        result.put("simulatedSeconds", session.time());
        result.put("cycles", t.cycles());
        result.put("overruns", t.overruns());
        result.put("periodMillis", t.periodMillis());
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("read", stat(t.read()));
        phases.put("step", stat(t.step()));
        phases.put("write", stat(t.write()));
        phases.put("total", stat(t.total()));
        List<Object> endpoints = new ArrayList<>();
        for (EndpointStatus e : session.endpointStatus()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", e.endpoint());
            m.put("protocol", e.protocol());
            m.put("address", e.address());
            m.put("state", String.valueOf(e.state()));
            m.put("lastError", e.lastError());
            m.put("reconnects", e.reconnects());
            endpoints.add(m);
        }
        List<Object> bindings = new ArrayList<>();
        for (BindingStatus b : session.bindingStatus()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", b.port());
            m.put("endpoint", b.endpoint());
            m.put("address", b.address());
            m.put("direction", b.direction() == null ? null : b.direction().getLiteral());
            m.put("state", String.valueOf(b.state()));
            m.put("lastValue", b.lastValue());
            m.put("lastUpdate", b.lastUpdate() == null ? null : b.lastUpdate().toString());
            m.put("lastError", b.lastError());
            m.put("latencyMillis", b.latencyMillis());
            m.put("writesBuffered", b.writesBuffered());
            m.put("writesDropped", b.writesDropped());
            bindings.add(m);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("options", options);
        r.put("result", result);
        r.put("phases", phases);
        r.put("jitter", stat(t.jitter()));
        r.put("endpoints", endpoints);
        r.put("bindings", bindings);
        return r;
    }

    static String names(List<EndpointStatus> endpoints) {
        return endpoints.stream().map(EndpointStatus::endpoint).collect(Collectors.joining(", "));
    }
}
