package org.twinstudio.connect.modbus;

import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusValueType;

/**
 * Where the slave shows one port: {@code table} and the first {@code address} of its {@link #size()} registers (or
 * its one bit), the type and scaling of the raw value ({@code value = raw * scale + offset}). {@code writable}
 * points accept writes from peers (an input port in coils or holding registers); all points are readable.
 */
public record ModbusPoint(int port, String path, ModbusTable table, int address, ModbusValueType type, double scale,
        double offset, boolean writable) {

    /** Registers taken (1 for a bit). */
    public int size() {
        return ModbusCodec.registerCount(type);
    }

    public int lastAddress() {
        return address + size() - 1;
    }

    @Override
    public String toString() {
        return path + " @ " + table.getLiteral() + " " + address + " " + ModbusCodec.name(type)
                + (writable ? " (writable)" : "");
    }
}
