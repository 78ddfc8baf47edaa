package org.twinstudio.connect.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.twinstudio.connect.Backoff;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials.UserPassword;
import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.model.Binding;
import org.twinstudio.model.MqttBinding;

/**
 * A running twin as an MQTT publisher. Each port, inputs included (so a dashboard sees what the plant was told),
 * is published to its topic from the {@link TopicScheme} in the {@link MqttPayload} JSON, from the values of the
 * last completed cycle. Rate: a port is published once per sample period (unchanged values too, so a subscriber
 * that joins late has every value within one period even where the broker does not retain, as Moquette 0.17 does
 * not for QoS 0) and, with a deadband, only when it moved by more than the deadband since its last publication;
 * cycles that complete while the publisher is still busy are skipped (the newest cycle wins). Each input also has a set topic ({@code <topic>/set}): a message there
 * (a number, a boolean, or JSON decoded like a binding's, see {@link MqttPayload#decode}) becomes
 * {@link TwinAccess#setInput}; refused messages are counted and the last reason is the status's last error.
 * <p>
 * {@link ServerOptions#target()}: a broker URL ({@code tcp://host:port}), or {@code embedded} (also when empty) to
 * start an {@link EmbeddedBroker} on {@link ServerOptions#host()} (default 127.0.0.1) and {@link ServerOptions#port()}
 * (0: a free port). Settings:
 * <ul>
 * <li>{@code topic}: the topic pattern, default {@value TopicScheme#DEFAULT}</li>
 * <li>{@code qos} (default 0) and {@code retained} (default true) of published values; {@code setQos} (default 1)
 * of the set subscriptions</li>
 * <li>{@code samplePeriodMs} (default 100; 0: every cycle) and {@code deadband} (default 0) for every port; a port
 * with an MQTT binding in the model ({@link TwinAccess#bindings()}) takes the binding's sample period and deadband;
 * {@code samplePeriodMs.<component.port>} and {@code deadband.<component.port>} override both</li>
 * <li>{@code inputs}: {@code false} publishes outputs only</li>
 * <li>{@code version}: {@code auto} (default: 5, else 3.1.1), {@code 5} or {@code 3.1.1}</li>
 * <li>{@code clientId}; {@code credentialKey}: user and password from {@link ServerOptions#credentials()}, which an
 * embedded broker then also requires of every client</li>
 * <li>{@code bufferCapacity}: messages kept while the broker is away (default
 * {@value ConnectorContext#DEFAULT_WRITE_BUFFER_CAPACITY})</li>
 * </ul>
 */
public final class MqttTwinServer implements TwinServer {

    private final TwinAccess twin;
    private final EmbeddedBroker broker;
    private final String address;
    private final MqttSession session;
    private final List<PortInfo> ports;
    private final String[] topics;
    private final String[] units;
    private final long[] periodNanos;
    private final double[] deadbands;
    private final boolean[] publish;
    private final Map<String, Integer> setTopics = new HashMap<>();
    private final int qos;
    private final boolean retained;
    private final CycleListener cycleListener = this::cycleCompleted;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final Thread publisher;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong setsApplied = new AtomicLong();
    private final AtomicLong setsRefused = new AtomicLong();
    private final AtomicLong cyclesSkipped = new AtomicLong();
    // Publisher thread only.
    private final double[] lastPublished;
    private final long[] lastPublishedNanos;
    private final boolean[] everPublished;
    private volatile String lastError;
    private volatile boolean closed;

    private record Snapshot(long cycle, Instant at, double[] values) {
    }

