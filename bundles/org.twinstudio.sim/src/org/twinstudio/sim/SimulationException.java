package org.twinstudio.sim;

/** A simulation that cannot be built or cannot go on; the message says what, where and (when running) when. */
public class SimulationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of problem this is; tools map it to exit codes or markers. */
    public enum Kind {
        /** The model cannot be simulated: validation errors, unknown types, missing behaviours, algebraic loops. */
        MODEL,
        /** The simulation started but failed: NaN or infinite values, a behaviour throwing. */
        RUNTIME
    }

    private final Kind kind;

    public SimulationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SimulationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
