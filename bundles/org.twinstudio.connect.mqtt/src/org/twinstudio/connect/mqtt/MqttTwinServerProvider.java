package org.twinstudio.connect.mqtt;

import java.io.IOException;

import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;

/** Protocol {@code mqtt}: serves a twin as an MQTT publisher; see {@link MqttTwinServer} for the options. */
public final class MqttTwinServerProvider implements TwinServerProvider {

    @Override
    public String protocol() {
        return "mqtt";
    }

    @Override
    public TwinServer serve(TwinAccess twin, ServerOptions options) throws IOException {
        return MqttTwinServer.start(twin, options);
    }
}
