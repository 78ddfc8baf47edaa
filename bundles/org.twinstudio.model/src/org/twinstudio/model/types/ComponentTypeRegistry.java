package org.twinstudio.model.types;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** TEMPORARY stand-in until the model API lands on main. */
public final class ComponentTypeRegistry {
    private static final ComponentTypeRegistry DEFAULT = new ComponentTypeRegistry();
    private final List<ComponentTypeDescriptor> types = List.of(
            new ComponentTypeDescriptor("heater", "Heater", "Thermal", "Electric heater", null,
                    new String[] { "power" }, new String[] { "heatFlow" }),
            new ComponentTypeDescriptor("tank", "Tank", "Process", "Tank", null,
                    new String[] { "inflow", "heatFlow" }, new String[] { "level", "temperature" }),
            new ComponentTypeDescriptor("temperatureSensor", "Temperature sensor", "Sensors", "Sensor", null,
                    new String[] { "temperature" }, new String[] { "measurement" }));

    public static ComponentTypeRegistry getDefault() {
        return DEFAULT;
    }

    public Collection<ComponentTypeDescriptor> all() {
        return types;
    }

    public Optional<ComponentTypeDescriptor> find(String id) {
        return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
