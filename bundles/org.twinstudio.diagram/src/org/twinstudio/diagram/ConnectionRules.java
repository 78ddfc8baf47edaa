package org.twinstudio.diagram;

import java.util.Optional;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.types.PortSpec;
import org.twinstudio.model.units.TwinUnits;

/**
 * Whether a connection may be drawn, by the same rules the model validator enforces: it runs from an output port to
 * an input port of the same twin; the data types match (an integer may feed a real); the units are convertible
 * into each other (e.g. {@code degC} to {@code K}, not {@code m} to {@code %}); and the input is not driven yet, by
 * another connection or by a binding that reads from an endpoint. Each refusal is a sentence for the user.
 */
public final class ConnectionRules {

    private ConnectionRules() {
    }

    /** Whether {@code port} can start a connection: empty if so, else why not. */
    public static Optional<String> checkSource(Port port) {
        if (port == null) {
            return Optional.of("a connection starts at an output port");
        }
        if (port.getDirection() != PortDirection.OUT) {
            return Optional.of(name(port) + " is an input: a connection starts at an output port");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code source} may be connected to {@code target}: empty if so, else why not.
     *
     * @param replacing a connection being reconnected (it does not count as driving its own target), or {@code null}
     */
    public static Optional<String> check(Port source, Port target, Connection replacing) {
        Optional<String> sourceProblem = checkSource(source);
        if (sourceProblem.isPresent()) {
            return sourceProblem;
        }
        if (target == null) {
            return Optional.of("a connection ends at an input port");
        }
        String what = "cannot connect " + name(source) + " to " + name(target) + ": ";
        if (target.getDirection() != PortDirection.IN) {
            return Optional.of(what + name(target) + " is an output, a connection ends at an input port");
        }
        TwinModel model = source.getComponent() == null ? null : (TwinModel) EcoreUtil.getRootContainer(source);
        if (model == null || EcoreUtil.getRootContainer(target) != model) {
            return Optional.of(what + "the ports are not in the same twin");
        }
        if (!(source.getDataType() == target.getDataType()
                || (source.getDataType() == DataType.INTEGER && target.getDataType() == DataType.REAL))) {
            return Optional.of(what + "a " + source.getDataType().getLiteral() + " output cannot feed a "
                    + target.getDataType().getLiteral() + " input");
        }
        String from = unit(source);
        String to = unit(target);
        if (!TwinUnits.compatible(from, from)) {
            return Optional.of(what + "unknown unit '" + from + "' on " + name(source));
        }
        if (adoptsUnit(target)) {
            // It takes the source's unit, which must fit those its siblings already took (a PID compares its
            // measurement with its setpoint).
            Optional<Port> sibling = unitSibling(target);
            to = sibling.isPresent() ? unit(sibling.get()) : from;
        } else if (!TwinUnits.compatible(to, to)) {
            return Optional.of(what + "unknown unit '" + to + "' on " + name(target));
        }
        if (!TwinUnits.compatible(from, to)) {
            return Optional.of(what + "units '" + display(from) + "' and '" + display(to) + "' are incompatible");
        }
        for (Connection existing : model.getConnections()) {
            if (existing != replacing && existing.getTarget() == target) {
                return Optional.of(what + "input " + name(target) + " is already driven by " + name(existing.getSource()));
            }
        }
        for (Binding binding : model.getBindings()) {
            if (binding.getDirection() == BindingDirection.READ && binding.getPort() == target) {
                String endpoint = binding.getEndpoint() == null ? "?" : binding.getEndpoint().getName();
                return Optional.of(what + "input " + name(target) + " is already driven by endpoint '" + endpoint + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code target} takes the unit of the output connected to it: its component type leaves the unit to
     * the user (a PID's setpoint and measurement, say) and none is set yet. A new PID from the palette can then be
     * wired to a sensor in degC at once, and its measurement is in degC from then on.
     */
    public static boolean adoptsUnit(Port target) {
        if (target == null || !unit(target).isBlank() || target.getComponent() == null) {
            return false;
        }
        return ComponentTypeRegistry.getDefault().find(target.getComponent().getType())
                .flatMap(type -> type.port(target.getName())).map(PortSpec::anyUnit).orElse(false);
    }

    /** Another input of {@code target}'s component whose unit is also the user's choice and already set. */
    private static Optional<Port> unitSibling(Port target) {
        Component component = target.getComponent();
        return ComponentTypeRegistry.getDefault().find(component.getType()).flatMap(type -> component.getPorts().stream()
                .filter(p -> p != target && p.getDirection() == PortDirection.IN && !unit(p).isBlank())
                .filter(p -> type.port(p.getName()).map(PortSpec::anyUnit).orElse(false)).findFirst());
    }

    /** A port as the user writes it: {@code component.port}. */
    public static String name(Port port) {
        if (port == null) {
            return "?";
        }
        Component component = port.getComponent();
        return (component == null ? "?" : component.getName()) + "." + port.getName();
    }

    private static String unit(Port port) {
        return port.getUnit() == null ? "" : port.getUnit();
    }

    private static String display(String unit) {
        return unit.isBlank() ? "1" : unit;
    }
}
