package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.model.BindingDirection.READ;
import static org.twinstudio.model.BindingDirection.WRITE;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.modbus.ModbusCodec;
import org.twinstudio.connect.modbus.ModbusPoint;
import org.twinstudio.connect.modbus.ModbusServer;
import org.twinstudio.connect.modbus.ModbusServerProvider;
import org.twinstudio.connect.modbus.WordOrder;
import org.twinstudio.connect.modbus.internal.ModbusConnector;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/** The heating line running live in a {@link TwinSession}, served as a Modbus slave and driven by our master. */
class ModbusTwinSessionTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();

    private static TwinSession session() throws Exception {
        // step 0.1 s at 20 x real time: a cycle every 5 ms
        return TwinSession.builder(HEATING_LINE).options(SessionOptions.serve().withRealtimeFactor(20)).start();
    }

    /** The heating line without its endpoints and bindings, so the slave lays out its automatic map. */
    private static TwinSession sessionWithoutBindings() throws Exception {
        TwinModel model = TwinModels.load(HEATING_LINE).model();
        model.getBindings().clear();
        model.getEndpoints().clear();
        return TwinSession.builder(model).options(SessionOptions.serve().withRealtimeFactor(20)).start();
    }

    @Test
    void aMasterOpensTheInletAndSeesTheLevelRise() throws Exception {
        try (TwinSession session = sessionWithoutBindings();
                ModbusServer server = new ModbusServerProvider().serve(session,
                        new ServerOptions("127.0.0.1", 0, null, Map.of(), null, null))) {
            // no Modbus bindings in the model: the automatic map
            ModbusPoint open = server.map().point("inletValve.open");
            ModbusPoint level = server.map().point("tank.level");
            assertEquals(ModbusTable.COIL, open.table());
            assertEquals(ModbusTable.INPUT_REGISTER, level.table());

            TestModels m = new TestModels("controller");
            ModbusTcpEndpoint plant = m.endpoint("plant", server.port(), 500);
            m.bind(m.port("ctl", "open", PortDirection.OUT, DataType.BOOLEAN), plant, WRITE, ModbusTable.COIL,
                    open.address(), ModbusValueType.BOOL);
            m.bind(m.port("ctl", "level", PortDirection.IN, DataType.REAL), plant, READ, ModbusTable.INPUT_REGISTER,
                    level.address(), ModbusValueType.FLOAT32);
            try (ModbusConnector c = new ModbusConnector(plant, List.copyOf(m.model.getBindings()),
                    WordOrder.BIG_ENDIAN, new ConnectorContext(Credentials.NONE, null, 100))) {
                c.start();
                double[] seen = { Double.NaN };
                Await.until("a level read", 5000, () -> {
                    c.readInputs((b, v) -> seen[0] = v);
                    return !Double.isNaN(seen[0]);
                });
                long cycle = session.cycle();
                Await.until("ten more cycles", 5000, () -> session.cycle() > cycle + 10);
                double closed = seen[0];
                c.readInputs((b, v) -> seen[0] = v);
                assertEquals(closed, seen[0], 0.0, "with the inlet closed the level stays put");
                assertEquals((float) session.value("tank.level"), (float) closed);

                c.writeOutputs(b -> 1.0);
                Await.until("the valve told to open", 5000, () -> session.value("inletValve.open") == 1.0);
                Await.until("the level to rise over Modbus", 10_000, () -> {
                    c.readInputs((b, v) -> seen[0] = v);
                    return seen[0] > closed + 1e-4;
                }, () -> "level " + seen[0]);
                assertEquals(ConnectionState.CONNECTED, c.status().state());
            }

            // tank.inflow is an input, but driven by the valve's flow: the session refuses it
            try (Frames f = new Frames(server.port())) {
                int address = server.map().point("tank.inflow").address();
                int[] one = ModbusCodec.encode(ModbusValueType.FLOAT32, WordOrder.BIG_ENDIAN, 1, 0, 0.5);
                assertArrayEquals(new byte[] { (byte) 0x90, 0x04 },
                        f.request(Frames.writeRegisters(address, one[0], one[1])));
                assertTrue(server.status().lastError().contains("driven by a connection"),
                        server.status().lastError());
            }
        }
    }

    @Test
    void theModelsOwnModbusBindingsPlaceThePorts() throws Exception {
        TwinModel model = TwinModels.load(HEATING_LINE).model();
        try (TwinSession session = session();
                ModbusServer server = new ModbusServerProvider().serve(
                        new RecordingTwin(session, model.getBindings()),
                        new ServerOptions("127.0.0.1", 0, null, Map.of("endpoint", "remoteIo"), null, null));
                Frames f = new Frames(server.port())) {
            // sensorT.value: holding register 100, int16 in tenths (scale 0.1); sensorL.value: holding register 102, float32
            assertEquals(2, server.map().points().size());
            ModbusPoint level = server.map().point("sensorL.value");
            assertEquals(102, level.address());
            assertFalse(level.writable(), "an output of the twin");
            long cycle = session.cycle();
            Await.until("a few cycles", 5000, () -> session.cycle() > cycle + 3);
            int[] words = Frames.words(f.request(0x03, 0, 102, 0, 2));
            double served = ModbusCodec.decode(ModbusValueType.FLOAT32, WordOrder.BIG_ENDIAN, 1, 0, words, 0);
            assertEquals((float) session.value("sensorL.value"), (float) served, "inlet closed: the level holds");
            int raw = Frames.words(f.request(0x03, 0, 100, 0, 1))[0];
            assertEquals(session.value("sensorT.value"), (short) raw * 0.1, 0.06, "value = raw * 0.1");
            assertArrayEquals(new byte[] { (byte) 0x86, 0x02 }, f.request(0x06, 0, 102, 0, 0));
        }
    }
}
