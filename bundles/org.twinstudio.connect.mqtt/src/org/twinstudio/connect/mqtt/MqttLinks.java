package org.twinstudio.connect.mqtt;

/** Opens {@link MqttLink}s: MQTT 5 first, MQTT 3.1.1 when the broker does not speak 5 (Moquette, older brokers). */
final class MqttLinks {

    private MqttLinks() {
    }

    /**
     * Connects with {@code spec.version()}, or with null tries MQTT 5 and, if the broker refuses or fails that
     * handshake for any reason other than the network or credentials, MQTT 3.1.1 on a fresh connection.
     */
    static MqttLink connect(ConnectSpec spec, MqttLink.Events events) throws LinkException {
        if (spec.version() == MqttLink.Version.V3_1_1) {
            return Paho3Link.connect(spec, events);
        }
        if (spec.version() == MqttLink.Version.V5) {
            return Paho5Link.connect(spec, events);
        }
        try {
            return Paho5Link.connect(spec, events);
        } catch (LinkException v5) {
            if (v5.kind() != LinkException.Kind.UNSUPPORTED_VERSION && v5.kind() != LinkException.Kind.OTHER) {
                throw v5;
            }
            try {
                return Paho3Link.connect(spec, events);
            } catch (LinkException v3) {
                v3.addSuppressed(v5);
                throw v3;
            }
        }
    }
}
