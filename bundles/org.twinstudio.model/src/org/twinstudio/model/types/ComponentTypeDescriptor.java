package org.twinstudio.model.types;

import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;

/** TEMPORARY stand-in until the model API lands on main. */
public record ComponentTypeDescriptor(String id, String label, String category, String description, String iconPath,
        String[] ins, String[] outs) {
    public Component instantiate(String name) {
        Component c = TwinFactory.eINSTANCE.createComponent();
        c.setName(name);
        c.setType(id);
        for (String i : ins) {
            c.getPorts().add(port(i, PortDirection.IN));
        }
        for (String o : outs) {
            c.getPorts().add(port(o, PortDirection.OUT));
        }
        return c;
    }

    private static Port port(String n, PortDirection d) {
        Port p = TwinFactory.eINSTANCE.createPort();
        p.setName(n);
        p.setDirection(d);
        p.setDataType(DataType.REAL);
        return p;
    }
}
