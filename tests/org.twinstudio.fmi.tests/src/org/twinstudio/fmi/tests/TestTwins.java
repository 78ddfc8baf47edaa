package org.twinstudio.fmi.tests;

import org.twinstudio.fmi.sim.FmuBehaviourProvider;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.sim.BehaviourRegistry;

/** Building twin models with FMU components in tests. */
final class TestTwins {

    private TestTwins() {
    }

    static Component add(TwinModel model, String type, String name) {
        Component c = ComponentTypeRegistry.getDefault().find(type).orElseThrow().instantiate(name);
        model.getComponents().add(c);
        return c;
    }

    static void param(Component c, String name, String value) {
        for (Parameter p : c.getParameters()) {
            if (p.getName().equals(name)) {
                p.setValue(value);
                return;
            }
        }
        Parameter p = TwinFactory.eINSTANCE.createParameter();
        p.setName(name);
        p.setValue(value);
        p.setUnit("");
        c.getParameters().add(p);
    }

    static Port port(Component c, String name, PortDirection direction, DataType type) {
        Port p = TwinFactory.eINSTANCE.createPort();
        p.setName(name);
        p.setDirection(direction);
        p.setDataType(type);
        p.setUnit("");
        c.getPorts().add(p);
        return p;
    }

    static Port portOf(Component c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    static void connect(TwinModel m, Port from, Port to) {
        Connection con = TwinFactory.eINSTANCE.createConnection();
        con.setSource(from);
        con.setTarget(to);
        m.getConnections().add(con);
    }

    static BehaviourRegistry registry() {
        BehaviourRegistry r = BehaviourRegistry.builtins();
        r.register(new FmuBehaviourProvider());
        return r;
    }
}
