package org.twinstudio.connect;

/**
 * What a remote peer may do to a running twin besides writing inputs (the OPC UA server's methods, for one).
 * Implementations are thread-safe; a refused request throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} with a message fit for the peer.
 */
public interface SessionControl {

    /** Resumes stepping after {@link #stop()}. */
    void start();

    /** Pauses stepping; values stay readable and inputs writable. */
    void stop();

    boolean running();

    /** Restarts the simulation from time 0 with the model's start values; faults are cleared. */
    void reset();

    /**
     * Injects a fault in the notation of {@code twinstudio run --fault}: {@code TARGET=KIND[:ARG][@START[+DURATION]]},
     * e.g. {@code sensor.value=stuck:45}, {@code heater=fail}; without a start it acts from the next cycle.
     *
     * @return an id for the fault
     */
    long injectFault(String spec);

    /** Removes all faults. */
    void clearFaults();
}
