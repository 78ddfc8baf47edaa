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
 * {@code twinstudio fmu-info FILE.fmu}: what an FMU offers. The FMI classes are used only from {@link FmuInfoReport},
 * so that this command (and every other) still loads where the FMI bundle is missing or cannot run (Java older
 * than 25).
 */
@Command(name = "fmu-info", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Show what an FMU (FMI 2.0 or 3.0) offers: version, model, interface kinds, platforms with binaries,",
                "default experiment and variables with causality, variability, type, unit and start value." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:shown", "1:the file is not a usable FMU (bad archive, invalid model description)",
                "2:usage error or a FILE that cannot be read", "3:internal error (also: FMU support not installed)" })
public final class FmuInfoCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .fmu archive")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("twinstudio fmu-info: " + file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
            return ExitCodes.USAGE;
        }
        try {
            return FmuInfoReport.print(file, format == OutputFormat.json, out, err);
        } catch (NoClassDefFoundError | UnsupportedClassVersionError e) {
            err.println("twinstudio fmu-info: FMU support is not available in this installation (bundle "
                    + "org.twinstudio.fmi, which needs Java 25): " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
    }
}
