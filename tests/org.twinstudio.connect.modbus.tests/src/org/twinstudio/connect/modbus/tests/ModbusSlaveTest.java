package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.model.BindingDirection.READ;
import static org.twinstudio.model.ModbusTable.COIL;
import static org.twinstudio.model.ModbusTable.DISCRETE_INPUT;
import static org.twinstudio.model.ModbusTable.HOLDING_REGISTER;
import static org.twinstudio.model.ModbusTable.INPUT_REGISTER;
import static org.twinstudio.model.ModbusValueType.BOOL;
import static org.twinstudio.model.ModbusValueType.FLOAT32;
import static org.twinstudio.model.ModbusValueType.INT16;
import static org.twinstudio.model.ModbusValueType.UINT16;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinServerProvider;
import org.twinstudio.connect.modbus.ModbusMap;
import org.twinstudio.connect.modbus.ModbusServer;
import org.twinstudio.connect.modbus.ModbusServerProvider;
import org.twinstudio.connect.modbus.WordOrder;
import org.twinstudio.connect.modbus.bench.LoopbackTwin;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.PortDirection;

/**
 * The slave answered with raw frames over a socket. Expected register images are IEEE 754 bit patterns worked out
 * by hand (10.0f = 0x41200000, 42.5f = 0x422A0000, 50.0f = 0x42480000, 50.125f = 0x42488000, 150.0f = 0x43160000).
 */
class ModbusSlaveTest {

    private LoopbackTwin plant;
    private RecordingTwin twin;
    private ModbusServer server;

