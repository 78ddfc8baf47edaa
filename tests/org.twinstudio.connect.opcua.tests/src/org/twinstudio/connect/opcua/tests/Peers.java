package org.twinstudio.connect.opcua.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.opcua.OpcUaClients;
import org.twinstudio.connect.opcua.OpcUaTwinServer;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;

/** Real peers for the tests: the heating line running live, our server over it, Milo clients. */
final class Peers {

    static final Path HEATING_LINE = Path.of("../../examples/heating-line/heating-line.twin").toAbsolutePath()
            .normalize();

    private Peers() {
    }

    /** The heating line (step 0.1 s) at 20 × real time: a cycle every 5 ms. */
    static TwinSession heatingLine() throws Exception {
        return TwinSession.builder(HEATING_LINE).options(SessionOptions.serve().withRealtimeFactor(20)).start();
    }

    static OpcUaTwinServer serve(TwinSession twin, Path state, Map<String, String> settings, Credentials credentials)
            throws Exception {
        return OpcUaTwinServer.start(twin, new ServerOptions("127.0.0.1", 0, null, settings, credentials, state));
    }

    static OpcUaClient anonymousClient(String url) throws Exception {
        OpcUaClient c = OpcUaClients.create(url, OpcUaClients.Security.NONE, null, null, Duration.ofSeconds(5));
        c.connect();
        return c;
    }

    static int namespace(OpcUaClient client, String model) {
        return client.getNamespaceTable().getIndex("urn:twinstudio:twin:" + model).intValue();
    }

    static DataValue read(OpcUaClient client, NodeId node) throws Exception {
        return client.readValue(0, TimestampsToReturn.Both, node);
    }

    static double readDouble(OpcUaClient client, NodeId node) throws Exception {
        Object v = read(client, node).getValue().getValue();
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).doubleValue();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean test() throws Exception;
    }

    static BooleanSupplier unchecked(Check c) {
        return () -> {
            try {
                return c.test();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }
}
