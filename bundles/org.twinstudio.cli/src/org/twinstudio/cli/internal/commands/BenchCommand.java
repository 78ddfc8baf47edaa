package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.model.Solver;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.bench.Benchmark;
import org.twinstudio.sim.bench.Benchmark.HourRun;
import org.twinstudio.sim.bench.Benchmark.Measurement;
import org.twinstudio.sim.bench.Benchmark.Report;
import org.twinstudio.sim.bench.Benchmark.Settings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio bench}: the simulation master on a generated plant of built-in components against the same
 * equations in a hand-written loop (see {@link Benchmark}).
 */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Measure simulation speed: a generated plant of built-in components",
                "(chains of setpoint -> PID -> heater -> tank -> temperature sensor, fed back),",
                "run by the simulation master and by a hand-written Java loop with the same",
                "equations and solver, checked to agree. Prints component-steps per second",
                "(median and best of the measured iterations, by wall time and by the thread's",
                "CPU time), the ratio, and the wall time of one simulated hour at 10 ms steps.",
                "Single-threaded: figures are per core. Progress goes to stderr." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:measured", "2:usage error", "3:internal error",
                "4:the two engines disagree, or the simulation failed" })
public final class BenchCommand implements CliCommand {

    /** Goals of the simulation engine. */
    static final double GOAL_RATE = 50e6;
    static final double GOAL_RATIO = 2;
    static final double GOAL_HOUR_SECONDS = 1;
    /** Largest relative difference between master and plain loop accepted as agreement. */
    static final double TOLERANCE = 1e-9;

