package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.model.BindingDirection.READ;
import static org.twinstudio.model.BindingDirection.WRITE;
import static org.twinstudio.model.ModbusTable.COIL;
import static org.twinstudio.model.ModbusTable.DISCRETE_INPUT;
import static org.twinstudio.model.ModbusTable.HOLDING_REGISTER;
import static org.twinstudio.model.ModbusTable.INPUT_REGISTER;
import static org.twinstudio.model.ModbusValueType.BOOL;
import static org.twinstudio.model.ModbusValueType.FLOAT32;
import static org.twinstudio.model.ModbusValueType.FLOAT64;
import static org.twinstudio.model.ModbusValueType.INT16;
import static org.twinstudio.model.ModbusValueType.UINT16;
import static org.twinstudio.model.ModbusValueType.UINT32;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.modbus.ModbusConnectorProvider;
import org.twinstudio.connect.modbus.ModbusServer;
import org.twinstudio.connect.modbus.ModbusServerProvider;
import org.twinstudio.connect.modbus.WordOrder;
import org.twinstudio.connect.modbus.bench.LoopbackTwin;
import org.twinstudio.connect.modbus.internal.ModbusConnector;
import org.twinstudio.model.Binding;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.PortDirection;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** Our master polling and writing real slaves on loopback: ours and one of j2mod's. */
class ModbusMasterTest {

    private static final ConnectorContext CONTEXT = new ConnectorContext(Credentials.NONE, null, 100);

    /** The plant served by our slave: pairs temp, level, count (numbers) and pump (bool), out = in each cycle. */
    private static LoopbackTwin plant() {
        LoopbackTwin plant = new LoopbackTwin("plant", 0.01);
        plant.addPair("temp", DataType.REAL, 20, Double.NaN, Double.NaN);
        plant.addPair("level", DataType.REAL, 1, Double.NaN, Double.NaN);
        plant.addPair("count", DataType.REAL, 7, Double.NaN, Double.NaN);
        plant.addPair("pump", DataType.BOOLEAN, 0, Double.NaN, Double.NaN);
        return plant;
    }

    private static RecordingTwin servedWithBindings(LoopbackTwin plant) {
        TestModels m = new TestModels("plant");
        ModbusTcpEndpoint e = m.endpoint("slave", 0, 1000);
        m.bind(m.port("temp", "in", PortDirection.IN, DataType.REAL), e, READ, HOLDING_REGISTER, 0, FLOAT32);
        m.bind(m.port("level", "in", PortDirection.IN, DataType.REAL), e, READ, HOLDING_REGISTER, 2, INT16, 0.01, 0);
        m.bind(m.port("count", "in", PortDirection.IN, DataType.REAL), e, READ, HOLDING_REGISTER, 3, UINT32);
        m.bind(m.port("pump", "in", PortDirection.IN, DataType.BOOLEAN), e, READ, COIL, 0, BOOL);
        m.bind(m.port("temp", "out", PortDirection.OUT, DataType.REAL), e, READ, INPUT_REGISTER, 0, FLOAT32);
        m.bind(m.port("level", "out", PortDirection.OUT, DataType.REAL), e, READ, INPUT_REGISTER, 2, INT16, 0.01, 0);
        m.bind(m.port("count", "out", PortDirection.OUT, DataType.REAL), e, READ, INPUT_REGISTER, 3, UINT32);
        m.bind(m.port("pump", "out", PortDirection.OUT, DataType.BOOLEAN), e, READ, DISCRETE_INPUT, 0, BOOL);
        return new RecordingTwin(plant, m.model.getBindings());
    }

    private static Map<String, Double> read(BindingConnector c) {
        Map<String, Double> values = new HashMap<>();
        c.readInputs((b, v) -> values.put(b.getPort().getName(), v));
        return values;
    }

    private static BindingStatus status(BindingConnector c, String port) {
        return c.bindingStatus().stream().filter(s -> s.port().endsWith("." + port)).findFirst().orElseThrow();
    }

