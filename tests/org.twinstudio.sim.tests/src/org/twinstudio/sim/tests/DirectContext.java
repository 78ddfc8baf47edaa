package org.twinstudio.sim.tests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.twinstudio.model.Component;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ParameterSpec;
import org.twinstudio.model.types.PortSpec;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.BehaviourRegistry;
import org.twinstudio.sim.ComponentBehaviour;

/**
 * Creates a built-in behaviour outside a simulation, to drive its event API step by step. Parameters are given in
 * the descriptor's units (no conversion); ports are indexed as the master does (descriptor order, inputs and
 * outputs apart).
 */
final class DirectContext implements BehaviourContext {

    private final ComponentTypeDescriptor type;
    private final Map<String, String> parameters = new HashMap<>();
    private final List<String> inputs;
    private final List<String> outputs;

    private DirectContext(String typeId) {
        type = StepSource.types().find(typeId).orElseThrow();
        inputs = type.ports().stream().filter(p -> p.direction() == PortDirection.IN).map(PortSpec::name).toList();
        outputs = type.ports().stream().filter(p -> p.direction() == PortDirection.OUT).map(PortSpec::name).toList();
    }

    static DirectContext of(String typeId) {
        return new DirectContext(typeId);
    }

    DirectContext with(String parameter, String value) {
        parameters.put(parameter, value);
        return this;
    }

    ComponentBehaviour create() {
        return BehaviourRegistry.builtins().find(type.id()).orElseThrow().create(this);
    }

    int inputs() {
        return inputs.size();
    }

    int outputs() {
        return outputs.size();
    }

    @Override
    public String componentName() {
        return "direct";
    }

    @Override
    public double parameter(String name) {
        return Double.parseDouble(stringParameter(name).strip());
    }

    @Override
    public int inputIndex(String port) {
        return inputs.indexOf(port);
    }

    @Override
    public int outputIndex(String port) {
        return outputs.indexOf(port);
    }

    @Override
    public double outputStart(String port) {
        return Double.NaN;
    }

    @Override
    public String stringParameter(String name) {
        String v = parameters.get(name);
        return v != null ? v : type.parameter(name).map(ParameterSpec::defaultValue).orElseThrow();
    }

    @Override
    public Component component() {
        return null;
    }

    @Override
    public Path modelFile() {
        return null;
    }

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(1);
    }
}
