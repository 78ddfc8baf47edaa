package org.twinstudio.connect;

/**
 * Told after each cycle of a running twin has published its port values. Runs on the session's thread, so it must
 * return quickly: copy what it needs and hand any I/O to its own thread.
 */
@FunctionalInterface
public interface CycleListener {

    void cycleCompleted(long cycle, double time);
}
