package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio bench-hil MODEL.twin [--cycle 10ms] [--duration 10min] [--without-bindings]}: how steadily a HIL
 * loop keeps its cycle ({@code org.twinstudio.runtime.HilBenchmark}); runtime classes only in {@link BenchHilRun}.
 */
@Command(name = "bench-hil", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Measure a HIL loop's timing: run the twin in HIL mode in real time at --cycle for",
                "--duration and print the jitter of the cycle starts (p50, p99, max), the overruns and the work per",
                "cycle. The goal of a HIL rig: p99 jitter <= 1 ms and no overruns at a 10 ms cycle over 10 minutes.",
                "--without-bindings drops the model's endpoints and bindings: the runtime's own pacing." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:measured (whether or not the goal was met)",
                "2:usage error, or a MODEL that cannot be read or run", "3:internal error",
                "4:the session failed" })
public final class BenchHilCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .twin file")
    Path model;

    @Option(names = "--cycle", paramLabel = "D", converter = DurationOption.class, defaultValue = "10ms",
            description = "The cycle period (default: ${DEFAULT-VALUE}).")
    double cycle;

    @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class, defaultValue = "10s",
            description = "How long to run (default: ${DEFAULT-VALUE}; the goal is stated for 10min).")
    double duration;

    @Option(names = "--without-bindings", description = "Drop the model's endpoints and bindings first.")
    boolean withoutBindings;

    @Option(names = "--realtime-priority", paramLabel = "N", defaultValue = "0",
            description = { "Run the cycle thread alone under the real-time policy SCHED_FIFO at priority N (1-99;",
                    "Linux, needs CAP_SYS_NICE or ulimit -r >= N); 0, the default, schedules it like any thread." })
    int realtimePriority;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            err.println("twinstudio bench-hil: " + model + ": " + (Files.exists(model) ? "not a readable file" : "no such file"));
            return ExitCodes.USAGE;
        }
        if (realtimePriority < 0 || realtimePriority > 99) {
            err.println("twinstudio bench-hil: --realtime-priority is 0 (none) or 1-99, not " + realtimePriority);
            return ExitCodes.USAGE;
        }
        return BenchHilRun.run(this, spec.commandLine().getOut(), err);
    }
}
