package org.twinstudio.ui.internal.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IFile;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.ui.TwinstudioUi;

/**
 * The workbench's live sessions: at most one live (starting or running) session per {@code .twin} file; the last
 * session of each file stays listed after it ended, until the file is started again or the session is
 * {@link #remove removed}. Listeners hear of every new session and every phase change, on the thread where it
 * happened (the session's job or the UI thread).
 */
public final class LiveSessions {

    /** Told of a new session and each of its phase changes. */
    @FunctionalInterface
    public interface Listener {
        void changed(LiveSession session);
    }

    private static final LiveSessions DEFAULT = new LiveSessions();

    private final Map<IFile, LiveSession> byFile = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public static LiveSessions getDefault() {
        return DEFAULT;
    }

    /** The sessions listed, in start order: the live ones and the last ended one of each file. */
    public synchronized List<LiveSession> sessions() {
        return new ArrayList<>(byFile.values());
    }

    /** The file's live session, or null. */
    public synchronized LiveSession live(IFile file) {
        LiveSession s = byFile.get(file);
        return s != null && s.isLive() ? s : null;
    }

    /** The file's listed session, live or ended, or null. */
    public synchronized LiveSession latest(IFile file) {
        return byFile.get(file);
    }

    /**
     * Starts a live session of the file as a job (scheduled before this returns).
     *
     * @param servers the protocol servers to start, each through {@code Connectors.server(protocol)} (SERVE; empty
     *                for HIL)
     * @param host    where the servers listen
     * @throws IllegalStateException if the file already has a live session
     */
    public LiveSession start(IFile file, SessionOptions.Mode mode, List<ServeSettings.ServerRequest> servers,
            String host, double realtimeFactor) {
        return start(file, mode, servers, host, realtimeFactor, 0);
    }

    /** {@link #start(IFile, SessionOptions.Mode, List, String, double)} with the cycle thread at a SCHED_FIFO priority. */
    public LiveSession start(IFile file, SessionOptions.Mode mode, List<ServeSettings.ServerRequest> servers,
            String host, double realtimeFactor, int realtimePriority) {
        LiveSession session = new LiveSession(file, mode, servers, host, realtimeFactor, realtimePriority);
        LiveSessionJob job = new LiveSessionJob(session, this);
        session.attach(job);
        synchronized (this) {
            LiveSession running = live(file);
            if (running != null) {
                throw new IllegalStateException(file.getFullPath() + " is already live (" + running.mode()
                        + "): stop that session first");
            }
            byFile.remove(file); // the new one goes to the end of the list
            byFile.put(file, session);
        }
        fire(session);
        job.schedule();
        return session;
    }

    /** Removes an ended session from the list; a live one stays. */
    public void remove(LiveSession session) {
        synchronized (this) {
            if (session.isLive() || byFile.get(session.file()) != session) {
                return;
            }
            byFile.remove(session.file());
        }
        fire(session);
    }

    /**
     * Stops every live session and waits until their jobs have closed servers, connectors and twins, at most
     * {@code timeoutMillis}; returns whether all ended in time.
     */
    public boolean stopAll(long timeoutMillis) {
        List<LiveSession> live = sessions().stream().filter(LiveSession::isLive).toList();
        live.forEach(LiveSession::stop);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (LiveSession s : live) {
            LiveSessionJob job = s.job();
            long left = deadline - System.currentTimeMillis();
            if (job == null || left <= 0) {
                continue;
            }
            try {
                job.join(left, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (org.eclipse.core.runtime.OperationCanceledException e) {
                // the wait was cancelled: go on with the others
            }
        }
        return live.stream().noneMatch(LiveSession::isLive);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    void fire(LiveSession session) {
        for (Listener l : listeners) {
            try {
                l.changed(session);
            } catch (RuntimeException e) {
                TwinstudioUi.log("A live session listener failed", e);
            }
        }
    }
}
