package org.twinstudio.connect.mqtt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.twinstudio.connect.Backoff;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials.UserPassword;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;

/**
 * MQTT bindings of one endpoint. A {@code read} binding subscribes to its topic (wildcards allowed) with its QoS;
 * each message is decoded by {@link MqttPayload#decode} with the binding's {@code jsonPointer}, and the latest
 * value is what {@link #readInputs} hands on. A refused message is dropped, counted ({@link #messagesRefused}) and
 * its reason becomes the binding's last error. A {@code write} binding publishes the port value in the
 * {@link MqttPayload} JSON with the binding's QoS and retain flag, at most once per {@code samplePeriodMs} (0: every
 * cycle) and, with a {@code deadband} above 0, only when the value moved by more than the deadband since the last
 * published one.
 * <p>
 * Connection: MQTT 5 with automatic fall-back to 3.1.1, credentials from the endpoint's {@code credentialKey}
 * through {@link ConnectorContext#credentials()}, reconnects with {@link Backoff}; writes made while the broker is
 * away wait in a {@link org.twinstudio.connect.WriteBuffer} of {@link ConnectorContext#writeBufferCapacity()}
 * messages and go out in order once it is back (see {@link MqttSession}). Latency of a write is publish to
 * acknowledgement (QoS 1 and 2) or to the socket (QoS 0); of a read, the message's {@code timestamp} to its arrival
 * when it has one.
 */
public final class MqttBindingConnector implements BindingConnector {

