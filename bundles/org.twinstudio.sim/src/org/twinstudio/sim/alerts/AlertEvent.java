package org.twinstudio.sim.alerts;

import org.twinstudio.model.Severity;

/**
 * An alert rule changing state: raised or cleared at {@code time} (seconds), with the value that decided it (the
 * signal, or its rate of change for rate rules) in the rule's unit.
 */
public record AlertEvent(String rule, Kind kind, double time, double value, Severity severity, String message) {

    public enum Kind {
        RAISED, CLEARED
    }
}
