package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.SyntheticTwins;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinModelValidator;

/** The benchmarks' generated twin is a valid one, so that they measure editing, not error reporting. */
class SyntheticTwinsTest {

    @Test
    void theLargeTwinIsValidWithEveryConnectionAskedFor(@TempDir Path dir) throws Exception {
        TwinModel model = SyntheticTwins.generate(2_000, 3_000, new Random(20261125));
        assertEquals(2_000, model.getComponents().size());
        assertEquals(3_000, model.getConnections().size());
        Set<Object> fed = new HashSet<>();
        for (Connection connection : model.getConnections()) {
            assertTrue(fed.add(connection.getTarget()), "an input fed twice: " + connection.getTarget().getName());
        }
        Path file = dir.resolve("large.twin");
        TwinModels.save(model, file);
        List<TwinDiagnostic> errors = TwinModelValidator.validate(TwinModels.load(file).resource(), file.toString())
                .stream().filter(d -> d.severity() == TwinDiagnostic.Severity.ERROR).toList();
        assertEquals(List.of(), errors);
    }
}
