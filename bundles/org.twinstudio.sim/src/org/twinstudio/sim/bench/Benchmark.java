package org.twinstudio.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/**
 * Measures the simulation master on the {@link BenchmarkPlant} against the hand-written {@link PlainPlant}: throughput
 * in component-steps per second (components × steps / wall time of the run; building the simulation excluded), over
 * warm-up iterations and measured iterations (median and best), their ratio, and the wall time of one simulated hour
 * at 10 ms steps. Before measuring, the two are checked to agree.
 * <p>
 * Single-threaded: the figures are per core. Besides wall time, the CPU time of the measuring thread is taken, which
 * is robust against other processes competing for the cores (but leaves out garbage collection done by other
 * threads). The master records every signal at every step (as {@code run} does), which the plain loop does not;
 * that cost is part of what is measured.
 */
public final class Benchmark {

    /** What to measure. */
    public record Settings(int chains, long steps, int warmup, int iterations, double stepSize, List<Solver> solvers,
            long hourSteps) {

        public Settings {
            if (chains < 1 || steps < 1 || warmup < 0 || iterations < 1 || !(stepSize > 0) || solvers.isEmpty()
                    || hourSteps < 0) {
                throw new IllegalArgumentException("chains, steps and iterations must be positive, warm-up and hour"
                        + " steps not negative, the step size positive, and at least one solver given");
            }
            for (Solver solver : solvers) {
                if (solver != Solver.EULER && solver != Solver.RK4) {
                    throw new IllegalArgumentException("the benchmark compares the fixed-step solvers (euler, rk4) "
                            + "with the plain loop, not " + solver.getLiteral());
                }
            }
            solvers = List.copyOf(solvers);
        }

        /** 100 components, 20 000 steps of 10 ms per iteration, 3 warm-up and 5 measured iterations, both solvers. */
        public static Settings defaults() {
            return new Settings(BenchmarkPlant.STANDARD_CHAINS, 20_000, 3, 5, 0.01, List.of(Solver.RK4, Solver.EULER),
                    360_000);
        }

        public int components() {
            return chains * BenchmarkPlant.COMPONENTS_PER_CHAIN;
        }
    }

