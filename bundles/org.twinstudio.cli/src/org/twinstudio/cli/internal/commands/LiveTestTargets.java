package org.twinstudio.cli.internal.commands;

import java.nio.file.Path;
import java.util.List;

import org.twinstudio.model.AlertRule;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.testlang.runner.LiveTarget;
import org.twinstudio.testlang.runner.SuiteRunner;

/**
 * {@code test --target live|hil}: each test gets a fresh {@link TwinSession} of the suite's model, running against
 * the wall clock (SERVE mode: the test drives the twin's inputs; HIL mode: the twin also exchanges its bound ports
 * with the plant every cycle), wrapped in a {@link LiveTarget}.
 */
final class LiveTestTargets {

    private LiveTestTargets() {
    }

    /**
     * @param cycle the cycle period in simulated seconds, or null for the model's step size
     * @param seed  the seed of the twin's noise, or null for the simulation's default
     */
    static SuiteRunner.TargetFactory factory(boolean hil, double realtimeFactor, Double cycle, Long seed) {
        return modelFile -> create(modelFile, hil, realtimeFactor, cycle, seed);
    }

    private static LiveTarget create(Path modelFile, boolean hil, double realtimeFactor, Double cycle, Long seed)
            throws Exception {
        SessionOptions options = (hil ? SessionOptions.hil() : SessionOptions.serve()).withRealtimeFactor(realtimeFactor);
        if (cycle != null) {
            options = options.withCyclePeriod(cycle);
        }
        // read first: the twin's clock runs from the session's start
        TwinModel model = TwinModels.load(modelFile).model();
        List<AlertRule> rules = model == null ? List.of() : List.copyOf(model.getAlertRules());
        TwinSession.Builder builder = TwinSession.builder(modelFile).options(options);
        if (seed != null) {
            builder.seed(seed);
        }
        TwinSession session = builder.start();
        try {
            return new LiveTarget(session, rules, session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
