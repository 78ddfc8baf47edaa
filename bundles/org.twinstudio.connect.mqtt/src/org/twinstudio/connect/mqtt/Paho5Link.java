package org.twinstudio.connect.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;

/** An MQTT 5 session over Paho's {@code mqttv5} client. */
final class Paho5Link implements MqttLink {

    private final MqttAsyncClient client;
    private final Events events;
    private volatile boolean lost;

    private Paho5Link(MqttAsyncClient client, Events events) {
        this.client = client;
        this.events = events;
    }

    static Paho5Link connect(ConnectSpec spec, Events events) throws LinkException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(spec.serverUri(), spec.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new LinkException(LinkException.Kind.BAD_ADDRESS,
                    "unusable broker URL '" + spec.serverUri() + "': " + e.getMessage(), e);
        }
        Paho5Link link = new Paho5Link(client, events);
        client.setCallback(link.new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(spec.connectTimeoutSeconds());
        options.setKeepAliveInterval(spec.keepAliveSeconds());
        if (spec.socketFactory() != null) {
            options.setSocketFactory(spec.socketFactory());
        }
        if (spec.user() != null) {
            options.setUserName(spec.user().user());
            options.setPassword(new String(spec.user().password()).getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options).waitForCompletion(spec.timeoutMillis() + 1000);
            if (!client.isConnected()) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
            }
        } catch (MqttException e) {
            link.close();
            throw classifyConnect(e, spec);
        }
        return link;
    }

    private static LinkException classifyConnect(MqttException e, ConnectSpec spec) {
        String where = "MQTT 5 connect to " + spec.serverUri() + " failed: " + describe(e);
        return new LinkException(switch (e.getReasonCode()) {
            case MqttReturnCode.RETURN_CODE_BAD_USERNAME_OR_PASSWORD, MqttReturnCode.RETURN_CODE_NOT_AUTHORIZED,
                    MqttReturnCode.RETURN_CODE_BAD_AUTHENTICATION, MqttReturnCode.RETURN_CODE_BANNED ->
                LinkException.Kind.REFUSED_CREDENTIALS;
            case MqttReturnCode.RETURN_CODE_UNSUPPORTED_PROTOCOL_VERSION,
                    MqttException.REASON_CODE_UNSUPPORTED_PROTOCOL_VERSION, MqttException.REASON_CODE_MALFORMED_PACKET,
                    MqttException.REASON_CODE_INVALID_RETURN_CODE, MqttReturnCode.RETURN_CODE_PROTOCOL_ERROR,
                    MqttReturnCode.RETURN_CODE_MALFORMED_CONTROL_PACKET,
                    MqttClientException.REASON_CODE_CONNECTION_LOST ->
                LinkException.Kind.UNSUPPORTED_VERSION;
            case MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR, MqttClientException.REASON_CODE_CLIENT_TIMEOUT,
                    MqttReturnCode.RETURN_CODE_SERVER_UNAVAILABLE, MqttReturnCode.RETURN_CODE_SERVER_BUSY,
                    MqttReturnCode.RETURN_CODE_SERVER_SHUTTING_DOWN ->
                LinkException.Kind.NETWORK;
            default -> LinkException.Kind.OTHER;
        }, where, e);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = (message == null ? "" : message + ": ") + cause.getMessage();
        }
        message = message != null ? message : e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException && String.valueOf(t.getMessage()).contains("PKIX")) {
                return message + " (the broker's TLS certificate is not trusted: put it, or the certificate of the CA"
                        + " that signed it, in " + BrokerTrust.TRUSTED_DIRECTORY + " under the state directory)";
            }
        }
        return message;
    }

    @Override
    public Version version() {
        return Version.V5;
    }

    @Override
    public boolean connected() {
        return !lost && client.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained, Delivery delivery)
            throws LinkException {
        try {
            client.publish(topic, payload, qos, retained, null, new MqttActionListener() {
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
                case MqttClientException.REASON_CODE_MAX_INFLIGHT -> LinkException.Kind.BUSY;
                case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED,
                        MqttClientException.REASON_CODE_CONNECTION_LOST,
                        MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
                        MqttClientException.REASON_CODE_CLIENT_CLOSED -> LinkException.Kind.NOT_CONNECTED;
                default -> LinkException.Kind.OTHER;
            }, "publish to '" + topic + "' failed: " + describe(e), e);
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
            int[] codes = token.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
                if (codes[i] >= MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR) {
                    throw new LinkException(LinkException.Kind.OTHER,
                            "broker refused the subscription to '" + filters.get(i) + "' (reason " + codes[i] + ")",
                            null);
                }
            }
        } catch (MqttException e) {
            throw new LinkException(LinkException.Kind.NETWORK, "subscribe failed: " + describe(e), e);
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
        public void disconnected(MqttDisconnectResponse response) {
            if (!lost) {
                lost = true;
                MqttException e = response.getException();
                events.lost(e != null ? e : new MqttException(response.getReturnCode()));
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // Reported again through disconnected() when it ends the session.
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
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
