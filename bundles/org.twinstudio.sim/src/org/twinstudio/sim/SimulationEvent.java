package org.twinstudio.sim;

import java.util.List;

/**
 * An event the master handled: when, what kind, and which components caused it (the behaviours whose indicator
 * crossed zero, that announced the time event, or whose input was set).
 */
public record SimulationEvent(double time, Kind kind, List<String> components) {

    /** What triggered the event. */
    public enum Kind {
        /** An event indicator changed sign; the time is the located crossing. */
        STATE,
        /** A behaviour announced this instant with {@code nextTimeEvent}. */
        TIME,
        /** An unconnected input was set from outside through a {@link Simulation.Session}. */
        INPUT
    }

    public SimulationEvent {
        components = List.copyOf(components);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " event at t = " + time + " s from " + String.join(", ", components);
    }
}
