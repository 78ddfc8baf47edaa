package org.twinstudio.fmi.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.ScalarType;
import org.twinstudio.fmi.Variable;
import org.twinstudio.fmi.VariableType;

/**
 * The ports of one direction mapped to FMU variables, grouped by exact value type (see {@link ScalarType}) so that
 * each exchange is one native call per type (Float64 / Real through a buffer prepared once per instance, see
 * {@link FmuInstance#reals}). Signals are doubles: Float32 values are widened and narrowed as by a C cast; booleans
 * travel as 1.0 / 0.0 (true when ≥ 0.5); integer types (FMI 2.0 Integer and Enumeration, FMI 3.0 Int8 … UInt64 and
 * Enumeration) as doubles, rounded to the nearest whole number (halves up) when set, and a value outside the
 * type's range is an error naming the port, not a silent wrap-around. Int64 and UInt64 values beyond 2^53 lose
 * precision as doubles.
 */
final class PortMap {

    /** One value type's variables: value references and the slots of their ports. */
    private static final class Group {
        final ScalarType type;
        final List<Variable> variables = new ArrayList<>();
        final List<Integer> slotList = new ArrayList<>();
        int[] refs;
        int[] slots;
        long[] longs;
        float[] floats;

        Group(ScalarType type) {
            this.type = type;
        }

        void freeze() {
            refs = variables.stream().mapToInt(v -> (int) v.valueReference()).toArray();
            slots = slotList.stream().mapToInt(Integer::intValue).toArray();
            longs = new long[refs.length];
            floats = new float[refs.length];
        }
    }

    final List<Variable> variables = new ArrayList<>();
    private final FmiVersion version;
    private int[] realRefs = new int[0];
    private int[] realSlots = new int[0];
    private int[] intRefs = new int[0];
    private int[] intSlots = new int[0];
    private int[] boolRefs = new int[0];
    private int[] boolSlots = new int[0];
    /** Float32 and the integer types other than Int32, each exchanged in one call. */
    private Group[] others = new Group[0];
    private double[] reals;
    private int[] ints;
    private boolean[] bools;
    /** The real exchange prepared for the instance last used (one per instance, made on first use). */
    private FmuInstance realsOf;
    private FmuInstance.RealValues realValues;

    PortMap(FmiVersion version) {
        this.version = version;
    }

    /** Adds the variable of slot {@code slot} (the port's index among inputs or outputs). */
    void add(int slot, Variable v) {
        while (variables.size() <= slot) {
            variables.add(null);
        }
        variables.set(slot, v);
    }

    /** Freezes the grouping; call after every {@link #add}. */
    PortMap done() {
        List<int[]> r = new ArrayList<>();
        List<int[]> i = new ArrayList<>();
        List<int[]> b = new ArrayList<>();
        Map<ScalarType, Group> groups = new EnumMap<>(ScalarType.class);
        for (int slot = 0; slot < variables.size(); slot++) {
            Variable v = variables.get(slot);
            if (v == null) {
                continue;
            }
            int[] pair = { (int) v.valueReference(), slot };
            ScalarType t = ScalarType.of(version, v);
            switch (t) {
                case FLOAT64 -> r.add(pair);
                case INT32 -> i.add(pair);
                case BOOLEAN -> b.add(pair);
                default -> {
                    if (!supported(t)) {
                        throw new IllegalStateException(v.name() + ": " + v.typeName());
                    }
                    Group g = groups.computeIfAbsent(t, Group::new);
                    g.variables.add(v);
                    g.slotList.add(slot);
                }
            }
        }
        realRefs = r.stream().mapToInt(p -> p[0]).toArray();
        realSlots = r.stream().mapToInt(p -> p[1]).toArray();
        intRefs = i.stream().mapToInt(p -> p[0]).toArray();
        intSlots = i.stream().mapToInt(p -> p[1]).toArray();
        boolRefs = b.stream().mapToInt(p -> p[0]).toArray();
        boolSlots = b.stream().mapToInt(p -> p[1]).toArray();
        reals = new double[realRefs.length];
        ints = new int[intRefs.length];
        bools = new boolean[boolRefs.length];
        groups.values().forEach(Group::freeze);
        others = groups.values().toArray(Group[]::new);
        return this;
    }

