package org.twinstudio.connect.modbus;

import java.util.ArrayList;
import java.util.List;

import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.Port;

/**
 * The rules a Modbus binding must keep, shared by the master's {@code check} and the slave's register map:
 * address 0..65535 and the whole value inside it (32-bit types take 2 registers, float64 4), the type fits the
 * table ({@code bool} only in coils and discrete inputs, numbers only in registers), writes go to coils or holding
 * registers only, scale is finite and not 0, offset finite.
 */
public final class ModbusChecks {

    /** Highest Modbus data address. */
    public static final int MAX_ADDRESS = 0xFFFF;

    private ModbusChecks() {
    }

    /** Problems with {@code binding}, each naming the port; empty when it can be served. */
    public static List<String> check(Binding binding) {
        List<String> problems = new ArrayList<>();
        String where = "binding of " + portPath(binding.getPort());
        if (!(binding instanceof ModbusBinding modbus)) {
            problems.add(where + ": not a Modbus binding");
            return problems;
        }
        if (binding.getEndpoint() != null && !(binding.getEndpoint() instanceof ModbusTcpEndpoint)) {
            problems.add(where + ": endpoint '" + binding.getEndpoint().getName() + "' is not a Modbus TCP endpoint");
        }
        ModbusTable table = modbus.getTable();
        ModbusValueType type = modbus.getValueType();
        int address = modbus.getAddress();
        if (address < 0 || address > MAX_ADDRESS) {
            problems.add(where + ": address " + address + " is outside 0.." + MAX_ADDRESS);
        } else {
            int last = address + ModbusCodec.registerCount(type) - 1;
            if (last > MAX_ADDRESS) {
                problems.add(where + ": " + ModbusCodec.name(type) + " takes " + ModbusCodec.registerCount(type)
                        + " registers from " + address + ", past the last address " + MAX_ADDRESS);
            }
        }
        if (!ModbusCodec.fits(type, table)) {
            problems.add(where + ": " + ModbusCodec.name(type) + " does not fit table " + table.getLiteral()
                    + (type == ModbusValueType.BOOL ? " (bool needs coil or discreteInput)"
                            : " (numbers need holdingRegister or inputRegister)"));
        }
        if (binding.getDirection() == BindingDirection.WRITE && !ModbusCodec.isWritableTable(table)) {
            problems.add(where + ": writes need coil or holdingRegister; " + table.getLiteral() + " is read-only");
        }
        double scale = modbus.getScale();
        if (scale == 0 || !Double.isFinite(scale)) {
            problems.add(where + ": scale must be a finite number other than 0, got " + scale);
        }
        if (!Double.isFinite(modbus.getOffset())) {
            problems.add(where + ": offset must be finite, got " + modbus.getOffset());
        }
        if (binding.getSamplePeriodMs() <= 0 && binding.getDirection() == BindingDirection.READ) {
            problems.add(where + ": sample period must be positive, got " + binding.getSamplePeriodMs() + " ms");
        }
        return problems;
    }

    /**
     * What makes an endpoint unusable, or null: a host is needed, the TCP port must be 1..65535, the unit id 0..255
     * and the timeout positive.
     */
    public static String checkEndpoint(ModbusTcpEndpoint endpoint) {
        List<String> problems = new ArrayList<>();
        if (endpoint.getHost() == null || endpoint.getHost().isBlank()) {
            problems.add("no host");
        }
        if (endpoint.getPort() < 1 || endpoint.getPort() > 65535) {
            problems.add("TCP port " + endpoint.getPort() + " is outside 1..65535");
        }
        if (endpoint.getUnitId() < 0 || endpoint.getUnitId() > 255) {
            problems.add("unit id " + endpoint.getUnitId() + " is outside 0..255");
        }
        if (endpoint.getTimeoutMs() <= 0) {
            problems.add("timeout must be positive, got " + endpoint.getTimeoutMs() + " ms");
        }
        return problems.isEmpty() ? null
                : "Modbus endpoint '" + endpoint.getName() + "': " + String.join("; ", problems);
    }

    /** {@code component.port}, or a placeholder for a binding without a port. */
    public static String portPath(Port port) {
        if (port == null) {
            return "(no port)";
        }
        String component = port.getComponent() == null ? "?" : port.getComponent().getName();
        return component + "." + port.getName();
    }

    /** How status views show a binding's address, e.g. {@code holdingRegister 10 float32}. */
    public static String address(ModbusBinding binding) {
        return binding.getTable().getLiteral() + " " + binding.getAddress() + " "
                + ModbusCodec.name(binding.getValueType());
    }
}
