package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.model.BindingDirection.READ;
import static org.twinstudio.model.BindingDirection.WRITE;
import static org.twinstudio.model.ModbusTable.HOLDING_REGISTER;
import static org.twinstudio.model.ModbusTable.INPUT_REGISTER;
import static org.twinstudio.model.ModbusValueType.FLOAT32;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.modbus.ModbusMap;
import org.twinstudio.connect.modbus.ModbusServer;
import org.twinstudio.connect.modbus.ModbusServerProvider;
import org.twinstudio.connect.modbus.bench.LoopbackTwin;
import org.twinstudio.connect.modbus.internal.ModbusConnector;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.PortDirection;

/** The slave goes away and comes back on the same port while the master keeps cycling. */
class ModbusReconnectTest {

    private static final double[] FIRST = { 1 };

    private static ModbusServer serve(RecordingTwin twin, int port) throws java.io.IOException {
        return ModbusServerProvider.serve(twin, ModbusMap.automatic(twin), "127.0.0.1", port,
                ModbusServer.Settings.DEFAULT);
    }

    private static ModbusConnector connector(int port, int capacity) {
        TestModels m = new TestModels("controller");
        ModbusTcpEndpoint plc = m.endpoint("plc", port, 300);
        m.bind(m.port("ctl", "setpoint", PortDirection.OUT, DataType.REAL), plc, WRITE, HOLDING_REGISTER, 0, FLOAT32);
        m.bind(m.port("ctl", "echo", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 0, FLOAT32);
        return new ModbusConnector(plc, List.copyOf(m.model.getBindings()),
                org.twinstudio.connect.modbus.WordOrder.BIG_ENDIAN,
                new ConnectorContext(Credentials.NONE, null, capacity));
    }

    @Test
    void writesBufferedWhileTheSlaveIsAwayArriveInOrderAfterTheReconnect() throws Exception {
        LoopbackTwin plant = new LoopbackTwin("plant", 0.01);
        plant.addPair("x", DataType.REAL, 0, Double.NaN, Double.NaN);
        RecordingTwin twin = new RecordingTwin(plant, List.of());
        ModbusServer server = serve(twin, 0);
        int port = server.port();
        try (ModbusConnector c = connector(port, 1000)) {
            c.start();
            Await.until("connected", 5000, () -> c.status().state() == ConnectionState.CONNECTED);
            c.writeOutputs(b -> FIRST[0]);
            Await.until("first write", 5000, () -> twin.valuesWritten("x.in").equals(List.of(1.0)));

            server.close();
            Await.until("loss noticed", 5000, () -> c.status().state() == ConnectionState.RECONNECTING,
                    () -> c.status().toString());
            // 30 cycles while the slave is away: values 2..31
            for (int v = 2; v <= 31; v++) {
                double value = v;
                c.writeOutputs(b -> value);
                Thread.sleep(10);
            }
            assertTrue(c.writesBuffered() >= 29, "buffered " + c.writesBuffered());
            BindingStatus away = c.bindingStatus().get(0);
            assertEquals(ConnectionState.RECONNECTING, away.state());
            assertTrue(away.lastError().contains("127.0.0.1:" + port), away.lastError());

            server = serve(twin, port);
            Await.until("reconnected and flushed", 10_000, () -> twin.valuesWritten("x.in").size() >= 31,
                    () -> twin.valuesWritten("x.in") + " " + c.status());
            List<Double> expected = java.util.stream.IntStream.rangeClosed(1, 31).asDoubleStream().boxed().toList();
            // the write in flight when the slave went away may arrive twice; nothing is lost or reordered
            List<Double> received = new ArrayList<>(twin.valuesWritten("x.in"));
            for (int i = received.size() - 1; i > 0; i--) {
                if (received.get(i).equals(received.get(i - 1))) {
                    received.remove(i);
                }
            }
            assertEquals(expected, received);
            assertEquals(ConnectionState.CONNECTED, c.status().state());
            assertTrue(c.status().reconnects() >= 1);
            assertEquals(0, c.bindingStatus().get(0).writesDropped());

            plant.step();
            Await.until("reads resume", 5000, () -> {
                double[] echo = { Double.NaN };
                c.readInputs((b, v) -> echo[0] = v);
                return echo[0] == 31.0;
            });
        } finally {
            server.close();
        }
    }

    @Test
    void beyondTheBoundTheOldestWritesAreDroppedAndCounted() throws Exception {
        LoopbackTwin plant = new LoopbackTwin("plant", 0.01);
        plant.addPair("x", DataType.REAL, 0, Double.NaN, Double.NaN);
        RecordingTwin twin = new RecordingTwin(plant, List.of());
        int port;
        try (ModbusServer probe = serve(twin, 0)) {
            port = probe.port();
        }
        // the slave is not there yet: 12 cycles into a buffer of 5
        try (ModbusConnector c = connector(port, 5)) {
            c.start();
            for (int v = 1; v <= 12; v++) {
                double value = v;
                c.writeOutputs(b -> value);
            }
            assertEquals(5, c.writesBuffered());
            assertEquals(7, c.bindingStatus().get(0).writesDropped());
            try (ModbusServer server = serve(twin, port)) {
                Await.until("flushed", 10_000, () -> twin.valuesWritten("x.in").size() == 5,
                        () -> twin.valuesWritten("x.in") + " " + c.status());
                assertEquals(List.of(8.0, 9.0, 10.0, 11.0, 12.0), twin.valuesWritten("x.in"));
            }
        }
    }

    @Test
    void aSilentDeviceTimesOutAndTheCycleMethodsNeverWaitForIt() throws Exception {
        // accepts connections and reads requests, but never answers
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> peers = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        java.net.Socket s = silent.accept();
                        peers.add(s);
                        Thread.ofVirtual().start(() -> {
                            try {
                                s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (java.io.IOException e) {
                                // closed by the test
                            }
                            ENDED.add(s);
                        });
                    }
                } catch (java.io.IOException e) {
                    // listener closed
                }
            });
            try (ModbusConnector c = connector(silent.getLocalPort(), 100)) {
                c.start();
                Await.until("connected", 5000, () -> c.status().state() == ConnectionState.CONNECTED);
                Await.until("a timeout and a new connection", 5000, () -> c.status().reconnects() >= 1
                        && peers.size() >= 2, () -> c.status().toString());
                // each dropped connection is closed, not reopened behind our back by a request that was waiting
                Await.until("dropped connections closed", 5000, () -> openPeers(peers) <= 1,
                        () -> "open " + openPeers(peers) + " of " + peers.size() + " " + c.status());
                // the endpoint's timeout is 300 ms; the cycle methods return long before
                long t0 = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    double value = i;
                    c.writeOutputs(b -> value);
                    c.readInputs((b, v) -> {
                    });
                }
                double perCycleMillis = (System.nanoTime() - t0) / 1e6 / 100;
                assertTrue(perCycleMillis < 300, "a cycle took " + perCycleMillis + " ms");
            } finally {
                silent.close();
                for (java.net.Socket s : peers) {
                    s.close();
                }
                acceptor.join(1000);
            }
        }
    }

    /** Connections the master has not closed (the device's reader has not seen their end). */
    private static long openPeers(List<java.net.Socket> peers) {
        return peers.stream().filter(s -> !ENDED.contains(s)).count();
    }

    private static final java.util.Set<java.net.Socket> ENDED = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
