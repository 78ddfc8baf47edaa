package org.twinstudio.fmi.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;

/**
 * The cost of a call into an FMU through the foreign-function bindings, to compare with the C driver
 * ({@code target/native/fmu-driver}) on the same library. Not a test: run from the test module after a build,
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *      -cp ../../bundles/org.twinstudio.fmi/target/classes:target/classes \
 *      org.twinstudio.fmi.tests.FmiCallTiming target/native [STEPS]
 * </pre>
 *
 * It packs the lag model into an .fmu, steps it STEPS times (default 10^6) in five rounds and prints ns per doStep
 * and per getReal of one variable for each round (the first rounds include JIT compilation). Then the same out of
 * process (an isolated instance, STEPS / 20 calls a round): the start of the host process, and µs per round trip
 * that does nothing in the host (ping), per doStep and per getReal.
 */
public final class FmiCallTiming {

    private FmiCallTiming() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("twinstudio.fmi.native", args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("fmi-timing");
        try (Fmu fmu = Fmu.open(TestFmus.fmu(dir, "lag"));
                FmuInstance lag = fmu.instantiate(FmuKind.CO_SIMULATION, "timing")) {
            lag.enterInitializationMode(Double.NaN, 0, Double.NaN);
            lag.setReal(new int[] { 0 }, new double[] { 1 });
            lag.exitInitializationMode();
            int[] y = { 1 };
            double[] value = new double[1];
            double h = 1e-3;
            for (int round = 1; round <= 5; round++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < steps; k++) {
                    lag.doStep(k * h, h);
                }
                long t1 = System.nanoTime();
                for (int k = 0; k < steps; k++) {
                    lag.getReal(y, value);
                }
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "round %d: %.1f ns per doStep, %.1f ns per getReal%n", round,
                        (t1 - t0) / (double) steps, (t2 - t1) / (double) steps);
            }
            int calls = Math.max(1, steps / 20);
            long s0 = System.nanoTime();
            try (org.twinstudio.fmi.internal.IsolatedInstance iso = (org.twinstudio.fmi.internal.IsolatedInstance) fmu
                    .instantiateIsolated(FmuKind.CO_SIMULATION, "isolated", java.time.Duration.ofMinutes(5))) {
                System.out.printf(Locale.ROOT, "out of process: host started and instantiated in %.0f ms%n",
                        (System.nanoTime() - s0) / 1e6);
                iso.enterInitializationMode(Double.NaN, 0, Double.NaN);
                iso.setReal(new int[] { 0 }, new double[] { 1 });
                iso.exitInitializationMode();
                for (int round = 1; round <= 5; round++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < calls; k++) {
                        iso.ping();
                    }
                    long t1 = System.nanoTime();
                    for (int k = 0; k < calls; k++) {
                        iso.doStep(k * h, h);
                    }
                    long t2 = System.nanoTime();
                    for (int k = 0; k < calls; k++) {
                        iso.getReal(y, value);
                    }
                    long t3 = System.nanoTime();
                    System.out.printf(Locale.ROOT,
                            "out of process, round %d: %.2f us per round trip, %.2f us per doStep, %.2f us per getReal%n",
                            round, (t1 - t0) / 1e3 / calls, (t2 - t1) / 1e3 / calls, (t3 - t2) / 1e3 / calls);
                }
            }
        } finally {
            Files.deleteIfExists(dir.resolve("lag.fmu"));
            Files.deleteIfExists(dir);
        }
    }
}
