package org.twinstudio.connect.mqtt.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.DataType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Small models with MQTT endpoints and bindings, and waiting helpers. */
final class Fixtures {

    static final TwinFactory F = TwinFactory.eINSTANCE;

    private Fixtures() {
    }

    static TwinModel model(String name) {
        TwinModel m = F.createTwinModel();
        m.setName(name);
        return m;
    }

    static Component component(TwinModel m, String name) {
        Component c = F.createComponent();
        c.setName(name);
        c.setType("test");
        m.getComponents().add(c);
        return c;
    }

    static Port port(Component c, String name, PortDirection direction, DataType type, String unit) {
        Port p = F.createPort();
        p.setName(name);
        p.setDirection(direction);
        p.setDataType(type);
        p.setUnit(unit);
        c.getPorts().add(p);
        return p;
    }

    static MqttEndpoint endpoint(TwinModel m, String name, String url) {
        MqttEndpoint e = F.createMqttEndpoint();
        e.setName(name);
        e.setBrokerUrl(url);
        m.getEndpoints().add(e);
        return e;
    }

    static MqttBinding binding(TwinModel m, MqttEndpoint e, Port p, BindingDirection direction, String topic,
            String pointer, int qos, boolean retained) {
        MqttBinding b = F.createMqttBinding();
        b.setEndpoint(e);
        b.setPort(p);
        b.setDirection(direction);
        b.setTopic(topic);
        b.setJsonPointer(pointer);
        b.setQos(qos);
        b.setRetained(retained);
        b.setSamplePeriodMs(0);
        m.getBindings().add(b);
        return b;
    }

    static ConnectorContext context(Path state, int capacity) {
        return new ConnectorContext(Credentials.NONE, state, capacity);
    }

    static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, what, Duration.ofSeconds(15));
    }

    static JsonObject json(byte[] payload) {
        return JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static double valueOf(byte[] payload) {
        return json(payload).get("value").getAsDouble();
    }
}
