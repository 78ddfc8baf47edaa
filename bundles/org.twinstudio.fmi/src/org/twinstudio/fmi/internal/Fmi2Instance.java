package org.twinstudio.fmi.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;

/**
 * An FMI 2.0 instance over the FMU's shared library.
 * <p>
 * fmi2CallbackFunctions: the logger is an upcall into {@link #logged}; allocateMemory and freeMemory point straight
 * at the C library's {@code calloc} and {@code free} (same contract, no transition into Java, safe from FMU-owned
 * threads); stepFinished is NULL (asynchronous doStep is not used); componentEnvironment is NULL (each instance has
 * its own logger stub). The logger is variadic in C: on x86-64 System V its arguments are expanded as
 * {@link CFormat} describes; elsewhere the message is shown as the FMU wrote it, format directives unexpanded.
 */
final class Fmi2Instance extends NativeInstance {

    /** fmi2EventInfo: five fmi2Booleans (int), then an fmi2Real at offset 24. */
    private static final long EVENT_INFO_SIZE = 32;
    private static final int STACK_SLOTS = 8;

    private static final FunctionDescriptor COMPONENT_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor ARRAY_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG,
            ADDRESS);
    private static final FunctionDescriptor VECTOR_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);

    /** The library's functions, looked up once per FMU and kind and shared by its instances. */
    static final class Api {
        final MethodHandle instantiate;
        final MethodHandle freeInstance;
        final MethodHandle setupExperiment;
        final MethodHandle enterInitializationMode;
        final MethodHandle exitInitializationMode;
        final MethodHandle terminate;
        final MethodHandle getReal;
        final MethodHandle setReal;
        final MethodHandle getInteger;
        final MethodHandle setInteger;
        final MethodHandle getBoolean;
        final MethodHandle setBoolean;
        final MethodHandle getString;
        final MethodHandle setString;
        final MethodHandle doStep;
        final MethodHandle setTime;
        final MethodHandle setContinuousStates;
        final MethodHandle getContinuousStates;
        final MethodHandle getDerivatives;
        final MethodHandle getEventIndicators;
        final MethodHandle enterEventMode;
        final MethodHandle newDiscreteStates;
        final MethodHandle enterContinuousTimeMode;
        final MethodHandle completedIntegratorStep;
        final MemorySegment calloc;
        final MemorySegment free;

        Api(NativeLibrary lib, FmuKind kind) {
            instantiate = lib.function("fmi2Instantiate", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                    ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
            freeInstance = lib.function("fmi2FreeInstance", FunctionDescriptor.ofVoid(ADDRESS));
            setupExperiment = lib.function("fmi2SetupExperiment", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                    JAVA_DOUBLE, JAVA_DOUBLE, JAVA_INT, JAVA_DOUBLE));
            enterInitializationMode = lib.function("fmi2EnterInitializationMode", COMPONENT_FN);
            exitInitializationMode = lib.function("fmi2ExitInitializationMode", COMPONENT_FN);
            terminate = lib.function("fmi2Terminate", COMPONENT_FN);
            getReal = lib.function("fmi2GetReal", ARRAY_FN);
            setReal = lib.function("fmi2SetReal", ARRAY_FN);
            getInteger = lib.function("fmi2GetInteger", ARRAY_FN);
            setInteger = lib.function("fmi2SetInteger", ARRAY_FN);
            getBoolean = lib.function("fmi2GetBoolean", ARRAY_FN);
            setBoolean = lib.function("fmi2SetBoolean", ARRAY_FN);
            getString = lib.function("fmi2GetString", ARRAY_FN);
            setString = lib.function("fmi2SetString", ARRAY_FN);
            boolean cs = kind == FmuKind.CO_SIMULATION;
            doStep = cs ? lib.function("fmi2DoStep", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE, JAVA_DOUBLE,
                    JAVA_INT)) : null;
            setTime = cs ? null : lib.function("fmi2SetTime", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE));
            setContinuousStates = cs ? null : lib.function("fmi2SetContinuousStates", VECTOR_FN);
            getContinuousStates = cs ? null : lib.function("fmi2GetContinuousStates", VECTOR_FN);
            getDerivatives = cs ? null : lib.function("fmi2GetDerivatives", VECTOR_FN);
            getEventIndicators = cs ? null : lib.function("fmi2GetEventIndicators", VECTOR_FN);
            enterEventMode = cs ? null : lib.function("fmi2EnterEventMode", COMPONENT_FN);
            newDiscreteStates = cs ? null : lib.function("fmi2NewDiscreteStates", FunctionDescriptor.of(JAVA_INT,
                    ADDRESS, ADDRESS));
            enterContinuousTimeMode = cs ? null : lib.function("fmi2EnterContinuousTimeMode", COMPONENT_FN);
            completedIntegratorStep = cs ? null : lib.function("fmi2CompletedIntegratorStep",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
            calloc = NativeLibrary.LINKER.defaultLookup().find("calloc").orElseThrow();
            free = NativeLibrary.LINKER.defaultLookup().find("free").orElseThrow();
        }
    }

    private static final MethodHandle LOGGER;
    private static final FunctionDescriptor LOGGER_DESCRIPTOR;
    private static final boolean EXPAND_ARGUMENTS = Platform.sysVAmd64()
            && !Boolean.getBoolean("twinstudio.fmi.rawLogMessages");

    static {
        try {
            List<MemoryLayout> params = new ArrayList<>(List.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
            MethodType type;
            if (EXPAND_ARGUMENTS) {
                params.add(JAVA_LONG); // r9
                for (int i = 0; i < 8; i++) {
                    params.add(JAVA_DOUBLE); // xmm0..7
                }
                for (int i = 0; i < STACK_SLOTS; i++) {
                    params.add(JAVA_LONG);
                }
                LOGGER_DESCRIPTOR = FunctionDescriptor.ofVoid(params.toArray(MemoryLayout[]::new));
                type = MethodType.methodType(void.class, Fmi2Instance.class, MemorySegment.class,
                        MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class, long.class,
                        double.class, double.class, double.class, double.class, double.class, double.class,
                        double.class, double.class, long.class, long.class, long.class, long.class, long.class,
                        long.class, long.class, long.class);
                LOGGER = MethodHandles.lookup().findVirtual(Fmi2Instance.class, "loggerExpanded",
                        type.dropParameterTypes(0, 1));
            } else {
                LOGGER_DESCRIPTOR = FunctionDescriptor.ofVoid(params.toArray(MemoryLayout[]::new));
                LOGGER = MethodHandles.lookup().findVirtual(Fmi2Instance.class, "logger", MethodType.methodType(
                        void.class, MemorySegment.class, MemorySegment.class, int.class, MemorySegment.class,
                        MemorySegment.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Api api;

    Fmi2Instance(Api api, ModelDescription md, FmuKind kind, String name, String resourceUri, String owner,
            Runnable onClose) {
        super(name, kind, md, owner, onClose);
        this.api = api;
        try {
            MemorySegment loggerStub = NativeLibrary.LINKER.upcallStub(LOGGER.bindTo(this), LOGGER_DESCRIPTOR, arena);
            MemorySegment callbacks = arena.allocate(5 * ADDRESS.byteSize(), 8);
            callbacks.set(ADDRESS, 0, loggerStub);
            callbacks.set(ADDRESS, 8, api.calloc);
            callbacks.set(ADDRESS, 16, api.free);
            callbacks.set(ADDRESS, 24, MemorySegment.NULL);
            callbacks.set(ADDRESS, 32, MemorySegment.NULL);
            MemorySegment c = (MemorySegment) api.instantiate.invokeExact(arena.allocateFrom(name),
                    kind == FmuKind.CO_SIMULATION ? 1 : 0, arena.allocateFrom(md.instantiationToken()),
                    arena.allocateFrom(resourceUri), callbacks, 0, 0);
            if (c.address() == 0) {
                throw new FmuException(owner + ": fmi2Instantiate of '" + name + "' (" + kind + ") returned NULL"
                        + recentLogText());
            }
            component = c;
            LIVE.incrementAndGet();
        } catch (RuntimeException | Error e) {
            failed = true;
            close();
            throw e;
        } catch (Throwable t) {
            failed = true;
            close();
            throw new FmuException(owner + ": fmi2Instantiate failed: " + t, t);
        }
    }

    @SuppressWarnings("unused") // upcall target
    private void logger(MemorySegment env, MemorySegment instanceName, int status, MemorySegment category,
            MemorySegment message) {
        try {
            logged(status, CFormat.cString(category), CFormat.cString(message));
        } catch (Throwable ignored) {
            // an exception must never unwind into native code
        }
    }

    @SuppressWarnings("unused") // upcall target
    private void loggerExpanded(MemorySegment env, MemorySegment instanceName, int status, MemorySegment category,
            MemorySegment message, long r9, double x0, double x1, double x2, double x3, double x4, double x5,
            double x6, double x7, long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7) {
        try {
            String format = CFormat.cString(message);
            String text = format == null ? null
                    : CFormat.format(format, new CFormat.Args(new long[] { r9 },
                            new double[] { x0, x1, x2, x3, x4, x5, x6, x7 },
                            new long[] { s0, s1, s2, s3, s4, s5, s6, s7 }));
            logged(status, CFormat.cString(category), text);
        } catch (Throwable ignored) {
            // an exception must never unwind into native code
        }
    }

    @Override
    public void enterInitializationMode(double tolerance, double startTime, double stopTime) {
        checkUsable("fmi2SetupExperiment");
        try {
            int status = (int) api.setupExperiment.invokeExact(component, Double.isNaN(tolerance) ? 0 : 1,
                    Double.isNaN(tolerance) ? 0.0 : tolerance, startTime, Double.isNaN(stopTime) ? 0 : 1,
                    Double.isNaN(stopTime) ? 0.0 : stopTime);
            check(status, "fmi2SetupExperiment");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi2SetupExperiment");
        }
        call0(api.enterInitializationMode, "fmi2EnterInitializationMode");
    }

    @Override
    public void exitInitializationMode() {
        call0(api.exitInitializationMode, "fmi2ExitInitializationMode");
    }

    private void array(MethodHandle h, String function, int[] refs, MemorySegment buffer) {
        checkUsable(function);
        try {
            int status = (int) h.invokeExact(component, buffer, (long) refs.length,
                    buffer.asSlice(valuesOffset(refs.length)));
            check(status, function);
        } catch (Throwable t) {
            throw wrapCall(t, function);
        }
    }

    @Override
    int getRealRaw(MemorySegment refs, long count, MemorySegment values) throws Throwable {
        return (int) api.getReal.invokeExact(component, refs, count, values);
    }

    @Override
    int setRealRaw(MemorySegment refs, long count, MemorySegment values) throws Throwable {
        return (int) api.setReal.invokeExact(component, refs, count, values);
    }

    @Override
    String realFunction(boolean get) {
        return get ? "fmi2GetReal" : "fmi2SetReal";
    }

    @Override
    public void getReal(int[] refs, double[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 8L);
        array(api.getReal, "fmi2GetReal", refs, b);
        MemorySegment.copy(b, JAVA_DOUBLE, valuesOffset(refs.length), values, 0, values.length);
    }

    @Override
    public void setReal(int[] refs, double[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 8L);
        MemorySegment.copy(values, 0, b, JAVA_DOUBLE, valuesOffset(refs.length), values.length);
        array(api.setReal, "fmi2SetReal", refs, b);
    }

    @Override
    public void getInteger(int[] refs, int[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        array(api.getInteger, "fmi2GetInteger", refs, b);
        MemorySegment.copy(b, JAVA_INT, valuesOffset(refs.length), values, 0, values.length);
    }

    @Override
    public void setInteger(int[] refs, int[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        MemorySegment.copy(values, 0, b, JAVA_INT, valuesOffset(refs.length), values.length);
        array(api.setInteger, "fmi2SetInteger", refs, b);
    }

    @Override
    public void getBoolean(int[] refs, boolean[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        array(api.getBoolean, "fmi2GetBoolean", refs, b);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = b.get(JAVA_INT, off + 4L * i) != 0;
        }
    }

    @Override
    public void setBoolean(int[] refs, boolean[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            b.set(JAVA_INT, off + 4L * i, values[i] ? 1 : 0);
        }
        array(api.setBoolean, "fmi2SetBoolean", refs, b);
    }

    @Override
    public void getString(int[] refs, String[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * ADDRESS.byteSize());
        array(api.getString, "fmi2GetString", refs, b);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = CFormat.cString(b.get(ADDRESS, off + ADDRESS.byteSize() * i));
        }
    }

    @Override
    public void setString(int[] refs, String[] values) {
        sameLength(refs, values.length);
        try (var temp = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment b = refs(refs, values.length * ADDRESS.byteSize());
            long off = valuesOffset(refs.length);
            for (int i = 0; i < values.length; i++) {
                b.set(ADDRESS, off + ADDRESS.byteSize() * i,
                        values[i] == null ? MemorySegment.NULL : temp.allocateFrom(values[i]));
            }
            array(api.setString, "fmi2SetString", refs, b);
        }
    }

    @Override
    public void doStep(double time, double stepSize) {
        requireKind(FmuKind.CO_SIMULATION, "fmi2DoStep");
        checkUsable("fmi2DoStep");
        try {
            int status = (int) api.doStep.invokeExact(component, time, stepSize, 1);
            if (status != OK && status != WARNING) {
                check(status, "fmi2DoStep(t = " + time + " s, h = " + stepSize + " s)");
            }
        } catch (Throwable t) {
            throw wrapCall(t, "fmi2DoStep");
        }
    }

    @Override
    public void setTime(double time) {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi2SetTime");
        checkUsable("fmi2SetTime");
        try {
            check((int) api.setTime.invokeExact(component, time), "fmi2SetTime");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi2SetTime");
        }
    }

    @Override
    public void setContinuousStates(double[] states) {
        vector(api.setContinuousStates, "fmi2SetContinuousStates", states, true);
    }

    @Override
    public void getContinuousStates(double[] states) {
        vector(api.getContinuousStates, "fmi2GetContinuousStates", states, false);
    }

    @Override
    public void getDerivatives(double[] derivatives) {
        vector(api.getDerivatives, "fmi2GetDerivatives", derivatives, false);
    }

    @Override
    public void getEventIndicators(double[] indicators) {
        vector(api.getEventIndicators, "fmi2GetEventIndicators", indicators, false);
    }

    @Override
    public void enterEventMode() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi2EnterEventMode");
        call0(api.enterEventMode, "fmi2EnterEventMode");
    }

    @Override
    public EventInfo newDiscreteStates() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi2NewDiscreteStates");
        checkUsable("fmi2NewDiscreteStates");
        MemorySegment info = scratch(EVENT_INFO_SIZE);
        info.fill((byte) 0);
        try {
            check((int) api.newDiscreteStates.invokeExact(component, info), "fmi2NewDiscreteStates");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi2NewDiscreteStates");
        }
        return new EventInfo(info.get(JAVA_INT, 0) != 0, info.get(JAVA_INT, 4) != 0, info.get(JAVA_INT, 8) != 0,
                info.get(JAVA_INT, 12) != 0, info.get(JAVA_INT, 16) != 0, info.get(JAVA_DOUBLE, 24));
    }

    @Override
    public void enterContinuousTimeMode() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi2EnterContinuousTimeMode");
        call0(api.enterContinuousTimeMode, "fmi2EnterContinuousTimeMode");
    }

    @Override
    public IntegratorStep completedIntegratorStep() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi2CompletedIntegratorStep");
        checkUsable("fmi2CompletedIntegratorStep");
        MemorySegment flags = scratch(8);
        flags.fill((byte) 0);
        try {
            check((int) api.completedIntegratorStep.invokeExact(component, 1, flags, flags.asSlice(4)),
                    "fmi2CompletedIntegratorStep");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi2CompletedIntegratorStep");
        }
        return new IntegratorStep(flags.get(JAVA_INT, 0) != 0, flags.get(JAVA_INT, 4) != 0);
    }

    @Override
    public void terminate() {
        call0(api.terminate, "fmi2Terminate");
    }

    @Override
    void freeInstance() {
        try {
            api.freeInstance.invokeExact(component);
        } catch (Throwable t) {
            throw wrapCall(t, "fmi2FreeInstance");
        }
    }
}
