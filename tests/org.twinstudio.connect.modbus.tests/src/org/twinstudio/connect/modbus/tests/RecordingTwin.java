package org.twinstudio.connect.modbus.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.ParameterInfo;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.SessionControl;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.Binding;

/** A twin seen through a recorder: every accepted {@code setInput} is logged in order; bindings are offered. */
final class RecordingTwin implements TwinAccess {

    record Write(String path, double value) {
    }

    private final TwinAccess twin;
    private final List<Binding> bindings;
    final List<Write> writes = new CopyOnWriteArrayList<>();

    RecordingTwin(TwinAccess twin, List<? extends Binding> bindings) {
        this.twin = twin;
        this.bindings = List.copyOf(bindings);
    }

    List<Double> valuesWritten(String path) {
        return writes.stream().filter(w -> w.path().equals(path)).map(Write::value).toList();
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

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
        writes.add(new Write(twin.ports().get(port).path(), value));
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
