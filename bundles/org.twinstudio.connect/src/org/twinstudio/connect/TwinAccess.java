package org.twinstudio.connect;

import java.util.List;
import java.util.OptionalInt;

import org.twinstudio.model.Binding;

/**
 * A running twin as servers and bindings see it, implemented by the live runtime. All methods are thread-safe:
 * values are those published by the last completed cycle (never a half-stepped state), and inputs written here are
 * applied before the next step, in the order written.
 */
public interface TwinAccess {

    String modelName();

    /** Every port of every component, in model order; the index of each is its {@link PortInfo#index()}. */
    List<PortInfo> ports();

    List<ParameterInfo> parameters();

    /**
     * The model's bindings, so a server can place ports where they say (a Modbus slave puts each port at its
     * binding's table and address); empty when the host has none to offer.
     */
    default List<Binding> bindings() {
        return List.of();
    }

    /** The index of the port {@code component.port}, if there is one. */
    default OptionalInt indexOf(String path) {
        for (PortInfo p : ports()) {
            if (p.path().equals(path)) {
                return OptionalInt.of(p.index());
            }
        }
        return OptionalInt.empty();
    }

    /** The port's value after the last completed cycle (booleans are 0 or 1). */
    double value(int port);

    /** Simulation time of the last completed cycle, in seconds. */
    double time();

    /** Number of completed cycles. */
    long cycle();

    /** Seconds of simulation time per cycle. */
    double cyclePeriod();

    /**
     * Sets an input port; it takes effect before the next step.
     *
     * @throws IllegalArgumentException if the port is not an input, is driven by a connection, or the value is not
     *                                  finite
     */
    void setInput(int port, double value);

    void addCycleListener(CycleListener listener);

    void removeCycleListener(CycleListener listener);

    SessionControl control();
}
