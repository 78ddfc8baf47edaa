package org.twinstudio.connect.mqtt;

import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An MQTT 3.1.1 session over Paho's {@code mqttv3} client. */
final class Paho3Link implements MqttLink {

    private final MqttAsyncClient client;
    private final Events events;
    private volatile boolean lost;

    private Paho3Link(MqttAsyncClient client, Events events) {
        this.client = client;
        this.events = events;
    }

    static Paho3Link connect(ConnectSpec spec, Events events) throws LinkException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(spec.serverUri(), spec.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new LinkException(LinkException.Kind.BAD_ADDRESS,
                    "unusable broker URL '" + spec.serverUri() + "': " + e.getMessage(), e);
        }
        Paho3Link link = new Paho3Link(client, events);
        client.setCallback(link.new Callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(spec.connectTimeoutSeconds());
        options.setKeepAliveInterval(spec.keepAliveSeconds());
        options.setMaxInflight(spec.maxInflight());
        if (spec.socketFactory() != null) {
            options.setSocketFactory(spec.socketFactory());
        }
        if (spec.user() != null) {
            options.setUserName(spec.user().user());
            options.setPassword(spec.user().password().clone());
        }
        try {
            client.connect(options).waitForCompletion(spec.timeoutMillis() + 1000);
            if (!client.isConnected()) {
                throw new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT);
            }
        } catch (MqttException e) {
            link.close();
            String where = "MQTT 3.1.1 connect to " + spec.serverUri() + " failed: " + Paho5Link.describe(e);
            throw new LinkException(switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    LinkException.Kind.REFUSED_CREDENTIALS;
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> LinkException.Kind.UNSUPPORTED_VERSION;
                case MqttException.REASON_CODE_SERVER_CONNECT_ERROR, MqttException.REASON_CODE_CLIENT_TIMEOUT,
                        MqttException.REASON_CODE_BROKER_UNAVAILABLE, MqttException.REASON_CODE_CONNECTION_LOST ->
                    LinkException.Kind.NETWORK;
                default -> LinkException.Kind.OTHER;
            }, where, e);
        }
        return link;
    }

    @Override
    public Version version() {
        return Version.V3_1_1;
    }

    @Override
    public boolean connected() {
        return !lost && client.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery)
            throws LinkException {
        try {
            client.publish(topic, payload, qos, retained, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    delivery.delivered();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    delivery.failed(cause);
                }
            });
        } catch (MqttException e) {
            throw new LinkException(switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_MAX_INFLIGHT -> LinkException.Kind.BUSY;
                case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, MqttException.REASON_CODE_CONNECTION_LOST,
                        MqttException.REASON_CODE_CLIENT_DISCONNECTING, MqttException.REASON_CODE_CLIENT_CLOSED ->
                    LinkException.Kind.NOT_CONNECTED;
                default -> LinkException.Kind.OTHER;
            }, "publish to '" + topic + "' failed: " + Paho5Link.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new LinkException(LinkException.Kind.OTHER, "publish to '" + topic + "' refused: " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(List<String> filters, List<Integer> qos, long timeoutMillis) throws LinkException {
        if (filters.isEmpty()) {
            return;
        }
        try {
            IMqttToken token = client.subscribe(filters.toArray(String[]::new),
                    qos.stream().mapToInt(Integer::intValue).toArray());
            token.waitForCompletion(timeoutMillis);
            int[] granted = token.getGrantedQos();
            for (int i = 0; granted != null && i < granted.length && i < filters.size(); i++) {
                if (granted[i] == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                    throw new LinkException(LinkException.Kind.OTHER,
                            "broker refused the subscription to '" + filters.get(i) + "'", null);
                }
            }
        } catch (MqttException e) {
            throw new LinkException(LinkException.Kind.NETWORK, "subscribe failed: " + Paho5Link.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new LinkException(LinkException.Kind.OTHER, "subscribe refused: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lost = true;
        try {
            if (client.isConnected()) {
                client.disconnect(100).waitForCompletion(2000);
            }
        } catch (MqttException | RuntimeException e) {
            // Leaving anyway: the broker drops the session when the socket closes.
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // Already closed.
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            if (!lost) {
                lost = true;
                events.lost(cause);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                events.message(topic, message.getPayload());
            } catch (RuntimeException e) {
                // A throwing callback would make Paho drop the connection; the receiver records its own errors.
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
