package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio bench-diagram}: the diagram server's speed on a large generated twin, measured the way a
 * client sees it, over the WebSocket. The diagram classes are used only from {@link DiagramBenchmark}.
 */
@Command(name = "bench-diagram", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Measure the diagram server on a generated twin (default 2000 components, 3000 connections)",
                "through its WebSocket on loopback, as a client sees it: auto-layout of the unplaced model,",
                "opening the saved model (model request to the whole diagram received and parsed), and moves",
                "of single components (operation sent to updated diagram received), as the web client gets them",
                "(layout updates) and as a client that gets the whole model back." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:measured", "2:usage error", "3:internal error (also: the diagram server is not installed)" })
public final class BenchDiagramCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--components", paramLabel = "N", defaultValue = "2000",
            description = "Components in the generated twin (default: ${DEFAULT-VALUE})")
    int components;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "3000",
            description = "Connections in the generated twin (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--opens", paramLabel = "N", defaultValue = "5", description = "Timed opens (default: ${DEFAULT-VALUE})")
    int opens;

    @Option(names = "--moves", paramLabel = "N", defaultValue = "50", description = "Timed moves (default: ${DEFAULT-VALUE})")
    int moves;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Also keep the laid-out twin in FILE (e.g. to open it with serve --web)")
    java.nio.file.Path save;

    @Option(names = "--json", description = "Print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (components < 2 || connections < 0 || opens < 1 || moves < 1) {
            err.println("twinstudio bench-diagram: --components ≥ 2, --connections ≥ 0, --opens ≥ 1, --moves ≥ 1");
            return ExitCodes.USAGE;
        }
        try {
            return DiagramBenchmark.run(components, connections, opens, moves, save, json, out, err);
        } catch (NoClassDefFoundError e) {
            err.println("twinstudio bench-diagram: the diagram server is not available in this installation: "
                    + e.getMessage());
            return ExitCodes.INTERNAL;
        }
    }
}
