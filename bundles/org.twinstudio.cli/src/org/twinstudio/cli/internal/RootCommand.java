package org.twinstudio.cli.internal;

import java.util.concurrent.Callable;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.Twinstudio;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code twinstudio}: only dispatches to its subcommands. */
@Command(name = "twinstudio", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Twinstudio command line: work with digital twins of industrial machines without the IDE.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (validate: every model valid; warnings allowed unless --werror)",
                "1:at least one model has an error (with --werror: or a warning)",
                "2:usage error, or an argument that cannot be read at all",
                "3:internal error (a bug or a broken installation)" },
        footer = { "%nRun 'twinstudio COMMAND --help' for the options of a command." })
public final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a command there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("twinstudio: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code --version}: {@code Twinstudio <bundle version>}. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { "Twinstudio " + Twinstudio.version() };
        }
    }
}
