package org.twinstudio.fmi;

import java.util.List;

/**
 * One instance of an FMU, FMI 2.0 or 3.0, co-simulation or model exchange. Value references are unsigned 32-bit
 * integers held in {@code int}s. Calls follow the FMI state machine: {@link #enterInitializationMode},
 * set start values and inputs, {@link #exitInitializationMode}, then steps ({@link #doStep}) or the model-exchange
 * functions, finally {@link #terminate} and {@link #close}.
 * <p>
 * A status of Error or Fatal from the FMU throws an {@link FmuException} with the function, the instance and the
 * FMU's recent log messages; after Error the native instance is freed at once (after Fatal nothing more is called,
 * as the standard requires) and every further call fails. Discard is also reported as an exception
 * (the importer steps with fixed communication points and cannot retry with a smaller step). Warnings are logged.
 * Not thread-safe: one thread at a time per instance; different instances may run on different threads unless the
 * FMU says {@code canBeInstantiatedOnlyOncePerProcess}.
 */
public interface FmuInstance extends AutoCloseable {

    /** A message the FMU logged. */
    record LogMessage(String status, String category, String message) {

        @Override
        public String toString() {
            return "[" + status + (category == null || category.isEmpty() ? "" : "/" + category) + "] " + message;
        }
    }

    /** What an event iteration step returned (fmi2EventInfo / fmi3UpdateDiscreteStates). */
    record EventInfo(boolean newDiscreteStatesNeeded, boolean terminateSimulation,
            boolean nominalsOfContinuousStatesChanged, boolean valuesOfContinuousStatesChanged,
            boolean nextEventTimeDefined, double nextEventTime) {
    }

    /** What completedIntegratorStep returned. */
    record IntegratorStep(boolean enterEventMode, boolean terminateSimulation) {
    }

    String name();

    FmuKind kind();

    ModelDescription modelDescription();

    /** FMI 2.0: setupExperiment + enterInitializationMode; FMI 3.0: enterInitializationMode. NaN = not defined. */
    void enterInitializationMode(double tolerance, double startTime, double stopTime);

    void exitInitializationMode();

    void getReal(int[] valueReferences, double[] values);

    /**
     * A fixed list of Real (FMI 3.0: Float64) variables, exchanged in one native call per direction through a buffer
     * prepared once (value references written when it is made): no allocation and no copying of value references
     * per exchange. For the hot path of a simulation step.
     */
    interface RealValues {
        void get(double[] values);

        void set(double[] values);
    }

    /** Prepares the exchange of these Real variables; the object lives as long as the instance. */
    default RealValues reals(int[] valueReferences) {
        int[] refs = valueReferences.clone();
        return new RealValues() {
            @Override
            public void get(double[] values) {
                getReal(refs, values);
            }

            @Override
            public void set(double[] values) {
                setReal(refs, values);
            }
        };
    }

    void setReal(int[] valueReferences, double[] values);

    void getInteger(int[] valueReferences, int[] values);

    void setInteger(int[] valueReferences, int[] values);

    void getBoolean(int[] valueReferences, boolean[] values);

    void setBoolean(int[] valueReferences, boolean[] values);

    void getString(int[] valueReferences, String[] values);

    void setString(int[] valueReferences, String[] values);

    /** FMI 3.0 Float32 variables (fmi3GetFloat32). */
    default void getFloat32(int[] valueReferences, float[] values) {
        throw new FmuException(name() + ": Float32 variables exist only in FMI 3.0");
    }

    default void setFloat32(int[] valueReferences, float[] values) {
        throw new FmuException(name() + ": Float32 variables exist only in FMI 3.0");
    }

    /**
     * Integer variables of the given type ({@link ScalarType#isInteger()}): FMI 3.0 Int8 … UInt64 (Enumeration as
     * Int64), FMI 2.0 Integer and Enumeration as {@link ScalarType#INT32}. Values are widened to {@code long}
     * (sign- or zero-extended; UInt64 as its bit pattern).
     */
    default void getIntegers(ScalarType type, int[] valueReferences, long[] values) {
        if (type != ScalarType.INT32) {
            throw new FmuException(name() + ": " + type.fmi3Name() + " variables exist only in FMI 3.0");
        }
        int[] v = new int[values.length];
        getInteger(valueReferences, v);
        for (int i = 0; i < v.length; i++) {
            values[i] = v[i];
        }
    }

    /** Sets integer variables of the given type; a value outside the type's range is an IllegalArgumentException. */
    default void setIntegers(ScalarType type, int[] valueReferences, long[] values) {
        if (type != ScalarType.INT32) {
            throw new FmuException(name() + ": " + type.fmi3Name() + " variables exist only in FMI 3.0");
        }
        int[] v = new int[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.toIntExact(values[i]);
        }
        setInteger(valueReferences, v);
    }

    /** FMI 3.0 Binary variables: each value a byte string (copied out of the FMU's memory). */
    default void getBinary(int[] valueReferences, byte[][] values) {
        throw new FmuException(name() + ": Binary variables exist only in FMI 3.0");
    }

    default void setBinary(int[] valueReferences, byte[][] values) {
        throw new FmuException(name() + ": Binary variables exist only in FMI 3.0");
    }

    /** Co-simulation: advances from {@code time} by {@code stepSize}. */
    void doStep(double time, double stepSize);

    /** Model exchange. */
    void setTime(double time);

    void setContinuousStates(double[] states);

    void getContinuousStates(double[] states);

    void getDerivatives(double[] derivatives);

    void getEventIndicators(double[] indicators);

    void enterEventMode();

    /** One step of the event iteration: fmi2NewDiscreteStates / fmi3UpdateDiscreteStates. */
    EventInfo newDiscreteStates();

    void enterContinuousTimeMode();

    IntegratorStep completedIntegratorStep();

    void terminate();

    /** The FMU's recent log messages, oldest first (a bounded buffer). */
    List<LogMessage> recentLog();

    /** Frees the native instance (unless the FMU reported Fatal, after which the standard forbids any call). */
    @Override
    void close();
}
