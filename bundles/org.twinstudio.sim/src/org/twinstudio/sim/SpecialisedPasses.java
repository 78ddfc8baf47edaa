package org.twinstudio.sim;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.twinstudio.sim.Simulation.Node;

/**
 * The output and derivative passes of one model as straight-line code: the schedule is cut into chunks of
 * {@value #CHUNK} components, and each chunk becomes a hidden class defined from {@link SpecialisedPassTemplate}
 * whose constants are one action per component (gather the connected inputs at their fixed indices, call the
 * component's own behaviour, check and publish the outputs; for the derivatives: gather if needed, call, check and
 * store). The JIT sees constant receivers and indices and compiles each chunk like a hand-written loop body.
 * <p>
 * Same operations in the same order as the generic passes, so results are identical. Used only without algebraic
 * loops and while no fault is active; any failure inside (an exception, a value that is not finite) makes the caller
 * redo the pass generically, which reports it with the component's name.
 */
final class SpecialisedPasses {

    static final int CHUNK = 24;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType OUTPUT_ACTION = MethodType.methodType(void.class, double.class);
    private static final MethodType DERIVATIVE_ACTION = MethodType.methodType(void.class, double.class,
            double[].class);
    private static final MethodType BEHAVIOUR_CALL = MethodType.methodType(void.class, double.class, double[].class,
            double[].class, double[].class);

