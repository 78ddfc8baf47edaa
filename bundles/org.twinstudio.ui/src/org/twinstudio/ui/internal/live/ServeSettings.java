package org.twinstudio.ui.internal.live;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.IPreferenceStore;

/**
 * What Start Serve exposes: which protocol servers (OPC UA and Modbus TCP with their ports, MQTT with a broker URL
 * or the embedded broker), on which host, and how fast the twin runs against the wall clock. Remembered in the
 * workbench preferences between starts.
 *
 * @param host           where the OPC UA and Modbus servers listen (loopback by default)
 * @param mqttBroker     a broker URL ({@code tcp://host:1883}) or {@link #EMBEDDED}
 * @param realtimeFactor simulated seconds per wall-clock second
 */
public record ServeSettings(boolean opcUa, int opcUaPort, boolean modbus, int modbusPort, boolean mqtt,
        String mqttBroker, String host, double realtimeFactor) {

    /** The MQTT broker embedded in the product, started on loopback for the session. */
    public static final String EMBEDDED = "embedded";

    static final String OPCUA = "live.serve.opcua";
    static final String OPCUA_PORT = "live.serve.opcua.port";
    static final String MODBUS = "live.serve.modbus";
    static final String MODBUS_PORT = "live.serve.modbus.port";
    static final String MQTT = "live.serve.mqtt";
    static final String MQTT_BROKER = "live.serve.mqtt.broker";
    static final String HOST = "live.serve.host";
    static final String REALTIME_FACTOR = "live.serve.realtimeFactor";

    /** One server to start: the protocol id of {@code Connectors.server(...)}, port and target as ServerOptions. */
    public record ServerRequest(String protocol, String label, int port, String target) {
    }

    public ServeSettings {
        if (!(realtimeFactor > 0) || Double.isInfinite(realtimeFactor)) {
            throw new IllegalArgumentException("the real-time factor must be a positive number, not " + realtimeFactor);
        }
        checkPort("OPC UA", opcUaPort);
        checkPort("Modbus TCP", modbusPort);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host to listen on");
        }
        mqttBroker = mqttBroker == null || mqttBroker.isBlank() ? EMBEDDED : mqttBroker.trim();
    }

    private static void checkPort(String protocol, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the " + protocol + " port must be between 0 (any free port) and 65535, not "
                    + port);
        }
    }

    /** The servers to start, in the order OPC UA, Modbus TCP, MQTT. */
    public List<ServerRequest> servers() {
        List<ServerRequest> out = new ArrayList<>();
        if (opcUa) {
            out.add(new ServerRequest("opcua", "OPC UA", opcUaPort, null));
        }
        if (modbus) {
            out.add(new ServerRequest("modbus", "Modbus TCP", modbusPort, null));
        }
        if (mqtt) {
            out.add(new ServerRequest("mqtt", "MQTT", 0, mqttBroker));
        }
        return out;
    }

    /** Defaults: OPC UA on 4840, Modbus TCP on 5020, MQTT through the embedded broker, loopback, real time. */
    public static void initializeDefaults(IPreferenceStore store) {
        store.setDefault(OPCUA, true);
        store.setDefault(OPCUA_PORT, 4840);
        store.setDefault(MODBUS, false);
        store.setDefault(MODBUS_PORT, 5020);
        store.setDefault(MQTT, false);
        store.setDefault(MQTT_BROKER, EMBEDDED);
        store.setDefault(HOST, "127.0.0.1");
        store.setDefault(REALTIME_FACTOR, 1.0);
    }

    /** The settings last used (or the defaults). */
    public static ServeSettings load(IPreferenceStore store) {
        initializeDefaults(store);
        try {
            return new ServeSettings(store.getBoolean(OPCUA), store.getInt(OPCUA_PORT), store.getBoolean(MODBUS),
                    store.getInt(MODBUS_PORT), store.getBoolean(MQTT), store.getString(MQTT_BROKER),
                    store.getString(HOST), store.getDouble(REALTIME_FACTOR));
        } catch (IllegalArgumentException e) {
            // stored by hand or by an older version: start again from the defaults
            return new ServeSettings(true, 4840, false, 5020, false, EMBEDDED, "127.0.0.1", 1.0);
        }
    }

    public void save(IPreferenceStore store) {
        store.setValue(OPCUA, opcUa);
        store.setValue(OPCUA_PORT, opcUaPort);
        store.setValue(MODBUS, modbus);
        store.setValue(MODBUS_PORT, modbusPort);
        store.setValue(MQTT, mqtt);
        store.setValue(MQTT_BROKER, mqttBroker);
        store.setValue(HOST, host);
        store.setValue(REALTIME_FACTOR, realtimeFactor);
    }
}
