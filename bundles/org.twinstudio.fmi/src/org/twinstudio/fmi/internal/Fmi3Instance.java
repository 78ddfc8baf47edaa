package org.twinstudio.fmi.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.ScalarType;

/**
 * An FMI 3.0 instance over the FMU's shared library. The log callback is not variadic in FMI 3.0, so messages
 * arrive complete. Co-simulation instances are made without event mode and without early return, so after
 * exitInitializationMode they are in step mode. Integers are exchanged as Int32 (fmi3GetInt32/SetInt32), booleans
 * as C {@code bool}.
 */
final class Fmi3Instance extends NativeInstance {

    private static final FunctionDescriptor INSTANCE_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor ARRAY_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG,
            ADDRESS, JAVA_LONG);
    /** fmi3Get/SetBinary(instance, vrs, nvr, valueSizes, values, nValues). */
    private static final FunctionDescriptor BINARY_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG,
            ADDRESS, ADDRESS, JAVA_LONG);
    private static final FunctionDescriptor VECTOR_FN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    private static final FunctionDescriptor LOG_DESCRIPTOR = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS,
            ADDRESS);
    private static final MethodHandle LOG;

    static {
        try {
            LOG = MethodHandles.lookup().findVirtual(Fmi3Instance.class, "logMessage", MethodType.methodType(
                    void.class, MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The library's functions, looked up once per FMU and kind. */
    static final class Api {
        final MethodHandle instantiate;
        final MethodHandle freeInstance;
        final MethodHandle enterInitializationMode;
        final MethodHandle exitInitializationMode;
        final MethodHandle terminate;
        final MethodHandle getFloat64;
        final MethodHandle setFloat64;
        final MethodHandle getInt32;
        final MethodHandle setInt32;
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
        final MethodHandle updateDiscreteStates;
        final MethodHandle enterContinuousTimeMode;
        final MethodHandle completedIntegratorStep;
        /** Get and set of the sized types (Float32, Int8 … UInt64), by ScalarType ordinal; null if not exported. */
        final MethodHandle[] getTyped = new MethodHandle[ScalarType.values().length];
        final MethodHandle[] setTyped = new MethodHandle[ScalarType.values().length];
        final MethodHandle getBinary;
        final MethodHandle setBinary;

        Api(NativeLibrary lib, FmuKind kind) {
            for (ScalarType t : ScalarType.values()) {
                if (t == ScalarType.FLOAT32 || t.isInteger()) {
                    getTyped[t.ordinal()] = lib.optional("fmi3Get" + t.fmi3Name(), ARRAY_FN);
                    setTyped[t.ordinal()] = lib.optional("fmi3Set" + t.fmi3Name(), ARRAY_FN);
                }
            }
            getBinary = lib.optional("fmi3GetBinary", BINARY_FN);
            setBinary = lib.optional("fmi3SetBinary", BINARY_FN);
            boolean cs = kind == FmuKind.CO_SIMULATION;
            instantiate = cs
                    ? lib.function("fmi3InstantiateCoSimulation", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS,
                            ADDRESS, JAVA_BOOLEAN, JAVA_BOOLEAN, JAVA_BOOLEAN, JAVA_BOOLEAN, ADDRESS, JAVA_LONG,
                            ADDRESS, ADDRESS, ADDRESS))
                    : lib.function("fmi3InstantiateModelExchange", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS,
                            ADDRESS, JAVA_BOOLEAN, JAVA_BOOLEAN, ADDRESS, ADDRESS));
            freeInstance = lib.function("fmi3FreeInstance", FunctionDescriptor.ofVoid(ADDRESS));
            enterInitializationMode = lib.function("fmi3EnterInitializationMode", FunctionDescriptor.of(JAVA_INT,
                    ADDRESS, JAVA_BOOLEAN, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_BOOLEAN, JAVA_DOUBLE));
            exitInitializationMode = lib.function("fmi3ExitInitializationMode", INSTANCE_FN);
            terminate = lib.function("fmi3Terminate", INSTANCE_FN);
            getFloat64 = lib.function("fmi3GetFloat64", ARRAY_FN);
            setFloat64 = lib.function("fmi3SetFloat64", ARRAY_FN);
            getInt32 = lib.optional("fmi3GetInt32", ARRAY_FN);
            setInt32 = lib.optional("fmi3SetInt32", ARRAY_FN);
            getBoolean = lib.optional("fmi3GetBoolean", ARRAY_FN);
            setBoolean = lib.optional("fmi3SetBoolean", ARRAY_FN);
            getString = lib.optional("fmi3GetString", ARRAY_FN);
            setString = lib.optional("fmi3SetString", ARRAY_FN);
            doStep = cs ? lib.function("fmi3DoStep", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE,
                    JAVA_DOUBLE, JAVA_BOOLEAN, ADDRESS, ADDRESS, ADDRESS, ADDRESS)) : null;
            setTime = cs ? null : lib.function("fmi3SetTime", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE));
            setContinuousStates = cs ? null : lib.function("fmi3SetContinuousStates", VECTOR_FN);
            getContinuousStates = cs ? null : lib.function("fmi3GetContinuousStates", VECTOR_FN);
            getDerivatives = cs ? null : lib.function("fmi3GetContinuousStateDerivatives", VECTOR_FN);
            getEventIndicators = cs ? null : lib.function("fmi3GetEventIndicators", VECTOR_FN);
            enterEventMode = cs ? null : lib.function("fmi3EnterEventMode", INSTANCE_FN);
            updateDiscreteStates = cs ? null : lib.function("fmi3UpdateDiscreteStates", FunctionDescriptor.of(
                    JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            enterContinuousTimeMode = cs ? null : lib.function("fmi3EnterContinuousTimeMode", INSTANCE_FN);
            completedIntegratorStep = cs ? null : lib.function("fmi3CompletedIntegratorStep",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BOOLEAN, ADDRESS, ADDRESS));
        }
    }

    private final Api api;

    Fmi3Instance(Api api, ModelDescription md, FmuKind kind, String name, String resourcePath, String owner,
            Runnable onClose) {
        super(name, kind, md, owner, onClose);
        this.api = api;
        try {
            MemorySegment logStub = NativeLibrary.LINKER.upcallStub(LOG.bindTo(this), LOG_DESCRIPTOR, arena);
            MemorySegment n = arena.allocateFrom(name);
            MemorySegment token = arena.allocateFrom(md.instantiationToken());
            MemorySegment res = arena.allocateFrom(resourcePath);
            MemorySegment c = kind == FmuKind.CO_SIMULATION
                    ? (MemorySegment) api.instantiate.invokeExact(n, token, res, false, false, false, false,
                            MemorySegment.NULL, 0L, MemorySegment.NULL, logStub, MemorySegment.NULL)
                    : (MemorySegment) api.instantiate.invokeExact(n, token, res, false, false, MemorySegment.NULL,
                            logStub);
            if (c.address() == 0) {
                throw new FmuException(owner + ": fmi3Instantiate" + (kind == FmuKind.CO_SIMULATION ? "CoSimulation"
                        : "ModelExchange") + " of '" + name + "' returned NULL" + recentLogText());
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
            throw new FmuException(owner + ": fmi3Instantiate failed: " + t, t);
        }
    }

    @SuppressWarnings("unused") // upcall target
    private void logMessage(MemorySegment env, int status, MemorySegment category, MemorySegment message) {
        try {
            logged(status, CFormat.cString(category), CFormat.cString(message));
        } catch (Throwable ignored) {
            // an exception must never unwind into native code
        }
    }

    private static MethodHandle present(MethodHandle h, String function) {
        if (h == null) {
            throw new FmuException("the FMU does not export " + function);
        }
        return h;
    }

    @Override
    public void enterInitializationMode(double tolerance, double startTime, double stopTime) {
        checkUsable("fmi3EnterInitializationMode");
        try {
            check((int) api.enterInitializationMode.invokeExact(component, !Double.isNaN(tolerance),
                    Double.isNaN(tolerance) ? 0.0 : tolerance, startTime, !Double.isNaN(stopTime),
                    Double.isNaN(stopTime) ? 0.0 : stopTime), "fmi3EnterInitializationMode");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3EnterInitializationMode");
        }
    }

    @Override
    public void exitInitializationMode() {
        call0(api.exitInitializationMode, "fmi3ExitInitializationMode");
    }

    private void array(MethodHandle h, String function, int[] refs, MemorySegment buffer, int nValues) {
        present(h, function);
        checkUsable(function);
        try {
            check((int) h.invokeExact(component, buffer, (long) refs.length, buffer.asSlice(valuesOffset(refs.length)),
                    (long) nValues), function);
        } catch (Throwable t) {
            throw wrapCall(t, function);
        }
    }

    @Override
    int getRealRaw(MemorySegment refs, long count, MemorySegment values) throws Throwable {
        return (int) api.getFloat64.invokeExact(component, refs, count, values, count);
    }

    @Override
    int setRealRaw(MemorySegment refs, long count, MemorySegment values) throws Throwable {
        return (int) api.setFloat64.invokeExact(component, refs, count, values, count);
    }

    @Override
    String realFunction(boolean get) {
        return get ? "fmi3GetFloat64" : "fmi3SetFloat64";
    }

    @Override
    public void getReal(int[] refs, double[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 8L);
        array(api.getFloat64, "fmi3GetFloat64", refs, b, values.length);
        MemorySegment.copy(b, JAVA_DOUBLE, valuesOffset(refs.length), values, 0, values.length);
    }

    @Override
    public void setReal(int[] refs, double[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 8L);
        MemorySegment.copy(values, 0, b, JAVA_DOUBLE, valuesOffset(refs.length), values.length);
        array(api.setFloat64, "fmi3SetFloat64", refs, b, values.length);
    }

    @Override
    public void getInteger(int[] refs, int[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        array(api.getInt32, "fmi3GetInt32", refs, b, values.length);
        MemorySegment.copy(b, JAVA_INT, valuesOffset(refs.length), values, 0, values.length);
    }

    @Override
    public void setInteger(int[] refs, int[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        MemorySegment.copy(values, 0, b, JAVA_INT, valuesOffset(refs.length), values.length);
        array(api.setInt32, "fmi3SetInt32", refs, b, values.length);
    }

    @Override
    public void getBoolean(int[] refs, boolean[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length);
        array(api.getBoolean, "fmi3GetBoolean", refs, b, values.length);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = b.get(JAVA_BYTE, off + i) != 0;
        }
    }

    @Override
    public void setBoolean(int[] refs, boolean[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            b.set(JAVA_BYTE, off + i, (byte) (values[i] ? 1 : 0));
        }
        array(api.setBoolean, "fmi3SetBoolean", refs, b, values.length);
    }

    @Override
    public void getString(int[] refs, String[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * ADDRESS.byteSize());
        array(api.getString, "fmi3GetString", refs, b, values.length);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = CFormat.cString(b.get(ADDRESS, off + ADDRESS.byteSize() * i));
        }
    }

    @Override
    public void setString(int[] refs, String[] values) {
        sameLength(refs, values.length);
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment b = refs(refs, values.length * ADDRESS.byteSize());
            long off = valuesOffset(refs.length);
            for (int i = 0; i < values.length; i++) {
                b.set(ADDRESS, off + ADDRESS.byteSize() * i,
                        values[i] == null ? MemorySegment.NULL : temp.allocateFrom(values[i]));
            }
            array(api.setString, "fmi3SetString", refs, b, values.length);
        }
    }

    @Override
    public void getFloat32(int[] refs, float[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        array(api.getTyped[ScalarType.FLOAT32.ordinal()], "fmi3GetFloat32", refs, b, values.length);
        MemorySegment.copy(b, JAVA_FLOAT, valuesOffset(refs.length), values, 0, values.length);
    }

    @Override
    public void setFloat32(int[] refs, float[] values) {
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * 4L);
        MemorySegment.copy(values, 0, b, JAVA_FLOAT, valuesOffset(refs.length), values.length);
        array(api.setTyped[ScalarType.FLOAT32.ordinal()], "fmi3SetFloat32", refs, b, values.length);
    }

    @Override
    public void getIntegers(ScalarType type, int[] refs, long[] values) {
        integerType(type);
        sameLength(refs, values.length);
        MemorySegment b = refs(refs, values.length * (long) type.bytes());
        array(api.getTyped[type.ordinal()], "fmi3Get" + type.fmi3Name(), refs, b, values.length);
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case INT8 -> b.get(JAVA_BYTE, off + i);
                case UINT8 -> Byte.toUnsignedLong(b.get(JAVA_BYTE, off + i));
                case INT16 -> b.get(JAVA_SHORT, off + 2L * i);
                case UINT16 -> Short.toUnsignedLong(b.get(JAVA_SHORT, off + 2L * i));
                case INT32 -> b.get(JAVA_INT, off + 4L * i);
                case UINT32 -> Integer.toUnsignedLong(b.get(JAVA_INT, off + 4L * i));
                default -> b.get(JAVA_LONG, off + 8L * i);
            };
        }
    }

    @Override
    public void setIntegers(ScalarType type, int[] refs, long[] values) {
        integerType(type);
        sameLength(refs, values.length);
        for (int i = 0; i < values.length; i++) {
            boolean inRange = switch (type) {
                case INT64, UINT64 -> true;
                default -> values[i] >= (long) type.min() && values[i] <= (long) type.max();
            };
            if (!inRange) {
                throw new IllegalArgumentException(owner + ": instance '" + name + "': " + values[i]
                        + " is out of the range of " + type.fmi3Name() + " " + type.range() + " (value reference "
                        + Integer.toUnsignedString(refs[i]) + ")");
            }
        }
        MemorySegment b = refs(refs, values.length * (long) type.bytes());
        long off = valuesOffset(refs.length);
        for (int i = 0; i < values.length; i++) {
            switch (type.bytes()) {
                case 1 -> b.set(JAVA_BYTE, off + i, (byte) values[i]);
                case 2 -> b.set(JAVA_SHORT, off + 2L * i, (short) values[i]);
                case 4 -> b.set(JAVA_INT, off + 4L * i, (int) values[i]);
                default -> b.set(JAVA_LONG, off + 8L * i, values[i]);
            }
        }
        array(api.setTyped[type.ordinal()], "fmi3Set" + type.fmi3Name(), refs, b, values.length);
    }

    private static void integerType(ScalarType type) {
        if (!type.isInteger()) {
            throw new IllegalArgumentException(type + " is not an integer type");
        }
    }

    @Override
    public void getBinary(int[] refs, byte[][] values) {
        sameLength(refs, values.length);
        present(api.getBinary, "fmi3GetBinary");
        checkUsable("fmi3GetBinary");
        int n = refs.length;
        // [refs][sizes: size_t each][pointers]
        MemorySegment b = refs(refs, 16L * n);
        long sizes = valuesOffset(n);
        long pointers = sizes + 8L * n;
        try {
            check((int) api.getBinary.invokeExact(component, b, (long) n, b.asSlice(sizes), b.asSlice(pointers),
                    (long) n), "fmi3GetBinary");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3GetBinary");
        }
        for (int i = 0; i < n; i++) {
            long size = b.get(JAVA_LONG, sizes + 8L * i);
            MemorySegment p = b.get(ADDRESS, pointers + 8L * i);
            values[i] = p.address() == 0 || size == 0 ? new byte[0]
                    : p.reinterpret(size).toArray(JAVA_BYTE);
        }
    }

    @Override
    public void setBinary(int[] refs, byte[][] values) {
        sameLength(refs, values.length);
        present(api.setBinary, "fmi3SetBinary");
        checkUsable("fmi3SetBinary");
        int n = refs.length;
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment b = refs(refs, 16L * n);
            long sizes = valuesOffset(n);
            long pointers = sizes + 8L * n;
            for (int i = 0; i < n; i++) {
                byte[] v = values[i] == null ? new byte[0] : values[i];
                b.set(JAVA_LONG, sizes + 8L * i, v.length);
                b.set(ADDRESS, pointers + 8L * i, v.length == 0 ? temp.allocate(1) : temp.allocateFrom(JAVA_BYTE, v));
            }
            check((int) api.setBinary.invokeExact(component, b, (long) n, b.asSlice(sizes), b.asSlice(pointers),
                    (long) n), "fmi3SetBinary");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3SetBinary");
        }
    }

    @Override
    public void doStep(double time, double stepSize) {
        requireKind(FmuKind.CO_SIMULATION, "fmi3DoStep");
        checkUsable("fmi3DoStep");
        MemorySegment out = scratch(16);
        out.fill((byte) 0);
        try {
            int status = (int) api.doStep.invokeExact(component, time, stepSize, true, out, out.asSlice(1),
                    out.asSlice(2), out.asSlice(8));
            check(status, "fmi3DoStep(t = " + time + " s, h = " + stepSize + " s)");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3DoStep");
        }
        if (out.get(JAVA_BYTE, 1) != 0) {
            throw new FmuException(owner + ": instance '" + name + "' asked to terminate the simulation at t = "
                    + (time + stepSize) + " s" + recentLogText());
        }
    }

    @Override
    public void setTime(double time) {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi3SetTime");
        checkUsable("fmi3SetTime");
        try {
            check((int) api.setTime.invokeExact(component, time), "fmi3SetTime");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3SetTime");
        }
    }

    @Override
    public void setContinuousStates(double[] states) {
        vector(api.setContinuousStates, "fmi3SetContinuousStates", states, true);
    }

    @Override
    public void getContinuousStates(double[] states) {
        vector(api.getContinuousStates, "fmi3GetContinuousStates", states, false);
    }

    @Override
    public void getDerivatives(double[] derivatives) {
        vector(api.getDerivatives, "fmi3GetContinuousStateDerivatives", derivatives, false);
    }

    @Override
    public void getEventIndicators(double[] indicators) {
        vector(api.getEventIndicators, "fmi3GetEventIndicators", indicators, false);
    }

    @Override
    public void enterEventMode() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi3EnterEventMode");
        call0(api.enterEventMode, "fmi3EnterEventMode");
    }

    @Override
    public EventInfo newDiscreteStates() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi3UpdateDiscreteStates");
        checkUsable("fmi3UpdateDiscreteStates");
        MemorySegment out = scratch(16);
        out.fill((byte) 0);
        try {
            check((int) api.updateDiscreteStates.invokeExact(component, out, out.asSlice(1), out.asSlice(2),
                    out.asSlice(3), out.asSlice(4), out.asSlice(8)), "fmi3UpdateDiscreteStates");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3UpdateDiscreteStates");
        }
        return new EventInfo(out.get(JAVA_BYTE, 0) != 0, out.get(JAVA_BYTE, 1) != 0, out.get(JAVA_BYTE, 2) != 0,
                out.get(JAVA_BYTE, 3) != 0, out.get(JAVA_BYTE, 4) != 0, out.get(JAVA_DOUBLE, 8));
    }

    @Override
    public void enterContinuousTimeMode() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi3EnterContinuousTimeMode");
        call0(api.enterContinuousTimeMode, "fmi3EnterContinuousTimeMode");
    }

    @Override
    public IntegratorStep completedIntegratorStep() {
        requireKind(FmuKind.MODEL_EXCHANGE, "fmi3CompletedIntegratorStep");
        checkUsable("fmi3CompletedIntegratorStep");
        MemorySegment flags = scratch(8);
        flags.fill((byte) 0);
        try {
            check((int) api.completedIntegratorStep.invokeExact(component, true, flags, flags.asSlice(1)),
                    "fmi3CompletedIntegratorStep");
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3CompletedIntegratorStep");
        }
        return new IntegratorStep(flags.get(JAVA_BYTE, 0) != 0, flags.get(JAVA_BYTE, 1) != 0);
    }

    @Override
    public void terminate() {
        call0(api.terminate, "fmi3Terminate");
    }

    @Override
    void freeInstance() {
        try {
            api.freeInstance.invokeExact(component);
        } catch (Throwable t) {
            throw wrapCall(t, "fmi3FreeInstance");
        }
    }
}
