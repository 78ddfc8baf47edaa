package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code twinstudio bench}, on a small plant so that it runs in a fraction of a second. */
class BenchCommandTest {

    @Test
    void jsonReportsBothEnginesBothSolversAndAgreement() {
        Cli.Result r = Cli.run("bench", "--chains", "2", "--steps", "300", "--warmup", "1", "--iterations", "3",
                "--hour-steps", "500", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> root = (Map<?, ?>) JsonParser.parse(r.out());
        assertEquals(10.0, ((Number) ((Map<?, ?>) root.get("settings")).get("components")).doubleValue());
        assertEquals(Boolean.TRUE, root.get("agree"));
        List<?> ms = (List<?>) root.get("measurements");
        assertEquals(4, ms.size());
        for (Object o : ms) {
            Map<?, ?> m = (Map<?, ?>) o;
            assertEquals(3, ((List<?>) m.get("seconds")).size());
            assertEquals(3000.0, ((Number) m.get("componentSteps")).doubleValue());
            double median = ((Number) m.get("medianSeconds")).doubleValue();
            assertEquals(3000 / median, ((Number) m.get("medianComponentStepsPerSecond")).doubleValue(), 1e-6 * 3000 / median);
        }
        assertEquals(500.0, ((Number) ((Map<?, ?>) root.get("longRun")).get("steps")).doubleValue());
        assertTrue(r.err().contains("bench: measuring Simulation (rk4)"), r::toString);
    }

    @Test
    void tablePrintsRatesRatioAndGoals() {
        Cli.Result r = Cli.run("bench", "--chains", "1", "--steps", "200", "--warmup", "0", "--iterations", "1",
                "--solver", "euler", "--hour-steps", "0");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("euler\\s+Simulation(\\s+[0-9.]+){3}(\\s+[0-9.]+x){2}")),
                r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("euler\\s+plain Java(\\s+[0-9.]+){3}\\s+1\\s+1")), r::toString);
        assertTrue(r.out().contains("goals (euler, wall medians): >= 50 M comp-steps/s/core: "), r::toString);
        assertTrue(r.out().contains("machine: "), r::toString);
    }

    @Test
    void badSettingsAreUsageErrors() {
        assertEquals(2, Cli.run("bench", "--chains", "0").exitCode());
        assertEquals(2, Cli.run("bench", "--solver", "midpoint").exitCode());
    }
}
