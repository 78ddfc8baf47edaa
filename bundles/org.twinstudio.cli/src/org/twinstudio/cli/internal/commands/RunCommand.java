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
        description = { "Simulate a twin model in virtual time, as fast as possible, and print a summary: steps, wall time,",
                "simulated/wall time ratio and the final value of every output. Unset options come from the model's",
                "simulation settings." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:simulated", "1:the model has errors or cannot be simulated (unknown type, no behaviour, algebraic loop)",
                "2:usage error or a MODEL file that cannot be read", "3:internal error",
                "4:the simulation failed (NaN or infinite value, a component failed)" })
public final class RunCommand implements CliCommand {

    /** Solver names as typed on the command line. */
    enum SolverName {
        euler, rk4
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .twin model to simulate")
    Path model;

    @Option(names = "--stop", paramLabel = "T", description = "Stop time in seconds")
    Double stop;

    @Option(names = "--step", paramLabel = "H", description = "Fixed step size in seconds")
    Double step;

    @Option(names = "--solver", paramLabel = "SOLVER", description = "Solver: ${COMPLETION-CANDIDATES}")
    SolverName solver;

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
        SimulationResult result;
        Simulation simulation;
        try {
            Simulation.Builder builder = Simulation.builder(model).seed(seed);
            if (stop != null) {
                builder.stopTime(stop);
            }
            if (step != null) {
                builder.stepSize(step);
            }
            if (solver != null) {
                builder.solver(solver == SolverName.euler ? Solver.EULER : Solver.RK4);
            }
            simulation = builder.build();
            FaultOption.inject(spec, simulation.faults(), faults);
            result = simulation.run();
        } catch (SimulationException e) {
            stderr.println("twinstudio run: " + model + ": " + e.getMessage());
            return e.kind() == SimulationException.Kind.MODEL ? ExitCodes.INVALID : ExitCodes.SIMULATION_FAILED;
        }
        stdout.printf(Locale.ROOT, "%s: %s, step %s s, stop %s s%n", model, simulation.solver().getLiteral(),
                simulation.stepSize(), simulation.stopTime());
        stdout.printf(Locale.ROOT, "%d steps in %.1f ms wall time (%.0f x real time)%n", result.steps(),
                result.wallNanos() / 1e6, result.realTimeRatio());
        int width = result.signals().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        stdout.println("final values:");
        for (Signal s : result.signals()) {
            stdout.printf(Locale.ROOT, "  %-" + width + "s  %12.4f %s%n", s.name(), result.finalValue(s.name()),
                    s.unit() == null ? "" : s.unit());
        }
        if (out != null) {
            try {
                CsvResultWriter.write(result, out);
            } catch (IOException e) {
                stderr.println("twinstudio run: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            stdout.printf(Locale.ROOT, "wrote %s (%d signals, %d rows)%n", out, result.signals().size(), result.size());
        }
        return ExitCodes.OK;
    }
}
