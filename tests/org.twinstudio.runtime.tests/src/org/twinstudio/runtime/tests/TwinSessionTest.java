package org.twinstudio.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.Connectors;
import org.twinstudio.runtime.CycleTiming;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.sim.SimulationException;

class TwinSessionTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();

    /** The heating line's step is 0.1 s; at 20 × real time a cycle is due every 5 ms. */
    static TwinSession fast(double duration) throws SimulationException {
        return TwinSession.builder(HEATING_LINE)
                .options(SessionOptions.serve().withRealtimeFactor(20).withDuration(duration)).start();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void cyclesArePacedToTheWallClockAndKeepTheSimulationGrid() throws Exception {
        long start = System.nanoTime();
        try (TwinSession s = TwinSession.builder(HEATING_LINE)
                .options(SessionOptions.serve().withRealtimeFactor(2).withDuration(1.0)).start()) {
            List<double[]> seen = new CopyOnWriteArrayList<>();
            s.addCycleListener((cycle, time) -> seen.add(new double[] { cycle, time }));
            assertTrue(s.awaitEnd(10, TimeUnit.SECONDS));
            double wall = (System.nanoTime() - start) / 1e9;
            // 1 s of simulated time at 2 × real time takes 0.5 s of wall-clock time
            assertTrue(wall >= 0.49, "ended after " + wall + " s, sooner than the clock allows");
            assertTrue(wall < 3, "took " + wall + " s");
            assertEquals(TwinSession.State.ENDED, s.state());
            assertNull(s.failure());
            assertEquals(10, s.cycle());
            assertEquals(1.0, s.time(), 1e-12);
            for (double[] c : seen) {
                assertEquals(c[0] * 0.1, c[1], 1e-9, "cycle " + c[0] + " published off the grid");
            }
            assertEquals(10, s.timing().cycles());
        }
    }

    @Test
    void aSeedGivesTheNoiseOfTheSimulationWithThatSeedAtTheSameCycle() throws Exception {
        int n = 40;
        double first = sensorAtCycle(n, 42);
        assertEquals(first, sensorAtCycle(n, 42), "the same seed, the same noise");
        assertNotEquals(first, sensorAtCycle(n, 43), "another seed, other noise");
        org.twinstudio.sim.Simulation.Session virtual = org.twinstudio.sim.Simulation.builder(HEATING_LINE).seed(42)
                .build().start();
        virtual.advanceTo(n * 0.1);
        assertEquals(virtual.value("sensorT.value"), first, "as in virtual time at t = " + n * 0.1 + " s");
    }

    /** The noisy temperature sensor's value after cycle {@code n} of a seeded session at 20 x real time. */
    private static double sensorAtCycle(int n, long seed) throws Exception {
        java.util.concurrent.CompletableFuture<Double> at = new java.util.concurrent.CompletableFuture<>();
        try (TwinSession s = TwinSession.builder(HEATING_LINE)
                .options(SessionOptions.serve().withRealtimeFactor(20).withDuration(10)).seed(seed).start()) {
            s.addCycleListener((cycle, time) -> {
                if (cycle == n) {
                    at.complete(s.value("sensorT.value"));
                }
            });
            return at.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void inputsWrittenByPeersReachTheSimulation() throws Exception {
        try (TwinSession s = fast(Double.POSITIVE_INFINITY)) {
            await(() -> s.cycle() >= 3, "three cycles");
            double closed = s.value("tank.level");
            await(() -> s.cycle() >= 8, "more cycles");
            assertEquals(closed, s.value("tank.level"), 1e-12, "with the inlet closed the level stays put");
            s.setInput("inletValve.open", 1);
            await(() -> s.value("inletValve.position") > 0, "the valve to open");
            await(() -> s.value("tank.level") > closed + 1e-6, "the level to rise");
            assertEquals(1.0, s.value("inletValve.open"));
        }
    }

    @Test
    void onlyFreeInputsWithFiniteValuesCanBeSet() throws Exception {
        try (TwinSession s = fast(Double.POSITIVE_INFINITY)) {
            IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                    () -> s.setInput("tank.level", 1));
            assertTrue(output.getMessage().contains("output"), output.getMessage());
            IllegalArgumentException driven = assertThrows(IllegalArgumentException.class,
                    () -> s.setInput("tank.inflow", 1));
            assertTrue(driven.getMessage().contains("driven by a connection"), driven.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.setInput("controller.setpoint", Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> s.setInput("nope.port", 1));
            assertTrue(s.indexOf("controller.setpoint").isPresent());
            assertTrue(s.ports().get(s.indexOf("controller.setpoint").getAsInt()).isInput());
        }
    }

    @Test
    void stopPausesTheClockStartResumesAndResetGoesBackToTimeZero() throws Exception {
        try (TwinSession s = fast(Double.POSITIVE_INFINITY)) {
            s.setInput("inletValve.open", 1);
            await(() -> s.time() >= 5, "5 s of simulated time");
            s.control().stop();
            await(() -> !s.control().running(), "the pause");
            long paused = s.cycle();
            Thread.sleep(100);
            assertEquals(paused, s.cycle(), "no cycles while paused");
            s.control().start();
            await(() -> s.cycle() > paused, "cycles after the restart");
            double level = s.value("tank.level");
            s.control().reset();
            await(() -> s.time() < 1, "the reset");
            assertTrue(s.value("tank.level") < level, "the level starts over after a reset");
        }
    }

    @Test
    void faultsAreInjectedInTheCliNotationAndBadOnesRefused() throws Exception {
        try (TwinSession s = fast(Double.POSITIVE_INFINITY)) {
            await(() -> s.cycle() >= 2, "two cycles");
            s.control().injectFault("sensorT.value=stuck:45");
            await(() -> s.value("sensorT.value") == 45, "the stuck sensor");
            s.control().clearFaults();
            await(() -> s.value("sensorT.value") != 45, "the sensor to recover");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> s.control().injectFault("sensorT.value=melt:3"));
            assertTrue(bad.getMessage().contains("unknown fault"), bad.getMessage());
        }
    }

    @Test
    void timingIsMeasuredForEveryCycle() throws Exception {
        try (TwinSession s = fast(2.0)) {
            assertTrue(s.awaitEnd(10, TimeUnit.SECONDS));
            CycleTiming.Summary t = s.timing().summary();
            assertEquals(20, t.cycles());
            assertEquals(5.0, t.periodMillis(), 1e-9);
            assertTrue(t.step().p50() > 0 && t.step().p50() <= t.step().p99() && t.step().p99() <= t.step().max());
            assertTrue(t.total().max() >= t.step().max());
            assertTrue(t.jitter().p50() >= 0);
        }
    }

    @Test
    void hilNeedsAConnectorForEveryEndpointWithBindings() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> TwinSession.builder(HEATING_LINE).options(SessionOptions.hil())
                        .connectors(new Connectors(List.of(), List.of())).start());
        assertTrue(e.getMessage().contains("endpoint 'plc'"), e.getMessage());
    }

    @Test
    void aModelWithErrorsIsRefusedBeforeAnythingRuns(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path bad = dir.resolve("bad.twin");
        java.nio.file.Files.writeString(bad, "<not a twin");
        assertThrows(SimulationException.class, () -> TwinSession.builder(bad).start());
    }
}
