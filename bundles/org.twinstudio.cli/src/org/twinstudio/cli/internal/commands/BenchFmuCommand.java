package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.Variable;
import org.twinstudio.fmi.VariableType;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio bench-fmu FILE.fmu}: what importing an FMU costs per communication step. The same FMI 2.0
 * co-simulation FMU is stepped N times by a C program (the native baseline: dlopen and a function pointer per
 * doStep), from Java through {@code FmuInstance} (doStep alone, then doStep with one getReal of the outputs), and as
 * the only component of a twin run by the simulation master, without and with recording (what {@code run} does).
 * The final value of the output with value reference 1 is compared between all of them first. The FMI classes are
 * only used inside {@link Measure}, so that the command line still loads where the FMI bundle is missing.
 */
@Command(name = "bench-fmu", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Measure the overhead of running an FMI 2.0 co-simulation FMU: N communication steps",
                "by a C driver (native baseline, --driver), from Java through the FMI import (doStep alone and",
                "with getReal of the outputs), and as one component of a twin run by the simulation master,",
                "without and with recording. Prints ns per step (median by wall time and by CPU time) and the",
                "ratio to the C driver. Each real input is set to 1 unless --set says otherwise." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:measured", "1:the FMU cannot be benchmarked (not FMI 2.0 co-simulation, no output)",
                "2:usage error", "3:internal error (also: FMU support not installed)",
                "4:the engines disagree, or a run failed" })
