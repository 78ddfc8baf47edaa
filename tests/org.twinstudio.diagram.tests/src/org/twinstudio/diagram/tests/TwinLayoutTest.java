package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.elk.core.options.PortSide;
import org.eclipse.glsp.graph.GEdge;
import org.eclipse.glsp.graph.GGraph;
import org.eclipse.glsp.graph.GNode;
import org.junit.jupiter.api.Test;
import org.twinstudio.diagram.SyntheticTwins;
import org.twinstudio.diagram.TwinGModelFactory;
import org.twinstudio.diagram.TwinLayout;
import org.twinstudio.diagram.TwinLayout.Bounds;
import org.twinstudio.diagram.TwinLayout.PortPlacement;
import org.twinstudio.model.Component;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

/** ELK layout of the example twin and of a large generated one. */
class TwinLayoutTest {

    @Test
    void exampleIsPlacedWithoutOverlapsInputsWestOutputsEast() {
        TwinModel model = TwinModels.load(HeatingLineGraphTest.HEATING_LINE).model();
        TwinLayout.Result result = new TwinLayout().layout(model);

        assertEquals(6, result.components().size());
        assertNoOverlaps(result.components());
        assertEquals(19, result.ports().size());
        result.ports().forEach((port, placed) -> {
            Bounds node = result.components().get(port.getComponent());
            String name = port.getComponent().getName() + "." + port.getName();
            // Checked on the geometry, not the requested side: the centre lies on or outside the named border.
            if (port.getDirection() == PortDirection.IN) {
                assertEquals(PortSide.WEST, placed.side(), name);
                assertTrue(placed.x() <= node.x(), name + " at x=" + placed.x() + ", node from " + node.x());
            } else {
                assertEquals(PortSide.EAST, placed.side(), name);
                assertTrue(placed.x() >= node.x() + node.width(), name + " at x=" + placed.x() + ", node to " + (node.x() + node.width()));
            }
            assertTrue(placed.y() >= node.y() && placed.y() <= node.y() + node.height(), name + " within the node's height");
        });
    }

    @Test
    void signalFlowsLeftToRightWhereThereIsNoFeedback() {
        TwinModel model = TwinModels.load(HeatingLineGraphTest.HEATING_LINE).model();
        Map<Component, Bounds> placed = new TwinLayout().layout(model).components();
        // Not in any loop: valve → tank, tank → level sensor.
        assertTrue(right(placed, model, "inletValve") < left(placed, model, "tank"));
        assertTrue(right(placed, model, "tank") < left(placed, model, "sensorL"));
        // The control loop tank → sensorT → controller → heater → tank: one edge has to run back, the others forward.
        int forward = 0;
        for (String[] edge : new String[][] {{"tank", "sensorT"}, {"sensorT", "controller"}, {"controller", "heater"}, {"heater", "tank"}}) {
            if (right(placed, model, edge[0]) < left(placed, model, edge[1])) {
                forward++;
            }
        }
        assertEquals(3, forward, "all but one edge of the feedback loop run left to right");
    }

    /** Benchmark: 2,000 components, 3,000 connections; figures printed, not asserted. */
    @Test
    void largeGeneratedModelIsConvertedAndLaidOut() {
        TwinModel model = SyntheticTwins.generate(2_000, 3_000, new Random(20261125));
        assertEquals(3_000, model.getConnections().size());

        long t0 = System.nanoTime();
        GGraph graph = new TwinGModelFactory().createGraph(model);
        long t1 = System.nanoTime();
        TwinLayout.Result result = new TwinLayout().layout(model);
        long t2 = System.nanoTime();
        System.out.printf("diagram benchmark: 2000 components, 3000 connections: GModel %.1f ms, ELK layered layout %.1f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        assertEquals(2_000, graph.getChildren().stream().filter(GNode.class::isInstance).count());
        assertEquals(3_000, graph.getChildren().stream().filter(GEdge.class::isInstance).count());
        assertEquals(2_000, result.components().size());
        assertNoOverlaps(result.components());
        for (Map.Entry<Port, PortPlacement> e : result.ports().entrySet()) {
            Bounds node = result.components().get(e.getKey().getComponent());
            boolean in = e.getKey().getDirection() == PortDirection.IN;
            assertTrue(in ? e.getValue().x() <= node.x() : e.getValue().x() >= node.x() + node.width());
        }
    }

    /** Sweep over x: each box is compared only with boxes that start before it ends. */
    static void assertNoOverlaps(Map<Component, Bounds> placed) {
        List<Map.Entry<Component, Bounds>> boxes = new ArrayList<>(placed.entrySet());
        boxes.sort(Comparator.comparingDouble(e -> e.getValue().x()));
        for (int i = 0; i < boxes.size(); i++) {
            Bounds a = boxes.get(i).getValue();
            assertTrue(a.width() > 0 && a.height() > 0);
            for (int j = i + 1; j < boxes.size() && boxes.get(j).getValue().x() < a.x() + a.width(); j++) {
                assertFalse(a.overlaps(boxes.get(j).getValue()),
                        boxes.get(i).getKey().getName() + " overlaps " + boxes.get(j).getKey().getName());
            }
        }
    }

    static double left(Map<Component, Bounds> placed, TwinModel model, String name) {
        return placed.get(component(model, name)).x();
    }

    static double right(Map<Component, Bounds> placed, TwinModel model, String name) {
        Bounds b = placed.get(component(model, name));
        return b.x() + b.width();
    }

    static Component component(TwinModel model, String name) {
        return model.getComponents().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }
}