    /** Thrown by the actions for a value that is not finite; carries nothing, the generic pass reports it. */
    static final class NotFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFinite() {
            super(null, null, false, false);
        }
    }

    private static final NotFinite NOT_FINITE = new NotFinite();

    private final MethodHandle[] outputs;
    private final MethodHandle[] derivatives;

    private SpecialisedPasses(MethodHandle[] outputs, MethodHandle[] derivatives) {
        this.outputs = outputs;
        this.derivatives = derivatives;
    }

    /** The passes for this schedule (no loops in it), or null when hidden classes cannot be defined here. */
    static SpecialisedPasses create(Node[] schedule, Node[] stateNodes) {
        byte[] template;
        try (InputStream in = SpecialisedPasses.class.getResourceAsStream("SpecialisedPassTemplate.class")) {
            if (in == null) {
                return null;
            }
            template = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        try {
            int chunks = Math.max((schedule.length + CHUNK - 1) / CHUNK, (stateNodes.length + CHUNK - 1) / CHUNK);
            MethodHandle[] outs = new MethodHandle[chunks];
            MethodHandle[] ders = new MethodHandle[chunks];
            MethodHandle noOutput = MethodHandles.empty(OUTPUT_ACTION);
            MethodHandle noDerivative = MethodHandles.empty(DERIVATIVE_ACTION);
            for (int c = 0; c < chunks; c++) {
                List<MethodHandle> data = new ArrayList<>(2 * CHUNK);
                for (int k = 0; k < CHUNK; k++) {
                    int i = c * CHUNK + k;
                    data.add(i < schedule.length ? outputAction(schedule[i]) : noOutput);
                }
                for (int k = 0; k < CHUNK; k++) {
                    int i = c * CHUNK + k;
                    data.add(i < stateNodes.length ? derivativeAction(stateNodes[i]) : noDerivative);
                }
                MethodHandles.Lookup chunk = LOOKUP.defineHiddenClassWithClassData(template, List.copyOf(data), true);
                outs[c] = chunk.findStatic(chunk.lookupClass(), "outputs", OUTPUT_ACTION);
                ders[c] = chunk.findStatic(chunk.lookupClass(), "derivatives", DERIVATIVE_ACTION);
            }
            return new SpecialisedPasses(outs, ders);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Every component's outputs at t in schedule order (states loaded). */
    void outputs(double t) throws Throwable {
        for (MethodHandle h : outputs) {
            h.invokeExact(t);
        }
    }

    /** Every state component's derivatives at t into dx (outputs evaluated at t). */
    void derivatives(double t, double[] dx) throws Throwable {
        for (MethodHandle h : derivatives) {
            h.invokeExact(t, dx);
        }
    }

    // ---- building the actions ----

    private static MethodHandle outputAction(Node n) throws ReflectiveOperationException {
        MethodHandle call = MethodHandles.insertArguments(
                LOOKUP.findVirtual(ComponentBehaviour.class, "outputs", BEHAVIOUR_CALL).bindTo(n.own), 1, n.inputs,
                n.states, n.outputs);
        MethodHandle action = then(call, publish(n));
        MethodHandle gather = gather(n);
        return gather == null ? action : then(MethodHandles.dropArguments(gather, 0, double.class), action);
    }

    private static MethodHandle derivativeAction(Node n) throws ReflectiveOperationException {
        MethodHandle call = MethodHandles.insertArguments(
                LOOKUP.findVirtual(ComponentBehaviour.class, "derivatives", BEHAVIOUR_CALL).bindTo(n.own), 1,
                n.inputs, n.states, n.derivatives);
        MethodHandle store = MethodHandles.insertArguments(
                LOOKUP.findStatic(SpecialisedPasses.class, "store",
                        MethodType.methodType(void.class, double[].class, int.class, double[].class)),
                0, n.derivatives, n.stateOffset);
        MethodHandle action = then(MethodHandles.dropArguments(call, 1, double[].class),
                MethodHandles.dropArguments(store, 0, double.class));
        MethodHandle gather = n.freshInputs ? null : gather(n);
        return gather == null ? action
                : then(MethodHandles.dropArguments(gather, 0, double.class, double[].class), action);
    }

    /** a, then b, with the same arguments (both return nothing). */
    private static MethodHandle then(MethodHandle a, MethodHandle b) {
        return MethodHandles.foldArguments(b, a);
    }

    /** ()void gathering n's connected inputs, or null when it has none. */
    private static MethodHandle gather(Node n) throws ReflectiveOperationException {
        int[] index = n.gatherIndex;
        if (index.length == 0) {
            return null;
        }
        if (n.converted) {
            return MethodHandles.insertArguments(LOOKUP.findStatic(SpecialisedPasses.class, "gatherConverted",
                    MethodType.methodType(void.class, double[].class, double[].class, int[].class, int[].class,
                            double[].class, double[].class)),
                    0, n.inputs, n.values, index, n.gatherSlot, n.gatherScale, n.gatherOffset);
        }
        if (index.length == 1) {
            return MethodHandles.insertArguments(LOOKUP.findStatic(SpecialisedPasses.class, "gather1",
                    MethodType.methodType(void.class, double[].class, double[].class, int.class, int.class)), 0,
                    n.inputs, n.values, index[0], n.gatherSlot[0]);
        }
        if (index.length == 2) {
            return MethodHandles.insertArguments(LOOKUP.findStatic(SpecialisedPasses.class, "gather2",
                    MethodType.methodType(void.class, double[].class, double[].class, int.class, int.class,
                            int.class, int.class)),
                    0, n.inputs, n.values, index[0], n.gatherSlot[0], index[1], n.gatherSlot[1]);
        }
        return MethodHandles.insertArguments(LOOKUP.findStatic(SpecialisedPasses.class, "gatherAll",
                MethodType.methodType(void.class, double[].class, double[].class, int[].class, int[].class)), 0,
                n.inputs, n.values, index, n.gatherSlot);
    }

    /** (double)void checking and publishing n's outputs. */
    private static MethodHandle publish(Node n) throws ReflectiveOperationException {
        MethodHandle p;
        if (n.outputs.length == 1) {
            p = MethodHandles.insertArguments(LOOKUP.findStatic(SpecialisedPasses.class, "publish1",
                    MethodType.methodType(void.class, double[].class, double[].class, int.class)), 0, n.outputs,
                    n.values, n.outBase);
        } else {
            p = MethodHandles.insertArguments(LOOKUP.findStatic(SpecialisedPasses.class, "publishAll",
                    MethodType.methodType(void.class, double[].class, double[].class, int.class)), 0, n.outputs,
                    n.values, n.outBase);
        }
        return MethodHandles.dropArguments(p, 0, double.class);
    }

    // ---- the pieces (same arithmetic as Simulation.Node and Simulation.evaluate / derivative) ----

    private static void gather1(double[] in, double[] v, int i0, int s0) {
        in[i0] = v[s0];
    }

    private static void gather2(double[] in, double[] v, int i0, int s0, int i1, int s1) {
        in[i0] = v[s0];
        in[i1] = v[s1];
    }

    private static void gatherAll(double[] in, double[] v, int[] index, int[] slot) {
        for (int k = 0; k < index.length; k++) {
            in[index[k]] = v[slot[k]];
        }
    }

    private static void gatherConverted(double[] in, double[] v, int[] index, int[] slot, double[] a, double[] b) {
        for (int k = 0; k < index.length; k++) {
            in[index[k]] = a[k] * v[slot[k]] + b[k];
        }
    }

    private static void publish1(double[] out, double[] v, int base) {
        double o = out[0];
        if (!Double.isFinite(o)) {
            throw NOT_FINITE;
        }
        v[base] = o;
    }

    private static void publishAll(double[] out, double[] v, int base) {
        for (int o = 0; o < out.length; o++) {
            double value = out[o];
            if (!Double.isFinite(value)) {
                throw NOT_FINITE;
            }
            v[base + o] = value;
        }
    }

    private static void store(double[] d, int base, double[] dx) {
        for (int s = 0; s < d.length; s++) {
            double value = d[s];
            if (!Double.isFinite(value)) {
                throw NOT_FINITE;
            }
            dx[base + s] = value;
        }
    }
}