    /** Solver choices as typed. */
    enum SolverChoice {
        rk4, euler, both
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "20",
            description = "Loops of 5 components (default: ${DEFAULT-VALUE}, i.e. 100 components)")
    int chains;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20000",
            description = "Steps per measured iteration (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Warm-up iterations, not counted (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "Measured iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--step", paramLabel = "H", defaultValue = "0.01",
            description = "Step size in seconds (default: ${DEFAULT-VALUE})")
    double stepSize;

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "both",
            description = "rk4, euler or both (default: ${DEFAULT-VALUE})")
    SolverChoice solver;

    @Option(names = "--hour-steps", paramLabel = "N", defaultValue = "360000",
            description = "Steps of the long run (default: ${DEFAULT-VALUE} = 1 h at 10 ms; 0 skips it)")
    long hourSteps;

    @Option(names = "--json", description = "Print one JSON document instead of the table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Solver> solvers = switch (solver) {
            case rk4 -> List.of(Solver.RK4);
            case euler -> List.of(Solver.EULER);
            case both -> List.of(Solver.RK4, Solver.EULER);
        };
        Settings settings;
        try {
            settings = new Settings(chains, steps, warmup, iterations, stepSize, solvers, hourSteps);
        } catch (IllegalArgumentException e) {
            err.println("twinstudio bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Report report;
        try {
            report = Benchmark.run(settings, line -> {
                err.println("bench: " + line);
                err.flush();
            });
        } catch (SimulationException e) {
            err.println("twinstudio bench: the simulation failed: " + e.getMessage());
            return ExitCodes.SIMULATION_FAILED;
        }
        boolean agree = report.deviation().values().stream().allMatch(d -> d <= TOLERANCE);
        if (json) {
            out.println(Json.write(json(report, agree)));
        } else {
            table(out, report);
        }
        if (!agree) {
            err.println("twinstudio bench: the simulation and the plain loop disagree by more than " + TOLERANCE
                    + " (relative): " + report.deviation());
            return ExitCodes.SIMULATION_FAILED;
        }
        return ExitCodes.OK;
    }

    private static void table(PrintWriter out, Report r) {
        Settings s = r.settings();
        out.printf(Locale.ROOT, "plant: %d components (%d chains of setpoint -> pid -> heater -> tank -> sensor), "
                + "step %s s, %d steps per iteration, %d warm-up + %d measured iterations%n", s.components(),
                s.chains(), s.stepSize(), s.steps(), s.warmup(), s.iterations());
        Map<String, Object> machine = machine();
        out.printf(Locale.ROOT, "machine: %s cores, %s, %s, max heap %s MB%n", machine.get("cores"),
                machine.get("cpu"), machine.get("java"), machine.get("maxHeapMB"));
        out.println("M comp-steps/s = million component-steps per second; ratio = Simulation time / plain time");
        out.printf(Locale.ROOT, "%-6s %-11s %14s %14s %14s %12s %12s%n", "solver", "engine", "wall median",
                "wall best", "CPU median", "wall ratio", "CPU ratio");
        for (Measurement m : r.measurements()) {
            boolean sim = m.engine().equals(Benchmark.SIMULATION);
            out.printf(Locale.ROOT, "%-6s %-11s %14.2f %14.2f %14.2f %12s %12s%n", m.solver().getLiteral(), m.engine(),
                    m.medianRate() / 1e6, m.bestRate() / 1e6, m.cpuMedianRate() / 1e6,
                    sim ? String.format(Locale.ROOT, "%.2fx", r.ratio(m.solver())) : "1",
                    sim ? String.format(Locale.ROOT, "%.2fx", r.cpuRatio(m.solver())) : "1");
        }
        for (Map.Entry<Solver, Double> d : r.deviation().entrySet()) {
            out.printf(Locale.ROOT, "agreement (%s): largest relative difference %s%n", d.getKey().getLiteral(),
                    d.getValue() == 0 ? "0 (identical)" : String.format(Locale.ROOT, "%.3g", d.getValue()));
        }
        HourRun h = r.hour();
        if (h != null) {
            out.printf(Locale.ROOT, "%d %s steps of %s s (%.0f s simulated): Simulation %.3f s (CPU %.3f s), "
                    + "plain Java %.3f s (CPU %.3f s)%n", h.steps(), h.solver().getLiteral(), h.stepSize(),
                    h.steps() * h.stepSize(), h.simulationSeconds(), h.simulationCpuSeconds(), h.plainSeconds(),
                    h.plainCpuSeconds());
        }
        Solver first = s.solvers().get(0);
        double rate = r.measurement(first, Benchmark.SIMULATION).medianRate();
        out.printf(Locale.ROOT, "goals (%s, wall medians): >= 50 M comp-steps/s/core: %s (%.1f M); ratio <= 2x: %s (%.2fx)",
                first.getLiteral(), rate >= GOAL_RATE ? "met" : "not met", rate / 1e6,
                r.ratio(first) <= GOAL_RATIO ? "met" : "not met", r.ratio(first));
        if (h != null && h.steps() * h.stepSize() == 3600) {
            out.printf(Locale.ROOT, "; 1 h in < 1 s: %s (%.3f s)", h.simulationSeconds() < GOAL_HOUR_SECONDS ? "met"
                    : "not met", h.simulationSeconds());
        }
        out.println();
    }

    private static Map<String, Object> json(Report r, boolean agree) {
        Settings s = r.settings();
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> plant = new LinkedHashMap<>();
        plant.put("components", s.components());
        plant.put("chains", s.chains());
        plant.put("stepSize", s.stepSize());
        plant.put("steps", s.steps());
        plant.put("warmup", s.warmup());
        plant.put("iterations", s.iterations());
        root.put("settings", plant);
        root.put("machine", machine());
        List<Object> ms = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("solver", m.solver().getLiteral());
            o.put("engine", m.engine());
            o.put("componentSteps", m.componentSteps());
            o.put("medianSeconds", m.median());
            o.put("minSeconds", m.min());
            o.put("medianComponentStepsPerSecond", m.medianRate());
            o.put("bestComponentStepsPerSecond", m.bestRate());
            o.put("cpuMedianSeconds", m.cpuMedian());
            o.put("cpuMedianComponentStepsPerSecond", m.cpuMedianRate());
            List<Object> secs = new ArrayList<>();
            for (double t : m.seconds()) {
                secs.add(t);
            }
            o.put("seconds", secs);
            if (m.engine().equals(Benchmark.SIMULATION)) {
                o.put("ratio", r.ratio(m.solver()));
                o.put("cpuRatio", r.cpuRatio(m.solver()));
            }
            ms.add(o);
        }
        root.put("measurements", ms);
        Map<String, Object> dev = new LinkedHashMap<>();
        r.deviation().forEach((k, v) -> dev.put(k.getLiteral(), v));
        root.put("deviation", dev);
        root.put("agree", agree);
        HourRun h = r.hour();
        if (h != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("solver", h.solver().getLiteral());
            o.put("steps", h.steps());
            o.put("stepSize", h.stepSize());
            o.put("simulationSeconds", h.simulationSeconds());
            o.put("plainSeconds", h.plainSeconds());
            o.put("simulationCpuSeconds", h.simulationCpuSeconds());
            o.put("plainCpuSeconds", h.plainCpuSeconds());
            root.put("longRun", o);
        }
        return root;
    }

    /** Cores, CPU model and JVM, for the record. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        String cpu = "unknown CPU";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            }
        } catch (IOException e) {
            // the CPU model is informative only
        }
        m.put("cpu", cpu);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        m.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }
}
