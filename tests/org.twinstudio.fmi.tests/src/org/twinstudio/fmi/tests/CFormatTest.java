package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twinstudio.fmi.internal.CFormat;

/** Expanding FMI 2.0 logger formats the way C's printf does. */
class CFormatTest {

    private static String format(String fmt, long[] ints, double[] doubles, long... stack) {
        return CFormat.format(fmt, new CFormat.Args(ints, doubles, stack));
    }

    @Test
    void integersDoublesAndTheStackInArgumentOrder() {
        // r9 holds the first integer, xmm0.. the doubles, the stack the integers after r9.
        assertEquals("a=7 b=2.5 c=-3 d=ff e=1.5e+10",
                format("a=%d b=%g c=%ld d=%x e=%g", new long[] { 7 }, new double[] { 2.5, 1.5e10 }, -3, 255));
        assertEquals("x=0.000100 y=1e-05 z=  3.14 w=42   |",
                format("x=%f y=%g z=%6.2f w=%-5d|", new long[] { 42 }, new double[] { 1e-4, 1e-5, 3.14159 }));
        assertEquals("100% -1 4294967295 0.1 100000 1e+06 0.333333 -0007",
                format("100%% %d %u %g %g %g %g %05d", new long[] { 0xFFFFFFFFL }, new double[] { 0.1, 1e5, 1e6, 1 / 3.0 },
                        0xFFFFFFFFL, -7));
    }

    @Test
    void unknownOrExhaustedArgumentsLeaveTheRestAsWritten() {
        assertEquals("v = 1 then %Lf stays", format("v = %d then %Lf stays", new long[] { 1 }, new double[0]));
        assertEquals("%d %d", format("%d %d", new long[0], new double[0]));
        assertEquals("s=(null)", format("s=%s", new long[] { 0 }, new double[0]));
    }
}
