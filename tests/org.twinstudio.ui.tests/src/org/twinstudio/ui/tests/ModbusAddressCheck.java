package org.twinstudio.ui.tests;

import java.util.ArrayList;
import java.util.List;

import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;

/**
 * The address part of a Modbus TCP connector's binding check, for workbench tests while no Modbus connector is
 * installed: Modbus addresses 0..65535, a value takes 1 register (16-bit, bool), 2 (32-bit) or 4 (float64) and must
 * end at 65535 at the latest; coils and discrete inputs hold single bits, so only {@code bool} fits them; the scale
 * must be a finite non-zero number (the raw value is {@code (value - offset) / scale}). It only checks; it does not
 * connect.
 */
final class ModbusAddressCheck implements ConnectorProvider {

    @Override
    public String protocol() {
        return "modbus";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint instanceof ModbusTcpEndpoint;
    }

    static int registers(ModbusValueType type) {
        return switch (type) {
            case INT16, UINT16, BOOL -> 1;
            case INT32, UINT32, FLOAT32 -> 2;
            case FLOAT64 -> 4;
        };
    }

    @Override
    public List<String> check(Binding binding) {
        List<String> problems = new ArrayList<>();
        if (!(binding instanceof ModbusBinding modbus)) {
            problems.add("not a Modbus binding");
            return problems;
        }
        int address = modbus.getAddress();
        boolean bits = modbus.getTable() == ModbusTable.COIL || modbus.getTable() == ModbusTable.DISCRETE_INPUT;
        int width = bits ? 1 : registers(modbus.getValueType());
        if (address < 0 || address > 65535) {
            problems.add("address " + address + " is outside the Modbus range 0..65535");
        } else if (address + width - 1 > 65535) {
            problems.add("a " + modbus.getValueType() + " at " + address + " needs " + width
                    + " registers and runs past 65535");
        }
        if (bits && modbus.getValueType() != ModbusValueType.BOOL) {
            problems.add(modbus.getTable() + " holds single bits: the value type must be bool, not "
                    + modbus.getValueType());
        }
        if (!(Double.isFinite(modbus.getScale()) && modbus.getScale() != 0)) {
            problems.add("scale " + modbus.getScale() + " must be a finite number other than 0");
        }
        return problems;
    }

    @Override
    public BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        throw new UnsupportedOperationException("the test's Modbus provider checks bindings only");
    }
}
