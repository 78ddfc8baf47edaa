package org.twinstudio.ui.internal.run;

/**
 * Thrown from the simulation listener to stop a run the user cancelled; the simulation has no cancel hook of its own,
 * so the run unwinds through this exception and the job reports it as cancelled.
 */
public final class SimulationCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationCancelledException(long step, double time) {
        super("simulation cancelled at step " + step + ", t = " + time + " s", null, false, false);
    }

    /** Whether {@code error} or one of its causes is a cancellation (a runner may wrap listener exceptions). */
    public static boolean isCancellation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SimulationCancelledException) {
                return true;
            }
        }
        return false;
    }
}
