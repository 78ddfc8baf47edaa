package org.twinstudio.connect.modbus;

import java.io.IOException;

import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServerProvider;
import org.twinstudio.model.ModbusBinding;

/**
 * Serves a twin as a Modbus TCP slave (protocol {@code modbus}). Listens on {@code options.host()} (default
 * 127.0.0.1) and {@code options.port()} (0 picks a free port). Settings:
 * <ul>
 * <li>{@code wordOrder}: {@code big} (default, most significant word first) or {@code little} (swapped words),
 * for every 32- and 64-bit value served;</li>
 * <li>{@code map}: {@code bindings} places ports by the twin's Modbus bindings, {@code auto} uses
 * {@link ModbusMap#automatic}; by default bindings when the twin has any Modbus binding, else auto;</li>
 * <li>{@code endpoint}: only the bindings of the Modbus endpoint with this name;</li>
 * <li>{@code unitId}: answer only this unit id (others get exception 0x0B); by default every unit id;</li>
 * <li>{@code maxConnections} (64), {@code frameTimeoutMs} (1000): limits per peer.</li>
 * </ul>
 */
public final class ModbusServerProvider implements TwinServerProvider {

    @Override
    public String protocol() {
        return "modbus";
    }

    @Override
    public ModbusServer serve(TwinAccess twin, ServerOptions options) throws IOException {
        String endpoint = options.setting("endpoint", null);
        String mapKind = options.setting("map", "");
        boolean hasBindings = twin.bindings().stream().anyMatch(ModbusBinding.class::isInstance);
        ModbusMap map = switch (mapKind) {
            case "auto" -> ModbusMap.automatic(twin);
            case "bindings" -> ModbusMap.fromBindings(twin, twin.bindings(), endpoint);
            case "" -> hasBindings ? ModbusMap.fromBindings(twin, twin.bindings(), endpoint) : ModbusMap.automatic(twin);
            default -> throw new IllegalArgumentException("Modbus setting map=" + mapKind + ": use auto or bindings");
        };
        String host = options.host() == null || options.host().isBlank() ? "127.0.0.1" : options.host();
        return new ModbusServer(twin, map, host, options.port(), settings(options));
    }

    /** The {@link ModbusServer.Settings} the options name; bad values give a message naming the setting. */
    public static ModbusServer.Settings settings(ServerOptions options) {
        ModbusServer.Settings d = ModbusServer.Settings.DEFAULT;
        return new ModbusServer.Settings(WordOrder.parse(options.setting("wordOrder", null)),
                intSetting(options, "unitId", d.unitId(), -1, 255),
                intSetting(options, "maxConnections", d.maxConnections(), 1, 10_000),
                intSetting(options, "frameTimeoutMs", d.frameTimeoutMs(), 1, 600_000));
    }

    private static int intSetting(ServerOptions options, String name, int fallback, int min, int max) {
        String text = options.setting(name, null);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Modbus setting " + name + "=" + text + ": need a whole number in " + min
                + ".." + max);
    }

    /** For tests and embedding: serve an explicit map. */
    public static ModbusServer serve(TwinAccess twin, ModbusMap map, String host, int port, ModbusServer.Settings s)
            throws IOException {
        return new ModbusServer(twin, map, host, port, s);
    }

}
