package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.model.Solver;
import org.twinstudio.sim.CsvResultWriter;
import org.twinstudio.sim.Signal;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.faults.Fault;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinstudio run}: simulates a model in virtual time and prints a summary; optionally writes all signals. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Simulate a twin model in virtual time, as fast as possible, and print a summary: steps (accepted",
                "and rejected for dopri5), events, wall time, real-time factor and the final value of every output.",
                "Unset options come from the model's simulation settings." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:simulated", "1:the model has errors or cannot be simulated (unknown type, no behaviour, algebraic loop)",
                "2:usage error or a MODEL file that cannot be read", "3:internal error",
                "4:the simulation failed (NaN or infinite value, a component failed)" })
public final class RunCommand implements CliCommand {

    /** Solver names as typed on the command line. */
    enum SolverName {
        euler, rk4, dopri5
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .twin model to simulate")
    Path model;

    @Option(names = "--stop", paramLabel = "T", description = "Stop time in seconds")
    Double stop;

    @Option(names = "--step", paramLabel = "H",
            description = "Step size in seconds (euler, rk4); output interval for every solver")
    Double step;

    @Option(names = "--solver", paramLabel = "SOLVER",
            description = "Solver: ${COMPLETION-CANDIDATES} (dopri5: adaptive, error-controlled)")
    SolverName solver;

    @Option(names = "--tolerance", paramLabel = "TOL",
            description = "Relative tolerance of the adaptive solver's local error per step, between 0 and 1")
    Double tolerance;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the noise generators (default: ${DEFAULT-VALUE})",
            defaultValue = "" + Simulation.DEFAULT_SEED)
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every signal to this CSV file")
    Path out;

    @Option(names = "--fault", paramLabel = "SPEC", converter = FaultOption.class, description = FaultOption.HELP)
    List<Fault> faults = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            stderr.println("twinstudio run: " + model + ": " + (Files.exists(model) ? "not a readable file" : "no such file"));
            return ExitCodes.USAGE;
        }
        if (tolerance != null && !(tolerance > 0 && tolerance < 1)) {
            stderr.println("twinstudio run: --tolerance must lie between 0 and 1 (exclusive), not " + tolerance);
            return ExitCodes.USAGE;
        }
        SimulationResult result;
        Simulation simulation;
        CsvResultWriter.Streaming csv = out == null ? null : CsvResultWriter.streaming(out);
        boolean ran = false;
        try {
            Simulation.Builder builder = Simulation.builder(model).seed(seed);
            if (csv != null) {
                builder.listener(csv);
            }
            if (stop != null) {
                builder.stopTime(stop);
            }
            if (step != null) {
                builder.stepSize(step);
            }
            if (solver != null) {
                builder.solver(switch (solver) {
                    case euler -> Solver.EULER;
                    case rk4 -> Solver.RK4;
                    case dopri5 -> Solver.DOPRI5;
                });
            }
            if (tolerance != null) {
                builder.relativeTolerance(tolerance);
            }
            simulation = builder.build();
            FaultOption.inject(spec, simulation.faults(), faults);
            if (csv != null) {
                csv.begin(simulation.signals());
            }
            result = simulation.run();
            ran = true;
        } catch (SimulationException e) {
            stderr.println("twinstudio run: " + model + ": " + e.getMessage());
            return e.kind() == SimulationException.Kind.MODEL ? ExitCodes.INVALID : ExitCodes.SIMULATION_FAILED;
        } catch (IOException e) {
            stderr.println("twinstudio run: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            if (csv != null && !ran) {
                csv.close(); // a failed run leaves an existing file as it was
            }
        }
        boolean adaptive = simulation.solver() == Solver.DOPRI5;
        if (adaptive) {
            stdout.printf(Locale.ROOT, "%s: %s, output every %s s, stop %s s, tolerance %s relative, %s absolute%n",
                    model, simulation.solver().getLiteral(), simulation.stepSize(), simulation.stopTime(),
                    simulation.relativeTolerance(), simulation.absoluteTolerance());
        } else {
            stdout.printf(Locale.ROOT, "%s: %s, step %s s, stop %s s%n", model, simulation.solver().getLiteral(),
                    simulation.stepSize(), simulation.stopTime());
        }
        String steps = adaptive ? result.steps() + " steps (" + result.rejectedSteps() + " rejected)"
                : result.steps() + " steps";
        stdout.printf(Locale.ROOT, "%s, %d events, %.1f ms wall time, %.0f x real time%n", steps, result.eventCount(),
                result.wallNanos() / 1e6, result.realTimeRatio());
        for (String loop : simulation.algebraicLoops()) {
            stdout.println("algebraic loop solved by iteration: " + loop);
        }
        int width = result.signals().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        stdout.println("final values:");
        for (Signal s : result.signals()) {
            stdout.printf(Locale.ROOT, "  %-" + width + "s  %12.4f %s%n", s.name(), result.finalValue(s.name()),
                    s.unit() == null ? "" : s.unit());
        }
        if (out != null) {
            try {
                csv.commit();
            } catch (IOException e) {
                stderr.println("twinstudio run: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            stdout.printf(Locale.ROOT, "wrote %s (%d signals, %d rows)%n", out, result.signals().size(), csv.rows());
        }
        return ExitCodes.OK;
    }
}
