package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.eclipse.glsp.graph.GNode;
import org.eclipse.glsp.graph.util.GraphUtil;
import org.eclipse.glsp.server.features.core.model.SetModelAction;
import org.eclipse.glsp.server.features.core.model.UpdateModelAction;
import org.eclipse.glsp.server.features.undoredo.UndoAction;
import org.eclipse.glsp.server.operations.ChangeBoundsOperation;
import org.eclipse.glsp.server.types.ElementAndBounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.diagram.SyntheticTwins;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

/**
 * What one edit costs on a large twin (2,000 components, 3,000 connections): from the client's operation to the
 * model update it gets back — command, GModel rebuild, bounds round trip and live validation.
 */
class DiagramServerBenchmarkTest {

    @TempDir
    Path dir;

    /** The generated twin with every block's type wrong (its ports do not match the type): thousands of findings. */
    @Test
    void oneMoveOnALargeTwinFullOfFindings() throws Exception {
        TwinModel model = SyntheticTwins.generate(2_000, 3_000, new Random(20261125));
        model.getComponents().forEach(component -> component.setType("gain"));
        measure(model, "with findings");
    }

    /** The generated twin as it is: valid, so its algebraic loops are looked for too (there are none). */
    @Test
    void oneMoveOnALargeValidTwin() throws Exception {
        measure(SyntheticTwins.generate(2_000, 3_000, new Random(20261125)), "valid");
    }

    private void measure(TwinModel model, String kind) throws Exception {
        Path source = dir.resolve("src");
        java.nio.file.Files.createDirectories(source);
        TwinModels.save(model, source.resolve("large.twin"));
        try (GlspSession glsp = GlspSession.open(source.resolve("large.twin"), dir, new FileTwinModelAccess())) {
            long start = System.nanoTime();
            SetModelAction set = glsp.requestModel(glsp.file.toString());
            double openMs = (System.nanoTime() - start) / 1e6;
            assertEquals(2_000, set.getNewRoot().getChildren().stream().filter(GNode.class::isInstance).count());

            double[] moveMs = new double[7];
            for (int i = 0; i < moveMs.length; i++) {
                ElementAndBounds bounds = new ElementAndBounds();
                bounds.setElementId("c" + (i * 100));
                bounds.setNewPosition(GraphUtil.point(10 * i, 20 * i));
                start = System.nanoTime();
                UpdateModelAction update = glsp.apply(new ChangeBoundsOperation(List.of(bounds)));
                moveMs[i] = (System.nanoTime() - start) / 1e6;
                assertEquals(5_000, update.getNewRoot().getChildren().size());
            }
            start = System.nanoTime();
            glsp.apply(new UndoAction());
            double undoMs = (System.nanoTime() - start) / 1e6;
            Arrays.sort(moveMs);
            var resource = glsp.state().getDocument().resource();
            start = System.nanoTime();
            int findings = org.twinstudio.model.validation.TwinModelValidator.validate(resource).size();
            double validateMs = (System.nanoTime() - start) / 1e6;
            var validator = glsp.session.getInjector().getInstance(org.eclipse.glsp.server.features.validation.ModelValidator.class);
            start = System.nanoTime();
            int markers = validator.validate(List.of(glsp.state().getRoot()), "live").size();
            double markersMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            glsp.state().rebuildGraph();
            double graphMs = (System.nanoTime() - start) / 1e6;
            // The GModel as JSON: GLSP's reflective writer and ours.
            var graph = glsp.state().getRoot();
            com.google.gson.Gson reflective = new org.eclipse.glsp.graph.gson.GraphGsonConfigurator().withDefaultTypes()
                    .withTypes(GraphWireFormatTest.TYPES).configureGsonBuilder(new com.google.gson.GsonBuilder()).create();
            com.google.gson.Gson fast = org.twinstudio.diagram.server.GModelJson.register(
                    new org.eclipse.glsp.graph.gson.GraphGsonConfigurator().withDefaultTypes()
                            .withTypes(GraphWireFormatTest.TYPES).configureGsonBuilder(new com.google.gson.GsonBuilder()))
                    .create();
            double[] jsonMs = new double[2];
            int jsonChars = 0;
            for (int round = 0; round < 3; round++) {
                start = System.nanoTime();
                jsonChars = reflective.toJson(graph).length();
                jsonMs[0] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                fast.toJson(graph);
                jsonMs[1] = (System.nanoTime() - start) / 1e6;
            }
            System.out.printf("diagram server benchmark (" + kind + "): GModel as JSON (%d kB): GLSP's writer %.0f ms,"
                    + " ours %.0f ms%n", jsonChars / 1000, jsonMs[0], jsonMs[1]);
            System.out.printf("diagram server benchmark (" + kind + "): model validation %.0f ms (%d findings), markers %.0f ms (%d),"
                    + " GModel %.0f ms%n", validateMs, findings, markersMs, markers, graphMs);
            System.out.printf("diagram server benchmark (" + kind + "): 2000 components, 3000 connections: open %.0f ms,"
                    + " move round trip median %.0f ms (max %.0f), undo %.0f ms%n", openMs, moveMs[moveMs.length / 2],
                    moveMs[moveMs.length - 1], undoMs);
        }
        // A client that takes layout updates (the web client): the moved node's new place, no revalidation.
        Path fastDir = dir.resolve("layout-updates");
        java.nio.file.Files.createDirectories(fastDir);
        try (GlspSession glsp = GlspSession.open(source.resolve("large.twin"), fastDir, new FileTwinModelAccess(),
                List.of(org.twinstudio.diagram.server.TwinUpdateLayoutAction.KIND))) {
            glsp.requestModel(glsp.file.toString());
            // The first move adds the notation to the generated twin's file: a change of its roots, sent whole.
            ElementAndBounds first = new ElementAndBounds();
            first.setElementId("c1");
            first.setNewPosition(GraphUtil.point(5, 5));
            glsp.apply(new ChangeBoundsOperation(List.of(first)));
            double[] moveMs = new double[15];
            for (int i = 0; i < moveMs.length; i++) {
                ElementAndBounds bounds = new ElementAndBounds();
                bounds.setElementId("c" + (i * 100));
                bounds.setNewPosition(GraphUtil.point(10 * i, 20 * i));
                glsp.received.clear();
                long start = System.nanoTime();
                glsp.send(new ChangeBoundsOperation(List.of(bounds)));
                var update = glsp.await(org.twinstudio.diagram.server.TwinUpdateLayoutAction.class);
                moveMs[i] = (System.nanoTime() - start) / 1e6;
                assertEquals("c" + (i * 100), update.getNodes().get(0).id());
            }
            Arrays.sort(moveMs);
            System.out.printf("diagram server benchmark (" + kind + "): move with layout updates median %.1f ms (max %.1f)%n",
                    moveMs[moveMs.length / 2], moveMs[moveMs.length - 1]);
        }
    }
}
