package org.twinstudio.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.Connectors;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.SimulationException;

/**
 * How steadily a HIL loop keeps its cycle: runs a {@link TwinSession} in HIL mode in real time at a given cycle for
 * a given wall-clock duration and reports the cycle's jitter (how late each cycle started against its schedule) and
 * overruns (cycles whose lateness plus work exceeded the period), from {@link CycleTiming} over every cycle.
 * <p>
 * The goal for a HIL rig: a 10 ms cycle with p99 jitter ≤ 1 ms and no overruns over 10 minutes. With
 * {@link Options#withoutBindings} the model's endpoints and bindings are removed first, which measures the runtime's
 * own pacing and stepping (what every HIL loop pays before any network I/O).
 */
public final class HilBenchmark {

    private HilBenchmark() {
    }

    /**
     * @param model           the .twin file
     * @param cycleSeconds    the cycle period in seconds (simulated and wall clock: real time)
     * @param durationSeconds how long to run, in seconds
     * @param withoutBindings drop the model's endpoints and bindings (no connectors needed)
     * @param connectors      where the connectors for the bindings come from; null for {@link Connectors#getDefault()}
     * @param realtimePriority the cycle thread's SCHED_FIFO priority (1–99), 0 for ordinary scheduling
     */
    public record Options(Path model, double cycleSeconds, double durationSeconds, boolean withoutBindings,
            Connectors connectors, int realtimePriority) {

        public Options {
            if (!(cycleSeconds > 0) || !(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
                throw new IllegalArgumentException("cycle and duration must be positive and finite");
            }
        }
    }

    /**
     * The figures of one run; times in milliseconds. {@code jitter} is the lateness of cycle starts, {@code total}
     * the work per cycle; {@code bindings} how many bindings the loop served, {@code bindingStatus} each one's status
     * just before the end.
     */
    public record Result(String model, double cycleMillis, double seconds, int cycles, long overruns,
            CycleTiming.Stat jitter, CycleTiming.Stat total, CycleTiming.Stat step, int bindings,
            TwinSession.State state, String failure, List<BindingStatus> bindingStatus, String scheduling,
            List<OverrunAt> overrunList) {
    }

    /** A cycle that overran, with the wall-clock time it was due (to match against GC or system logs). */
    public record OverrunAt(int cycle, java.time.Instant due, double lateMillis, double workMillis) {
    }

    public static Result run(Options options) throws SimulationException, InterruptedException {
        TwinSession.Builder builder;
        if (options.withoutBindings()) {
            TwinModels.Loaded loaded = TwinModels.load(options.model());
            if (loaded.model() == null || loaded.hasErrors()) {
                throw new SimulationException(SimulationException.Kind.MODEL, options.model() + ": "
                        + (loaded.diagnostics().isEmpty() ? "cannot be read" : loaded.diagnostics().get(0)));
            }
            TwinModel model = loaded.model();
            model.getBindings().clear();
            model.getEndpoints().clear();
            builder = TwinSession.builder(model);
        } else {
            builder = TwinSession.builder(options.model());
        }
        if (options.connectors() != null) {
            builder.connectors(options.connectors());
        }
        return run(builder, options.cycleSeconds(), options.durationSeconds(), options.realtimePriority());
    }

    /**
     * Runs a HIL session of {@code builder} (model, connectors and context as configured there) in real time at
     * {@code cycleSeconds} for {@code durationSeconds}, e.g. with bindings to a peer served over a protocol; the cycle
     * thread under SCHED_FIFO at {@code realtimePriority} unless that is 0.
     */
    public static Result run(TwinSession.Builder builder, double cycleSeconds, double durationSeconds,
            int realtimePriority) throws SimulationException, InterruptedException {
        SessionOptions session = SessionOptions.hil().withCyclePeriod(cycleSeconds).withDuration(durationSeconds)
                .withRealtimePriority(realtimePriority);
        long start = System.nanoTime();
        try (TwinSession s = builder.options(session).start()) {
            // cycle k is due (k + 1) periods after the loop starts, which is within a millisecond of this
            java.time.Instant started = java.time.Instant.now();
            s.awaitEnd((long) Math.ceil(durationSeconds * 2 + 30), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            CycleTiming.Summary t = s.timing().summary();
            Throwable failure = s.failure();
            return new Result(s.modelName(), t.periodMillis(), seconds, t.cycles(), t.overruns(), t.jitter(),
                    t.total(), t.step(), s.bindings().size(), s.state(),
                    failure == null ? null : String.valueOf(failure.getMessage()), s.bindingStatus(),
                    s.scheduling() == null ? "ordinary scheduling" : s.scheduling().message(),
                    s.timing().overrunList().stream().map(o -> new OverrunAt(o.cycle(),
                            started.plusNanos((o.cycle() + 1L) * s.periodNanos()), o.lateMillis(), o.workMillis()))
                            .toList());
        }
    }
}
