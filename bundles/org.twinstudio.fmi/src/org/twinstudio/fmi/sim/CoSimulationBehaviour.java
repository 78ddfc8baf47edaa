package org.twinstudio.fmi.sim;

import org.twinstudio.fmi.FmuKind;

/**
 * A co-simulation FMU as a component. The FMU integrates itself between communication points, which are the
 * master's steps: at {@link #stepCompleted} for t = t<sub>k+1</sub> it calls doStep(t<sub>k</sub>,
 * t<sub>k+1</sub> − t<sub>k</sub>) with the inputs set at t<sub>k</sub> (held over the step), reads the outputs
 * and then sets the inputs u(t<sub>k+1</sub>) for the next step (only when they changed: an FMU keeps its inputs). Outputs are held between communication points,
 * so no output has direct feedthrough (a feedthrough FMU y = k·u therefore answers one step late:
 * y(t<sub>k+1</sub>) = k·u(t<sub>k</sub>)). No continuous states are exposed to the master.
 */
final class CoSimulationBehaviour extends FmuBehaviour {

    private final double[] held;
    private double lastTime;
    /** The inputs last given to the FMU: an FMU keeps input values until set again, so unchanged ones are not sent. */
    private double[] sentInputs;

    CoSimulationBehaviour(FmuBinding binding) {
        super(binding);
        held = new double[binding.outputs.variables.size()];
    }

    @Override
    public void initialize(double[] inputs, double[] states) {
        if (instance == null) {
            instantiate(FmuKind.CO_SIMULATION, inputs);
        } else {
            binding.inputs.write(instance, inputs);
        }
        sentInputs = inputs.clone();
        binding.outputs.read(instance, held);
        lastTime = 0;
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return false;
    }

    @Override
    public boolean dependsOn(int outputIndex, int inputIndex) {
        return false;
    }

    @Override
    public void outputs(double time, double[] inputs, double[] states, double[] outputs) {
        System.arraycopy(held, 0, outputs, 0, held.length);
    }

    @Override
    public void stepCompleted(double time, double[] inputs, double[] states) {
        double h = time - lastTime;
        if (h <= 0) {
            return;
        }
        instance.doStep(lastTime, h);
        binding.outputs.read(instance, held);
        if (!java.util.Arrays.equals(inputs, sentInputs)) {
            binding.inputs.write(instance, inputs);
            System.arraycopy(inputs, 0, sentInputs, 0, inputs.length);
        }
        lastTime = time;
    }
}
