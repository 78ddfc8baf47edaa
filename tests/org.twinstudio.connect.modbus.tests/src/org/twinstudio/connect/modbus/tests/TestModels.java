package org.twinstudio.connect.modbus.tests;

import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;

/** Builds twin models with Modbus endpoints and bindings in code. */
final class TestModels {

    private static final TwinFactory F = TwinFactory.eINSTANCE;
    final TwinModel model;

    TestModels(String name) {
        model = F.createTwinModel();
        model.setName(name);
    }

    Port port(String component, String port, PortDirection direction, DataType type) {
        Component c = model.getComponents().stream().filter(x -> x.getName().equals(component)).findFirst()
                .orElseGet(() -> {
                    Component n = F.createComponent();
                    n.setName(component);
                    n.setType("loopback");
                    model.getComponents().add(n);
                    return n;
                });
        Port p = F.createPort();
        p.setName(port);
        p.setDirection(direction);
        p.setDataType(type);
        c.getPorts().add(p);
        return p;
    }

    ModbusTcpEndpoint endpoint(String name, int tcpPort, int timeoutMs) {
        ModbusTcpEndpoint e = F.createModbusTcpEndpoint();
        e.setName(name);
        e.setHost("127.0.0.1");
        e.setPort(tcpPort);
        e.setTimeoutMs(timeoutMs);
        model.getEndpoints().add(e);
        return e;
    }

    ModbusBinding bind(Port port, ModbusTcpEndpoint endpoint, BindingDirection direction, ModbusTable table,
            int address, ModbusValueType type) {
        ModbusBinding b = F.createModbusBinding();
        b.setPort(port);
        b.setEndpoint(endpoint);
        b.setDirection(direction);
        b.setTable(table);
        b.setAddress(address);
        b.setValueType(type);
        b.setSamplePeriodMs(20);
        model.getBindings().add(b);
        return b;
    }

    ModbusBinding bind(Port port, ModbusTcpEndpoint endpoint, BindingDirection direction, ModbusTable table,
            int address, ModbusValueType type, double scale, double offset) {
        ModbusBinding b = bind(port, endpoint, direction, table, address, type);
        b.setScale(scale);
        b.setOffset(offset);
        return b;
    }
}
