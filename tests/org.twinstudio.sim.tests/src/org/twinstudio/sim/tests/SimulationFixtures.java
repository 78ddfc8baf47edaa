package org.twinstudio.sim.tests;

import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;

/** Builds small models in memory from the built-in component types. */
final class SimulationFixtures {

    private SimulationFixtures() {
    }

    static TwinModel model() {
        return TwinModels.createModel("test");
    }

    static Component add(TwinModel model, String type, String name) {
        Component c = StepSource.types().find(type).orElseThrow().instantiate(name);
        model.getComponents().add(c);
        return c;
    }

    static void param(Component c, String name, String value, String unit) {
        for (Parameter p : c.getParameters()) {
            if (p.getName().equals(name)) {
                p.setValue(value);
                p.setUnit(unit);
                return;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static Port port(Component c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    static void start(Component c, String port, String value) {
        port(c, port).setStart(value);
    }

    static void connect(TwinModel model, Component from, String out, Component to, String in) {
        Connection con = TwinFactory.eINSTANCE.createConnection();
        con.setSource(port(from, out));
        con.setTarget(port(to, in));
        model.getConnections().add(con);
    }
}
