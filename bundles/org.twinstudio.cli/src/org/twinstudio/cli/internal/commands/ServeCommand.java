package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio serve MODEL.twin --web}: serves models until stopped. {@code --web} opens them in the graphical
 * editor in any browser, through the same diagram server the IDE uses. The diagram classes are used only from
 * {@link WebDiagramHost}, so this command still loads where the diagram bundles are missing.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Serve models until stopped (Ctrl-C).",
                "--web: the graphical editor in a web browser, on 127.0.0.1 at a port the system picks. The printed",
                "address carries a secret token: anyone with it can edit the models; edits are saved to the files",
                "when saved in the editor (Ctrl+S).",
                "--simulate: also simulate each model, paced to the wall clock, and show its port values live on",
                "the diagram." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:stopped", "2:usage error or a MODEL that cannot be read",
                "3:internal error (also: the graphical editor is not installed)" })
public final class ServeCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "The .twin files to serve")
    List<Path> models;

    @Option(names = "--web", description = "Serve the graphical editor to web browsers.")
    boolean web;

    @Option(names = "--simulate", description = "Simulate the models paced to the wall clock and show the values live in the editor.")
    boolean simulate;

    @Option(names = "--realtime-factor", paramLabel = "F", defaultValue = "1",
            description = "Simulated seconds per wall-clock second with --simulate (default: ${DEFAULT-VALUE}, real time).")
    double realtimeFactor;

    /** Released by tests to stop the server; the product's start script stops it with Ctrl-C. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!web) {
            err.println("twinstudio serve: nothing to serve; give --web");
            return ExitCodes.USAGE;
        }
        if (!(realtimeFactor > 0) || Double.isInfinite(realtimeFactor)) {
            err.println("twinstudio serve: --realtime-factor must be a positive number, not " + realtimeFactor);
            return ExitCodes.USAGE;
        }
        for (Path model : models) {
            if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
                err.println("twinstudio serve: " + model + ": "
                        + (Files.exists(model) ? "not a readable file" : "no such file"));
                return ExitCodes.USAGE;
            }
        }
        try {
            return WebDiagramHost.serve(models, simulate ? realtimeFactor : 0, out, err, stop);
        } catch (NoClassDefFoundError e) {
            err.println("twinstudio serve: the graphical editor is not available in this installation (bundles "
                    + "org.twinstudio.diagram, .diagram.web and .diagram.client): " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
    }
}
