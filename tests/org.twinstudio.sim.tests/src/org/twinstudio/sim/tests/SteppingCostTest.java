package org.twinstudio.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.twinstudio.model.Solver;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;
import org.twinstudio.sim.SimulationResult;
import org.twinstudio.sim.bench.BenchmarkPlant;

/** What the master does per step beyond the model's equations: no allocation, no needless re-evaluation. */
class SteppingCostTest {

    /** Bytes allocated by this thread so far (HotSpot's ThreadMXBean extension, found without importing it). */
    private static long allocatedBytes() throws ReflectiveOperationException {
        Class<?> bean = ClassLoader.getPlatformClassLoader().loadClass("com.sun.management.ThreadMXBean");
        Method m = bean.getMethod("getCurrentThreadAllocatedBytes");
        return (long) m.invoke(ManagementFactory.getThreadMXBean());
    }

    @ParameterizedTest
    @EnumSource(names = { "EULER", "RK4" })
    void steppingAllocatesNothingPerStep(Solver solver) throws Exception {
        Simulation sim = Simulation.builder(BenchmarkPlant.create(4)).solver(solver).stepSize(0.01).stopTime(400)
                .build();
        try (Simulation.Session s = sim.start()) {
            s.advanceTo(10); // warm up (class loading, first compilations)
            long before = allocatedBytes();
            s.advanceTo(400);
            long allocated = allocatedBytes() - before;
            assertEquals(40_000, s.acceptedSteps());
            // 39 000 steps; a single object per step would be > 500 kB
            assertTrue(allocated < 64 * 1024, solver + ": " + allocated + " bytes allocated while stepping");
        }
    }

    @Test
    void recordingAllocatesTheResultOnly() throws Exception {
        Simulation sim = Simulation.builder(BenchmarkPlant.create(4)).solver(Solver.EULER).stepSize(0.01)
                .stopTime(200).build();
        long before = allocatedBytes();
        SimulationResult r = sim.run();
        long allocated = allocatedBytes() - before;
        long rows = r.size();
        long signals = r.signals().size();
        // blocks of 4096 rows (the last one partly used) and the times, twice (while recording, then trimmed)
        long result = ((rows + 4095) / 4096) * 4096 * signals * 8 + 2 * rows * 8;
        assertTrue(allocated < result + 512 * 1024, allocated + " bytes allocated for a result of " + result);
    }

    /**
     * The benchmark plant's step hooks (tank end stops that never act, sensors without noise) change nothing, so
     * dopri5 keeps its last stage as the next step's first: 6 evaluations per step instead of 7, plus the first
     * stage and the starting step's estimate.
     */
    @Test
    void hooksThatChangeNothingKeepFsal() throws SimulationException {
        SimulationResult r = Simulation.builder(BenchmarkPlant.create(2)).solver(Solver.DOPRI5).stepSize(1)
                .stopTime(600).build().run();
        long trials = r.steps() + r.rejectedSteps();
        assertTrue(trials > 20, "steps: " + trials);
        assertEquals(6 * trials + 2, r.derivativeEvaluations());
    }
}
