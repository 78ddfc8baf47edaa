package org.twinstudio.connect.mqtt;

import java.util.List;

/**
 * One connected MQTT session, over Paho's MQTT 5 or 3.1.1 client; {@link MqttLinks#connect} makes it. Thread-safe.
 */
interface MqttLink extends AutoCloseable {

    /** The MQTT protocol version a link speaks. */
    enum Version {
        V5("5"), V3_1_1("3.1.1");

        private final String label;

        Version(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** {@code auto} (or null/empty) gives null: try 5, fall back to 3.1.1. */
        public static Version parse(String text) {
            if (text == null || text.isBlank() || text.equalsIgnoreCase("auto")) {
                return null;
            }
            return switch (text.trim()) {
                case "5", "5.0", "v5" -> V5;
                case "3.1.1", "3", "v3", "v3.1.1" -> V3_1_1;
                default -> throw new IllegalArgumentException(
                        "MQTT version '" + text + "' is none of auto, 5, 3.1.1");
            };
        }
    }

    /** What the session reports; called on Paho's threads, so implementations must return quickly. */
    interface Events {
        void message(String topic, byte[] payload);

        void lost(Throwable cause);
    }

    /** The outcome of one publish: for QoS 0 once written to the socket, for QoS 1 and 2 once acknowledged. */
    interface Delivery {
        void delivered();

        void failed(Throwable cause);
    }

    Version version();

    boolean connected();

    /**
     * Hands a message to the client without waiting for the peer.
     *
     * @throws LinkException {@link LinkException.Kind#NOT_CONNECTED} or {@link LinkException.Kind#BUSY} (too many
     *                       unacknowledged messages) when it was not taken
     */
    void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery) throws LinkException;

    /** Subscribes and waits for the broker's answer; a refused filter is an error. */
    void subscribe(List<String> filters, List<Integer> qos, long timeoutMillis) throws LinkException;

    /** Disconnects (briefly waiting for in-flight work) and releases the client's threads. */
    @Override
    void close();
}