    @BeforeEach
    void serve() throws IOException {
        plant = new LoopbackTwin("plant", 0.01);
        plant.addPair("a", DataType.REAL, 10, 0, 100);
        plant.addPair("b", DataType.BOOLEAN, 0, Double.NaN, Double.NaN);
        plant.addPair("big", DataType.REAL, 0, Double.NaN, Double.NaN);
        TestModels m = new TestModels("plant");
        ModbusTcpEndpoint slave = m.endpoint("slave", 0, 1000);
        m.bind(m.port("a", "in", PortDirection.IN, DataType.REAL), slave, READ, HOLDING_REGISTER, 0, FLOAT32);
        m.bind(m.port("a", "out", PortDirection.OUT, DataType.REAL), slave, READ, INPUT_REGISTER, 0, FLOAT32);
        m.bind(m.port("b", "in", PortDirection.IN, DataType.BOOLEAN), slave, READ, COIL, 0, BOOL);
        m.bind(m.port("b", "out", PortDirection.OUT, DataType.BOOLEAN), slave, READ, DISCRETE_INPUT, 0, BOOL);
        m.bind(m.port("big", "in", PortDirection.IN, DataType.REAL), slave, READ, HOLDING_REGISTER, 10, UINT16);
        m.bind(m.port("big", "out", PortDirection.OUT, DataType.REAL), slave, READ, INPUT_REGISTER, 10, UINT16);
        // a.out once more, scaled, in the holding registers: readable, but not writable (the port is an output)
        m.bind(m.model.getComponents().get(0).getPorts().get(1), slave, READ, HOLDING_REGISTER, 20, INT16, 0.1, 0);
        twin = new RecordingTwin(plant, m.model.getBindings());
        server = (ModbusServer) new ModbusServerProvider().serve(twin,
                new ServerOptions("127.0.0.1", 0, null, Map.of("frameTimeoutMs", "300"), null, null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mapComesFromTheBindings() {
        assertEquals(7, server.map().points().size());
        assertEquals(HOLDING_REGISTER, server.map().point("a.in").table());
        assertTrue(server.map().point("a.in").writable());
        assertTrue(!server.map().point("a.out").writable());
        assertTrue(server.address().startsWith("127.0.0.1:"));
    }

    @Test
    void readsShowTheLastCycleAndWritesSetInputs() throws IOException {
        try (Frames f = new Frames(server.port())) {
            assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), f.request(0x03, 0, 0, 0, 2));
            assertArrayEquals(bytes(0x10, 0, 0, 0, 2), f.request(Frames.writeRegisters(0, 0x422A, 0x0000)));
            assertEquals(List.of(42.5), twin.valuesWritten("a.in"));
            // not stepped yet: the output still shows the last cycle
            assertArrayEquals(new int[] { 0x4120, 0 }, Frames.words(f.request(0x04, 0, 0, 0, 2)));
            plant.step();
            assertArrayEquals(new int[] { 0x422A, 0 }, Frames.words(f.request(0x04, 0, 0, 0, 2)));
            // a.out = 42.5 as int16 with scale 0.1: raw 425 = 0x01A9
            assertArrayEquals(new int[] { 0x01A9 }, Frames.words(f.request(0x03, 0, 20, 0, 1)));

            assertArrayEquals(bytes(0x05, 0, 0, 0xFF, 0), f.request(0x05, 0, 0, 0xFF, 0));
            assertArrayEquals(bytes(0x02, 1, 0), f.request(0x02, 0, 0, 0, 1));
            plant.step();
            assertArrayEquals(bytes(0x02, 1, 1), f.request(0x02, 0, 0, 0, 1));
            assertArrayEquals(bytes(0x01, 1, 1), f.request(0x01, 0, 0, 0, 1));
            assertEquals(List.of(1.0), twin.valuesWritten("b.in"));

            assertArrayEquals(bytes(0x06, 0, 10, 0xFF, 0xFF), f.request(0x06, 0, 10, 0xFF, 0xFF));
            plant.step();
            assertArrayEquals(new int[] { 0xFFFF }, Frames.words(f.request(0x04, 0, 10, 0, 1)));
        }
    }

    @Test
    void partOfAFloatCombinesWithTheOtherWord() throws IOException {
        try (Frames f = new Frames(server.port())) {
            f.request(0x06, 0, 0, 0x42, 0x48); // high word of 50.0 over the low word of 10.0 (0x0000)
            f.request(0x06, 0, 1, 0x80, 0x00); // low word: 0x42488000 = 50.125
            assertEquals(List.of(50.0, 50.125), twin.valuesWritten("a.in"));
            assertArrayEquals(new int[] { 0x4248, 0x8000 }, Frames.words(f.request(0x03, 0, 0, 0, 2)));
        }
    }

    @Test
    void illegalFunctionAddressAndValueGetTheirExceptionCodes() throws IOException {
        try (Frames f = new Frames(server.port())) {
            // 01 illegal function: read exception status (serial line only) and encapsulated interface transport
            assertArrayEquals(bytes(0x87, 0x01), f.request(0x07));
            assertArrayEquals(bytes(0xAB, 0x01), f.request(0x2B, 0x0E, 0x01, 0x00));
            // 02 illegal data address: unmapped, partly unmapped, past 65535, writing an output's register
            assertArrayEquals(bytes(0x83, 0x02), f.request(0x03, 0, 100, 0, 1));
            assertArrayEquals(bytes(0x83, 0x02), f.request(0x03, 0, 0, 0, 3));
            assertArrayEquals(bytes(0x84, 0x02), f.request(0x04, 0xFF, 0xFF, 0, 2));
            assertArrayEquals(bytes(0x86, 0x02), f.request(0x06, 0, 20, 0, 1));
            assertArrayEquals(bytes(0x90, 0x02), f.request(Frames.writeRegisters(0, 0x4120, 0, 0)));
            assertArrayEquals(bytes(0x81, 0x02), f.request(0x01, 0, 1, 0, 1));
            // 03 illegal data value: quantities, coil value, byte count, values outside the port's range or NaN
            assertArrayEquals(bytes(0x83, 0x03), f.request(0x03, 0, 0, 0, 0));
            assertArrayEquals(bytes(0x83, 0x03), f.request(0x03, 0, 0, 0, 126));
            assertArrayEquals(bytes(0x81, 0x03), f.request(0x01, 0, 0, 0x07, 0xD1));
            assertArrayEquals(bytes(0x85, 0x03), f.request(0x05, 0, 0, 0x12, 0x34));
            int[] badCount = Frames.writeRegisters(0, 0x4120, 0);
            badCount[5] = 3;
            assertArrayEquals(bytes(0x90, 0x03), f.request(badCount));
            assertArrayEquals(bytes(0x83, 0x03), f.request(0x03, 0, 0, 0)); // PDU one byte short
            assertArrayEquals(bytes(0x90, 0x03), f.request(Frames.writeRegisters(0, 0x4316, 0))); // 150 > 100
            assertArrayEquals(bytes(0x90, 0x03), f.request(Frames.writeRegisters(0, 0x7FC0, 0))); // NaN
            assertEquals(List.of(), twin.writes, "refused requests change nothing");
            assertTrue(server.status().lastError().contains("a.in"), server.status().lastError());
            // 04 server device failure: big.out = 70000 does not fit uint16, so it cannot be read
            plant.setInput(plant.indexOf("big.in").getAsInt(), 70000);
            plant.step();
            assertArrayEquals(bytes(0x84, 0x04), f.request(0x04, 0, 10, 0, 1));
            assertTrue(server.status().lastError().contains("big.out"), server.status().lastError());
            // the same connection still serves good requests
            assertArrayEquals(new int[] { 0x4120, 0 }, Frames.words(f.request(0x04, 0, 0, 0, 2)));
        }
    }

    @Test
    void garbageAndTruncatedFramesCloseOnlyTheirConnection() throws Exception {
        try (Frames good = new Frames(server.port()); Frames garbage = new Frames(server.port());
                Frames truncated = new Frames(server.port()); Frames huge = new Frames(server.port());
                Frames empty = new Frames(server.port())) {
            assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), good.request(0x03, 0, 0, 0, 2));

            garbage.sendRaw("GET / HTTP/1.1\r\nHost: plc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            truncated.sendRaw(new byte[] { 0, 1, 0, 0, 0, 6, 1, 0x03, 0 }); // 6 announced, 2 sent
            huge.sendRaw(new byte[] { 0, 1, 0, 0, 0x01, 0x2C, 1, 0x03 }); // length 300
            empty.sendRaw(new byte[] { 0, 1, 0, 0, 0, 1, 1 }); // unit id without PDU

            // while the truncated frame waits for its timeout, the good connection is answered
            assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), good.request(0x03, 0, 0, 0, 2));
            assertTrue(garbage.closedByPeer());
            assertTrue(huge.closedByPeer());
            assertTrue(empty.closedByPeer());
            assertTrue(truncated.closedByPeer());

            assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), good.request(0x03, 0, 0, 0, 2));
            try (Frames fresh = new Frames(server.port())) {
                assertArrayEquals(bytes(0x10, 0, 0, 0, 2), fresh.request(Frames.writeRegisters(0, 0x422A, 0)));
            }
            assertEquals(4, server.malformedFrames());
            assertTrue(server.status().lastError().contains("malformed"), server.status().lastError());
        }
    }

    @Test
    void otherUnitIdsAreAnsweredAsAnAbsentGatewayTarget() throws IOException {
        try (ModbusServer unit5 = ModbusServerProvider.serve(twin, server.map(), "127.0.0.1", 0,
                new ModbusServer.Settings(WordOrder.BIG_ENDIAN, 5, 4, 1000)); Frames f = new Frames(unit5.port())) {
            assertArrayEquals(bytes(0x83, 0x0B), f.requestUnit(1, 0x03, 0, 0, 0, 2));
            assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), f.requestUnit(5, 0x03, 0, 0, 0, 2));
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndTheOthersServed() throws IOException {
        try (ModbusServer one = ModbusServerProvider.serve(twin, server.map(), "127.0.0.1", 0,
                new ModbusServer.Settings(WordOrder.BIG_ENDIAN, -1, 1, 1000))) {
            try (Frames first = new Frames(one.port()); Frames second = new Frames(one.port())) {
                assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), first.request(0x03, 0, 0, 0, 2));
                assertTrue(second.closedByPeer());
                assertEquals(1, one.status().peers());
                assertTrue(one.status().lastError().contains("1 connections open"), one.status().lastError());
            }
            Await.until("the first connection gone", 5000, () -> one.status().peers() == 0);
            try (Frames third = new Frames(one.port())) {
                assertArrayEquals(bytes(0x03, 4, 0x41, 0x20, 0, 0), third.request(0x03, 0, 0, 0, 2));
            }
        }
    }

    @Test
    void automaticMapWithSwappedWordsFoundThroughServiceLoader() throws IOException {
        TwinServerProvider provider = ServiceLoader.load(TwinServerProvider.class,
                ModbusServerProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.protocol().equals("modbus")).findFirst().orElseThrow();
        RecordingTwin unbound = new RecordingTwin(plant, List.of());
        try (ModbusServer auto = (ModbusServer) provider.serve(unbound,
                new ServerOptions(null, 0, null, Map.of("wordOrder", "little"), null, null));
                Frames f = new Frames(auto.port())) {
            ModbusMap map = auto.map();
            // numeric inputs a, big as float32 holding registers 0 and 2; outputs likewise in input registers;
            // booleans in coil 0 and discrete input 0
            assertEquals(0, map.point("a.in").address());
            assertEquals(2, map.point("big.in").address());
            assertEquals(INPUT_REGISTER, map.point("big.out").table());
            assertEquals(2, map.point("big.out").address());
            assertEquals(COIL, map.point("b.in").table());
            assertEquals(DISCRETE_INPUT, map.point("b.out").table());
            assertEquals(String.join(System.lineSeparator(),
                    "holdingRegister         0..1  float32  a.in  (writable)",
                    "holdingRegister         2..3  float32  big.in  (writable)",
                    "inputRegister           0..1  float32  a.out",
                    "inputRegister           2..3  float32  big.out",
                    "coil                       0  bool     b.in  (writable)",
                    "discreteInput              0  bool     b.out", ""), map.describe());
            assertArrayEquals(new int[] { 0x0000, 0x4120 }, Frames.words(f.request(0x03, 0, 0, 0, 2)));
            f.request(Frames.writeRegisters(2, 0x0000, 0x422A)); // 42.5, low word first
            assertEquals(List.of(42.5), unbound.valuesWritten("big.in"));
        }
    }

    @Test
    void overlappingBindingsAreRefusedWithBothPortsNamed() {
        TestModels m = new TestModels("plant");
        ModbusTcpEndpoint slave = m.endpoint("slave", 0, 1000);
        m.bind(m.port("a", "in", PortDirection.IN, DataType.REAL), slave, READ, HOLDING_REGISTER, 0, FLOAT32);
        m.bind(m.port("big", "in", PortDirection.IN, DataType.REAL), slave, READ, HOLDING_REGISTER, 1, UINT16);
        m.bind(m.port("nosuch", "in", PortDirection.IN, DataType.REAL), slave, READ, HOLDING_REGISTER, 40, UINT16);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModbusMap.fromBindings(plant, m.model.getBindings(), null));
        assertTrue(e.getMessage().contains("big.in at holdingRegister 1 overlaps a.in"), e.getMessage());
        assertTrue(e.getMessage().contains("nosuch.in: the twin has no such port"), e.getMessage());
    }

    @Test
    void tenCoilsWrittenAndReadBackBitForBit() throws IOException {
        LoopbackTwin bits = new LoopbackTwin("bits", 0.01);
        for (int i = 0; i < 10; i++) {
            bits.addPair("b" + i, DataType.BOOLEAN, 0, Double.NaN, Double.NaN);
        }
        RecordingTwin recorded = new RecordingTwin(bits, List.of());
        try (ModbusServer s = ModbusServerProvider.serve(recorded, ModbusMap.automatic(recorded), "127.0.0.1", 0,
                ModbusServer.Settings.DEFAULT); Frames f = new Frames(s.port())) {
            // coils 0..9 = 1,0,1,1,0,0,1,1,0,1: first byte 0b11001101 (coil 0 in bit 0), second 0b10
            assertArrayEquals(bytes(0x0F, 0, 0, 0, 10), f.request(0x0F, 0, 0, 0, 10, 2, 0xCD, 0x02));
            double[] expected = { 1, 0, 1, 1, 0, 0, 1, 1, 0, 1 };
            for (int i = 0; i < 10; i++) {
                assertEquals(List.of(expected[i]), recorded.valuesWritten("b" + i + ".in"), "coil " + i);
            }
            assertArrayEquals(bytes(0x01, 2, 0xCD, 0x02), f.request(0x01, 0, 0, 0, 10));
            bits.step();
            assertArrayEquals(bytes(0x02, 2, 0xCD, 0x02), f.request(0x02, 0, 0, 0, 10));
            // from coil 3, 5 bits: 1,0,0,1,1 = 0b11001
            assertArrayEquals(bytes(0x02, 1, 0x19), f.request(0x02, 0, 3, 0, 5));
            // byte count disagreeing with the quantity
            assertArrayEquals(bytes(0x8F, 0x03), f.request(0x0F, 0, 0, 0, 10, 1, 0xCD));
            assertArrayEquals(bytes(0x8F, 0x02), f.request(0x0F, 0, 5, 0, 10, 2, 0xCD, 0x02));
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
