package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.mqtt.bench.MqttBenchmark;
import org.twinstudio.connect.mqtt.bench.MqttBenchmark.Result;

/**
 * Runs the benchmark small and checks its figures are consistent (no timing goals). For the full figures:
 * {@code -Dmqtt.bench.messages=100000}.
 */
class MqttBenchmarkTest {

    static int messages() {
        return Integer.getInteger("mqtt.bench.messages", 2000);
    }

    @Test
    void qos1LosesNothingAndTheRateMatchesCountOverTime() throws Exception {
        Result r = MqttBenchmark.run(MqttBenchmark.Options.embedded(messages(), 1));
        System.out.println(r);
        assertEquals(messages(), r.received(), r.toString());
        assertEquals(0, r.lost());
        assertEquals("3.1.1", r.protocol());
        assertTrue(r.seconds() > 0 && r.payloadBytes() > 40, r.toString());
        assertEquals(r.received() / r.seconds(), r.messagesPerSecond(), 1e-6 * r.messagesPerSecond());
    }

    @Test
    void throughMosquittoWithMqtt5(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            for (int qos = 0; qos <= 1; qos++) {
                Result r = MqttBenchmark.run(new MqttBenchmark.Options(messages(), qos, broker.url(),
                        java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(3)));
                System.out.println("mosquitto: " + r);
                assertEquals("5", r.protocol());
                assertTrue(r.received() > 0 && r.received() + r.lost() == messages(), r.toString());
                if (qos == 1) {
                    assertEquals(0, r.lost(), r.toString());
                }
            }
        }
    }

    @Test
    void qos0CountsWhatArrives() throws Exception {
        Result r = MqttBenchmark.run(MqttBenchmark.Options.embedded(messages(), 0));
        System.out.println(r);
        assertTrue(r.received() > 0 && r.received() + r.lost() == messages(), r.toString());
        assertTrue(Double.isFinite(r.messagesPerSecond()) && r.messagesPerSecond() > 0, r.toString());
    }
}
