package org.twinstudio.model.types;

import java.util.List;
import java.util.Objects;

import org.twinstudio.model.DataType;

/**
 * A parameter of a component type.
 *
 * @param defaultValue the value a new component gets; {@code null} makes the parameter required
 * @param choices for text parameters with a fixed set of values (e.g. {@code linear}, {@code hold}), those values;
 *            empty when any value is allowed
 */
public record ParameterSpec(String name, DataType dataType, String unit, String defaultValue, String description,
        List<String> choices) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public ParameterSpec(String name, DataType dataType, String unit, String defaultValue, String description) {
        this(name, dataType, unit, defaultValue, description, List.of());
    }

    public boolean required() {
        return defaultValue == null;
    }
}