    /** Whether variables of this type can be ports (numbers and booleans; not strings, binaries or clocks). */
    static boolean supported(ScalarType t) {
        return t == ScalarType.FLOAT64 || t == ScalarType.FLOAT32 || t.isInteger() || t == ScalarType.BOOLEAN;
    }

    private FmuInstance.RealValues reals(FmuInstance fmu) {
        if (fmu != realsOf) {
            realValues = fmu.reals(realRefs);
            realsOf = fmu;
        }
        return realValues;
    }

    /** A signal value as an integer type: rounded, range-checked (an error names the port). */
    static long narrow(ScalarType type, Variable v, double value) {
        try {
            return type.fromDouble(Double.isNaN(value) ? value : Math.floor(value + 0.5));
        } catch (IllegalArgumentException e) {
            throw new FmuException("port '" + v.name() + "': " + e.getMessage());
        }
    }

    void write(FmuInstance fmu, double[] values) {
        if (realRefs.length > 0) {
            for (int k = 0; k < realRefs.length; k++) {
                reals[k] = values[realSlots[k]];
            }
            reals(fmu).set(reals);
        }
        if (intRefs.length > 0) {
            for (int k = 0; k < intRefs.length; k++) {
                double x = values[intSlots[k]];
                ints[k] = x >= -2147483648.5 && x < 2147483647.5 ? (int) Math.floor(x + 0.5)
                        : (int) narrow(ScalarType.INT32, variables.get(intSlots[k]), x);
            }
            fmu.setInteger(intRefs, ints);
        }
        if (boolRefs.length > 0) {
            for (int k = 0; k < boolRefs.length; k++) {
                bools[k] = values[boolSlots[k]] >= 0.5;
            }
            fmu.setBoolean(boolRefs, bools);
        }
        for (Group g : others) {
            if (g.type == ScalarType.FLOAT32) {
                for (int k = 0; k < g.refs.length; k++) {
                    g.floats[k] = (float) values[g.slots[k]];
                }
                fmu.setFloat32(g.refs, g.floats);
            } else {
                for (int k = 0; k < g.refs.length; k++) {
                    g.longs[k] = narrow(g.type, g.variables.get(k), values[g.slots[k]]);
                }
                fmu.setIntegers(g.type, g.refs, g.longs);
            }
        }
    }

    void read(FmuInstance fmu, double[] values) {
        if (realRefs.length > 0) {
            reals(fmu).get(reals);
            for (int k = 0; k < realRefs.length; k++) {
                values[realSlots[k]] = reals[k];
            }
        }
        if (intRefs.length > 0) {
            fmu.getInteger(intRefs, ints);
            for (int k = 0; k < intRefs.length; k++) {
                values[intSlots[k]] = ints[k];
            }
        }
        if (boolRefs.length > 0) {
            fmu.getBoolean(boolRefs, bools);
            for (int k = 0; k < boolRefs.length; k++) {
                values[boolSlots[k]] = bools[k] ? 1 : 0;
            }
        }
        for (Group g : others) {
            if (g.type == ScalarType.FLOAT32) {
                fmu.getFloat32(g.refs, g.floats);
                for (int k = 0; k < g.refs.length; k++) {
                    values[g.slots[k]] = g.floats[k];
                }
            } else {
                fmu.getIntegers(g.type, g.refs, g.longs);
                for (int k = 0; k < g.refs.length; k++) {
                    values[g.slots[k]] = g.type.toDouble(g.longs[k]);
                }
            }
        }
    }

    /** Whether a variable type may be a port of this data type. */
    static boolean isInteger(VariableType t) {
        return t == VariableType.INTEGER || t == VariableType.ENUMERATION;
    }
}
