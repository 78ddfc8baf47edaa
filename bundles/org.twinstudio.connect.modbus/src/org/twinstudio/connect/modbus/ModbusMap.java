package org.twinstudio.connect.modbus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.model.Binding;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;

/**
 * The slave's register map: which port lives at which table and address. Built from the model's Modbus bindings
 * ({@link #fromBindings}) or, for a twin without any, {@link #automatic}. Immutable.
 */
public final class ModbusMap {

    private final List<ModbusPoint> points;
    private final Map<ModbusTable, int[]> owners = new EnumMap<>(ModbusTable.class);

    private ModbusMap(List<ModbusPoint> points, List<String> problems) {
        this.points = List.copyOf(points);
        for (ModbusTable table : ModbusTable.values()) {
            int[] owner = new int[ModbusChecks.MAX_ADDRESS + 1];
            Arrays.fill(owner, -1);
            owners.put(table, owner);
        }
        for (int i = 0; i < this.points.size(); i++) {
            ModbusPoint p = this.points.get(i);
            int[] owner = owners.get(p.table());
            for (int a = p.address(); a <= p.lastAddress(); a++) {
                if (owner[a] >= 0) {
                    problems.add(p.path() + " at " + p.table().getLiteral() + " " + a + " overlaps "
                            + this.points.get(owner[a]).path());
                } else {
                    owner[a] = i;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Modbus register map: " + String.join("; ", problems));
        }
    }

    /**
     * The map the bindings give: every {@link ModbusBinding} to a Modbus TCP endpoint (only the endpoint named
     * {@code endpointName} when that is not null) places its port at its table and address. Ports that are inputs
     * of the twin are writable when the table is (coils, holding registers).
     *
     * @throws IllegalArgumentException listing every binding that breaks {@link ModbusChecks}, names a port the twin
     *                                  does not have, or overlaps another
     */
    public static ModbusMap fromBindings(TwinAccess twin, List<? extends Binding> bindings, String endpointName) {
        List<ModbusPoint> points = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Binding b : bindings) {
            if (!(b instanceof ModbusBinding mb) || !(b.getEndpoint() instanceof ModbusTcpEndpoint endpoint)) {
                continue;
            }
            if (endpointName != null && !endpointName.equals(endpoint.getName())) {
                continue;
            }
            String path = ModbusChecks.portPath(b.getPort());
            List<String> bad = ModbusChecks.check(b).stream()
                    .filter(m -> !m.contains("writes need") && !m.contains("sample period")).toList();
            if (!bad.isEmpty()) {
                problems.addAll(bad);
                continue;
            }
            OptionalInt index = twin.indexOf(path);
            if (index.isEmpty()) {
                problems.add("binding of " + path + ": the twin has no such port");
                continue;
            }
            PortInfo port = twin.ports().get(index.getAsInt());
            boolean writable = ModbusCodec.isWritableTable(mb.getTable()) && port.isInput();
            points.add(new ModbusPoint(port.index(), path, mb.getTable(), mb.getAddress(), mb.getValueType(),
                    mb.getScale(), mb.getOffset(), writable));
        }
        return new ModbusMap(points, problems);
    }

    /**
     * The map for a twin without Modbus bindings, in port order: numeric inputs as float32 holding registers
     * (writable) from address 0, numeric outputs as float32 input registers from 0, boolean inputs as coils
     * (writable) from 0, boolean outputs as discrete inputs from 0. Each float32 takes two registers, so the n-th
     * numeric input is at holding register 2n. Text ports are left out.
     */
    public static ModbusMap automatic(TwinAccess twin) {
        List<ModbusPoint> points = new ArrayList<>();
        Map<ModbusTable, Integer> next = new EnumMap<>(ModbusTable.class);
        for (PortInfo port : twin.ports()) {
            if (port.dataType() == DataType.STRING) {
                continue;
            }
            boolean bool = port.dataType() == DataType.BOOLEAN;
            ModbusTable table = bool ? (port.isInput() ? ModbusTable.COIL : ModbusTable.DISCRETE_INPUT)
                    : (port.isInput() ? ModbusTable.HOLDING_REGISTER : ModbusTable.INPUT_REGISTER);
            ModbusValueType type = bool ? ModbusValueType.BOOL : ModbusValueType.FLOAT32;
            int address = next.getOrDefault(table, 0);
            if (address + ModbusCodec.registerCount(type) - 1 > ModbusChecks.MAX_ADDRESS) {
                continue; // more than 32768 numeric ports of one direction: the rest stay off the map
            }
            next.put(table, address + ModbusCodec.registerCount(type));
            points.add(new ModbusPoint(port.index(), port.path(), table, address, type, 1, 0, port.isInput()));
        }
        return new ModbusMap(points, new ArrayList<>());
    }

    public List<ModbusPoint> points() {
        return points;
    }

    /** Index into {@link #points()} of the point covering {@code address} in {@code table}, or -1. */
    public int pointAt(ModbusTable table, int address) {
        return address < 0 || address > ModbusChecks.MAX_ADDRESS ? -1 : owners.get(table)[address];
    }

    /**
     * The map as a table for people wiring a PLC to the twin: one line per point, by table and address, e.g.
     * {@code holdingRegister   0..1   float32  tank.inflow  (writable)}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        points.stream()
                .sorted(java.util.Comparator.comparing(ModbusPoint::table).thenComparingInt(ModbusPoint::address))
                .forEach(p -> sb.append(String.format("%-16s %11s  %-7s  %s%s%n", p.table().getLiteral(),
                        p.size() == 1 ? Integer.toString(p.address()) : p.address() + ".." + p.lastAddress(),
                        ModbusCodec.name(p.type()), p.path(), p.writable() ? "  (writable)" : "")));
        return sb.toString();
    }

    /** The point of {@code path}, if mapped. */
    public ModbusPoint point(String path) {
        return points.stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("port " + path + " is not on the Modbus map"));
    }
}
