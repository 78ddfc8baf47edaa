package org.twinstudio.model.types;

import java.util.Objects;

import org.twinstudio.model.DataType;

/**
 * A parameter of a component type.
 *
 * @param defaultValue the value a new component gets; {@code null} makes the parameter required
 */
public record ParameterSpec(String name, DataType dataType, String unit, String defaultValue, String description) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
    }

    public boolean required() {
        return defaultValue == null;
    }
}
