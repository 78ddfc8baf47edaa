package org.twinstudio.ui.internal.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.progress.IProgressConstants;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.live.TwinValuesPublisher;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.ui.TwinstudioUi;

/**
 * The job of one {@link LiveSession}: it lives as long as the session. It starts the {@link TwinSession} of the file
 * (SERVE or HIL), then (SERVE) the protocol servers asked for, and waits; cancelling the job (Stop Live Session, the
 * Progress view, the Connections view) closes the servers, then the twin, and ends it. A session that cannot start
 * or fails while running ends the job with an error status that says why; the session keeps that reason for the
 * Connections view. The workbench's error dialog is not raised (the view shows the failure where the session is).
 */
public final class LiveSessionJob extends Job {

    /** The family of all live session jobs. */
    public static final Object FAMILY = LiveSessionJob.class;

    /** Where servers keep state (certificates, trust lists), as the command line does. */
    static Path stateDirectory() {
        return Path.of(System.getProperty("user.home"), ".twinstudio");
    }

    private final LiveSession session;
    private final LiveSessions registry;
    private final CountDownLatch cancelled = new CountDownLatch(1);

    LiveSessionJob(LiveSession session, LiveSessions registry) {
        super(name(session));
        this.session = session;
        this.registry = registry;
        setUser(false);
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        setProperty(IProgressConstants.KEEP_PROPERTY, Boolean.TRUE);
        // cancelled before it ran: the session never started and must not stay "starting"
        addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                if (session.isLive()) {
                    session.phase(LiveSession.Phase.ENDED);
                    registry.fire(session);
                }
            }
        });
    }

    private static String name(LiveSession s) {
        return (s.mode() == SessionOptions.Mode.SERVE ? "Serving " : "HIL loop of ") + s.file().getFullPath();
    }

    public LiveSession session() {
        return session;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected void canceling() {
        cancelled.countDown();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        String what = session.file().getFullPath().toString();
        TwinSession twin = null;
        TwinValuesPublisher toDiagrams = null;
        List<TwinServer> servers = new ArrayList<>();
        try {
            List<TwinServerProvider> providers = new ArrayList<>();
            List<ServeSettings.ServerRequest> requests = session.serverRequests();
            Connectors connectors = Connectors.getDefault();
            for (ServeSettings.ServerRequest r : requests) {
                TwinServerProvider provider = connectors.server(r.protocol()).orElse(null);
                if (provider == null) {
                    List<String> installed = connectors.serverProviders().stream().map(TwinServerProvider::protocol)
                            .distinct().toList();
                    return fail("Cannot serve " + what + ": no " + r.label() + " server (protocol '" + r.protocol()
                            + "') is installed" + (installed.isEmpty() ? "; none is"
                                    : "; installed: " + String.join(", ", installed)));
                }
                providers.add(provider);
            }
            if (session.file().getLocation() == null) {
                return fail("Cannot run " + what + " live: it is not a local file");
            }
            SessionOptions options = (session.mode() == SessionOptions.Mode.SERVE ? SessionOptions.serve()
                    : SessionOptions.hil()).withRealtimeFactor(session.realtimeFactor())
                    .withRealtimePriority(session.realtimePriority());
            try {
                twin = TwinSession.builder(session.file().getLocation().toPath()).options(options).start();
            } catch (SimulationException e) {
                return fail("Cannot run " + what + " live (" + session.mode() + "): " + e.getMessage());
            }
            session.started(twin);
            // The diagrams showing the file show the session's values, as they do a simulation's.
            toDiagrams = TwinValuesPublisher.start(twin, session.file().getLocation().toPath().toUri().toString(),
                    LiveValues.getDefault());
            for (int i = 0; i < requests.size(); i++) {
                ServeSettings.ServerRequest r = requests.get(i);
                String host = session.host();
                ServerOptions serverOptions = new ServerOptions(host, r.port(), r.target(), java.util.Map.of(),
                        Credentials.fromEnvironment(), stateDirectory());
                try {
                    TwinServer server = providers.get(i).serve(twin, serverOptions);
                    servers.add(server);
                    session.serverStarted(server);
                } catch (IOException | RuntimeException e) {
                    return fail("Cannot serve " + what + ": the " + r.label() + " server cannot start "
                            + (r.target() != null ? "with broker " + r.target() : "on " + host + ":" + r.port())
                            + ": " + e.getMessage());
                }
            }
            session.phase(LiveSession.Phase.RUNNING);
            registry.fire(session);
            monitor.subTask(String.format(Locale.ROOT, "%s at %s x real time", session.mode(),
                    session.realtimeFactor()));
            while (!monitor.isCanceled()) {
                if (twin.awaitEnd(0, TimeUnit.MILLISECONDS)) {
                    break;
                }
                cancelled.await(200, TimeUnit.MILLISECONDS);
            }
            session.phase(LiveSession.Phase.STOPPING);
            registry.fire(session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            TwinstudioUi.log("Live session of " + what + " failed", e);
            return fail("The live session of " + what + " failed: " + e);
        } finally {
            if (toDiagrams != null) {
                toDiagrams.close();
            }
            close(servers, twin);
            monitor.done();
        }
        if (twin.state() == TwinSession.State.FAILED) {
            return fail("The twin " + what + " failed at t = " + twin.time() + " s: "
                    + (twin.failure() == null ? "unknown reason" : twin.failure().getMessage()));
        }
        session.phase(LiveSession.Phase.ENDED);
        registry.fire(session);
        return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    private IStatus fail(String why) {
        session.failed(why);
        registry.fire(session);
        return Status.error(why);
    }

    /** Servers first (peers are told the twin is going), then the twin and its connectors. */
    private static void close(List<TwinServer> servers, TwinSession twin) {
        for (TwinServer server : servers) {
            try {
                server.close();
            } catch (RuntimeException e) {
                TwinstudioUi.log("Closing the server at " + server.address(), e);
            }
        }
        if (twin != null) {
            twin.close();
        }
    }
}
