package org.twinstudio.model.types;

import java.util.Objects;

import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;

/**
 * A port that every component of a type has.
 *
 * @param unit the port's unit; empty for dimensionless, {@code null} when the user chooses it (e.g. a PID's
 *            setpoint and measurement may be in any unit)
 * @param start the start value, or {@code null}
 */
public record PortSpec(String name, PortDirection direction, DataType dataType, String unit, String start,
        String description) {

    public PortSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(dataType, "dataType");
    }

    /** Whether the user picks this port's unit. */
    public boolean anyUnit() {
        return unit == null;
    }
}
