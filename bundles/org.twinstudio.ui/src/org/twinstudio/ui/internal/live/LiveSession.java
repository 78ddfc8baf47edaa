package org.twinstudio.ui.internal.live;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IFile;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/**
 * One live run of a {@code .twin} file in the workbench: the {@link TwinSession} (once started), the protocol servers
 * exposing it (SERVE) and where it stands. Created by {@link LiveSessions#start}, driven by its
 * {@link LiveSessionJob}; read from any thread.
 */
public final class LiveSession {

    /** Where a live session stands in the workbench. */
    public enum Phase {
        /** Building the simulation, starting connectors or servers. */
        STARTING,
        RUNNING,
        /** Paused by a peer (SessionControl stop). */
        PAUSED,
        /** Stop asked; servers and connectors closing. */
        STOPPING,
        /** Stopped or reached its duration. */
        ENDED,
        /** Could not start, or the twin failed while running; {@link #failure()} says why. */
        FAILED
    }

    private final IFile file;
    private final SessionOptions.Mode mode;
    private final List<ServeSettings.ServerRequest> serverRequests;
    private final String host;
    private final double realtimeFactor;
    private final int realtimePriority;
    private final Instant created = Instant.now();
    private final List<TwinServer> servers = new CopyOnWriteArrayList<>();
    private volatile TwinSession twin;
    private volatile Phase phase = Phase.STARTING;
    private volatile String failure;
    private volatile LiveSessionJob job;

    LiveSession(IFile file, SessionOptions.Mode mode, List<ServeSettings.ServerRequest> serverRequests, String host,
            double realtimeFactor, int realtimePriority) {
        this.realtimePriority = realtimePriority;
        this.file = file;
        this.mode = mode;
        this.serverRequests = List.copyOf(serverRequests);
        this.host = host;
        this.realtimeFactor = realtimeFactor;
    }

    public IFile file() {
        return file;
    }

    public SessionOptions.Mode mode() {
        return mode;
    }

    /** The servers asked for (SERVE; empty for HIL). */
    public List<ServeSettings.ServerRequest> serverRequests() {
        return serverRequests;
    }

    /** Where the servers listen. */
    public String host() {
        return host;
    }

    /** The cycle thread's SCHED_FIFO priority asked for, 0 for none. */
    public int realtimePriority() {
        return realtimePriority;
    }

    public double realtimeFactor() {
        return realtimeFactor;
    }

    public Instant created() {
        return created;
    }

    /** The running twin, or null before it started (or when it could not start). */
    public TwinSession twin() {
        return twin;
    }

    /** The servers started so far (SERVE); they stay listed after the end with their last status. */
    public List<TwinServer> servers() {
        return List.copyOf(servers);
    }

    /**
     * The phase, with a running twin's own state folded in: a twin paused by a peer is PAUSED, one that failed on
     * its own thread FAILED even before the job has noticed.
     */
    public Phase phase() {
        Phase p = phase;
        TwinSession t = twin;
        if ((p == Phase.RUNNING || p == Phase.PAUSED) && t != null) {
            return switch (t.state()) {
                case PAUSED -> Phase.PAUSED;
                case FAILED -> Phase.FAILED;
                case ENDED -> Phase.ENDED;
                default -> Phase.RUNNING;
            };
        }
        return p;
    }

    /** True while starting or running (also paused): the file has a live session. */
    public boolean isLive() {
        Phase p = phase;
        return p == Phase.STARTING || p == Phase.RUNNING || p == Phase.PAUSED || p == Phase.STOPPING;
    }

    /** Why the session failed, or null. */
    public String failure() {
        String f = failure;
        if (f == null && twin != null && twin.failure() != null) {
            return twin.failure().getMessage();
        }
        return f;
    }

    public LiveSessionJob job() {
        return job;
    }

    /** Stops the session: cancels its job, which closes the servers and the twin. */
    public void stop() {
        LiveSessionJob j = job;
        if (j != null) {
            j.cancel();
        }
    }

    void attach(LiveSessionJob j) {
        this.job = j;
    }

    void started(TwinSession t) {
        this.twin = t;
    }

    void serverStarted(TwinServer server) {
        servers.add(server);
    }

    void phase(Phase p) {
        this.phase = p;
    }

    void failed(String why) {
        this.failure = why;
        this.phase = Phase.FAILED;
    }

    @Override
    public String toString() {
        return file.getFullPath() + " (" + mode + ", " + phase() + ")";
    }
}