public final class BenchFmuCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An FMI 2.0 co-simulation .fmu")
    Path file;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000000",
            description = "Communication steps per iteration (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--step", paramLabel = "H", defaultValue = "1e-5",
            description = "Communication step size in s (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Unmeasured iterations first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5",
            description = "Measured iterations; medians are shown (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--driver", paramLabel = "PATH",
            description = "The C driver (fmu-driver, built from tests/org.twinstudio.fmi.tests/native/driver.c).")
    Path driver;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Sets a real or integer parameter or input of the FMU before initialisation (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "euler",
            description = "Solver of the master: euler, rk4 or dopri5 (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "none",
            description = "none: the FMU runs in this JVM (default); process: in a host process of its own "
                    + "(the component parameter isolation = process), every call a round trip between processes.")
    String isolation;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("twinstudio bench-fmu: " + file + ": "
                    + (Files.exists(file) ? "not a readable file" : "no such file"));
            return ExitCodes.USAGE;
        }
        if (driver != null && !Files.isExecutable(driver)) {
            err.println("twinstudio bench-fmu: --driver " + driver + ": not an executable file");
            return ExitCodes.USAGE;
        }
        Solver s = Solver.get(solver.toLowerCase(Locale.ROOT));
        if (steps < 1 || !(step > 0) || warmup < 0 || iterations < 1 || s == null
                || !(isolation.equals("none") || isolation.equals("process"))) {
            err.println("twinstudio bench-fmu: --steps and --iterations must be at least 1, --step positive, "
                    + "--warmup not negative, --solver euler, rk4 or dopri5, --isolation none or process");
            return ExitCodes.USAGE;
        }
        try {
            return new Measure(this, s, out, err).run();
        } catch (NoClassDefFoundError | UnsupportedClassVersionError e) {
            err.println("twinstudio bench-fmu: FMU support is not available in this installation (bundle "
                    + "org.twinstudio.fmi, which needs Java 25): " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
    }

    /** One measurement: the FMU opened once for its description and the C driver, twins built per iteration. */
    private static final class Measure {

        private static final Pattern DRIVER_LINE = Pattern
                .compile("steps in ([0-9.eE+-]+) s \\(.*CPU ([0-9.eE+-]+) s\\); value reference 1 = (\\S+)");
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final BenchFmuCommand o;
        private final Solver solver;
        private final PrintWriter out;
        private final PrintWriter err;
        private final Map<Variable, Double> values = new LinkedHashMap<>();
        private List<Variable> outputs;
        private Variable reference;

        Measure(BenchFmuCommand options, Solver solver, PrintWriter out, PrintWriter err) {
            this.o = options;
            this.solver = solver;
            this.out = out;
            this.err = err;
        }

        /** Times of one engine: wall and CPU nanoseconds per iteration, and the final reference value. */
        private record Sample(long wall, long cpu, double value) {
        }

        private interface Engine {
            Sample once() throws Exception;
        }

        int run() {
            Path path = o.file.toAbsolutePath().normalize();
            try (Fmu fmu = Fmu.open(path)) {
                ModelDescription md = fmu.modelDescription();
                if (md.fmiVersion() != FmiVersion.FMI2 || md.capabilities(FmuKind.CO_SIMULATION).isEmpty()) {
                    err.println("twinstudio bench-fmu: " + o.file + ": needs an FMI 2.0 co-simulation FMU (the C "
                            + "driver speaks FMI 2.0); it is FMI " + md.fmiVersionText() + " with " + md.kinds());
                    return ExitCodes.INVALID;
                }
                outputs = md.variables().stream().filter(v -> v.isOutput() && v.type() == VariableType.REAL).toList();
                if (outputs.isEmpty()) {
                    err.println("twinstudio bench-fmu: " + o.file + ": has no real output to read");
                    return ExitCodes.INVALID;
                }
                reference = outputs.stream().filter(v -> v.valueReference() == 1).findFirst().orElse(outputs.get(0));
                String problem = values(md);
                if (problem != null) {
                    err.println("twinstudio bench-fmu: " + problem);
                    return ExitCodes.USAGE;
                }
                List<String> names = new ArrayList<>();
                List<Sample[]> samples = new ArrayList<>();
                if (o.driver != null) {
                    names.add("C driver: doStep");
                    samples.add(measure(names.getLast(), () -> driver(fmu)));
                }
                String where = isolated() ? " [process]" : "";
                names.add("Java FmuInstance: doStep" + where);
                samples.add(measure(names.getLast(), () -> direct(fmu, false)));
                names.add("Java FmuInstance: doStep + getReal" + where);
                samples.add(measure(names.getLast(), () -> direct(fmu, true)));
                names.add("Simulation, not recording" + where);
                samples.add(measure(names.getLast(), () -> simulation(path, false)));
                names.add("Simulation, recording (run)" + where);
                samples.add(measure(names.getLast(), () -> simulation(path, true)));
                return report(md, names, samples);
            } catch (FmuException e) {
                err.println("twinstudio bench-fmu: " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (Exception e) {
                err.println("twinstudio bench-fmu: " + e.getMessage());
                return ExitCodes.SIMULATION_FAILED;
            }
        }

        /** The values to set: --set, else 1 for every real input. Returns a problem or null. */
        private String values(ModelDescription md) {
            if (o.sets.isEmpty()) {
                md.variables().stream().filter(v -> v.isInput() && v.type() == VariableType.REAL)
                        .forEach(v -> values.put(v, 1.0));
                return null;
            }
            for (String s : o.sets) {
                int eq = s.indexOf('=');
                Variable v = eq > 0 ? md.variable(s.substring(0, eq).trim()).orElse(null) : null;
                if (v == null || (v.type() != VariableType.REAL && v.type() != VariableType.INTEGER)
                        || !(v.isInput() || v.isParameter())) {
                    return "--set " + s + ": give NAME=VALUE for a real or integer parameter or input of "
                            + o.file.getFileName();
                }
                try {
                    String text = s.substring(eq + 1).trim();
                    values.put(v, v.type() == VariableType.REAL ? Double.parseDouble(text) : Integer.parseInt(text));
                } catch (NumberFormatException e) {
                    return "--set " + s + ": not a number";
                }
            }
            return null;
        }

        private Sample[] measure(String name, Engine engine) throws Exception {
            err.printf(Locale.ROOT, "%s: %d warm-up + %d measured iterations of %d steps%n", name, o.warmup,
                    o.iterations, o.steps);
            err.flush();
            for (int i = 0; i < o.warmup; i++) {
                engine.once();
            }
            Sample[] s = new Sample[o.iterations];
            for (int i = 0; i < o.iterations; i++) {
                s[i] = engine.once();
            }
            return s;
        }

        private static long cpu() {
            return THREADS.getCurrentThreadCpuTime();
        }

        private Sample driver(Fmu fmu) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(o.driver.toString(),
                    fmu.library(FmuKind.CO_SIMULATION).toString(), fmu.modelDescription().instantiationToken(),
                    Long.toString(o.steps), Double.toString(o.step),
                    fmu.directory().resolve("resources").toUri().toString()));
            values.forEach((v, x) -> command.add((v.type() == VariableType.INTEGER ? "i" : "") + v.valueReference() + "="
                    + text(v, x)));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("the C driver failed: " + text.strip());
            }
            Matcher m = DRIVER_LINE.matcher(text);
            if (!m.find()) {
                throw new IOException("unexpected output of the C driver: " + text.strip());
            }
            return new Sample(Math.round(Double.parseDouble(m.group(1)) * 1e9),
                    Math.round(Double.parseDouble(m.group(2)) * 1e9), Double.parseDouble(m.group(3)));
        }

        private Sample direct(Fmu fmu, boolean read) {
            try (FmuInstance instance = isolated()
                    ? fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "bench", java.time.Duration.ofMinutes(10))
                    : fmu.instantiate(FmuKind.CO_SIMULATION, "bench")) {
                instance.enterInitializationMode(Double.NaN, 0, Double.NaN);
                for (Map.Entry<Variable, Double> e : values.entrySet()) {
                    int[] ref = { (int) e.getKey().valueReference() };
                    if (e.getKey().type() == VariableType.INTEGER) {
                        instance.setInteger(ref, new int[] { e.getValue().intValue() });
                    } else {
                        instance.setReal(ref, new double[] { e.getValue() });
                    }
                }
                instance.exitInitializationMode();
                int[] refs = outputs.stream().mapToInt(v -> (int) v.valueReference()).toArray();
                FmuInstance.RealValues exchange = instance.reals(refs);
                double[] y = new double[refs.length];
                long n = o.steps;
                double h = o.step;
                long w0 = System.nanoTime();
                long c0 = cpu();
                for (long k = 0; k < n; k++) {
                    instance.doStep(k * h, h);
                    if (read) {
                        exchange.get(y);
                    }
                }
                long c1 = cpu();
                long w1 = System.nanoTime();
                int[] ref = { (int) reference.valueReference() };
                double[] value = new double[1];
                instance.getReal(ref, value);
                instance.terminate();
                return new Sample(w1 - w0, c1 - c0, value[0]);
            }
        }

        private TwinModel model(Path path) {
            TwinModel m = TwinModels.createModel("fmubench");
            Component c = ComponentTypeRegistry.getDefault().find("fmu").orElseThrow().instantiate("fmu");
            m.getComponents().add(c);
            parameter(c, "fmu", path.toString());
            parameter(c, "interface", "co-simulation");
            if (isolated()) {
                parameter(c, "isolation", "process");
                parameter(c, "callTimeout", "600");
            }
            values.forEach((v, x) -> parameter(c, v.name(), text(v, x)));
            for (Variable v : outputs) {
                Port p = TwinFactory.eINSTANCE.createPort();
                p.setName(v.name());
                p.setDirection(PortDirection.OUT);
                p.setDataType(DataType.REAL);
                p.setUnit("");
                c.getPorts().add(p);
            }
            return m;
        }

        private boolean isolated() {
            return o.isolation.equals("process");
        }

        private static String text(Variable v, double x) {
            return v.type() == VariableType.INTEGER ? Integer.toString((int) x) : Double.toString(x);
        }

        private static void parameter(Component c, String name, String value) {
            for (Parameter p : c.getParameters()) {
                if (name.equals(p.getName())) {
                    p.setValue(value);
                    return;
                }
            }
            Parameter p = TwinFactory.eINSTANCE.createParameter();
            p.setName(name);
            p.setValue(value);
            p.setUnit("");
            c.getParameters().add(p);
        }

        private Sample simulation(Path path, boolean record) throws SimulationException {
            double stop = o.steps * o.step;
            Simulation sim = Simulation.builder(model(path)).stepSize(o.step).stopTime(stop).solver(solver).build();
            String port = "fmu." + reference.name();
            long w0 = System.nanoTime();
            long c0 = cpu();
            if (record) {
                SimulationResult r = sim.run();
                long c1 = cpu();
                long w1 = System.nanoTime();
                return new Sample(w1 - w0, c1 - c0, r.value(r.size() - 1, r.column(port)));
            }
            try (Simulation.Session s = sim.start()) {
                s.advanceTo(stop);
                long c1 = cpu();
                long w1 = System.nanoTime();
                return new Sample(w1 - w0, c1 - c0, s.value(port));
            }
        }

        private static double median(long[] v) {
            long[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        }

        private int report(ModelDescription md, List<String> names, List<Sample[]> samples) {
            double first = samples.get(0)[0].value();
            double worst = 0;
            for (Sample[] s : samples) {
                for (Sample x : s) {
                    worst = Math.max(worst, Math.abs(x.value() - first) / Math.max(1e-300, Math.abs(first)));
                }
            }
            out.printf(Locale.ROOT, "FMU %s (%s, FMI 2.0 co-simulation), %d steps of %s s, %s solver; set: %s%n",
                    o.file.getFileName(), md.modelName(), o.steps, o.step, solver.getLiteral(), values.entrySet()
                            .stream().map(e -> e.getKey().name() + "=" + text(e.getKey(), e.getValue())).toList());
            out.printf(Locale.ROOT, "medians of %d iterations after %d warm-up; ns per step%n", o.iterations,
                    o.warmup);
            int width = Math.max(36, names.stream().mapToInt(String::length).max().orElse(0));
            out.printf(Locale.ROOT, "%-" + width + "s %12s %12s %12s %12s%n", "engine", "wall", "CPU", "wall ratio",
                    "CPU ratio");
            double baseWall = 0;
            double baseCpu = 0;
            for (int i = 0; i < names.size(); i++) {
                Sample[] s = samples.get(i);
                double wall = median(Arrays.stream(s).mapToLong(Sample::wall).toArray()) / o.steps;
                double cpu = median(Arrays.stream(s).mapToLong(Sample::cpu).toArray()) / o.steps;
                if (i == 0) {
                    baseWall = wall;
                    baseCpu = cpu;
                }
                out.printf(Locale.ROOT, "%-" + width + "s %12.1f %12.1f %11.2fx %11.2fx%n", names.get(i), wall, cpu,
                        wall / baseWall, cpu / baseCpu);
            }
            // The driver prints %.12g: agreement to that many digits.
            boolean agree = worst <= 1e-11;
            out.printf(Locale.ROOT, "%s at the end = %.12g; largest relative difference between engines %.3g%s%n",
                    reference.name(), first, worst, agree ? "" : " (DISAGREE)");
            out.flush();
            return agree ? ExitCodes.OK : ExitCodes.SIMULATION_FAILED;
        }
    }
}
