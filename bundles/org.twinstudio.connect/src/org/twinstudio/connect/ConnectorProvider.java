package org.twinstudio.connect;

import java.util.List;

import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;

/**
 * A protocol's client side. Register an implementation as an OSGi service or in {@code META-INF/services}; the
 * built-in OPC UA, Modbus TCP and MQTT connectors do the same. See {@link Connectors}.
 */
public interface ConnectorProvider {

    /** Short protocol id used in the CLI and reports: {@code opcua}, {@code modbus}, {@code mqtt}. */
    String protocol();

    boolean supports(Endpoint endpoint);

    /**
     * Checks a binding's address against this protocol (syntax, type and scale fit); returns a message per problem,
     * empty when the binding is fine. Used by model validation and the IDE's binding editor.
     */
    List<String> check(Binding binding);

    /** A connector for the endpoint's bindings; it does not connect before {@link BindingConnector#start()}. */
    BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context);
}
