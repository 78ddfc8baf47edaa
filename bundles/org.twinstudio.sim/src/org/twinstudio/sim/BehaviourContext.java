package org.twinstudio.sim;

import java.nio.file.Path;
import java.util.random.RandomGenerator;

import org.twinstudio.model.Component;

/** What a behaviour may know about the component it animates when it is created. */
public interface BehaviourContext {

    /** The component's name in the model. */
    String componentName();

    /** A parameter's value in the unit of the type's parameter descriptor (model value converted, or the default). */
    double parameter(String name);

    /** Index of an input port among the inputs, or -1. */
    int inputIndex(String port);

    /** Index of an output port among the outputs, or -1. */
    int outputIndex(String port);

    /** Start value of an output port (model start, else descriptor start) in the descriptor's unit, or NaN if none. */
    double outputStart(String port);

    /** A parameter's text as written in the model (else the type's default), for string parameters such as paths. */
    String stringParameter(String name);

    /** The component in the model, e.g. for types whose ports the model declares. */
    Component component();

    /** The model's file when it was loaded from one (relative paths in parameters resolve against it), else null. */
    Path modelFile();

    /** A random generator seeded from the simulation seed and the component name: runs repeat bit for bit. */
    RandomGenerator random();
}
