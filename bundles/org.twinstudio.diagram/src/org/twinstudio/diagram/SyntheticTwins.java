package org.twinstudio.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

/** Large generated twins for the diagram's benchmarks and scaling tests. */
public final class SyntheticTwins {

    private SyntheticTwins() {
    }

    /**
     * {@code components} gain blocks with ports {@code in1, in2, out1, out2}, in lines of 20 chained through
     * {@code out1 → in1}, plus connections from a component's {@code out2} to {@code in2} of one of the next 30
     * components (no cycles), until there are {@code connections}: local wiring as in a plant rather than edges
     * across the whole diagram. Several connections may end on one {@code in2}; the model validator flags those,
     * which the diagram does not mind.
     */
    public static TwinModel generate(int components, int connections, Random random) {
        TwinModel model = TwinModels.createModel("generated");
        List<Component> all = new ArrayList<>();
        for (int i = 0; i < components; i++) {
            Component c = TwinFactory.eINSTANCE.createComponent();
            c.setName("c" + i);
            c.setType("gain");
            for (String name : List.of("in1", "in2", "out1", "out2")) {
                Port port = TwinFactory.eINSTANCE.createPort();
                port.setName(name);
                port.setDirection(name.startsWith("in") ? PortDirection.IN : PortDirection.OUT);
                port.setUnit("");
                c.getPorts().add(port);
            }
            all.add(c);
            model.getComponents().add(c);
        }
        for (int i = 0; i + 1 < components && model.getConnections().size() < connections; i++) {
            if ((i + 1) % 20 != 0) {
                connect(model, all.get(i).getPorts().get(2), all.get(i + 1).getPorts().get(0));
            }
        }
        while (model.getConnections().size() < connections) {
            int from = random.nextInt(components - 1);
            int to = Math.min(components - 1, from + 1 + random.nextInt(30));
            connect(model, all.get(from).getPorts().get(3), all.get(to).getPorts().get(1));
        }
        return model;
    }

    private static void connect(TwinModel model, Port source, Port target) {
        Connection connection = TwinFactory.eINSTANCE.createConnection();
        connection.setSource(source);
        connection.setTarget(target);
        model.getConnections().add(connection);
    }
}
