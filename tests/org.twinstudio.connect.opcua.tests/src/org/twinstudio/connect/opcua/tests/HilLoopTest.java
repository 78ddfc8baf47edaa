package org.twinstudio.connect.opcua.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.twinstudio.connect.opcua.tests.Peers.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.opcua.OpcUaConnectorProvider;
import org.twinstudio.connect.opcua.OpcUaTwinServer;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/**
 * A control loop closed over OPC UA: the heating line without its controller is served by our server; a second
 * session runs only the controller in HIL mode, reading the plant's temperature sensor and writing the heater
 * command through our binding connector.
 */
class HilLoopTest {

    @TempDir
    Path state;

    @Test
    void theControllerTwinHeatsThePlantTwinOverOpcUa() throws Exception {
        TwinModel plant = TwinModels.load(Peers.HEATING_LINE).model();
        Component controller = plant.getComponents().stream().filter(c -> c.getName().equals("controller"))
                .findFirst().orElseThrow();
        plant.getConnections().removeIf(c -> c.getSource().getComponent() == controller
                || c.getTarget().getComponent() == controller);
        plant.getBindings().clear();
        plant.getEndpoints().clear();

        TwinModel plc = TwinModels.createModel("plc");
        plc.getSimulation().setStepSize(plant.getSimulation().getStepSize());
        plc.getComponents().add(controller); // moves it out of the plant
        try (TwinSession plantTwin = TwinSession.builder(plant)
                .options(SessionOptions.serve().withRealtimeFactor(20)).start();
                OpcUaTwinServer server = Peers.serve(plantTwin, state, Map.of(), Credentials.NONE)) {
            int ns = server.namespaceIndex();
            await(() -> plantTwin.cycle() > 5, "the plant to run");
            double start = plantTwin.value("tank.temperature");
            assertEquals(0, plantTwin.value("heater.command"), 0, "no controller in the plant");

            OpcUaEndpoint endpoint = TwinFactory.eINSTANCE.createOpcUaEndpoint();
            endpoint.setName("plant");
            endpoint.setUrl(server.address());
            plc.getEndpoints().add(endpoint);
            OpcUaBinding measurement = binding(endpoint, port(controller, "measurement"), BindingDirection.READ,
                    "ns=" + ns + ";s=sensorT.value");
            measurement.setSamplePeriodMs(10);
            OpcUaBinding command = binding(endpoint, port(controller, "output"), BindingDirection.WRITE,
                    "ns=" + ns + ";s=heater.command");
            plc.getBindings().addAll(List.of(measurement, command));

            try (TwinSession hil = TwinSession.builder(plc).options(SessionOptions.hil().withRealtimeFactor(20))
                    .connectors(new Connectors(List.of(new OpcUaConnectorProvider()), List.of()))
                    .context(new ConnectorContext(Credentials.NONE, state, 1000)).start()) {
                // 60 degC wanted, about 18 measured: the PI output saturates at outputMax = 100 %.
                await(() -> plantTwin.value("heater.command") == 100, "the controller's command at the plant");
                await(() -> plantTwin.value("tank.temperature") > start + 1, "the tank to warm by 1 K");
                await(() -> Math.abs(hil.value("controller.measurement") - plantTwin.value("sensorT.value")) < 0.5,
                        "the controller to see the plant's sensor");
                for (BindingStatus s : hil.bindingStatus()) {
                    assertEquals(ConnectionState.CONNECTED, s.state(), s.toString());
                    assertNull(s.lastError(), s.toString());
                    assertFalse(Double.isNaN(s.latencyMillis()), s.toString());
                }
            }
        }
    }

    static Port port(Component c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    static OpcUaBinding binding(OpcUaEndpoint e, Port port, BindingDirection direction, String nodeId) {
        OpcUaBinding b = TwinFactory.eINSTANCE.createOpcUaBinding();
        b.setEndpoint(e);
        b.setPort(port);
        b.setDirection(direction);
        b.setNodeId(nodeId);
        return b;
    }
}