    private MqttTwinServer(TwinAccess twin, ServerOptions options, EmbeddedBroker broker, String address,
            UserPassword user, javax.net.ssl.SSLSocketFactory tls) {
        this.twin = twin;
        this.broker = broker;
        this.address = address;
        this.ports = List.copyOf(twin.ports());
        int n = ports.size();
        TopicScheme scheme = new TopicScheme(options.setting("topic", TopicScheme.DEFAULT));
        this.qos = parseQos(options.setting("qos", "0"), "qos");
        int setQos = parseQos(options.setting("setQos", "1"), "setQos");
        this.retained = Boolean.parseBoolean(options.setting("retained", "true"));
        boolean inputs = Boolean.parseBoolean(options.setting("inputs", "true"));
        long defaultPeriod = parseLong(options.setting("samplePeriodMs", "100"), "samplePeriodMs");
        double defaultDeadband = parseDouble(options.setting("deadband", "0"), "deadband");
        this.topics = new String[n];
        this.units = new String[n];
        this.periodNanos = new long[n];
        this.deadbands = new double[n];
        this.publish = new boolean[n];
        this.lastPublished = new double[n];
        this.lastPublishedNanos = new long[n];
        this.everPublished = new boolean[n];
        List<String> filters = new ArrayList<>();
        List<Integer> filterQos = new ArrayList<>();
        String model = twin.modelName();
        Map<String, Binding> mqttBindings = new HashMap<>();
        for (Binding b : twin.bindings()) {
            if (b instanceof MqttBinding && b.getPort() != null && b.getPort().getComponent() != null) {
                mqttBindings.putIfAbsent(b.getPort().getComponent().getName() + "." + b.getPort().getName(), b);
            }
        }
        for (PortInfo p : ports) {
            int i = p.index();
            topics[i] = scheme.topic(model, p.component(), p.name());
            units[i] = p.unit();
            Binding bound = mqttBindings.get(p.path());
            long period = bound != null ? Math.max(0, bound.getSamplePeriodMs()) : defaultPeriod;
            double deadband = bound != null && bound.getDeadband() >= 0 ? bound.getDeadband() : defaultDeadband;
            periodNanos[i] = parseLong(options.setting("samplePeriodMs." + p.path(), Long.toString(period)),
                    "samplePeriodMs." + p.path()) * 1_000_000L;
            deadbands[i] = parseDouble(options.setting("deadband." + p.path(), Double.toString(deadband)),
                    "deadband." + p.path());
            publish[i] = inputs || !p.isInput();
            if (p.isInput()) {
                String setTopic = scheme.setTopic(model, p.component(), p.name());
                setTopics.put(setTopic, i);
                filters.add(setTopic);
                filterQos.add(setQos);
            }
        }
        String clientId = options.setting("clientId", "twinstudio-" + sanitize(model) + "-"
                + Long.toHexString(System.nanoTime() & 0xffffffL));
        ConnectSpec spec = new ConnectSpec(address, clientId, user, MqttBindingConnector.CONNECT_TIMEOUT_SECONDS, 30,
                1000, MqttLink.Version.parse(options.setting("version", "auto")), tls);
        int capacity = (int) parseLong(options.setting("bufferCapacity",
                Integer.toString(ConnectorContext.DEFAULT_WRITE_BUFFER_CAPACITY)), "bufferCapacity");
        this.session = new MqttSession("serve " + model, spec, filters, filterQos, Math.max(1, capacity),
                Backoff.standard(), new Events());
        this.publisher = new Thread(this::publishLoop, "mqtt-publish " + model);
        this.publisher.setDaemon(true);
    }

