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
     * Injects a fault into a component, in the test language's notation, e.g. {@code stuck(45)}, {@code drift(0.1)},
     * {@code noise(0.5)}, {@code offset(-2)}, {@code fail}; effective from the next cycle.
     */
    void injectFault(String component, String fault);

    /** Removes all faults. */
    void clearFaults();
}
