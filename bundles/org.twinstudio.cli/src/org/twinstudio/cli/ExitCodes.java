package org.twinstudio.cli;

/** The exit codes of every {@code twinstudio} command. */
public final class ExitCodes {

    /** Success: every model is valid (warnings allowed unless {@code --werror}). */
    public static final int OK = 0;

    /**
     * At least one model has an error (or, with {@code --werror}, a warning); for {@code run} also a model that
     * cannot be simulated (unknown type, no behaviour, algebraic loop).
     */
    public static final int INVALID = 1;

    /** Wrong usage, or an argument that cannot be read at all (missing file, unreadable directory...). */
    public static final int USAGE = 2;

    /** A failure of Twinstudio itself (a bug or a broken installation), never a verdict on the input. */
    public static final int INTERNAL = 3;

    /** {@code run}: the model could be simulated but the simulation failed (NaN or infinite values, a behaviour failed). */
    public static final int SIMULATION_FAILED = 4;

    private ExitCodes() {
    }
}
