package org.twinstudio.connect.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;

/** The client side of MQTT: {@link MqttBindingConnector}s for {@link MqttEndpoint}s. */
public final class MqttConnectorProvider implements ConnectorProvider {

    @Override
    public String protocol() {
        return "mqtt";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint instanceof MqttEndpoint;
    }

    /**
     * Problems of an MQTT binding: a topic that is missing, too long or badly formed (wildcards only in read
     * topics, as whole levels), QoS outside 0..2, a JSON pointer that is not RFC 6901, a string port, a read binding
     * on an output port, an endpoint that is not MQTT.
     */
    @Override
    public List<String> check(Binding binding) {
        List<String> problems = new ArrayList<>();
        String where = "binding of " + portPath(binding);
        if (!(binding instanceof MqttBinding mqtt)) {
            problems.add(where + ": not an MQTT binding");
            return problems;
        }
        if (binding.getEndpoint() != null && !(binding.getEndpoint() instanceof MqttEndpoint)) {
            problems.add(where + ": endpoint " + binding.getEndpoint().getName() + " is not an MQTT endpoint");
        }
        String topic = mqtt.getTopic();
        boolean read = binding.getDirection() == BindingDirection.READ;
        if (topic == null || topic.isEmpty()) {
            problems.add(where + ": topic is empty");
        } else if (topic.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            problems.add(where + ": topic is longer than 65535 bytes");
        } else {
            try {
                MqttTopicValidator.validate(topic, read, true);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": topic '" + topic + "' is invalid" + (read ? "" : " for publishing") + ": "
                        + e.getMessage());
            }
        }
        if (mqtt.getQos() < 0 || mqtt.getQos() > 2) {
            problems.add(where + ": QoS " + mqtt.getQos() + " is not 0, 1 or 2");
        }
        if (mqtt.getJsonPointer() != null) {
            try {
                JsonPointer.parse(mqtt.getJsonPointer());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        Port port = binding.getPort();
        if (port == null) {
            problems.add(where + ": no port");
        } else {
            if (port.getDataType() == DataType.STRING) {
                problems.add(where + ": port " + portPath(binding) + " is a string; MQTT bindings carry numbers");
            }
            if (read && port.getDirection() == PortDirection.OUT) {
                problems.add(where + ": a read binding drives its port, but " + portPath(binding)
                        + " is an output");
            }
        }
        if (binding.getSamplePeriodMs() < 0) {
            problems.add(where + ": samplePeriodMs " + binding.getSamplePeriodMs() + " is negative");
        }
        if (binding.getDeadband() < 0 || Double.isNaN(binding.getDeadband())) {
            problems.add(where + ": deadband " + binding.getDeadband() + " is negative");
        }
        return problems;
    }

    @Override
    public BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        if (!(endpoint instanceof MqttEndpoint mqtt)) {
            throw new IllegalArgumentException("endpoint " + endpoint.getName() + " is not an MQTT endpoint");
        }
        return new MqttBindingConnector(mqtt, bindings, context, this);
    }

    static String portPath(Binding binding) {
        Port port = binding.getPort();
        if (port == null) {
            return "(no port)";
        }
        return (port.getComponent() != null ? port.getComponent().getName() + "." : "") + port.getName();
    }
}