    /** Seconds to wait for a broker's CONNACK. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final MqttEndpoint endpoint;
    private final List<Binding> bindings;
    private final List<BindingState> states = new ArrayList<>();
    private final String address;
    private final MqttSession session;
    private final String configurationError;
    private final int maxPayloadBytes;

    MqttBindingConnector(MqttEndpoint endpoint, List<Binding> bindings, ConnectorContext context,
            MqttConnectorProvider provider) {
        this.endpoint = endpoint;
        this.bindings = List.copyOf(bindings);
        this.maxPayloadBytes = MqttPayload.DEFAULT_MAX_BYTES;
        Map<String, Integer> subscriptions = new LinkedHashMap<>();
        for (Binding b : this.bindings) {
            BindingState s = new BindingState(b, provider.check(b));
            states.add(s);
            if (s.usable() && s.direction == BindingDirection.READ) {
                subscriptions.merge(s.topic, s.qos, Math::max);
            }
        }
        String url = null;
        String error = null;
        try {
            url = BrokerUrls.normalize(endpoint.getBrokerUrl(), endpoint.isTls());
        } catch (IllegalArgumentException e) {
            error = "endpoint " + endpoint.getName() + ": " + e.getMessage();
        }
        UserPassword user = null;
        String key = endpoint.getCredentialKey();
        if (key != null && !key.isBlank()) {
            user = context.credentials().lookup(key).orElse(null);
            if (user == null && error == null) {
                error = "endpoint " + endpoint.getName() + ": no credentials for key '" + key
                        + "' (set TWINSTUDIO_CREDENTIAL_<KEY>_USER and _PASSWORD)";
            }
        }
        this.address = url != null ? url : String.valueOf(endpoint.getBrokerUrl());
        String clientId = endpoint.getClientId() != null && !endpoint.getClientId().isBlank()
                ? endpoint.getClientId()
                : "twinstudio-" + Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
        javax.net.ssl.SSLSocketFactory tls = null;
        if (error == null && url.startsWith("ssl://")) {
            try {
                tls = BrokerTrust.socketFactory(BrokerTrust.trustedDirectory(context.stateDirectory()));
            } catch (java.io.IOException e) {
                error = "endpoint " + endpoint.getName() + ": " + e.getMessage();
            }
        }
        this.configurationError = error;
        ConnectSpec spec = new ConnectSpec(address, clientId, user, CONNECT_TIMEOUT_SECONDS, 30, 1000, null, tls);
        this.session = error != null ? null
                : new MqttSession(endpoint.getName(), spec, List.copyOf(subscriptions.keySet()),
                        List.copyOf(subscriptions.values()), context.writeBufferCapacity(), Backoff.standard(),
                        new Events());
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public void start() {
        if (session != null) {
            session.start();
        }
    }

    @Override
    public void readInputs(InputSink sink) {
        for (BindingState s : states) {
            if (s.direction == BindingDirection.READ && s.hasValue) {
                sink.accept(s.binding, s.lastValue);
            }
        }
    }

    @Override
    public void writeOutputs(OutputSource source) {
        long now = System.nanoTime();
        Instant timestamp = null;
        for (BindingState s : states) {
            if (s.direction != BindingDirection.WRITE || !s.usable() || session == null) {
                continue;
            }
            double value;
            try {
                value = source.valueOf(s.binding);
            } catch (RuntimeException e) {
                s.lastError = "no value for " + s.port + ": " + e.getMessage();
                continue;
            }
            if (!s.due(value, now)) {
                continue;
            }
            if (timestamp == null) {
                timestamp = Instant.now();
            }
            s.markPublished(value, now);
            s.lastValue = value;
            s.lastUpdate = timestamp;
            s.queued.incrementAndGet();
            session.enqueue(s.topic, MqttPayload.encode(value, timestamp, s.unit), s.qos, s.retained, s);
        }
    }

    @Override
    public EndpointStatus status() {
        if (session == null) {
            return new EndpointStatus(endpoint.getName(), "mqtt", address, ConnectionState.FAILED, Instant.now(),
                    configurationError, 0, 0);
        }
        return new EndpointStatus(endpoint.getName(), "mqtt", address, session.state(), session.since(),
                session.lastError(), session.reconnects(), 0);
    }

    @Override
    public List<BindingStatus> bindingStatus() {
        ConnectionState state = session == null ? ConnectionState.FAILED : session.state();
        List<BindingStatus> result = new ArrayList<>(states.size());
        for (BindingState s : states) {
            String error = s.problems.isEmpty() ? s.lastError : String.join("; ", s.problems);
            if (error == null && configurationError != null) {
                error = configurationError;
            }
            result.add(new BindingStatus(s.port, endpoint.getName(), s.topic, s.direction,
                    s.usable() ? state : ConnectionState.FAILED, s.lastValue, s.lastUpdate, error, s.latencyMillis,
                    Math.max(0, s.queued.get()), s.dropped.get()));
        }
        return result;
    }

    /** Messages of a read binding that were refused (bad JSON, missing pointer target, oversized, not numeric). */
    public long messagesRefused(Binding binding) {
        return stateOf(binding).refused.get();
    }

    /** Messages of a read binding taken as its value. */
    public long messagesAccepted(Binding binding) {
        return stateOf(binding).accepted.get();
    }

    /** Writes of a write binding acknowledged by the broker (QoS 0: written to the socket). */
    public long writesDelivered(Binding binding) {
        return stateOf(binding).delivered.get();
    }

    /** The MQTT version negotiated with the broker, "5" or "3.1.1"; null before the first connect. */
    public String protocolVersion() {
        MqttLink.Version v = session == null ? null : session.version();
        return v == null ? null : v.label();
    }

    private BindingState stateOf(Binding binding) {
        for (BindingState s : states) {
            if (s.binding == binding) {
                return s;
            }
        }
        throw new IllegalArgumentException("binding of " + binding.getPort() + " is not served by this connector");
    }

    @Override
    public void close() {
        if (session != null) {
            long abandoned = session.pending();
            session.close();
            if (abandoned > 0) {
                for (BindingState s : states) {
                    int left = s.queued.getAndSet(0);
                    if (left > 0) {
                        s.dropped.addAndGet(left);
                    }
                }
            }
        }
    }

