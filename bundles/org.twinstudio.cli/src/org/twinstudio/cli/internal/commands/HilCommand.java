package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio hil MODEL.twin [--cycle 10ms] [--duration 10min] [--report timing.json]}: runs the twin in a
 * hardware-in-the-loop cycle against the wall clock (read the bound inputs, step, write the bound outputs), shows
 * its timing live and reports it at the end. The runtime classes are used only from {@link HilRun}, so this command
 * is simply absent where the runtime is.
 */
@Command(name = "hil", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Run a twin in a hardware-in-the-loop cycle until stopped (Ctrl-C, TERM) or for --duration.",
                "Each cycle reads the model's read bindings into its inputs, advances the simulation one cycle and",
                "writes its write bindings, through the connector installed for each endpoint (OPC UA, Modbus TCP,",
                "MQTT). Every cycle is timed: read, step, write, total, and jitter (how late the cycle started). A",
                "cycle whose lateness plus work exceeds the period is an overrun: it is counted and reported, the",
                "next cycle starts at once, and the session goes on. Overruns alone do not fail the session.",
                "A status line every second (cycles, overruns, cycle time and jitter over the last second, each",
                "endpoint's state) goes to the error stream when it is a terminal, or with --progress; a summary",
                "table goes to the output at the end." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the session ran until stopped or for its duration (overruns do not fail it)",
                "2:usage error, a MODEL that cannot be read or run, an endpoint without a connector, or a report "
                        + "that cannot be written",
                "3:internal error", "4:the session failed (the simulation failed: NaN or infinite values, a behaviour failed)" })
public final class HilCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .twin file")
    Path model;

    @Option(names = "--cycle", paramLabel = "D", converter = DurationOption.class,
            description = "The cycle period in simulated time, e.g. 10ms (default: the model's step size).")
    Double cycle;

    @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
            description = "Stop after D of wall-clock time: ms, s, min or h (e.g. 10min); default: until stopped.")
    Double duration;

    @Option(names = "--realtime-factor", paramLabel = "F", defaultValue = "1",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}); a cycle lasts "
                    + "cycle/F of wall-clock time.")
    double realtimeFactor;

    @Option(names = "--realtime-priority", paramLabel = "N", defaultValue = "0",
            description = "Run the cycle thread alone under the real-time policy SCHED_FIFO at priority N (1-99; "
                    + "Linux, needs CAP_SYS_NICE or ulimit -r >= N); 0, the default, schedules it like any thread.")
    int realtimePriority;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write a JSON report: options, read/step/write/total and jitter statistics, overruns, each "
                    + "endpoint's and binding's final status.")
    Path report;

    @Option(names = "--progress", description = "Print the status line every second even when the error stream is not a terminal.")
    boolean progress;

    /** Released by tests to stop the session; the product's start script stops it with Ctrl-C or TERM. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            err.println("twinstudio hil: " + model + ": " + (Files.exists(model) ? "not a readable file" : "no such file"));
            return ExitCodes.USAGE;
        }
        if (!(realtimeFactor > 0) || Double.isInfinite(realtimeFactor)) {
            err.println("twinstudio hil: --realtime-factor must be a positive number, not " + realtimeFactor);
            return ExitCodes.USAGE;
        }
        if (realtimePriority < 0 || realtimePriority > 99) {
            err.println("twinstudio hil: --realtime-priority is 0 (none) or 1-99, not " + realtimePriority);
            return ExitCodes.USAGE;
        }
        boolean live = progress || System.console() != null;
        try (StopSignal signal = new StopSignal(stop, "hil")) {
            return HilRun.run(this, live, signal, spec.commandLine().getOut(), err);
        }
    }
}
