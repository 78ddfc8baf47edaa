package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.Credentials.UserPassword;
import org.twinstudio.connect.mqtt.EmbeddedBroker;

class EmbeddedBrokerTest {

    static MqttClient client(String url, String id) throws MqttException {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        // A lost acknowledgement fails the test instead of hanging it.
        c.setTimeToWait(10_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        c.connect(o);
        return c;
    }

    @Test
    void startsOnLoopbackWithAFreePortRoutesMessagesAndStopsCleanly(@TempDir Path state) throws Exception {
        int port;
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withStateDirectory(state))) {
            port = broker.port();
            assertTrue(port > 0);
            assertEquals("tcp://127.0.0.1:" + port, broker.url());
            MqttClient sub = client(broker.url(), "sub");
            BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(4);
            sub.subscribe("plant/+/level", 1, (topic, message) -> got.add(message.getPayload()));
            MqttClient pub = client(broker.url(), "pub");
            assertEquals(2, broker.connectedClients());
            pub.publish("plant/tank1/level", "1.25".getBytes(StandardCharsets.UTF_8), 1, false);
            assertArrayEquals("1.25".getBytes(StandardCharsets.UTF_8), got.poll(5, TimeUnit.SECONDS));
            pub.disconnect();
            sub.disconnect();
            pub.close();
            sub.close();
        }
        // The port is free again and nothing is left in the state directory.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
        try (Stream<Path> left = Files.list(state)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void garbageBytesCloseThatConnectionOnlyAndTheBrokerKeepsServing() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), broker.port())) {
                raw.setSoTimeout(5000);
                OutputStream out = raw.getOutputStream();
                // Not an MQTT CONNECT: a reserved packet type with an absurd length, then noise.
                out.write(new byte[] { (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 2, 3 });
                out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = raw.getInputStream();
                assertEquals(-1, readUntilClosed(in), "the broker closes a connection that sends garbage");
            } catch (IOException reset) {
                // A reset is as good as a close.
            }
            MqttClient c = client(broker.url(), "after-garbage");
            assertTrue(c.isConnected());
            c.disconnect();
            c.close();
        }
    }

    private static int readUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        int n;
        while ((n = in.read(buf)) > 0) {
            // drain whatever the broker answers before closing
        }
        return n;
    }

    @Test
    void withAUserOnlyThatUserConnects() throws Exception {
        UserPassword user = new UserPassword("plant", "s3cret".toCharArray());
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withUser(user))) {
            MqttException anonymous = assertThrows(MqttException.class, () -> client(broker.url(), "anon"));
            assertTrue(anonymous.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || anonymous.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, anonymous.toString());
            MqttClient c = new MqttClient(broker.url(), "plant", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName("plant");
            o.setPassword("wrong".toCharArray());
            assertThrows(MqttException.class, () -> c.connect(o));
            o.setPassword("s3cret".toCharArray());
            c.connect(o);
            assertTrue(c.isConnected());
            c.disconnect();
            c.close();
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class,
                    () -> EmbeddedBroker.start(EmbeddedBroker.Options.loopback().withPort(taken.getLocalPort())));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
