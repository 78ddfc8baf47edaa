package org.twinstudio.fmi.sim;

import java.util.Arrays;
import java.util.List;

import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance.EventInfo;
import org.twinstudio.fmi.FmuInstance.IntegratorStep;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.ModelDescription.Unknown;
import org.twinstudio.fmi.Variable;

/**
 * A model-exchange FMU as a component: the master integrates the FMU's continuous states x with
 * dx/dt = f(t, x, u) from getDerivatives; outputs y = g(t, x, u) come from get after setTime,
 * setContinuousStates and setting the inputs (each call only when its value changed). Output o depends on input i
 * when the ModelStructure lists i among o's dependencies (all inputs when it gives none).
 * <p>
 * Events: the FMU's event indicators z(t, x, u) are the behaviour's; {@link #handleEvent} runs enterEventMode, the
 * newDiscreteStates iteration until no new discrete states are needed (at most {@value #MAX_EVENT_ITERATIONS}),
 * enterContinuousTimeMode, and re-reads the states when the FMU changed them; it reports a change when the states or
 * any output of the component changed. The next time event is the FMU's nextEventTime. The master locates state
 * events on the indicators, ends its steps exactly at time events and calls {@link #handleEvent} once per round of
 * event iteration; the behaviour never detects an event itself.
 * <p>
 * After every accepted step completedIntegratorStep is called (unless the FMU declares it not needed). When the FMU
 * asks for event mode there, the behaviour handles the event itself only if it is a <em>step event</em> (e.g. a
 * change of dynamic state selection): it has no indicator and no time, so the master cannot see it, and the FMU
 * must not go on integrating before it is handled; the master then re-evaluates outputs and indicators. When the
 * request comes with a time event due at that instant, or with an indicator that changed sign since the previous
 * step (some FMUs ask for those too), the master's own event handling follows at once and the request is left to
 * it, so that no event is handled twice. Comparing signs needs the indicators at every step end (one more
 * getEventIndicators per step, only for FMUs with indicators).
 */
final class ModelExchangeBehaviour extends FmuBehaviour {

    static final int MAX_EVENT_ITERATIONS = 100;

    private final ModelDescription md;
    private final List<String> stateNames;
    private final int stateCount;
    private final int indicatorCount;
    private final boolean[][] dependsOn;
    private double currentTime = Double.NaN;
    private final double[] currentStates;
    private double[] currentInputs;
    private final double[] outputsBefore;
    private final double[] outputsAfter;
    private final boolean completedStepNeeded;
    /** The event indicators at the end of the last accepted step or event, and at this step's end. */
    private final double[] lastIndicators;
    private final double[] indicatorsNow;
    private boolean nextEventDefined;
    private double nextEventTime = Double.POSITIVE_INFINITY;

    ModelExchangeBehaviour(FmuBinding binding) {
        super(binding);
        md = binding.fmu.modelDescription();
        stateNames = md.states().stream().map(Variable::name).toList();
        stateCount = stateNames.size();
        indicatorCount = md.numberOfEventIndicators();
        currentStates = new double[stateCount];
        lastIndicators = new double[indicatorCount];
        indicatorsNow = new double[indicatorCount];
        completedStepNeeded = !md.capabilities(FmuKind.MODEL_EXCHANGE).orElseThrow().completedIntegratorStepNotNeeded();
        outputsBefore = new double[binding.outputs.variables.size()];
        outputsAfter = new double[binding.outputs.variables.size()];
        List<Variable> ins = binding.inputs.variables;
        List<Variable> outs = binding.outputs.variables;
        dependsOn = new boolean[outs.size()][ins.size()];
        for (int o = 0; o < outs.size(); o++) {
            Unknown u = md.output(outs.get(o).index()).orElse(null);
            for (int i = 0; i < ins.size(); i++) {
                dependsOn[o][i] = u == null || u.dependsOn(ins.get(i).index());
            }
        }
    }

    @Override
    public List<String> stateNames() {
        return stateNames;
    }

    @Override
    public void initialize(double[] inputs, double[] states) {
        if (instance == null) {
            instantiate(FmuKind.MODEL_EXCHANGE, inputs);
            currentInputs = inputs.clone();
            iterateEvents(0);
            instance.enterContinuousTimeMode();
            currentTime = 0;
        } else {
            prepare(0, inputs, null);
        }
        instance.getContinuousStates(states);
        System.arraycopy(states, 0, currentStates, 0, stateCount);
        rememberIndicators();
    }

    private void rememberIndicators() {
        if (indicatorCount > 0 && completedStepNeeded) {
            instance.getEventIndicators(lastIndicators);
        }
    }

