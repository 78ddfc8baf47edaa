package org.twinstudio.model.types;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;

/** What a component type looks like: its ports, parameters, units and icon. Behaviour is registered elsewhere. */
public final class ComponentTypeDescriptor {

    private final String id;
    private final String label;
    private final String category;
    private final String description;
    private final URL icon;
    private final boolean dynamicPorts;
    private final boolean dynamicParameters;
    private final List<PortSpec> ports;
    private final List<ParameterSpec> parameters;

    private ComponentTypeDescriptor(Builder b) {
        this.id = b.id;
        this.label = b.label == null ? b.id : b.label;
        this.category = b.category == null ? "General" : b.category;
        this.description = b.description == null ? "" : b.description;
        this.icon = b.icon;
        this.dynamicPorts = b.dynamicPorts;
        this.dynamicParameters = b.dynamicParameters;
        this.ports = List.copyOf(b.ports);
        this.parameters = List.copyOf(b.parameters);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The id that {@code Component.type} refers to. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String category() {
        return category;
    }

    public String description() {
        return description;
    }

    /** A 16x16 PNG, or {@code null}. */
    public URL icon() {
        return icon;
    }

    /** Whether components of this type define their own ports (e.g. from an FMU's model description). */
    public boolean dynamicPorts() {
        return dynamicPorts;
    }

    /**
     * Whether components of this type may carry parameters beyond the declared ones, whose names only the component's
     * implementation knows (e.g. an FMU's parameters, checked against its model description when it is simulated).
     */
    public boolean dynamicParameters() {
        return dynamicParameters;
    }

    public List<PortSpec> ports() {
        return ports;
    }

    public List<ParameterSpec> parameters() {
        return parameters;
    }

    public Optional<PortSpec> port(String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ParameterSpec> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** A new component of this type with all its ports and the parameters' default values. */
    public Component instantiate(String name) {
        TwinFactory f = TwinFactory.eINSTANCE;
        Component c = f.createComponent();
        c.setName(name);
        c.setType(id);
        for (ParameterSpec spec : parameters) {
            Parameter p = f.createParameter();
            p.setName(spec.name());
            p.setValue(spec.defaultValue() == null ? "" : spec.defaultValue());
            p.setUnit(spec.unit());
            c.getParameters().add(p);
        }
        for (PortSpec spec : ports) {
            Port p = f.createPort();
            p.setName(spec.name());
            p.setDirection(spec.direction());
            p.setDataType(spec.dataType());
            p.setUnit(spec.unit() == null ? "" : spec.unit());
            p.setStart(spec.start());
            c.getPorts().add(p);
        }
        return c;
    }

    @Override
    public String toString() {
        return "ComponentType[" + id + "]";
    }

    /** Fluent construction of a descriptor. */
    public static final class Builder {
        private final String id;
        private String label;
        private String category;
        private String description;
        private URL icon;
        private boolean dynamicPorts;
        private boolean dynamicParameters;
        private final List<PortSpec> ports = new ArrayList<>();
        private final List<ParameterSpec> parameters = new ArrayList<>();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder icon(URL icon) {
            this.icon = icon;
            return this;
        }

        public Builder dynamicPorts() {
            this.dynamicPorts = true;
            return this;
        }

        /** Components may set parameters the descriptor does not declare (see {@link #dynamicParameters()}). */
        public Builder dynamicParameters() {
            this.dynamicParameters = true;
            return this;
        }

        public Builder input(String name, DataType type, String unit, String start, String description) {
            ports.add(new PortSpec(name, PortDirection.IN, type, unit, start, description));
            return this;
        }

        public Builder output(String name, DataType type, String unit, String start, String description) {
            ports.add(new PortSpec(name, PortDirection.OUT, type, unit, start, description));
            return this;
        }

        public Builder parameter(String name, DataType type, String unit, String defaultValue, String description) {
            parameters.add(new ParameterSpec(name, type, unit, defaultValue, description));
            return this;
        }

        /** A text parameter that takes one of {@code choices}; the default must be one of them. */
        public Builder choice(String name, String defaultValue, String description, String... choices) {
            if (!List.of(choices).contains(defaultValue)) {
                throw new IllegalArgumentException("default '" + defaultValue + "' of '" + name + "' is not a choice");
            }
            parameters.add(new ParameterSpec(name, DataType.STRING, "", defaultValue, description, List.of(choices)));
            return this;
        }

        public ComponentTypeDescriptor build() {
            return new ComponentTypeDescriptor(this);
        }
    }
}
