package org.twinstudio.fmi.sim;

import java.util.ArrayList;
import java.util.List;

import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.Variable;
import org.twinstudio.fmi.VariableType;

/**
 * The ports of one direction mapped to FMU variables, grouped by value type so that each exchange is one native
 * call per type (reals through a buffer prepared once per instance, see {@link FmuInstance#reals}). Booleans travel as 1.0 / 0.0 (true when ≥ 0.5), integers and enumerations as rounded doubles.
 */
final class PortMap {

    final List<Variable> variables = new ArrayList<>();
    private int[] realRefs = new int[0];
    private int[] realSlots = new int[0];
    private int[] intRefs = new int[0];
    private int[] intSlots = new int[0];
    private int[] boolRefs = new int[0];
    private int[] boolSlots = new int[0];
    private double[] reals;
    private int[] ints;
    private boolean[] bools;
    /** The real exchange prepared for the instance last used (one per instance, made on first use). */
    private FmuInstance realsOf;
    private FmuInstance.RealValues realValues;

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
        for (int slot = 0; slot < variables.size(); slot++) {
            Variable v = variables.get(slot);
            if (v == null) {
                continue;
            }
            int[] pair = { (int) v.valueReference(), slot };
            switch (v.type()) {
                case REAL -> r.add(pair);
                case INTEGER, ENUMERATION -> i.add(pair);
                case BOOLEAN -> b.add(pair);
                default -> throw new IllegalStateException(v.name() + ": " + v.type());
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
        return this;
    }

    static boolean supported(VariableType t) {
        return t == VariableType.REAL || t == VariableType.INTEGER || t == VariableType.ENUMERATION
                || t == VariableType.BOOLEAN;
    }

    private FmuInstance.RealValues reals(FmuInstance fmu) {
        if (fmu != realsOf) {
            realValues = fmu.reals(realRefs);
            realsOf = fmu;
        }
        return realValues;
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
                ints[k] = (int) Math.round(values[intSlots[k]]);
            }
            fmu.setInteger(intRefs, ints);
        }
        if (boolRefs.length > 0) {
            for (int k = 0; k < boolRefs.length; k++) {
                bools[k] = values[boolSlots[k]] >= 0.5;
            }
            fmu.setBoolean(boolRefs, bools);
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
    }
}
