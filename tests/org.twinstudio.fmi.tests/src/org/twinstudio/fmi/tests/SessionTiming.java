package org.twinstudio.fmi.tests;

import static org.twinstudio.fmi.tests.TestTwins.add;
import static org.twinstudio.fmi.tests.TestTwins.connect;
import static org.twinstudio.fmi.tests.TestTwins.param;
import static org.twinstudio.fmi.tests.TestTwins.port;
import static org.twinstudio.fmi.tests.TestTwins.portOf;
import static org.twinstudio.fmi.tests.TestTwins.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.Simulation;

/**
 * Per-step cost of the lag FMU driven by a constant, as model exchange and as co-simulation, in process and out of
 * process, through a simulation session (RK4, h = 1 ms, nothing recorded). Not a test: run after a build with the
 * class folders of model, sim, fmi and this bundle and the jars of EMF (common, ecore, ecore.xmi) and the units
 * library (unit-api, indriya, uom-lib-common) on the class path:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp … org.twinstudio.fmi.tests.SessionTiming target/native [STEPS]
 * </pre>
 *
 * Prints µs per step for three rounds of STEPS steps (default 5000) each.
 */
public final class SessionTiming {

    private SessionTiming() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("twinstudio.fmi.native", args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path dir = Files.createTempDirectory("fmi-session-timing");
        Path lagFmu = TestFmus.fmu(dir, "lag");
        try {
            for (String kind : new String[] { "model-exchange", "co-simulation" }) {
                for (String isolation : new String[] { "none", "process" }) {
                    TwinModel m = TwinModels.createModel("timing");
                    Component source = add(m, "constant", "source");
                    param(source, "value", "1");
                    Component lag = add(m, "fmu", "lag");
                    param(lag, "fmu", lagFmu.toString());
                    param(lag, "interface", kind);
                    param(lag, "isolation", isolation);
                    connect(m, portOf(source, "y"), port(lag, "u", PortDirection.IN, DataType.REAL));
                    port(lag, "y", PortDirection.OUT, DataType.REAL);
                    for (int round = 1; round <= 3; round++) {
                        try (Simulation.Session s = Simulation.builder(m).behaviours(registry()).stepSize(1e-3)
                                .stopTime(steps * 1e-3).solver(Solver.RK4).build().start()) {
                            long t0 = System.nanoTime();
                            s.advanceTo(steps * 1e-3);
                            System.out.printf(Locale.ROOT, "%s, isolation %s, round %d: %.2f us per RK4 step%n", kind,
                                    isolation, round, (System.nanoTime() - t0) / 1e3 / steps);
                        }
                    }
                }
            }
        } finally {
            Files.deleteIfExists(lagFmu);
            Files.deleteIfExists(dir);
        }
    }
}
