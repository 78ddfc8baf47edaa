package org.twinstudio.connect.modbus;

import java.util.List;
import java.util.function.Function;

import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusWordOrder;
import org.twinstudio.connect.modbus.internal.ModbusConnector;

/**
 * The Modbus TCP master for the model's {@link org.twinstudio.model.ModbusBinding}s (protocol {@code modbus}).
 * <p>
 * Word order is a property of the device, so it is chosen per endpoint: by the function given to
 * {@link #ModbusConnectorProvider(Function)}, or, with the default constructor, by the endpoint's {@code wordOrder}
 * in the model when it is set there, else by the JVM system property
 * {@code twinstudio.modbus.wordOrder.<endpoint name>}, else {@code twinstudio.modbus.wordOrder}, else big-endian
 * (see {@link WordOrder#parse} for the spellings).
 */
public final class ModbusConnectorProvider implements ConnectorProvider {

    private final Function<ModbusTcpEndpoint, WordOrder> wordOrders;

    public ModbusConnectorProvider() {
        this(ModbusConnectorProvider::wordOrderOf);
    }

    public ModbusConnectorProvider(Function<ModbusTcpEndpoint, WordOrder> wordOrders) {
        this.wordOrders = wordOrders;
    }

    @Override
    public String protocol() {
        return "modbus";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint instanceof ModbusTcpEndpoint;
    }

    @Override
    public List<String> check(Binding binding) {
        return ModbusChecks.check(binding);
    }

    @Override
    public BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        if (!(endpoint instanceof ModbusTcpEndpoint modbus)) {
            throw new IllegalArgumentException("endpoint '" + (endpoint == null ? null : endpoint.getName())
                    + "' is not a Modbus TCP endpoint");
        }
        return new ModbusConnector(modbus, bindings, wordOrders.apply(modbus), context);
    }

    /** The endpoint's word order: the model's when set there, else {@link #wordOrderFromSystemProperties}. */
    public static WordOrder wordOrderOf(ModbusTcpEndpoint endpoint) {
        if (endpoint.isSetWordOrder()) {
            return endpoint.getWordOrder() == ModbusWordOrder.LITTLE_ENDIAN ? WordOrder.LITTLE_ENDIAN
                    : WordOrder.BIG_ENDIAN;
        }
        return wordOrderFromSystemProperties(endpoint);
    }

    /** The per-endpoint word order from system properties, for models that do not set it. */
    public static WordOrder wordOrderFromSystemProperties(ModbusTcpEndpoint endpoint) {
        String specific = endpoint.getName() == null ? null
                : System.getProperty("twinstudio.modbus.wordOrder." + endpoint.getName());
        return WordOrder.parse(specific != null ? specific : System.getProperty("twinstudio.modbus.wordOrder"));
    }
}
