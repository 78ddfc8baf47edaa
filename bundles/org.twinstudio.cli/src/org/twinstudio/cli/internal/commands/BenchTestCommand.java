package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.model.Solver;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.bench.BenchmarkPlant;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.SuiteFiles;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio bench-test}: the speed of the test runner. (1) A generated suite of N tests on a model (default
 * the heating line), each setting the controller, watching two monitors ({@code always}) at every solver step and
 * waiting M minutes of simulated time: total wall time and simulated-to-wall ratio. (2) One hour of the generated
 * 100-component benchmark plant (RK4, 10 ms) as one test under an {@code always} monitor, against the same hour
 * advanced by a bare session without the runner.
 */
@Command(name = "bench-test", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Measure the test runner: a generated suite of N tests on MODEL (default: the heating line",
                "example), each running M simulated minutes under monitors checked at every solver step,",
                "then one simulated hour of the 100-component benchmark plant through the runner and",
                "through a bare simulation session. Prints wall times and simulated-to-wall ratios." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:measured", "2:usage error, or a model that cannot be read",
                "3:internal error", "4:a generated test did not pass (the figures would mean nothing)" })
public final class BenchTestCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODEL",
            description = "The heating line model (default: examples/heating-line/heating-line.twin below the current directory)")
    Path model;

    @Option(names = "--tests", paramLabel = "N", defaultValue = "100", description = "Tests in the suite (default: ${DEFAULT-VALUE})")
    int tests;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "10",
            description = "Simulated minutes per test (default: ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--plant-hours", paramLabel = "H", defaultValue = "1",
            description = "Simulated hours of the 100-component plant; 0 skips it (default: ${DEFAULT-VALUE})")
    double plantHours;

    @Option(names = "--json", description = "Print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (tests < 1 || !(minutes > 0) || !(plantHours >= 0)) {
            err.println("twinstudio bench-test: --tests ≥ 1, --minutes > 0 and --plant-hours ≥ 0");
            return ExitCodes.USAGE;
        }
        Path modelFile = model != null ? model : Path.of("examples", "heating-line", "heating-line.twin");
        if (!Files.isRegularFile(modelFile)) {
            err.println("twinstudio bench-test: no model file " + modelFile);
            return ExitCodes.USAGE;
        }
        Path dir = Files.createTempDirectory("twinstudio-bench-test");
        try {
            Map<String, Object> figures = new LinkedHashMap<>();
            // warm-up: a short suite, so that the timed one does not pay for class loading and the JIT
            err.println("warming up");
            SuiteResult warm = runSuite(dir, "warmup.twintest", modelFile.toAbsolutePath(), Math.min(10, tests), 1);
            if (failed(warm, err)) {
                return ExitCodes.SIMULATION_FAILED;
            }
            err.println("running " + tests + " tests of " + minutes + " min");
            long start = System.nanoTime();
            SuiteResult r = runSuite(dir, "bench.twintest", modelFile.toAbsolutePath(), tests, minutes);
            double wall = (System.nanoTime() - start) / 1e9;
            if (failed(r, err)) {
                return ExitCodes.SIMULATION_FAILED;
            }
            double simulated = tests * minutes * 60;
            figures.put("model", modelFile.toString());
            figures.put("tests", tests);
            figures.put("simulatedSecondsPerTest", minutes * 60);
            figures.put("wallSeconds", wall);
            figures.put("wallSecondsPerTest", wall / tests);
            figures.put("simulatedToWall", simulated / wall);
            if (plantHours > 0) {
                err.println("running the 100-component plant for " + plantHours + " h");
                figures.putAll(plant(dir, plantHours, err));
                if (figures.containsKey("failed")) {
                    return ExitCodes.SIMULATION_FAILED;
                }
            }
            if (json) {
                out.println(Json.write(figures));
            } else {
                out.println(String.format(Locale.ROOT,
                        "suite: %d tests x %.4g min on %s: %.3f s wall (%.1f ms per test), simulated/wall = %.0f",
                        tests, minutes, modelFile, wall, 1000 * wall / tests, simulated / wall));
                if (plantHours > 0) {
                    out.println(String.format(Locale.ROOT,
                            "plant: 100 components, RK4 10 ms, %.4g h: runner %.3f s wall (simulated/wall = %.0f),"
                                    + " bare session %.3f s, runner overhead %.0f %% (goal: under 1 s per hour)",
                            plantHours, (double) figures.get("plantRunnerWallSeconds"),
                            plantHours * 3600 / (double) figures.get("plantRunnerWallSeconds"),
                            (double) figures.get("plantSessionWallSeconds"),
                            100 * ((double) figures.get("plantRunnerWallSeconds")
                                    / (double) figures.get("plantSessionWallSeconds") - 1)));
                }
            }
            out.flush();
            return ExitCodes.OK;
        } finally {
            deleteTree(dir);
        }
    }

    private static boolean failed(SuiteResult r, PrintWriter err) {
        for (TestResult t : r.tests()) {
            if (t.verdict() != TestResult.Verdict.PASSED) {
                err.println("twinstudio bench-test: " + t.name() + " " + t.verdict() + ": " + t.message());
                return true;
            }
        }
        return false;
    }

    /** N tests of the heating line: setpoints 50..64 degC, two monitors, M minutes each. */
    private static SuiteResult runSuite(Path dir, String name, Path model, int n, double minutes) throws IOException {
        // a copy beside the suite: the suite names its model relative to itself
        Files.copy(model, dir.resolve("model.twin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringBuilder text = new StringBuilder("suite \"runner benchmark\" model \"model.twin\"\n");
        for (int i = 0; i < n; i++) {
            text.append("test \"t").append(i).append("\" {\n")
                    .append("  set controller.enable = true\n")
                    .append("  set controller.setpoint = ").append(50 + i % 15).append(" degC\n")
                    .append("  expect tank.temperature < 95 degC always\n")
                    .append("  expect sensorT.value > 0 degC always\n")
                    .append("  wait ").append(minutes).append(" min\n")
                    .append("  expect tank.temperature > 18 degC\n")
                    .append("}\n");
        }
        Path file = Files.writeString(dir.resolve(name), text);
        SuiteFiles.Loaded loaded = new SuiteFiles().load(file);
        if (loaded.suite() == null) {
            throw new IllegalStateException("the generated suite does not load: " + loaded.errors());
        }
        return new SuiteRunner(SimulationTarget::new, Set.of()).run(loaded.suite());
    }

    /** The benchmark plant for {@code hours}: through the runner (one test, one monitor) and a bare session. */
    private static Map<String, Object> plant(Path dir, double hours, PrintWriter err) throws Exception {
        TwinModel plant = BenchmarkPlant.create();
        SimulationSettings settings = TwinFactory.eINSTANCE.createSimulationSettings();
        settings.setSolver(Solver.RK4);
        settings.setStepSize(0.01);
        settings.setStopTime(hours * 3600);
        plant.setSimulation(settings);
        Path file = dir.resolve("plant.twin");
        TwinModels.save(plant, file);
        Path suite = Files.writeString(dir.resolve("plant.twintest"), "suite \"plant\" model \"plant.twin\"\n"
                + "test \"one hour\" {\n  expect tank0.temperature < 99 degC always\n  wait " + hours + " h\n"
                + "  expect sensor0.value > 10 degC\n}\n");
        SuiteFiles.Loaded loaded = new SuiteFiles().load(suite);
        if (loaded.suite() == null) {
            throw new IllegalStateException("the plant suite does not load: " + loaded.errors());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        double best = Double.POSITIVE_INFINITY;
        double bare = Double.POSITIVE_INFINITY;
        // best of 3 after one warm-up each: both sides measured the same way
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            SuiteResult r = new SuiteRunner().run(loaded.suite());
            double wall = (System.nanoTime() - start) / 1e9;
            if (failed(r, err)) {
                figures.put("failed", true);
                return figures;
            }
            long s0 = System.nanoTime();
            Simulation sim = Simulation.builder(file).build();
            try (Simulation.Session session = sim.start()) {
                session.advanceTo(hours * 3600);
            }
            double bareWall = (System.nanoTime() - s0) / 1e9;
            if (i > 0) {
                best = Math.min(best, wall);
                bare = Math.min(bare, bareWall);
            }
        }
        figures.put("plantComponents", plant.getComponents().size());
        figures.put("plantSimulatedSeconds", hours * 3600);
        figures.put("plantRunnerWallSeconds", best);
        figures.put("plantSessionWallSeconds", bare);
        return figures;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
