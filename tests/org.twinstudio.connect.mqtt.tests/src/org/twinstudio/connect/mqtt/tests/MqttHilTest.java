package org.twinstudio.connect.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.connect.mqtt.tests.Fixtures.await;
import static org.twinstudio.connect.mqtt.tests.MqttBindingConnectorTest.bytes;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.mqtt.EmbeddedBroker;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/** The heating line in a HIL loop whose bindings are MQTT topics: the runtime drives the connector each cycle. */
class MqttHilTest {

    @TempDir
    Path state;

    private static Port port(TwinModel m, String component, String name) {
        for (Component c : m.getComponents()) {
            if (c.getName().equals(component)) {
                for (Port p : c.getPorts()) {
                    if (p.getName().equals(name)) {
                        return p;
                    }
                }
            }
        }
        throw new AssertionError("no port " + component + "." + name);
    }

    @Test
    void readBindingsDriveInputsAndWriteBindingsPublishEachCycle() throws Exception {
        List<Double> temperatures = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.loopback()
                .withPublishListener(p -> {
                    if (p.topic().equals("plant/tank/temperature")) {
                        temperatures.add(Fixtures.valueOf(p.payload()));
                    }
                }))) {
            TwinModel m = TwinModels.load(MqttTwinServerTest.HEATING_LINE).model();
            // Only MQTT here: the example's OPC UA and Modbus bindings need connectors this test does not load.
            m.getBindings().clear();
            m.getEndpoints().clear();
            MqttEndpoint plc = Fixtures.endpoint(m, "plc", broker.url());
            MqttBinding setpoint = Fixtures.binding(m, plc, port(m, "controller", "setpoint"), BindingDirection.READ,
                    "plant/controller/setpoint", "/sp", 1, false);
            MqttBinding temperature = Fixtures.binding(m, plc, port(m, "tank", "temperature"),
                    BindingDirection.WRITE, "plant/tank/temperature", null, 1, false);
            // The model requires a positive sample period; 1 ms is below the 5 ms cycle, so every cycle publishes.
            setpoint.setSamplePeriodMs(1);
            temperature.setSamplePeriodMs(1);
            try (TwinSession hil = TwinSession.builder(m)
                    .options(SessionOptions.hil().withRealtimeFactor(20))
                    .context(Fixtures.context(state, 1000)).start()) {
                await(() -> hil.endpointStatus().get(0).state() == ConnectionState.CONNECTED,
                        "the session's MQTT connector to connect");
                await(() -> temperatures.size() >= 5, "temperatures written by the loop");
                long published = temperatures.size();
                assertTrue(published <= hil.cycle() + 1, published + " publications in " + hil.cycle() + " cycles");

                try (MqttClient controller = EmbeddedBrokerTest.client(broker.url(), "controller")) {
                    controller.publish("plant/controller/setpoint", bytes("{\"sp\": 72.5}"), 1, false);
                    await(() -> hil.value("controller.setpoint") == 72.5, "the read binding to set the input");
                    controller.disconnect();
                }
                BindingStatus read = hil.bindingStatus().get(0);
                assertEquals(72.5, read.lastValue());
                assertEquals(ConnectionState.CONNECTED, read.state());
                BindingStatus write = hil.bindingStatus().get(1);
                assertEquals("plant/tank/temperature", write.address());
                assertTrue(Double.isFinite(write.lastValue()) && write.latencyMillis() >= 0, write.toString());
                assertEquals(0, write.writesDropped());
            }
        }
    }
}
