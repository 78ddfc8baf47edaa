package org.twinstudio.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Assembles the picocli command tree: the root command and every {@link CliCommand} found. */
public final class CommandLines {

    private CommandLines() {
    }

    /** A ready command line writing to the given streams. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine root = new CommandLine(new RootCommand());
        for (CliCommand command : commands()) {
            root.addSubcommand(command);
        }
        root.setOut(out);
        root.setErr(err);
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("twinstudio: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INTERNAL;
        });
        // picocli already answers parse errors with exit code 2 (ExitCodes.USAGE); keep it explicit.
        root.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        return root;
    }

    /** The subcommands, in name order (the order of the help). */
    static List<CliCommand> commands() {
        List<CliCommand> commands = new ArrayList<>();
        // a command whose optional bundle is absent (e.g. the test language outside the product) is left out
        Iterator<CliCommand> found = ServiceLoader.load(CliCommand.class, CliCommand.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                CliCommand command = found.next();
                CommandSpec.forAnnotatedObject(command); // links the command's classes now
                commands.add(command);
            } catch (ServiceConfigurationError | LinkageError e) {
                // the iterator goes on with the next provider
            }
        }
        commands.sort(Comparator.comparing(c -> CommandSpec.forAnnotatedObject(c).name()));
        return commands;
    }
}