    /** Brings time, states (unless null) and inputs of the FMU to the given values, calling only what changed. */
    private void prepare(double time, double[] inputs, double[] states) {
        if (time != currentTime) {
            instance.setTime(time);
            currentTime = time;
        }
        if (states != null && stateCount > 0 && !Arrays.equals(states, 0, stateCount, currentStates, 0, stateCount)) {
            instance.setContinuousStates(states);
            System.arraycopy(states, 0, currentStates, 0, stateCount);
        }
        if (!Arrays.equals(inputs, currentInputs)) {
            binding.inputs.write(instance, inputs);
            System.arraycopy(inputs, 0, currentInputs, 0, inputs.length);
        }
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        for (boolean d : dependsOn[outputIndex]) {
            if (d) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean dependsOn(int outputIndex, int inputIndex) {
        return dependsOn[outputIndex][inputIndex];
    }

    @Override
    public void outputs(double time, double[] inputs, double[] states, double[] outputs) {
        prepare(time, inputs, states);
        binding.outputs.read(instance, outputs);
    }

    @Override
    public void derivatives(double time, double[] inputs, double[] states, double[] derivatives) {
        prepare(time, inputs, states);
        instance.getDerivatives(derivatives);
    }

    @Override
    public int eventIndicatorCount() {
        return indicatorCount;
    }

    @Override
    public void eventIndicators(double time, double[] inputs, double[] states, double[] indicators) {
        prepare(time, inputs, states);
        instance.getEventIndicators(indicators);
    }

    @Override
    public double nextTimeEvent(double time) {
        return nextEventDefined && nextEventTime > time ? nextEventTime : Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean handleEvent(double time, double[] inputs, double[] states) {
        prepare(time, inputs, states);
        binding.outputs.read(instance, outputsBefore);
        instance.enterEventMode();
        boolean statesChanged = iterateEvents(time);
        instance.enterContinuousTimeMode();
        if (statesChanged) {
            instance.getContinuousStates(states);
            System.arraycopy(states, 0, currentStates, 0, stateCount);
        }
        binding.outputs.read(instance, outputsAfter);
        rememberIndicators();
        return statesChanged || !Arrays.equals(outputsBefore, outputsAfter);
    }

    /** The newDiscreteStates iteration; whether the continuous states changed (or discrete ones needed iterating). */
    private boolean iterateEvents(double time) {
        boolean changed = false;
        for (int i = 0; i < MAX_EVENT_ITERATIONS; i++) {
            EventInfo info = instance.newDiscreteStates();
            if (info.terminateSimulation()) {
                throw new FmuException(binding.fmu.file().getFileName() + ": instance '" + binding.component
                        + "' asked to terminate the simulation at t = " + time + " s");
            }
            changed |= info.valuesOfContinuousStatesChanged() || i > 0;
            nextEventDefined = info.nextEventTimeDefined();
            nextEventTime = nextEventDefined ? info.nextEventTime() : Double.POSITIVE_INFINITY;
            if (!info.newDiscreteStatesNeeded()) {
                return changed;
            }
        }
        throw new FmuException(binding.fmu.file().getFileName() + ": instance '" + binding.component
                + "' still needs new discrete states after " + MAX_EVENT_ITERATIONS + " event iterations at t = "
                + time + " s");
    }

    @Override
    public void stepCompleted(double time, double[] inputs, double[] states) {
        if (!completedStepNeeded) {
            return;
        }
        prepare(time, inputs, states);
        IntegratorStep step = instance.completedIntegratorStep();
        if (step.terminateSimulation()) {
            throw new FmuException(binding.fmu.file().getFileName() + ": instance '" + binding.component
                    + "' asked to terminate the simulation at t = " + time + " s");
        }
        boolean crossed = false;
        if (indicatorCount > 0) {
            instance.getEventIndicators(indicatorsNow);
            for (int k = 0; k < indicatorCount && !crossed; k++) {
                crossed = crossed(lastIndicators[k], indicatorsNow[k]);
            }
            System.arraycopy(indicatorsNow, 0, lastIndicators, 0, indicatorCount);
        }
        boolean timeEventDue = nextEventDefined && time >= nextEventTime;
        if (step.enterEventMode() && !timeEventDue && !crossed) {
            handleEvent(time, inputs, states);
        }
    }

    /** A sign change, counting a move onto zero from either side (FMI: z crosses or reaches 0). */
    static boolean crossed(double before, double after) {
        return (before > 0 && after <= 0) || (before < 0 && after >= 0);
    }
}
