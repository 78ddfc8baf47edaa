package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.runtime.HilBenchmark;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.sim.SimulationException;

/** The work of {@link BenchHilCommand}. */
final class BenchHilRun {

    private BenchHilRun() {
    }

    static int run(BenchHilCommand c, PrintWriter out, PrintWriter err) throws InterruptedException {
        HilBenchmark.Result r;
        try {
            r = HilBenchmark.run(new HilBenchmark.Options(c.model, c.cycle, c.duration, c.withoutBindings, null,
                    c.realtimePriority));
        } catch (SimulationException | IllegalArgumentException e) {
            err.println("twinstudio bench-hil: cannot run " + c.model + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        boolean goal = r.jitter().p99() <= 1.0 && r.overruns() == 0;
        if (c.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("cycleMillis", r.cycleMillis());
            m.put("seconds", r.seconds());
            m.put("cycles", r.cycles());
            m.put("overruns", r.overruns());
            m.put("bindings", r.bindings());
            m.put("jitter", HilRun.stat(r.jitter()));
            m.put("total", HilRun.stat(r.total()));
            m.put("step", HilRun.stat(r.step()));
            m.put("scheduling", r.scheduling());
            java.util.List<Object> overruns = new java.util.ArrayList<>();
            for (HilBenchmark.OverrunAt o : r.overrunList()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("cycle", o.cycle());
                one.put("due", o.due().toString());
                one.put("lateMillis", o.lateMillis());
                one.put("workMillis", o.workMillis());
                overruns.add(one);
            }
            m.put("overrunCycles", overruns);
            m.put("goalMet", goal);
            m.put("state", r.state().name());
            out.println(Json.write(m));
        } else {
            out.println(String.format(Locale.ROOT,
                    "%s: %d cycles of %s in %.1f s, %d bindings%n"
                            + "jitter  p50 %.3f  p99 %.3f  max %.3f ms%n"
                            + "work    p50 %.3f  p99 %.3f  max %.3f ms (step p99 %.3f ms)%n"
                            + "overruns %d%n"
                            + "%s%n"
                            + "goal (p99 jitter <= 1 ms, 0 overruns): %s",
                    r.model(), r.cycles(), DurationOption.format(r.cycleMillis() / 1000), r.seconds(), r.bindings(),
                    r.jitter().p50(), r.jitter().p99(), r.jitter().max(), r.total().p50(), r.total().p99(),
                    r.total().max(), r.step().p99(), r.overruns(), r.scheduling(), goal ? "met" : "not met"));
            for (HilBenchmark.OverrunAt o : r.overrunList().subList(0, Math.min(10, r.overrunList().size()))) {
                out.println(String.format(Locale.ROOT, "overrun: cycle %d due %s, started %.3f ms late, work %.3f ms",
                        o.cycle(), o.due(), o.lateMillis(), o.workMillis()));
            }
        }
        out.flush();
        if (r.state() == TwinSession.State.FAILED) {
            err.println("twinstudio bench-hil: the session failed: " + r.failure());
            return ExitCodes.SIMULATION_FAILED;
        }
        return ExitCodes.OK;
    }
}
