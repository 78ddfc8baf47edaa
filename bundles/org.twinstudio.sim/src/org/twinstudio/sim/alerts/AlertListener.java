package org.twinstudio.sim.alerts;

/** Told about every alert raised or cleared, in time order, on the thread that evaluates the rules. */
@FunctionalInterface
public interface AlertListener {

    void alertChanged(AlertEvent event);
}