    @Test
    void masterAgainstOurSlaveReadsBlocksAndWritesBatches() throws IOException {
        LoopbackTwin plant = plant();
        RecordingTwin twin = servedWithBindings(plant);
        try (ModbusServer server = new ModbusServerProvider().serve(twin,
                new ServerOptions("127.0.0.1", 0, null, Map.of(), null, null))) {
            TestModels m = new TestModels("controller");
            ModbusTcpEndpoint plc = m.endpoint("plc", server.port(), 500);
            m.bind(m.port("ctl", "tempSet", PortDirection.OUT, DataType.REAL), plc, WRITE, HOLDING_REGISTER, 0, FLOAT32);
            m.bind(m.port("ctl", "levelSet", PortDirection.OUT, DataType.REAL), plc, WRITE, HOLDING_REGISTER, 2, INT16,
                    0.01, 0);
            m.bind(m.port("ctl", "countSet", PortDirection.OUT, DataType.REAL), plc, WRITE, HOLDING_REGISTER, 3, UINT32);
            m.bind(m.port("ctl", "pumpOn", PortDirection.OUT, DataType.BOOLEAN), plc, WRITE, COIL, 0, BOOL);
            m.bind(m.port("ctl", "temp", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 0, FLOAT32);
            m.bind(m.port("ctl", "level", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 2, INT16, 0.01, 0);
            m.bind(m.port("ctl", "count", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 3, UINT32);
            m.bind(m.port("ctl", "pump", PortDirection.IN, DataType.BOOLEAN), plc, READ, DISCRETE_INPUT, 0, BOOL);
            m.bind(m.port("ctl", "missing", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 50, UINT16);
            m.bind(m.port("ctl", "nowhere", PortDirection.OUT, DataType.REAL), plc, WRITE, HOLDING_REGISTER, 40, UINT16);

            try (ModbusConnector c = (ModbusConnector) new ModbusConnectorProvider().create(plc,
                    List.copyOf(m.model.getBindings()), CONTEXT)) {
                // IR 0..4 (temp, level, count) in one request, IR 50 alone, DI 0 alone
                assertEquals(Map.of(20, 3), c.readRequestsPerRound());
                c.start();
                Await.until("connected", 5000, () -> c.status().state() == ConnectionState.CONNECTED);

                Map<String, Double> out = Map.of("tempSet", 21.5, "levelSet", 3.27, "countSet", 123456.0, "pumpOn",
                        1.0, "nowhere", 9.0);
                c.writeOutputs(b -> out.get(b.getPort().getName()));
                // HR 0..4 in one request, coil 0 in another, HR 40 in a third
                assertEquals(3, c.batchesQueued());
                Await.until("writes applied", 5000, () -> twin.writes.size() == 4, () -> twin.writes.toString());
                assertEquals(List.of(21.5), twin.valuesWritten("temp.in"));
                assertEquals(3.27, twin.valuesWritten("level.in").get(0), 1e-9);
                assertEquals(List.of(123456.0), twin.valuesWritten("count.in"));
                assertEquals(List.of(1.0), twin.valuesWritten("pump.in"));
                Await.until("refused write reported", 5000,
                        () -> status(c, "nowhere").lastError() != null && c.writesBuffered() == 0);
                assertTrue(status(c, "nowhere").lastError().contains("02"), status(c, "nowhere").lastError());

                plant.step();
                Await.until("values read back", 5000, () -> read(c).getOrDefault("temp", 0.0) == 21.5
                        && read(c).getOrDefault("pump", 0.0) == 1.0, () -> read(c).toString());
                Map<String, Double> in = read(c);
                assertEquals(3.27, in.get("level"), 1e-9);
                assertEquals(123456.0, in.get("count"));
                BindingStatus temp = status(c, "temp");
                assertEquals(ConnectionState.CONNECTED, temp.state());
                assertNull(temp.lastError());
                assertEquals(21.5, temp.lastValue());
                assertTrue(temp.latencyMillis() >= 0 && temp.latencyMillis() < 500, "latency " + temp.latencyMillis());
                assertTrue(status(c, "tempSet").latencyMillis() >= 0);
                assertEquals("inputRegister 0 float32", temp.address());
                // an unmapped address is the binding's problem, not the connection's
                String missing = status(c, "missing").lastError();
                assertTrue(missing != null && missing.contains("02"), missing);
                assertTrue(!in.containsKey("missing"));
                assertEquals(ConnectionState.CONNECTED, c.status().state());

                // a value that does not fit is refused at the master and never sent
                int before = twin.writes.size();
                c.writeOutputs(b -> b.getPort().getName().equals("countSet") ? -1.0 : out.get(b.getPort().getName()));
                Await.until("second round", 5000, () -> twin.writes.size() == before + 3);
                assertTrue(status(c, "countSet").lastError().contains("does not fit uint32"));
                assertEquals(List.of(123456.0), twin.valuesWritten("count.in"));
            }
        }
    }

    @Test
    void wordOrderIsChosenPerEndpoint() throws IOException {
        LoopbackTwin plant = plant();
        try (ModbusServer server = new ModbusServerProvider().serve(new RecordingTwin(plant, List.of()),
                new ServerOptions("127.0.0.1", 0, null, Map.of("wordOrder", "little"), null, null))) {
            TestModels m = new TestModels("controller");
            ModbusTcpEndpoint plc = m.endpoint("plc", server.port(), 500);
            m.bind(m.port("ctl", "temp", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 0, FLOAT32);
            List<Binding> bindings = List.copyOf(m.model.getBindings());
            try (BindingConnector swapped = new ModbusConnectorProvider(e -> WordOrder.LITTLE_ENDIAN).create(plc,
                    bindings, CONTEXT);
                    BindingConnector straight = new ModbusConnectorProvider(e -> WordOrder.BIG_ENDIAN).create(plc,
                            bindings, CONTEXT)) {
                swapped.start();
                straight.start();
                Await.until("both read", 5000, () -> read(swapped).containsKey("temp") && read(straight).containsKey("temp"));
                assertEquals(20.0, read(swapped).get("temp"));
                // 0x0000_41A0 read most-significant-word first is a tiny subnormal, not 20
                assertNotEquals(20.0, read(straight).get("temp"));
            }
        }
    }

    @Test
    void theModelsWordOrderOfAnEndpointIsUsedAndSurvivesSaving(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        LoopbackTwin plant = plant();
        try (ModbusServer server = new ModbusServerProvider().serve(new RecordingTwin(plant, List.of()),
                new ServerOptions("127.0.0.1", 0, null, Map.of("wordOrder", "little"), null, null))) {
            TestModels m = new TestModels("controller");
            ModbusTcpEndpoint plc = m.endpoint("plc", server.port(), 500);
            assertFalse(plc.isSetWordOrder(), "not set: the JVM's default applies");
            assertEquals(WordOrder.BIG_ENDIAN, ModbusConnectorProvider.wordOrderOf(plc));
            plc.setWordOrder(org.twinstudio.model.ModbusWordOrder.LITTLE_ENDIAN);
            m.bind(m.port("ctl", "temp", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 0, FLOAT32);

            // through a file, as a user's model carries it
            java.nio.file.Path file = dir.resolve("controller.twin");
            org.twinstudio.model.resource.TwinModels.save(m.model, file);
            assertTrue(java.nio.file.Files.readString(file).contains("wordOrder=\"littleEndian\""));
            org.twinstudio.model.TwinModel loaded = org.twinstudio.model.resource.TwinModels.load(file).model();
            ModbusTcpEndpoint loadedPlc = (ModbusTcpEndpoint) loaded.getEndpoints().get(0);
            assertEquals(WordOrder.LITTLE_ENDIAN, ModbusConnectorProvider.wordOrderOf(loadedPlc));
            try (BindingConnector connector = new ModbusConnectorProvider().create(loadedPlc,
                    List.copyOf(loaded.getBindings()), CONTEXT)) {
                connector.start();
                Await.until("read", 5000, () -> read(connector).containsKey("temp"));
                assertEquals(20.0, read(connector).get("temp"));
            }
        }
    }

    @Test
    void masterAgainstAJ2modSlave() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SimpleProcessImage image = new SimpleProcessImage(1);
        image.addRegister(new SimpleRegister(0xFFFB)); // HR 0: -5 as int16
        image.addRegister(new SimpleRegister(0x3FC0)); // HR 1..2: 1.5f
        image.addRegister(new SimpleRegister(0x0000));
        for (int i = 3; i < 12; i++) {
            image.addRegister(new SimpleRegister(0));
        }
        image.addInputRegister(new SimpleInputRegister(100)); // IR 0: raw 100
        image.addDigitalIn(new SimpleDigitalIn(true));
        for (int i = 0; i < 3; i++) {
            image.addDigitalOut(new SimpleDigitalOut(i == 2));
        }
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(1, image);
        slave.open();
        try {
            TestModels m = new TestModels("controller");
            ModbusTcpEndpoint device = m.endpoint("device", port, 500);
            m.bind(m.port("ctl", "offsetTemp", PortDirection.IN, DataType.REAL), device, READ, HOLDING_REGISTER, 0, INT16);
            m.bind(m.port("ctl", "flow", PortDirection.IN, DataType.REAL), device, READ, HOLDING_REGISTER, 1, FLOAT32);
            m.bind(m.port("ctl", "pressure", PortDirection.IN, DataType.REAL), device, READ, INPUT_REGISTER, 0, UINT16,
                    0.5, 10); // 100 * 0.5 + 10 = 60
            m.bind(m.port("ctl", "ready", PortDirection.IN, DataType.BOOLEAN), device, READ, DISCRETE_INPUT, 0, BOOL);
            m.bind(m.port("ctl", "beyond", PortDirection.IN, DataType.REAL), device, READ, HOLDING_REGISTER, 100, UINT16);
            m.bind(m.port("ctl", "speed", PortDirection.OUT, DataType.REAL), device, WRITE, HOLDING_REGISTER, 10, FLOAT32);
            m.bind(m.port("ctl", "valve", PortDirection.OUT, DataType.BOOLEAN), device, WRITE, COIL, 1, BOOL);
            m.bind(m.port("ctl", "heater", PortDirection.OUT, DataType.BOOLEAN), device, WRITE, COIL, 2, BOOL);
            try (ModbusConnector c = (ModbusConnector) new ModbusConnectorProvider().create(device,
                    List.copyOf(m.model.getBindings()), CONTEXT)) {
                c.start();
                Await.until("values read", 5000, () -> read(c).size() == 4, () -> read(c) + " " + c.bindingStatus());
                Map<String, Double> in = read(c);
                assertEquals(-5.0, in.get("offsetTemp"));
                assertEquals(1.5, in.get("flow"));
                assertEquals(60.0, in.get("pressure"));
                assertEquals(1.0, in.get("ready"));
                Await.until("exception reported", 5000, () -> status(c, "beyond").lastError() != null);
                assertTrue(status(c, "beyond").lastError().contains("02"), status(c, "beyond").lastError());

                Map<String, Double> out = Map.of("speed", 2.25, "valve", 1.0, "heater", 0.0);
                c.writeOutputs(b -> out.get(b.getPort().getName()));
                assertEquals(2, c.batchesQueued(), "HR 10..11 and coils 1..2");
                // 2.25f = 0x40100000
                Await.until("written to the j2mod image", 5000, () -> image.getRegister(10).getValue() == 0x4010
                        && image.getDigitalOut(1).isSet() && !image.getDigitalOut(2).isSet());
                assertEquals(0, image.getRegister(11).getValue());
                assertEquals(ConnectionState.CONNECTED, c.status().state());
            }
        } finally {
            slave.close();
        }
    }

    @Test
    void adjacentCoilsGoInOneRequestBitForBitAndDeadbandHoldsBackSmallMoves() throws IOException {
        LoopbackTwin bits = new LoopbackTwin("bits", 0.01);
        for (int i = 0; i < 10; i++) {
            bits.addPair("b" + i, DataType.BOOLEAN, 0, Double.NaN, Double.NaN);
        }
        bits.addPair("x", DataType.REAL, 0, Double.NaN, Double.NaN);
        RecordingTwin recorded = new RecordingTwin(bits, List.of());
        try (ModbusServer server = new ModbusServerProvider().serve(recorded,
                new ServerOptions("127.0.0.1", 0, null, Map.of(), null, null))) {
            TestModels m = new TestModels("controller");
            ModbusTcpEndpoint plc = m.endpoint("plc", server.port(), 500);
            for (int i = 0; i < 10; i++) {
                m.bind(m.port("ctl", "set" + i, PortDirection.OUT, DataType.BOOLEAN), plc, WRITE, COIL, i, BOOL);
                m.bind(m.port("ctl", "get" + i, PortDirection.IN, DataType.BOOLEAN), plc, READ, DISCRETE_INPUT, i, BOOL);
            }
            ModbusBinding x = m.bind(m.port("ctl", "x", PortDirection.OUT, DataType.REAL), plc, WRITE,
                    HOLDING_REGISTER, server.map().point("x.in").address(), FLOAT32);
            x.setDeadband(0.5);
            double[] pattern = { 1, 0, 1, 1, 0, 0, 1, 1, 0, 1 };
            try (ModbusConnector c = (ModbusConnector) new ModbusConnectorProvider().create(plc,
                    List.copyOf(m.model.getBindings()), CONTEXT)) {
                assertEquals(Map.of(20, 1), c.readRequestsPerRound(), "discrete inputs 0..9 in one request");
                c.start();
                double[] xs = { 1.0, 1.2, 1.6, 1.9, 2.2 };
                for (double xv : xs) {
                    c.writeOutputs(b -> b == x ? xv : pattern[Integer.parseInt(b.getPort().getName().substring(3))]);
                }
                // coils 0..9 in one request per cycle; x only when it moved more than 0.5 since it was last queued:
                // 1.0 queued, 1.2 held (0.2), 1.6 queued (0.6), 1.9 held (0.3), 2.2 queued (0.6)
                assertEquals(5 + 3, c.batchesQueued());
                Await.until("written", 5000, () -> recorded.valuesWritten("x.in").size() == 3
                        && recorded.valuesWritten("b9.in").size() == 5);
                assertEquals(List.of(1.0, (double) 1.6f, (double) 2.2f), recorded.valuesWritten("x.in"), "as float32");
                for (int i = 0; i < 10; i++) {
                    assertEquals(pattern[i], recorded.valuesWritten("b" + i + ".in").get(4), "coil " + i);
                }
                bits.step();
                Await.until("read back", 5000, () -> read(c).size() == 10 && read(c).get("get0") == 1.0,
                        () -> read(c).toString());
                Map<String, Double> in = read(c);
                for (int i = 0; i < 10; i++) {
                    assertEquals(pattern[i], in.get("get" + i), "discrete input " + i);
                }
            }
        }
    }

    @Test
    void checkNamesEveryProblem() {
        TestModels m = new TestModels("controller");
        ModbusTcpEndpoint plc = m.endpoint("plc", 502, 500);
        ModbusConnectorProvider provider = new ModbusConnectorProvider();
        ModbusBinding fine = m.bind(m.port("c", "a", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER, 10,
                FLOAT32);
        assertEquals(List.of(), provider.check(fine));
        ModbusBinding address = m.bind(m.port("c", "b", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER,
                70000, UINT16);
        assertTrue(provider.check(address).get(0).contains("c.b: address 70000 is outside 0..65535"),
                provider.check(address).toString());
        ModbusBinding tail = m.bind(m.port("c", "d", PortDirection.IN, DataType.REAL), plc, READ, HOLDING_REGISTER,
                65533, FLOAT64);
        assertTrue(provider.check(tail).get(0).contains("takes 4 registers from 65533"), provider.check(tail).toString());
        ModbusBinding boolInRegister = m.bind(m.port("c", "e", PortDirection.IN, DataType.BOOLEAN), plc, READ,
                HOLDING_REGISTER, 0, BOOL);
        assertTrue(provider.check(boolInRegister).get(0).contains("bool does not fit table holdingRegister"));
        ModbusBinding numberInCoil = m.bind(m.port("c", "f", PortDirection.IN, DataType.REAL), plc, READ, COIL, 0,
                UINT16);
        assertTrue(provider.check(numberInCoil).get(0).contains("numbers need holdingRegister or inputRegister"));
        ModbusBinding writeInput = m.bind(m.port("c", "g", PortDirection.OUT, DataType.REAL), plc, WRITE,
                INPUT_REGISTER, 0, UINT16);
        assertTrue(provider.check(writeInput).get(0).contains("writes need coil or holdingRegister"));
        ModbusBinding zeroScale = m.bind(m.port("c", "h", PortDirection.IN, DataType.REAL), plc, READ, INPUT_REGISTER,
                0, UINT16, 0, 0);
        assertTrue(provider.check(zeroScale).get(0).contains("scale must be a finite number other than 0"));
        ModbusBinding many = m.bind(m.port("c", "i", PortDirection.OUT, DataType.BOOLEAN), plc, WRITE,
                DISCRETE_INPUT, -1, UINT32, 0, 0);
        assertEquals(4, provider.check(many).size(), provider.check(many).toString());
        assertTrue(provider.supports(plc));

        // an endpoint that cannot work fails at start with the reason, and nothing retries it
        ModbusTcpEndpoint bad = m.endpoint("bad", 70000, 0);
        bad.setUnitId(300);
        try (BindingConnector c = provider.create(bad, List.of(), CONTEXT)) {
            c.start();
            assertEquals(ConnectionState.FAILED, c.status().state());
            assertEquals("Modbus endpoint 'bad': TCP port 70000 is outside 1..65535; unit id 300 is outside 0..255; "
                    + "timeout must be positive, got 0 ms", c.status().lastError());
        }
    }

}
