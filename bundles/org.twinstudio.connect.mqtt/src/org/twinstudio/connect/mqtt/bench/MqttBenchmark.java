package org.twinstudio.connect.mqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.mqtt.EmbeddedBroker;
import org.twinstudio.connect.mqtt.MqttBindingConnector;
import org.twinstudio.connect.mqtt.MqttConnectorProvider;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;

/**
 * Messages per second through a broker, end to end along the product's own path: a write binding publishes
 * (JSON encoding, write buffer, in-order sender, Paho) to the broker, which routes to a read binding of a second
 * connection (Paho, JSON decoding, pointer extraction). All messages are queued at once; the clock runs from the
 * first publication to the arrival of the last message, or to the moment arrivals stop for {@code idle}.
 * {@code messagesPerSecond = received / seconds}. With QoS 0 a broker may drop messages under load ({@code lost}
 * counts them); with QoS 1 none may be lost.
 */
public final class MqttBenchmark {

    /** {@code brokerUrl} null starts an {@link EmbeddedBroker} for the run. */
    public record Options(int messages, int qos, String brokerUrl, Duration timeout, Duration idle) {

        public Options {
            if (messages < 1 || qos < 0 || qos > 2) {
                throw new IllegalArgumentException("need messages >= 1 and qos 0..2");
            }
        }

        public static Options embedded(int messages, int qos) {
            return new Options(messages, qos, null, Duration.ofMinutes(5), Duration.ofSeconds(3));
        }
    }

    /** Figures of one run; {@code protocol} is the MQTT version negotiated ("5" or "3.1.1"). */
    public record Result(int qos, int messages, long received, long lost, double seconds, double messagesPerSecond,
            int payloadBytes, String protocol) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "MQTT %s QoS %d: %d of %d messages (%d bytes each) in %.3f s = %.0f msg/s, %d lost", protocol,
                    qos, received, messages, payloadBytes, seconds, messagesPerSecond, lost);
        }
    }

    private MqttBenchmark() {
    }

    public static Result run(Options options) throws IOException, InterruptedException {
        Path state = Files.createTempDirectory("twinstudio-mqtt-bench");
        EmbeddedBroker broker = options.brokerUrl() == null
                ? EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withStateDirectory(state))
                : null;
        try {
            String url = broker != null ? broker.url() : options.brokerUrl();
            TwinFactory f = TwinFactory.eINSTANCE;
            TwinModel model = f.createTwinModel();
            model.setName("bench");
            Component c = f.createComponent();
            c.setName("signal");
            c.setType("bench");
            model.getComponents().add(c);
            Port out = port(c, "out", PortDirection.OUT);
            Port in = port(c, "in", PortDirection.IN);
            MqttEndpoint publisherEndpoint = endpoint(model, "publisher", url);
            MqttEndpoint subscriberEndpoint = endpoint(model, "subscriber", url);
            String topic = "twinstudio/bench/" + Long.toHexString(System.nanoTime());
            MqttBinding write = binding(model, publisherEndpoint, out, BindingDirection.WRITE, topic, options.qos());
            MqttBinding read = binding(model, subscriberEndpoint, in, BindingDirection.READ, topic, options.qos());
            MqttConnectorProvider provider = new MqttConnectorProvider();
            ConnectorContext context = new ConnectorContext(Credentials.NONE, state, options.messages());
            try (MqttBindingConnector publisher = (MqttBindingConnector) provider.create(publisherEndpoint,
                    List.of(write), context);
                    MqttBindingConnector subscriber = (MqttBindingConnector) provider.create(subscriberEndpoint,
                            List.of(read), context)) {
                publisher.start();
                subscriber.start();
                awaitConnected(publisher, options.timeout());
                awaitConnected(subscriber, options.timeout());
                int payloadBytes = org.twinstudio.connect.mqtt.MqttPayload
                        .encode(123456.789, java.time.Instant.now(), "").length;

                long start = System.nanoTime();
                for (int i = 0; i < options.messages(); i++) {
                    double value = 100_000 + i + 0.789;
                    publisher.writeOutputs(b -> value);
                }
                long deadline = start + options.timeout().toNanos();
                long lastCount = 0;
                long lastProgress = System.nanoTime();
                long lastArrival = start;
                while (true) {
                    long count = subscriber.messagesAccepted(read);
                    long now = System.nanoTime();
                    if (count != lastCount) {
                        lastCount = count;
                        lastProgress = now;
                        lastArrival = now;
                    }
                    if (count >= options.messages() || now > deadline
                            || now - lastProgress > options.idle().toNanos()) {
                        break;
                    }
                    Thread.sleep(0, 200_000);
                }
                double seconds = Math.max(1e-9, (lastArrival - start) / 1e9);
                long received = Math.min(lastCount, options.messages());
                return new Result(options.qos(), options.messages(), received, options.messages() - received,
                        seconds, received / seconds, payloadBytes, publisher.protocolVersion());
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
            try (var paths = Files.walk(state)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void awaitConnected(BindingConnector c, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (c.status().state() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > deadline || c.status().state() == ConnectionState.FAILED) {
                throw new IOException("benchmark connection " + c.endpoint().getName() + " did not connect: "
                        + c.status().lastError());
            }
            Thread.sleep(5);
        }
    }

    private static Port port(Component c, String name, PortDirection direction) {
        Port p = TwinFactory.eINSTANCE.createPort();
        p.setName(name);
        p.setDirection(direction);
        p.setDataType(DataType.REAL);
        c.getPorts().add(p);
        return p;
    }

    private static MqttEndpoint endpoint(TwinModel m, String name, String url) {
        MqttEndpoint e = TwinFactory.eINSTANCE.createMqttEndpoint();
        e.setName(name);
        e.setBrokerUrl(url);
        m.getEndpoints().add(e);
        return e;
    }

    private static MqttBinding binding(TwinModel m, MqttEndpoint e, Port p, BindingDirection d, String topic,
            int qos) {
        MqttBinding b = TwinFactory.eINSTANCE.createMqttBinding();
        b.setEndpoint(e);
        b.setPort(p);
        b.setDirection(d);
        b.setTopic(topic);
        b.setQos(qos);
        b.setSamplePeriodMs(0);
        m.getBindings().add(b);
        return b;
    }
}
