package org.twinstudio.connect.opcua;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;

/** Binds ports to OPC UA nodes ({@link OpcUaBindingConnector}); protocol id {@value OpcUa#PROTOCOL}. */
public final class OpcUaConnectorProvider implements ConnectorProvider {

    @Override
    public String protocol() {
        return OpcUa.PROTOCOL;
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint instanceof OpcUaEndpoint;
    }

    @Override
    public List<String> check(Binding binding) {
        if (!(binding instanceof OpcUaBinding b)) {
            return List.of(where(binding) + "not an OPC UA binding");
        }
        List<String> problems = problems(b);
        if (b.getEndpoint() instanceof OpcUaEndpoint e) {
            String url = e.getUrl();
            if (url == null || !url.matches("opc\\.tcp://[^/:\\s]+(:\\d{1,5})?(/\\S*)?")) {
                problems.add(where(b) + "endpoint " + e.getName() + " has url '" + url
                        + "', expected opc.tcp://HOST:PORT/PATH");
            }
        } else if (b.getEndpoint() != null) {
            problems.add(where(b) + "its endpoint " + b.getEndpoint().getName() + " is not an OPC UA endpoint");
        }
        return problems;
    }

    /** Problems of the binding itself (NodeId syntax, direction, period, deadband), each located. */
    static List<String> problems(OpcUaBinding b) {
        List<String> problems = new ArrayList<>();
        String id = b.getNodeId();
        if (id == null || id.isBlank()) {
            problems.add(where(b) + "no nodeId");
        } else if (NodeId.parseOrNull(id.trim()) == null) {
            problems.add(where(b) + "nodeId '" + id + "' is not a NodeId; expected ns=INDEX;s=NAME, ns=INDEX;i=NUMBER,"
                    + " ns=INDEX;g=GUID or ns=INDEX;b=BASE64 (ns=0 may be left out)");
        }
        Port port = b.getPort();
        if (port == null) {
            problems.add(where(b) + "no port");
        } else {
            if (b.getDirection() != BindingDirection.WRITE && port.getDirection() == PortDirection.OUT) {
                problems.add(where(b) + "reads into an output port; only inputs can be driven from a server");
            }
            DataType type = port.getDataType() == null ? DataType.REAL : port.getDataType();
            if (type == DataType.STRING) {
                problems.add(where(b) + "text ports cannot be bound (values cross as numbers)");
            }
            if (b.getDeadband() > 0 && type == DataType.BOOLEAN) {
                problems.add(where(b) + "a deadband on a boolean port has no meaning");
            }
        }
        if (b.getSamplePeriodMs() < 0) {
            problems.add(where(b) + "samplePeriodMs must not be negative, got " + b.getSamplePeriodMs());
        }
        if (b.getDeadband() < 0 || Double.isNaN(b.getDeadband())) {
            problems.add(where(b) + "deadband must be 0 or more, got " + b.getDeadband());
        }
        return problems;
    }

    private static String where(Binding b) {
        Port p = b.getPort();
        String port = p == null ? "?" : (p.getComponent() == null ? "" : p.getComponent().getName() + ".") + p.getName();
        String endpoint = b.getEndpoint() == null ? "?" : b.getEndpoint().getName();
        return "binding " + port + " -> " + endpoint + ": ";
    }

    @Override
    public BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        if (!(endpoint instanceof OpcUaEndpoint e)) {
            throw new IllegalArgumentException("not an OPC UA endpoint: " + endpoint);
        }
        return new OpcUaBindingConnector(e, bindings, context);
    }
}
