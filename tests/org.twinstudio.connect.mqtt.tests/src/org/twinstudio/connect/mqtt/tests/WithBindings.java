package org.twinstudio.connect.mqtt.tests;

import java.util.List;

import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.ParameterInfo;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.SessionControl;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.Binding;

/** A running twin that also offers its model's bindings, as a host does through {@link TwinAccess#bindings()}. */
record WithBindings(TwinAccess twin, List<Binding> bindings) implements TwinAccess {

    @Override
    public String modelName() {
        return twin.modelName();
    }

    @Override
    public List<PortInfo> ports() {
        return twin.ports();
    }

    @Override
    public List<ParameterInfo> parameters() {
        return twin.parameters();
    }

    @Override
    public double value(int port) {
        return twin.value(port);
    }

    @Override
    public double time() {
        return twin.time();
    }

    @Override
    public long cycle() {
        return twin.cycle();
    }

    @Override
    public double cyclePeriod() {
        return twin.cyclePeriod();
    }

    @Override
    public void setInput(int port, double value) {
        twin.setInput(port, value);
    }

    @Override
    public void addCycleListener(CycleListener listener) {
        twin.addCycleListener(listener);
    }

    @Override
    public void removeCycleListener(CycleListener listener) {
        twin.removeCycleListener(listener);
    }

    @Override
    public SessionControl control() {
        return twin.control();
    }
}
