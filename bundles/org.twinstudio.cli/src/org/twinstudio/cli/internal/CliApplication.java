package org.twinstudio.cli.internal;

import java.util.Map;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.twinstudio.cli.Twinstudio;

/**
 * The command line as the Equinox application {@code org.twinstudio.cli.app}. The arguments Equinox does not consume
 * itself are the command line ({@code validate x.twin}); the command's exit code is returned as an {@link Integer},
 * which Equinox stores in {@code eclipse.exitcode} and the launcher passes to {@link System#exit} (unless it runs with
 * {@code -noExit}, which keeps the JVM alive and loses the code).
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        context.applicationRunning();
        Map<?, ?> arguments = context.getArguments();
        String[] args = arguments.get(IApplicationContext.APPLICATION_ARGS) instanceof String[] a ? a : new String[0];
        return Integer.valueOf(Twinstudio.execute(args));
    }

    @Override
    public void stop() {
        // Commands are short-lived and not interruptible; the framework shuts down after they return.
    }
}
