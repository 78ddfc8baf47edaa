package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.sim.SimulationException;

/**
 * {@code serve} with protocol servers: one {@link TwinSession} of the model in SERVE mode, and for each requested
 * protocol the server {@code Connectors.getDefault().server(protocol)} provides, serving that session. With
 * {@code --web --simulate} the diagram shows the same session's values.
 */
final class LiveServing {

    private LiveServing() {
    }

    /** Where servers keep state (certificates, trust lists) unless told otherwise. */
    static Path stateDirectory() {
        return Path.of(System.getProperty("user.home"), ".twinstudio");
    }

    static int serve(ServeCommand command, List<ServeCommand.ServerRequest> requests, StopSignal signal,
            PrintWriter out, PrintWriter err) throws Exception {
        Connectors connectors = Connectors.getDefault();
        List<TwinServerProvider> providers = new ArrayList<>();
        for (ServeCommand.ServerRequest r : requests) {
            Optional<TwinServerProvider> provider = connectors.server(r.protocol());
            if (provider.isEmpty()) {
                List<String> installed = connectors.serverProviders().stream().map(TwinServerProvider::protocol)
                        .distinct().toList();
                err.println("twinstudio serve: no server for protocol '" + r.protocol() + "' is installed"
                        + (installed.isEmpty() ? " (none is)" : " (installed: " + String.join(", ", installed) + ")"));
                return ExitCodes.INTERNAL;
            }
            providers.add(provider.get());
        }
        Path model = command.models.get(0);
        SessionOptions options = SessionOptions.serve().withRealtimeFactor(command.realtimeFactor);
        if (command.duration != null) {
            options = options.withDuration(command.duration * command.realtimeFactor);
        }
        TwinSession session;
        try {
            session = TwinSession.builder(model).options(options).start();
        } catch (SimulationException e) {
            err.println("twinstudio serve: cannot run " + model + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<TwinServer> started = new ArrayList<>();
        WebDiagramHost web = null;
        try {
            for (int i = 0; i < requests.size(); i++) {
                ServeCommand.ServerRequest r = requests.get(i);
                ServerOptions serverOptions = new ServerOptions(command.host, r.port(), r.target(), r.settings(),
                        Credentials.fromEnvironment(), stateDirectory());
                try {
                    TwinServer server = providers.get(i).serve(session, serverOptions);
                    started.add(server);
                    out.println(r.protocol() + " server: " + server.address());
                } catch (IOException | RuntimeException e) {
                    err.println("twinstudio serve: the " + r.protocol() + " server cannot start on " + command.host
                            + (r.target() != null ? " for " + r.target() : ":" + r.port()) + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                }
            }
            if (command.web) {
                try {
                    web = WebDiagramHost.start(command.models, 0, command.simulate ? session : null, out, err);
                } catch (NoClassDefFoundError e) {
                    err.println("twinstudio serve: the graphical editor is not available in this installation: "
                            + e.getMessage());
                    return ExitCodes.INTERNAL;
                }
            }
            out.println(String.format(Locale.ROOT, "Serving %s (%s) at %s x real time, a cycle every %s of simulated "
                    + "time, until Ctrl-C%s.", model, session.modelName(), number(command.realtimeFactor),
                    DurationOption.format(session.cyclePeriod()),
                    command.duration == null ? "" : " or for " + DurationOption.format(command.duration)));
            out.flush();
            signal.await(() -> session.state() == TwinSession.State.ENDED
                    || session.state() == TwinSession.State.FAILED);
        } finally {
            if (web != null) {
                web.close();
            }
            for (TwinServer server : started) {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    err.println("twinstudio serve: closing a server: " + e.getMessage());
                }
            }
            session.close();
        }
        if (session.state() == TwinSession.State.FAILED) {
            err.println("twinstudio serve: the twin failed at t = " + number(session.time()) + " s: "
                    + session.failure().getMessage());
            return ExitCodes.SIMULATION_FAILED;
        }
        err.println("twinstudio serve: stopped");
        return ExitCodes.OK;
    }

    static String number(double v) {
        return DurationOption.number(v);
    }
}
