package org.twinstudio.sim;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Template of the classes {@link SpecialisedPasses} defines per model: never loaded itself, its bytes are defined
 * as a hidden class whose class data is the list of 24 output actions and 24 derivative actions of up to 24
 * components. As static finals of a hidden class the handles are constants to the JIT, which inlines each one
 * (gathering with constant indices, the call on a constant receiver bound to its exact class, the checks), so one
 * chunk of the schedule runs as straight-line code.
 */
final class SpecialisedPassTemplate {

    private static final MethodHandle O0 = at(0);
    private static final MethodHandle O1 = at(1);
    private static final MethodHandle O2 = at(2);
    private static final MethodHandle O3 = at(3);
    private static final MethodHandle O4 = at(4);
    private static final MethodHandle O5 = at(5);
    private static final MethodHandle O6 = at(6);
    private static final MethodHandle O7 = at(7);
    private static final MethodHandle O8 = at(8);
    private static final MethodHandle O9 = at(9);
    private static final MethodHandle O10 = at(10);
    private static final MethodHandle O11 = at(11);
    private static final MethodHandle O12 = at(12);
    private static final MethodHandle O13 = at(13);
    private static final MethodHandle O14 = at(14);
    private static final MethodHandle O15 = at(15);
    private static final MethodHandle O16 = at(16);
    private static final MethodHandle O17 = at(17);
    private static final MethodHandle O18 = at(18);
    private static final MethodHandle O19 = at(19);
    private static final MethodHandle O20 = at(20);
    private static final MethodHandle O21 = at(21);
    private static final MethodHandle O22 = at(22);
    private static final MethodHandle O23 = at(23);
    private static final MethodHandle D0 = at(24);
    private static final MethodHandle D1 = at(25);
    private static final MethodHandle D2 = at(26);
    private static final MethodHandle D3 = at(27);
    private static final MethodHandle D4 = at(28);
    private static final MethodHandle D5 = at(29);
    private static final MethodHandle D6 = at(30);
    private static final MethodHandle D7 = at(31);
    private static final MethodHandle D8 = at(32);
    private static final MethodHandle D9 = at(33);
    private static final MethodHandle D10 = at(34);
    private static final MethodHandle D11 = at(35);
    private static final MethodHandle D12 = at(36);
    private static final MethodHandle D13 = at(37);
    private static final MethodHandle D14 = at(38);
    private static final MethodHandle D15 = at(39);
    private static final MethodHandle D16 = at(40);
    private static final MethodHandle D17 = at(41);
    private static final MethodHandle D18 = at(42);
    private static final MethodHandle D19 = at(43);
    private static final MethodHandle D20 = at(44);
    private static final MethodHandle D21 = at(45);
    private static final MethodHandle D22 = at(46);
    private static final MethodHandle D23 = at(47);

    private SpecialisedPassTemplate() {
    }

    private static MethodHandle at(int index) {
        try {
            return MethodHandles.classDataAt(MethodHandles.lookup(), "_", MethodHandle.class, index);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chunk's components' outputs at t, in schedule order. */
    static void outputs(double t) throws Throwable {
        O0.invokeExact(t);
        O1.invokeExact(t);
        O2.invokeExact(t);
        O3.invokeExact(t);
        O4.invokeExact(t);
        O5.invokeExact(t);
        O6.invokeExact(t);
        O7.invokeExact(t);
        O8.invokeExact(t);
        O9.invokeExact(t);
        O10.invokeExact(t);
        O11.invokeExact(t);
        O12.invokeExact(t);
        O13.invokeExact(t);
        O14.invokeExact(t);
        O15.invokeExact(t);
        O16.invokeExact(t);
        O17.invokeExact(t);
        O18.invokeExact(t);
        O19.invokeExact(t);
        O20.invokeExact(t);
        O21.invokeExact(t);
        O22.invokeExact(t);
        O23.invokeExact(t);
    }

    /** The chunk's components' derivatives at t into dx. */
    static void derivatives(double t, double[] dx) throws Throwable {
        D0.invokeExact(t, dx);
        D1.invokeExact(t, dx);
        D2.invokeExact(t, dx);
        D3.invokeExact(t, dx);
        D4.invokeExact(t, dx);
        D5.invokeExact(t, dx);
        D6.invokeExact(t, dx);
        D7.invokeExact(t, dx);
        D8.invokeExact(t, dx);
        D9.invokeExact(t, dx);
        D10.invokeExact(t, dx);
        D11.invokeExact(t, dx);
        D12.invokeExact(t, dx);
        D13.invokeExact(t, dx);
        D14.invokeExact(t, dx);
        D15.invokeExact(t, dx);
        D16.invokeExact(t, dx);
        D17.invokeExact(t, dx);
        D18.invokeExact(t, dx);
        D19.invokeExact(t, dx);
        D20.invokeExact(t, dx);
        D21.invokeExact(t, dx);
        D22.invokeExact(t, dx);
        D23.invokeExact(t, dx);
    }
}
