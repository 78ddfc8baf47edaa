package org.twinstudio.connect;

import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;

/**
 * One port of a running twin as connectors see it: {@code index} is its place in {@link TwinAccess#ports()} and the
 * key for {@link TwinAccess#value(int)} and {@link TwinAccess#setInput(int, double)}. {@code path} is
 * {@code component.port}, the name the model, the test language and the CLI use. {@code min} and {@code max} are
 * the engineering range when the component type declares one, else NaN.
 */
public record PortInfo(int index, String path, String component, String name, PortDirection direction,
        DataType dataType, String unit, double start, double min, double max, String description) {

    public boolean isInput() {
        return direction == PortDirection.IN;
    }

    public boolean hasRange() {
        return !Double.isNaN(min) && !Double.isNaN(max);
    }
}
