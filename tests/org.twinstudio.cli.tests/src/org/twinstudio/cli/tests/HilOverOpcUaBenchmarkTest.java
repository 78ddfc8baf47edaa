package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Connectors;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.runtime.HilBenchmark;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/**
 * The HIL goal of the live runtime: a 10 ms cycle over OPC UA on loopback. The heating line without its controller
 * is served through the installed OPC UA server; the controller alone runs in HIL mode at a 10 ms cycle, reading the
 * plant's temperature sensor and writing the heater command through the installed OPC UA binding connector
 * ({@link HilBenchmark}). Runs 5 s by default; {@code TWINSTUDIO_BENCH_HIL_SECONDS=600} gives the 10-minute figure.
 * Figures go to standard output; the checks are that every cycle ran, the bindings stayed connected without error,
 * and the loop closed (the PI controller, 60 degC wanted at about 18 degC, saturates the plant's heater at 100 %).
 */
class HilOverOpcUaBenchmarkTest {

    @TempDir
    Path state;

    @Test
    void aTenMillisecondCycleOverOpcUa() throws Exception {
        TwinServerProvider opcua = Connectors.getDefault().server("opcua").orElse(null);
        assertTrue(opcua != null, "the OPC UA connector is not installed in this test runtime");
        double seconds = Double.parseDouble(System.getenv().getOrDefault("TWINSTUDIO_BENCH_HIL_SECONDS", "5"));

        TwinModel plant = TwinModels.load(Cli.HEATING_LINE).model();
        Component controller = plant.getComponents().stream().filter(c -> c.getName().equals("controller"))
                .findFirst().orElseThrow();
        plant.getConnections().removeIf(c -> c.getSource().getComponent() == controller
                || c.getTarget().getComponent() == controller);
        plant.getBindings().clear();
        plant.getEndpoints().clear();
        TwinModel plc = TwinModels.createModel("plc");
        plc.getSimulation().setStepSize(0.01);
        plc.getComponents().add(controller);

        try (TwinSession plantTwin = TwinSession.builder(plant).options(SessionOptions.serve()).start();
                TwinServer server = opcua.serve(plantTwin,
                        new ServerOptions("127.0.0.1", 0, null, Map.of(), Credentials.NONE, state))) {
            OpcUaEndpoint endpoint = TwinFactory.eINSTANCE.createOpcUaEndpoint();
            endpoint.setName("plant");
            endpoint.setUrl(server.address());
            plc.getEndpoints().add(endpoint);
            // our server's twin namespace is the first after the standard ones
            OpcUaBinding measurement = binding(endpoint, port(controller, "measurement"), BindingDirection.READ,
                    "ns=2;s=sensorT.value");
            measurement.setSamplePeriodMs(10);
            OpcUaBinding command = binding(endpoint, port(controller, "output"), BindingDirection.WRITE,
                    "ns=2;s=heater.command");
            plc.getBindings().addAll(List.of(measurement, command));

            HilBenchmark.Result r = HilBenchmark.run(TwinSession.builder(plc)
                    .context(new ConnectorContext(Credentials.NONE, state, 1000)), 0.01, seconds,
                    Integer.parseInt(System.getenv().getOrDefault("TWINSTUDIO_BENCH_HIL_PRIORITY", "0")));
            System.out.println(String.format(Locale.ROOT,
                    "HIL over OPC UA: %d cycles of %.0f ms in %.1f s: jitter p50 %.3f p99 %.3f max %.3f ms; work p50 "
                            + "%.3f p99 %.3f max %.3f ms; overruns %d; %s; %s",
                    r.cycles(), r.cycleMillis(), r.seconds(), r.jitter().p50(), r.jitter().p99(), r.jitter().max(),
                    r.total().p50(), r.total().p99(), r.total().max(), r.overruns(), r.scheduling(), r.bindingStatus()));
            assertEquals(TwinSession.State.ENDED, r.state(), r.failure());
            assertEquals(Math.round(seconds / 0.01), r.cycles());
            assertEquals(2, r.bindings());
            for (BindingStatus s : r.bindingStatus()) {
                assertEquals(ConnectionState.CONNECTED, s.state(), s.toString());
                assertNull(s.lastError(), s.toString());
            }
            assertEquals(100, plantTwin.value("heater.command"), 1e-9, "the controller's command reached the plant");
            assertTrue(r.jitter().p50() <= r.jitter().p99() && r.jitter().p99() <= r.jitter().max());
        }
    }

    private static Port port(Component c, String name) {
        return c.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static OpcUaBinding binding(OpcUaEndpoint e, Port port, BindingDirection direction, String nodeId) {
        OpcUaBinding b = TwinFactory.eINSTANCE.createOpcUaBinding();
        b.setEndpoint(e);
        b.setPort(port);
        b.setDirection(direction);
        b.setNodeId(nodeId);
        return b;
    }
}
