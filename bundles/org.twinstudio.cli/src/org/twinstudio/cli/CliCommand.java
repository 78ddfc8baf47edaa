package org.twinstudio.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand of the {@code twinstudio} command line (e.g. {@code validate}, {@code types}).
 * <p>
 * An implementation is a picocli {@code @Command} class with a public no-argument constructor whose
 * {@link #call()} returns one of the {@link ExitCodes}. It is found with {@link java.util.ServiceLoader}: list it in
 * {@code META-INF/services/org.twinstudio.cli.CliCommand} of this bundle. Adding a command therefore means adding a
 * class and a line there; no existing command changes. A command writes its output to
 * {@code spec.commandLine().getOut()} and messages to {@code getErr()} (inject the spec with picocli's
 * {@code @Spec}), never to {@link System#out}.
 */
public interface CliCommand extends Callable<Integer> {
}
