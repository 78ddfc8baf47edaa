package org.twinstudio.connect.modbus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.model.BindingDirection.READ;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.modbus.ModbusConnectorProvider;
import org.twinstudio.connect.modbus.ModbusMap;
import org.twinstudio.connect.modbus.ModbusServer;
import org.twinstudio.connect.modbus.ModbusServerProvider;
import org.twinstudio.connect.modbus.bench.LoopbackTwin;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/**
 * The heating line in HIL mode against remote I/O (a loopback twin served by our slave): the I/O's valve signal,
 * read as a discrete input, opens the inlet; the level and temperature the twin writes arrive in its holding
 * registers.
 */
class ModbusHilTest {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();

    @Test
    void theHeatingLineRunsItsModbusBindingsAgainstRemoteIo() throws Exception {
        // remote I/O: valve.in (coil 0) shows as valve.out (discrete input 0); level and temperature are inputs
        LoopbackTwin io = new LoopbackTwin("remote-io", 0.01);
        io.addPair("valve", DataType.BOOLEAN, 0, Double.NaN, Double.NaN);
        io.addPair("level", DataType.REAL, -1, Double.NaN, Double.NaN);
        io.addPair("temp", DataType.REAL, -1, Double.NaN, Double.NaN);
        TestModels ioModel = new TestModels("remote-io");
        ModbusTcpEndpoint self = ioModel.endpoint("self", 0, 1000);
        ioModel.bind(ioModel.port("valve", "out", PortDirection.OUT, DataType.BOOLEAN), self, READ,
                ModbusTable.DISCRETE_INPUT, 0, ModbusValueType.BOOL);
        ioModel.bind(ioModel.port("temp", "in", PortDirection.IN, DataType.REAL), self, READ,
                ModbusTable.HOLDING_REGISTER, 100, ModbusValueType.INT16, 10, 0);
        ioModel.bind(ioModel.port("level", "in", PortDirection.IN, DataType.REAL), self, READ,
                ModbusTable.HOLDING_REGISTER, 102, ModbusValueType.FLOAT32);
        RecordingTwin ioTwin = new RecordingTwin(io, ioModel.model.getBindings());

        try (ModbusServer server = ModbusServerProvider.serve(ioTwin,
                ModbusMap.fromBindings(ioTwin, ioTwin.bindings(), null), "127.0.0.1", 0,
                ModbusServer.Settings.DEFAULT)) {
            TwinModel line = TwinModels.load(HEATING_LINE).model();
            // only the Modbus endpoint stays; it points at the remote I/O and gains a read binding for the valve
            line.getBindings().removeIf(b -> !(b instanceof ModbusBinding));
            line.getEndpoints().removeIf(e -> !(e instanceof ModbusTcpEndpoint));
            ModbusTcpEndpoint remoteIo = (ModbusTcpEndpoint) line.getEndpoints().get(0);
            remoteIo.setPort(server.port());
            ModbusBinding valve = TwinFactory.eINSTANCE.createModbusBinding();
            valve.setPort(port(line, "inletValve", "open"));
            valve.setEndpoint(remoteIo);
            valve.setDirection(READ);
            valve.setTable(ModbusTable.DISCRETE_INPUT);
            valve.setAddress(0);
            valve.setValueType(ModbusValueType.BOOL);
            valve.setSamplePeriodMs(20);
            line.getBindings().add(valve);

            try (TwinSession hil = TwinSession.builder(line)
                    .options(SessionOptions.hil().withRealtimeFactor(20))
                    .connectors(new Connectors(List.of(new ModbusConnectorProvider()), List.of()))
                    .context(new ConnectorContext(Credentials.NONE, null, 1000)).start()) {
                Await.until("level written", 5000, () -> !ioTwin.valuesWritten("level.in").isEmpty());
                long cycle = hil.cycle();
                Await.until("ten cycles", 5000, () -> hil.cycle() > cycle + 10);
                double closed = hil.value("tank.level");
                io.step();
                Await.until("the closed level in the I/O", 5000,
                        () -> io.value(io.indexOf("level.out").getAsInt()) == (float) hil.value("sensorL.value"));

                io.setInput(io.indexOf("valve.in").getAsInt(), 1);
                io.step();
                Await.until("the inlet opened through Modbus", 5000, () -> hil.value("inletValve.open") == 1.0);
                Await.until("the level to rise", 10_000, () -> hil.value("tank.level") > closed + 1e-4);
                Await.until("the rising level written to the I/O", 5000, () -> {
                    List<Double> written = ioTwin.valuesWritten("level.in");
                    return written.get(written.size() - 1) > (float) closed + 1e-4;
                });
                List<Double> written = ioTwin.valuesWritten("level.in");
                for (int i = 1; i < written.size(); i++) {
                    assertTrue(written.get(i) >= written.get(i - 1) - 1e-6, "level written out of order: " + written);
                }
                // temperature: raw = value / 10 as int16, so the I/O sees multiples of 10 within 5 of the sensor
                double temp = ioTwin.valuesWritten("temp.in").get(0);
                assertEquals(0, temp % 10, 1e-9);
                for (BindingStatus s : hil.bindingStatus()) {
                    assertNull(s.lastError(), s.toString());
                }
            }
        }
    }

    @Test
    void theProvidersAreFoundAsOsgiServices() {
        ModbusTcpEndpoint endpoint = TwinFactory.eINSTANCE.createModbusTcpEndpoint();
        assertTrue(Connectors.getDefault().clientFor(endpoint).orElseThrow() instanceof ModbusConnectorProvider);
        assertTrue(Connectors.getDefault().server("modbus").orElseThrow() instanceof ModbusServerProvider);
    }

    private static Port port(TwinModel model, String component, String name) {
        return model.getComponents().stream().filter(c -> c.getName().equals(component)).findFirst().orElseThrow()
                .getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

}