    static MqttTwinServer start(TwinAccess twin, ServerOptions options) throws IOException {
        String target = options.target() == null || options.target().isBlank() ? "embedded" : options.target().trim();
        String key = options.setting("credentialKey", "");
        UserPassword user = null;
        if (!key.isBlank()) {
            if (options.credentials() == null) {
                throw new IllegalArgumentException("MQTT: credentialKey '" + key + "' given but no credentials source");
            }
            user = options.credentials().lookup(key).orElseThrow(() -> new IllegalArgumentException(
                    "MQTT: no credentials for key '" + key + "' (set TWINSTUDIO_CREDENTIAL_<KEY>_USER and _PASSWORD)"));
        }
        EmbeddedBroker broker = null;
        String address;
        if (target.equalsIgnoreCase("embedded")) {
            String host = options.host() == null || options.host().isBlank() ? "127.0.0.1" : options.host();
            broker = EmbeddedBroker.start(new EmbeddedBroker.Options(host, Math.max(0, options.port()),
                    options.stateDirectory(), EmbeddedBroker.DEFAULT_MAX_PACKET_BYTES, user));
            address = broker.url();
        } else {
            address = BrokerUrls.normalize(target, false);
        }
        javax.net.ssl.SSLSocketFactory tls = address.startsWith("ssl://")
                ? BrokerTrust.socketFactory(BrokerTrust.trustedDirectory(options.stateDirectory()))
                : null;
        MqttTwinServer server;
        try {
            server = new MqttTwinServer(twin, options, broker, address, user, tls);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
        server.session.start();
        server.publisher.start();
        twin.addCycleListener(server.cycleListener);
        // Publish the current state at once, not only after the next cycle.
        server.cycleCompleted(twin.cycle(), twin.time());
        return server;
    }

    private void cycleCompleted(long cycle, double time) {
        if (closed) {
            return;
        }
        double[] values = new double[ports.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = twin.value(i);
        }
        if (latest.getAndSet(new Snapshot(cycle, Instant.now(), values)) != null) {
            cyclesSkipped.incrementAndGet();
        }
        LockSupport.unpark(publisher);
    }

    private void publishLoop() {
        while (!closed) {
            Snapshot s = latest.getAndSet(null);
            if (s == null) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(20));
                continue;
            }
            long now = System.nanoTime();
            for (int i = 0; i < s.values.length; i++) {
                if (!publish[i]) {
                    continue;
                }
                double v = s.values[i];
                if (everPublished[i]) {
                    if (periodNanos[i] > 0 && now - lastPublishedNanos[i] < periodNanos[i]) {
                        continue;
                    }
                    if (deadbands[i] > 0 && Double.isFinite(v) && Double.isFinite(lastPublished[i])
                            && Math.abs(v - lastPublished[i]) <= deadbands[i]) {
                        continue;
                    }
                }
                everPublished[i] = true;
                lastPublished[i] = v;
                lastPublishedNanos[i] = now;
                session.enqueue(topics[i], MqttPayload.encode(v, s.at, units[i]), qos, retained, i);
            }
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public EndpointStatus status() {
        int peers = broker != null ? Math.max(0, broker.connectedClients() - 1) : 0;
        String error = lastError != null ? lastError : session.lastError();
        return new EndpointStatus("mqtt", "mqtt", address, session.state(), session.since(), error,
                session.reconnects(), peers);
    }

    /** The topic port {@code index} is published to. */
    public String topicOf(int portIndex) {
        return topics[portIndex];
    }

    /** The embedded broker, if this server started one. */
    public EmbeddedBroker embeddedBroker() {
        return broker;
    }

    /** Messages acknowledged by the broker (QoS 0: written to the socket). */
    public long published() {
        return published.get();
    }

    /** Set messages applied to inputs. */
    public long setsApplied() {
        return setsApplied.get();
    }

    /** Set messages refused (bad payload, or the twin refused the value). */
    public long setsRefused() {
        return setsRefused.get();
    }

    /** MQTT version negotiated with the broker, "5" or "3.1.1"; null before the first connect. */
    public String protocolVersion() {
        MqttLink.Version v = session.version();
        return v == null ? null : v.label();
    }

    /** Waits until every value queued so far is acknowledged, up to {@code timeout}. */
    public boolean flush(Duration timeout) {
        return session.awaitDrained(timeout);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        twin.removeCycleListener(cycleListener);
        LockSupport.unpark(publisher);
        try {
            publisher.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.close();
        if (broker != null) {
            broker.close();
        }
    }

    private final class Events implements MqttSession.Listener {
        @Override
        public void message(String topic, byte[] payload) {
            Integer port = setTopics.get(topic);
            if (port == null) {
                return;
            }
            MqttPayload.Decoded d = MqttPayload.decode(payload, null, MqttPayload.DEFAULT_MAX_BYTES);
            if (!d.ok()) {
                lastError = "set of " + ports.get(port).path() + " on '" + topic + "' dropped: " + d.error();
                setsRefused.incrementAndGet();
                return;
            }
            try {
                twin.setInput(port, d.value());
                setsApplied.incrementAndGet();
            } catch (RuntimeException e) {
                lastError = "set of " + ports.get(port).path() + " to " + d.value() + " refused: " + e.getMessage();
                setsRefused.incrementAndGet();
            }
        }

        @Override
        public void delivered(MqttSession.Outgoing message, long latencyNanos) {
            published.incrementAndGet();
        }

        @Override
        public void dropped(MqttSession.Outgoing message, String reason) {
            lastError = "value of " + ports.get((Integer) message.tag).path() + " dropped: " + reason;
        }

        @Override
        public void failed(MqttSession.Outgoing message, String reason) {
            lastError = "value of " + ports.get((Integer) message.tag).path() + " not published: " + reason;
        }
    }

    private static int parseQos(String text, String name) {
        long q = parseLong(text, name);
        if (q < 0 || q > 2) {
            throw new IllegalArgumentException("MQTT setting " + name + "=" + text + " is not 0, 1 or 2");
        }
        return (int) q;
    }

    private static long parseLong(String text, String name) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new IllegalArgumentException("MQTT setting " + name + "=" + text + " is negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MQTT setting " + name + "=" + text + " is not a whole number");
        }
    }

    private static double parseDouble(String text, String name) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("MQTT setting " + name + "=" + text + " must be 0 or more");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MQTT setting " + name + "=" + text + " is not a number");
        }
    }

    private static String sanitize(String name) {
        return name == null ? "twin" : name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
