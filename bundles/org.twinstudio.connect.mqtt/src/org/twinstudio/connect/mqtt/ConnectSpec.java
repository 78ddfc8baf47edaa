package org.twinstudio.connect.mqtt;

import javax.net.ssl.SSLSocketFactory;

import org.twinstudio.connect.Credentials.UserPassword;

/**
 * How to reach a broker: {@code serverUri} as Paho takes it ({@code tcp://host:port}, {@code ssl://host:port}),
 * {@code user} null for anonymous, {@code version} null to try MQTT 5 first and fall back to 3.1.1,
 * {@code socketFactory} for TLS with trust beyond the runtime's CAs ({@link BrokerTrust}), else null. Sessions start
 * clean: subscriptions are renewed on each connect and unacknowledged messages are resent by the caller.
 */
record ConnectSpec(String serverUri, String clientId, UserPassword user, int connectTimeoutSeconds,
        int keepAliveSeconds, int maxInflight, MqttLink.Version version, SSLSocketFactory socketFactory) {

    ConnectSpec withVersion(MqttLink.Version v) {
        return new ConnectSpec(serverUri, clientId, user, connectTimeoutSeconds, keepAliveSeconds, maxInflight, v,
                socketFactory);
    }

    long timeoutMillis() {
        return connectTimeoutSeconds * 1000L;
    }
}
