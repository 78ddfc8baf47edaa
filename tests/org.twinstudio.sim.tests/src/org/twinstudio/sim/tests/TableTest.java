package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.sim.tests.SimulationFixtures.add;
import static org.twinstudio.sim.tests.SimulationFixtures.model;
import static org.twinstudio.sim.tests.SimulationFixtures.param;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.model.Component;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;

/** The table source against hand-evaluated interpolation. */
class TableTest {

    private static SimulationResult run(TwinModel m, double stop, double h) throws SimulationException {
        return Simulation.builder(m).stopTime(stop).stepSize(h).solver(Solver.RK4).build().run();
    }

    private static Component table(TwinModel m, String name, String rows, String interpolation) {
        Component c = add(m, "table", name);
        param(c, "table", rows, "");
        param(c, "interpolation", interpolation, "");
        return c;
    }

    /** Linear: 20 → 25 over 0..60 s (1/12 per s), 25 to 120 s, held after; hold: steps at 60 and 120 s. */
    @Test
    void linearAndHoldInterpolation() throws SimulationException {
        TwinModel m = model();
        table(m, "lin", "0:20, 60:25, 120:25", "linear");
        table(m, "hold", "0:20; 60:25; 120:30", "hold");
        SimulationResult r = run(m, 200, 0.5);
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double linear = t < 60 ? 20 + t / 12 : 25;
            double hold = t < 60 ? 20 : t < 120 ? 25 : 30;
            assertEquals(linear, r.series("lin.y")[i], 1e-12, "t = " + t);
            assertEquals(hold, r.series("hold.y")[i], 0, "t = " + t);
        }
        assertEquals(22.5, r.series("lin.y")[60], 1e-12); // t = 30 s
    }

    /** Periodic hold 1 on [0, 2), 3 on [2, 5), period 5 s; time events at every row of every period. */
    @Test
    void periodicHoldRepeatsAndAnnouncesItsSteps() throws SimulationException {
        TwinModel m = model();
        Component c = table(m, "p", "0:1, 2:3, 5:0", "hold");
        param(c, "periodic", "true", "");
        SimulationResult r = run(m, 23, 0.25);
        for (int i = 0; i < r.size(); i++) {
            double phase = r.time(i) % 5;
            assertEquals(phase < 2 ? 1 : 3, r.series("p.y")[i], 0, "t = " + r.time(i));
        }
        ComponentBehaviour b = DirectContext.of("table").with("table", "0:1, 2:3, 5:0").with("interpolation", "hold")
                .with("periodic", "true").create();
        double t = 0;
        StringBuilder events = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            t = b.nextTimeEvent(t);
            events.append(t).append(' ');
        }
        assertEquals("2.0 5.0 7.0 10.0 12.0 15.0 ", events.toString());
        double[] out = new double[1];
        b.outputs(7, new double[0], new double[0], out);
        assertEquals(3, out[0]);
        assertTrue(b.handleEvent(7, new double[0], new double[0]));
        assertEquals(false, b.handleEvent(7, new double[0], new double[0]), "a second pass at the same instant");
    }

    /** Linear with a jump at 10 s (two rows there): the jump is the only time event. */
    @Test
    void linearTableAnnouncesOnlyItsJumps() {
        ComponentBehaviour b = DirectContext.of("table").with("table", "0:0, 10:10, 10:0, 20:5").create();
        assertEquals(10, b.nextTimeEvent(0));
        assertEquals(Double.POSITIVE_INFINITY, b.nextTimeEvent(10));
        double[] out = new double[1];
        b.outputs(9.5, new double[0], new double[0], out);
        assertEquals(9.5, out[0], 1e-12);
        // reached by integration, the jump is not taken before its event: the left limit
        b.outputs(10, new double[0], new double[0], out);
        assertEquals(10, out[0], 0);
        assertTrue(b.handleEvent(10, new double[0], new double[0]));
        b.outputs(10, new double[0], new double[0], out);
        assertEquals(0, out[0], 0);
        b.outputs(15, new double[0], new double[0], out);
        assertEquals(2.5, out[0], 1e-12);
    }

    /**
     * A hold table integrated by RK4 with steps ending at its rows (0 → 1 at 0.75 s, 0.5 s grid): the step ending at
     * 0.75 s sees 0 at all its stages, so the integral is exactly max(0, t − 0.75); a periodic hold likewise.
     */
    @Test
    void stepsEndingAtARowIntegrateTheLeftValue() throws SimulationException {
        TwinModel m = model();
        table(m, "src", "0:0, 0.75:1", "hold");
        Component integral = add(m, "integrator", "integral");
        SimulationFixtures.connect(m, m.getComponents().get(0), "y", integral, "u");
        Component p = table(m, "p", "0:1, 0.75:3, 2:0", "hold");
        param(p, "periodic", "true", "");
        Component periodicIntegral = add(m, "integrator", "pint");
        SimulationFixtures.connect(m, p, "y", periodicIntegral, "u");
        SimulationResult r = run(m, 10, 0.5);
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            assertEquals(Math.max(0, t - 0.75), r.series("integral.y")[i], 1e-12, "t = " + t);
            // per 2 s period: 1 for 0.75 s, 3 for 1.25 s → 4.5 per period
            double periods = Math.floor(t / 2 + 1e-12);
            double phase = t - 2 * periods;
            double within = phase < 0.75 ? phase : 0.75 + 3 * (phase - 0.75);
            assertEquals(4.5 * periods + within, r.series("pint.y")[i], 1e-9, "t = " + t);
        }
    }

    /** Periodic linear saw tooth 0 → 10 over 4 s: only the period starts (10 back to 0) are time events. */
    @Test
    void periodicLinearJumpsAtEachPeriodStart() throws SimulationException {
        ComponentBehaviour b = DirectContext.of("table").with("table", "0:0, 4:10").with("periodic", "true").create();
        assertEquals(4, b.nextTimeEvent(0));
        assertEquals(8, b.nextTimeEvent(4));
        assertEquals(12, b.nextTimeEvent(9.5));
        TwinModel m = model();
        param(table(m, "saw", "0:0, 4:10", "linear"), "periodic", "true", "");
        SimulationResult r = run(m, 20, 0.1);
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            double phase = t - 4 * Math.floor(t / 4 + 1e-9);
            assertEquals(2.5 * phase, r.series("saw.y")[i], 1e-9, "t = " + t);
        }
    }

    /** A relative CSV path needs a model file; a column beyond the row is named. */
    @Test
    void fileErrorsAreLocated(@TempDir Path dir) throws Exception {
        TwinModel inMemory = model();
        param(add(inMemory, "table", "tab"), "file", "p.csv", "");
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(inMemory).build());
        assertTrue(e.getMessage().contains("component 'tab': table file 'p.csv' is relative but the model was not "
                + "loaded from a file"), e.getMessage());

        Files.writeString(dir.resolve("p.csv"), "0,1\n5,2\n");
        TwinModel m = model();
        Component c = add(m, "table", "tab");
        param(c, "file", "p.csv", "");
        param(c, "column", "3", "");
        Path file = dir.resolve("m.twin");
        TwinModels.save(m, file);
        e = assertThrows(SimulationException.class, () -> Simulation.builder(file).build());
        assertTrue(e.getMessage().contains("component 'tab': table file p.csv line 1: has 2 columns, the values are in "
                + "column 3"), e.getMessage());
    }

    /** A CSV next to the model, header and comment skipped, values in column 3, path relative to the model. */
    @Test
    void csvFileRelativeToTheModel(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/setpoint.csv"), """
                time;other;setpoint
                # warm-up
                0;9;40
                100;9;60

                300;9;60
                """);
        TwinModel m = model();
        Component c = add(m, "table", "sp");
        param(c, "file", "profiles/setpoint.csv", "");
        param(c, "column", "3", "");
        Path file = dir.resolve("line.twin");
        TwinModels.save(m, file);
        SimulationResult r = Simulation.builder(file).stopTime(400).stepSize(1).solver(Solver.EULER).build().run();
        for (int i = 0; i < r.size(); i++) {
            double t = r.time(i);
            assertEquals(t < 100 ? 40 + 0.2 * t : 60, r.series("sp.y")[i], 1e-12, "t = " + t);
        }
    }

    @Test
    void malformedTablesNameTheRow(@TempDir Path dir) throws Exception {
        assertModelError("table row 2 ('60-25'): expected time:value", "0:20, 60-25", "linear");
        assertModelError("table row 3 ('x:4'), time: 'x' is not a number", "0:1, 1:2, x:4", "linear");
        assertModelError("table row 3: time 5.0 s is before the previous row's 10.0 s", "0:1, 10:2, 5:3", "linear");
        assertModelError("interpolation must be linear or hold, not 'cubic'", "0:1", "cubic");

        Files.writeString(dir.resolve("bad.csv"), "t,v\n0,1\n5,oops\n");
        Files.writeString(dir.resolve("back.csv"), "0,1\n5,2\n\n4,3\n");
        for (String[] c : new String[][] { { "bad.csv", "table file bad.csv line 3, column 2: 'oops' is not a number" },
                { "back.csv", "table file back.csv line 4: time 4.0 s is before the previous row's 5.0 s" },
                { "none.csv", "cannot read table file" } }) {
            TwinModel m = model();
            param(add(m, "table", "tab"), "file", c[0], "");
            Path file = dir.resolve("m.twin");
            TwinModels.save(m, file);
            SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(file).build());
            assertEquals(SimulationException.Kind.MODEL, e.kind());
            assertTrue(e.getMessage().contains("component 'tab': " + c[1]), e.getMessage());
        }
    }

    private static void assertModelError(String expected, String rows, String interpolation) {
        TwinModel m = model();
        table(m, "tab", rows, interpolation);
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.builder(m).build());
        assertEquals(SimulationException.Kind.MODEL, e.kind());
        assertTrue(e.getMessage().contains("component 'tab': " + expected), e.getMessage());
    }
}
