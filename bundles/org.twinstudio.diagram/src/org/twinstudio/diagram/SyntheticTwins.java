package org.twinstudio.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

/** Large generated twins for the diagram's benchmarks and scaling tests. */
public final class SyntheticTwins {

    private SyntheticTwins() {
    }

    /**
     * A valid twin of {@code components} sum blocks ({@code y = ka·a + kb·b}), in lines of 20 chained through
     * {@code y → a}, plus connections from a block's {@code y} to the free {@code b} of one of the next 30 blocks (no
     * cycles, no input fed twice), until there are {@code connections} or no free input is in reach: local wiring as
     * in a plant rather than edges across the whole diagram.
     */
    public static TwinModel generate(int components, int connections, Random random) {
        TwinModel model = TwinModels.createModel("generated");
        ComponentTypeDescriptor sum = ComponentTypeRegistry.getDefault().find(BuiltinComponentTypes.SUM).orElseThrow();
        List<Component> all = new ArrayList<>();
        for (int i = 0; i < components; i++) {
            Component c = sum.instantiate("c" + i);
            all.add(c);
            model.getComponents().add(c);
        }
        for (int i = 0; i + 1 < components && model.getConnections().size() < connections; i++) {
            if ((i + 1) % 20 != 0) {
                connect(model, port(all.get(i), "y"), port(all.get(i + 1), "a"));
            }
        }
        boolean[] fed = new boolean[components];
        int misses = 0;
        while (model.getConnections().size() < connections && misses < 100 * components) {
            int from = random.nextInt(components - 1);
            int to = Math.min(components - 1, from + 1 + random.nextInt(30));
            if (fed[to]) {
                misses++;
                continue;
            }
            fed[to] = true;
            connect(model, port(all.get(from), "y"), port(all.get(to), "b"));
        }
        return model;
    }

    private static Port port(Component component, String name) {
        return component.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst().orElseThrow();
    }

    private static void connect(TwinModel model, Port source, Port target) {
        Connection connection = TwinFactory.eINSTANCE.createConnection();
        connection.setSource(source);
        connection.setTarget(target);
        model.getConnections().add(connection);
    }
}