    /** Wall and thread CPU times of the measured iterations of one engine and solver. */
    public record Measurement(Solver solver, String engine, long componentSteps, double[] seconds,
            double[] cpuSeconds) {

        public double median() {
            return medianOf(seconds);
        }

        public double cpuMedian() {
            return medianOf(cpuSeconds);
        }

        /** Component-steps per second of CPU time at the median. */
        public double cpuMedianRate() {
            return componentSteps / cpuMedian();
        }

        private static double medianOf(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        /** Component-steps per second at the median time. */
        public double medianRate() {
            return componentSteps / median();
        }

        /** Component-steps per second at the best time. */
        public double bestRate() {
            return componentSteps / min();
        }
    }

    /** The simulated hour (or {@link Settings#hourSteps} steps) with the first solver: wall and CPU seconds. */
    public record HourRun(Solver solver, long steps, double stepSize, double simulationSeconds, double plainSeconds,
            double simulationCpuSeconds, double plainCpuSeconds) {
    }

    /** Everything measured. */
    public record Report(Settings settings, Map<Solver, Double> deviation, List<Measurement> measurements,
            HourRun hour) {

        /** The measurement of {@code engine} ({@link #SIMULATION} or {@link #PLAIN}) with {@code solver}. */
        public Measurement measurement(Solver solver, String engine) {
            return measurements.stream().filter(m -> m.solver() == solver && m.engine().equals(engine)).findFirst()
                    .orElseThrow();
        }

        /** Median wall time of the master divided by median wall time of the plain loop. */
        public double ratio(Solver solver) {
            return measurement(solver, SIMULATION).median() / measurement(solver, PLAIN).median();
        }

        /** The same with CPU times. */
        public double cpuRatio(Solver solver) {
            return measurement(solver, SIMULATION).cpuMedian() / measurement(solver, PLAIN).cpuMedian();
        }
    }

    public static final String SIMULATION = "Simulation";
    public static final String PLAIN = "plain Java";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Benchmark() {
    }

    /**
     * Runs the whole benchmark.
     *
     * @param progress told what is being measured (may be a no-op)
     */
    public static Report run(Settings s, Consumer<String> progress) throws SimulationException {
        TwinModel plant = BenchmarkPlant.create(s.chains());
        Map<Solver, Double> deviation = new LinkedHashMap<>();
        for (Solver solver : s.solvers()) {
            progress.accept("checking that Simulation and the plain loop agree (" + solver.getLiteral() + ")");
            deviation.put(solver, deviation(plant, s.chains(), solver, Math.min(s.steps(), 20_000), s.stepSize()));
        }
        List<Measurement> measurements = new ArrayList<>();
        long componentSteps = s.components() * s.steps();
        for (Solver solver : s.solvers()) {
            for (String engine : List.of(SIMULATION, PLAIN)) {
                progress.accept("measuring " + engine + " (" + solver.getLiteral() + ")");
                double[] wall = new double[s.iterations()];
                double[] cpu = new double[s.iterations()];
                for (int i = -s.warmup(); i < s.iterations(); i++) {
                    double[] t = engine == SIMULATION ? timeSimulation(plant, solver, s.steps(), s.stepSize())
                            : timePlain(s.chains(), solver, s.steps(), s.stepSize());
                    if (i >= 0) {
                        wall[i] = t[0];
                        cpu[i] = t[1];
                    }
                }
                measurements.add(new Measurement(solver, engine, componentSteps, wall, cpu));
            }
        }
        HourRun hour = null;
        if (s.hourSteps() > 0) {
            Solver solver = s.solvers().get(0);
            progress.accept("simulating " + s.hourSteps() + " steps with " + SIMULATION);
            double[] sim = timeSimulation(plant, solver, s.hourSteps(), s.stepSize());
            progress.accept("simulating " + s.hourSteps() + " steps with " + PLAIN);
            double[] plain = timePlain(s.chains(), solver, s.hourSteps(), s.stepSize());
            hour = new HourRun(solver, s.hourSteps(), s.stepSize(), sim[0], plain[0], sim[1], plain[1]);
        }
        return new Report(s, deviation, measurements, hour);
    }

    /** {wall seconds, CPU seconds of this thread} of one run; building the simulation excluded. */
    private static double[] timeSimulation(TwinModel plant, Solver solver, long steps, double h)
            throws SimulationException {
        Simulation sim = Simulation.builder(plant).solver(solver).stepSize(h).stopTime(steps * h).build();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        SimulationResult r = sim.run();
        long end = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (r.steps() != steps) {
            throw new IllegalStateException("expected " + steps + " steps, ran " + r.steps());
        }
        return new double[] { (end - start) / 1e9, cpu / 1e9 };
    }

    private static double[] timePlain(int chains, Solver solver, long steps, double h) {
        PlainPlant p = new PlainPlant(chains);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        p.run(steps, h, solver);
        long end = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (!Double.isFinite(p.temperature(chains - 1))) {
            throw new IllegalStateException("the plain loop diverged");
        }
        return new double[] { (end - start) / 1e9, cpu / 1e9 };
    }

    /**
     * The largest difference between the master and the plain loop after {@code steps} steps over every tank
     * temperature and level, sensor value, controller output and heater power, relative to max(1, |value|).
     */
    public static double deviation(TwinModel plant, int chains, Solver solver, long steps, double h)
            throws SimulationException {
        SimulationResult r = Simulation.builder(plant).solver(solver).stepSize(h).stopTime(steps * h).build().run();
        PlainPlant p = new PlainPlant(chains);
        p.run(steps, h, solver);
        double worst = 0;
        for (int c = 0; c < chains; c++) {
            worst = Math.max(worst, relative(r.finalValue("tank" + c + ".temperature"), p.temperature(c)));
            worst = Math.max(worst, relative(r.finalValue("tank" + c + ".level"), p.level(c)));
            worst = Math.max(worst, relative(r.finalValue("sensor" + c + ".value"), p.sensor(c)));
            worst = Math.max(worst, relative(r.finalValue("pid" + c + ".output"), p.controllerOutput(c)));
            worst = Math.max(worst, relative(r.finalValue("heater" + c + ".power"), p.power(c)));
        }
        return worst;
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }
}