    private final class Events implements MqttSession.Listener {
        @Override
        public void message(String topic, byte[] payload) {
            long arrival = System.currentTimeMillis();
            for (BindingState s : states) {
                if (s.direction != BindingDirection.READ || !s.usable() || !s.matches(topic)) {
                    continue;
                }
                MqttPayload.Decoded d = MqttPayload.decode(payload, s.pointer, maxPayloadBytes);
                if (!d.ok()) {
                    s.lastError = "message on '" + topic + "' dropped: " + d.error();
                    s.refused.incrementAndGet();
                    continue;
                }
                s.lastValue = d.value();
                s.lastUpdate = Instant.ofEpochMilli(arrival);
                if (d.timestamp() != null) {
                    s.latencyMillis = arrival - d.timestamp().toEpochMilli();
                }
                s.hasValue = true;
                s.accepted.incrementAndGet();
            }
        }

        @Override
        public void delivered(MqttSession.Outgoing message, long latencyNanos) {
            if (message.tag instanceof BindingState s) {
                s.latencyMillis = latencyNanos / 1e6;
                s.queued.decrementAndGet();
                s.delivered.incrementAndGet();
            }
        }

        @Override
        public void dropped(MqttSession.Outgoing message, String reason) {
            if (message.tag instanceof BindingState s) {
                s.lastError = "write dropped: " + reason;
                s.queued.decrementAndGet();
                s.dropped.incrementAndGet();
            }
        }

        @Override
        public void failed(MqttSession.Outgoing message, String reason) {
            if (message.tag instanceof BindingState s) {
                s.lastError = "write failed: " + reason;
                s.queued.decrementAndGet();
                s.dropped.incrementAndGet();
            }
        }
    }

    /** One binding's settings and live state. */
    private static final class BindingState {
        final Binding binding;
        final List<String> problems;
        final String port;
        final BindingDirection direction;
        final String topic;
        final JsonPointer pointer;
        final int qos;
        final boolean retained;
        final String unit;
        final long periodNanos;
        final double deadband;
        final AtomicInteger queued = new AtomicInteger();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        volatile double lastValue = Double.NaN;
        volatile Instant lastUpdate;
        volatile String lastError;
        volatile double latencyMillis = Double.NaN;
        volatile boolean hasValue;
        private double publishedValue = Double.NaN;
        private long publishedNanos;
        private boolean published;

        BindingState(Binding binding, List<String> problems) {
            this.binding = binding;
            this.problems = problems;
            this.port = MqttConnectorProvider.portPath(binding);
            this.direction = binding.getDirection();
            MqttBinding m = binding instanceof MqttBinding mb ? mb : null;
            this.topic = m != null ? m.getTopic() : null;
            this.qos = m != null ? m.getQos() : 0;
            this.retained = m != null && m.isRetained();
            JsonPointer p = null;
            if (m != null && m.getJsonPointer() != null && problems.isEmpty()) {
                p = JsonPointer.parse(m.getJsonPointer());
            }
            this.pointer = p;
            this.unit = binding.getPort() != null ? binding.getPort().getUnit() : null;
            this.periodNanos = Math.max(0, binding.getSamplePeriodMs()) * 1_000_000L;
            this.deadband = binding.getDeadband();
        }

        boolean usable() {
            return problems.isEmpty();
        }

        boolean matches(String arrivedTopic) {
            try {
                return MqttTopicValidator.isMatched(topic, arrivedTopic);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** Called on the session thread only. */
        boolean due(double value, long now) {
            if (!published) {
                return true;
            }
            if (periodNanos > 0 && now - publishedNanos < periodNanos) {
                return false;
            }
            if (deadband > 0 && Double.isFinite(value) && Double.isFinite(publishedValue)
                    && Math.abs(value - publishedValue) <= deadband) {
                return false;
            }
            return true;
        }

        void markPublished(double value, long now) {
            published = true;
            publishedValue = value;
            publishedNanos = now;
        }
    }
}
