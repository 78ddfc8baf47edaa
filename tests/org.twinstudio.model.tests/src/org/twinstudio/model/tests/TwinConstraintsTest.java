package org.twinstudio.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twinstudio.model.tests.Examples.component;
import static org.twinstudio.model.tests.Examples.port;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.twinstudio.model.AlertCondition;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Authentication;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.OpcUaSecurityMode;
import org.twinstudio.model.OpcUaSecurityPolicy;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.validation.TwinConstraints;
import org.twinstudio.model.validation.TwinConstraints.Finding;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

/**
 * Every constraint: the example passes it, and one change to the example breaks it, reported on the right element
 * with the right severity.
 */
class TwinConstraintsTest {

    private static final TwinModel EXAMPLE = TwinModels.load(Examples.HEATING_LINE).model();

    private record Case(String code, Severity severity, String messagePart, Consumer<TwinModel> breakIt,
            Function<TwinModel, EObject> element) {
    }

    private static Case c(String code, String messagePart, Consumer<TwinModel> breakIt, Function<TwinModel, EObject> element) {
        return new Case(code, Severity.ERROR, messagePart, breakIt, element);
    }

    private static Parameter param(TwinModel m, String component, String name) {
        return component(m, component).getParameters().stream().filter(p -> name.equals(p.getName())).findFirst().orElseThrow();
    }

    private static OpcUaEndpoint plc(TwinModel m) {
        return (OpcUaEndpoint) m.getEndpoints().get(0);
    }

    private static ModbusTcpEndpoint io(TwinModel m) {
        return (ModbusTcpEndpoint) m.getEndpoints().get(1);
    }

    private static MqttEndpoint mqtt(TwinModel m) {
        return (MqttEndpoint) m.getEndpoints().get(2);
    }

    private static ModbusBinding modbus(TwinModel m) {
        return (ModbusBinding) m.getBindings().get(2);
    }

    private static MqttBinding mqttBinding(TwinModel m) {
        return (MqttBinding) m.getBindings().get(4);
    }

    private static AlertRule overtemp(TwinModel m) {
        return m.getAlertRules().get(0);
    }

    private static Connection connection(TwinModel m, int i) {
        return m.getConnections().get(i);
    }

    private static final List<Case> CASES = List.of(
            c("name.missing", "has no name", m -> m.setName(null), m -> m),
            c("name.missing", "has no name", m -> component(m, "tank").setName(""), m -> m.getComponents().get(1)),
            c("name.syntax", "not an identifier", m -> component(m, "tank").setName("main tank"), m -> m.getComponents().get(1)),
            c("name.duplicate", "already used by component 'heater'", m -> plc(m).setName("heater"), m -> plc(m)),
            c("name.duplicate", "two ports named 'level'", m -> port(m, "tank.temperature").setName("level"), m -> component(m, "tank").getPorts().get(5)),
            c("name.duplicate", "two parameters named 'area'", m -> param(m, "tank", "height").setName("area"), m -> component(m, "tank").getParameters().get(1)),
            c("unit.unknown", "unknown unit 'Wx'", m -> port(m, "heater.power").setUnit("Wx"), m -> port(m, "heater.power")),
            c("unit.unknown", "unknown unit 'degQ'", m -> param(m, "tank", "ambientTemperature").setUnit("degQ"), m -> param(m, "tank", "ambientTemperature")),
            c("port.start", "'warm' is not a real", m -> port(m, "controller.setpoint").setStart("warm"), m -> port(m, "controller.setpoint")),
            c("type.missing", "no component type", m -> component(m, "tank").setType(""), m -> component(m, "tank")),
            c("type.unknown", "unknown component type 'heatr' (did you mean 'heater'?)", m -> component(m, "heater").setType("heatr"), m -> component(m, "heater")),
            c("parameter.missing", "required parameter 'fmu'", m -> m.getComponents().add(ComponentTypeRegistry.getDefault().find("fmu").orElseThrow().instantiate("plant")),
                    m -> component(m, "plant").getParameters().get(0)),
            c("parameter.value", "'lots' is not a real", m -> param(m, "heater", "maxPower").setValue("lots"), m -> param(m, "heater", "maxPower")),
            c("parameter.choice", "value 'hld' of 'interpolation' is not one of linear, hold (did you mean 'hold'?)", m -> {
                Component table = ComponentTypeRegistry.getDefault().find("table").orElseThrow().instantiate("profile");
                table.getParameters().stream().filter(p -> p.getName().equals("interpolation")).findFirst().orElseThrow()
                        .setValue("hld");
                m.getComponents().add(table);
            }, m -> param(m, "profile", "interpolation")),
            c("parameter.unit", "unit 'm' does not fit", m -> param(m, "heater", "maxPower").setUnit("m"), m -> param(m, "heater", "maxPower")),
            new Case("parameter.unknown", Severity.WARNING, "no parameter 'colour'", m -> {
                Parameter p = TwinFactory.eINSTANCE.createParameter();
                p.setName("colour");
                p.setValue("red");
                component(m, "tank").getParameters().add(p);
            }, m -> param(m, "tank", "colour")),
            new Case("parameter.default", Severity.INFO, "using the default 0.98", m -> component(m, "heater").getParameters().remove(param(m, "heater", "efficiency")),
                    m -> component(m, "heater")),
            c("port.missing", "port 'level' that is missing", m -> component(m, "tank").getPorts().remove(port(m, "tank.level")), m -> component(m, "tank")),
            c("port.direction", "must be an out port", m -> port(m, "tank.level").setDirection(PortDirection.IN), m -> port(m, "tank.level")),
            c("port.dataType", "must be of data type real", m -> port(m, "tank.level").setDataType(DataType.INTEGER), m -> port(m, "tank.level")),
            c("port.unit", "expects 'W'", m -> port(m, "heater.power").setUnit("degC"), m -> port(m, "heater.power")),
            c("port.unknown", "has no port 'spare'", m -> {
                var p = TwinFactory.eINSTANCE.createPort();
                p.setName("spare");
                component(m, "tank").getPorts().add(p);
            }, m -> component(m, "tank").getPorts().get(6)),
            c("connection.dangling", "has no source port", m -> connection(m, 0).setSource(null), m -> connection(m, 0)),
            c("connection.dangling", "has no target port", m -> connection(m, 0).setTarget(null), m -> connection(m, 0)),
            c("connection.direction", "source tank.inflow is not an output", m -> {
                connection(m, 0).setSource(port(m, "tank.inflow"));
                connection(m, 0).setTarget(port(m, "tank.outflow"));
            }, m -> connection(m, 0)),
            c("connection.direction", "target heater.power is not an input", m -> connection(m, 5).setTarget(port(m, "heater.power")), m -> connection(m, 5)),
            c("connection.dataType", "cannot connect boolean to real", m -> {
                connection(m, 0).setSource(port(m, "controller.output"));
                port(m, "controller.output").setDataType(DataType.BOOLEAN);
                port(m, "controller.output").setUnit("m3/s");
            }, m -> connection(m, 0)),
            c("connection.units", "units 'degC' and '%' are incompatible", m -> connection(m, 4).setTarget(port(m, "heater.command")), m -> connection(m, 4)),
            new Case("connection.units", Severity.INFO, "converted from 'kW' to 'W'", m -> port(m, "heater.power").setUnit("kW"), m -> connection(m, 1)),
            c("connection.multipleDrivers", "already driven by connection", m -> {
                Connection extra = TwinFactory.eINSTANCE.createConnection();
                extra.setSource(port(m, "inletValve.flow"));
                extra.setTarget(port(m, "tank.outflow"));
                m.getConnections().add(extra);
                Connection second = TwinFactory.eINSTANCE.createConnection();
                second.setSource(port(m, "inletValve.flow"));
                second.setTarget(port(m, "tank.outflow"));
                m.getConnections().add(second);
            }, m -> m.getConnections().get(7)),
            c("connection.multipleDrivers", "driven both by this binding", m -> m.getBindings().get(0).setPort(port(m, "controller.measurement")),
                    m -> m.getBindings().get(0)),
            c("endpoint.url", "not an opc.tcp://host:port URL", m -> plc(m).setUrl("http://plc:4840"), m -> plc(m)),
            c("endpoint.security", "does not go with security mode", m -> plc(m).setSecurityPolicy(OpcUaSecurityPolicy.BASIC256_SHA256), m -> plc(m)),
            c("endpoint.credentials", "needs a credential key", m -> plc(m).setAuthentication(Authentication.USERNAME), m -> plc(m)),
            c("endpoint.host", "has no host", m -> io(m).setHost(" "), m -> io(m)),
            c("endpoint.port", "outside 1..65535", m -> io(m).setPort(0), m -> io(m)),
            c("endpoint.unitId", "outside 0..255", m -> io(m).setUnitId(300), m -> io(m)),
            c("endpoint.timeout", "timeout must be positive", m -> io(m).setTimeoutMs(0), m -> io(m)),
            c("endpoint.url", "must start with tcp://", m -> mqtt(m).setBrokerUrl("mqtt.example.com"), m -> mqtt(m)),
            c("endpoint.tls", "tls is on", m -> mqtt(m).setTls(true), m -> mqtt(m)),
            c("binding.dangling", "has no endpoint", m -> m.getBindings().get(0).setEndpoint(null), m -> m.getBindings().get(0)),
            c("binding.dangling", "has no port", m -> m.getBindings().get(0).setPort(null), m -> m.getBindings().get(0)),
            c("binding.direction", "is an output", m -> m.getBindings().get(0).setPort(port(m, "tank.level")), m -> m.getBindings().get(0)),
            c("binding.samplePeriod", "sample period must be positive", m -> m.getBindings().get(0).setSamplePeriodMs(0), m -> m.getBindings().get(0)),
            c("binding.deadband", "deadband must not be negative", m -> modbus(m).setDeadband(-1), m -> modbus(m)),
            c("binding.endpointKind", "needs a matching endpoint", m -> modbus(m).setEndpoint(plc(m)), m -> modbus(m)),
            c("binding.nodeId", "is not an OPC UA NodeId", m -> ((OpcUaBinding) m.getBindings().get(0)).setNodeId("Temperature"), m -> m.getBindings().get(0)),
            c("binding.topic", "has no topic", m -> mqttBinding(m).setTopic(""), m -> mqttBinding(m)),
            c("binding.topic", "has wildcards", m -> mqttBinding(m).setTopic("plant/+/tank"), m -> mqttBinding(m)),
            c("binding.qos", "qos 3", m -> mqttBinding(m).setQos(3), m -> mqttBinding(m)),
            c("binding.jsonPointer", "must be empty or start with '/'", m -> mqttBinding(m).setJsonPointer("temperature"), m -> mqttBinding(m)),
            c("binding.modbusType", "value type must be bool", m -> modbus(m).setTable(ModbusTable.COIL), m -> modbus(m)),
            c("binding.modbusTable", "read-only", m -> modbus(m).setTable(ModbusTable.INPUT_REGISTER), m -> modbus(m)),
            c("binding.address", "outside 0..65535", m -> ((ModbusBinding) m.getBindings().get(3)).setAddress(65535), m -> m.getBindings().get(3)),
            c("binding.scale", "scale must not be 0", m -> modbus(m).setScale(0), m -> modbus(m)),
            c("binding.dataType", "is real but the register holds bool", m -> {
                modbus(m).setValueType(ModbusValueType.BOOL);
                modbus(m).setTable(ModbusTable.COIL);
            }, m -> modbus(m)),
            c("alert.dangling", "has no signal", m -> overtemp(m).setSignal(null), m -> overtemp(m)),
            c("alert.signalType", "need a numeric signal", m -> {
                overtemp(m).setSignal(port(m, "inletValve.open"));
                overtemp(m).setUnit(null);
            }, m -> overtemp(m)),
            c("alert.unit", "does not fit signal sensorT.value", m -> overtemp(m).setUnit("bar"), m -> overtemp(m)),
            c("alert.unit", "a rate of change is in 'degC/s'", m -> m.getAlertRules().get(2).setUnit("degC"), m -> m.getAlertRules().get(2)),
            c("alert.range", "must be below high", m -> {
                overtemp(m).setCondition(AlertCondition.OUTSIDE_RANGE);
                overtemp(m).setLow(90);
                overtemp(m).setHigh(10);
            }, m -> overtemp(m)),
            c("alert.threshold", "anomaly score threshold", m -> {
                overtemp(m).setCondition(AlertCondition.ANOMALY_SCORE_ABOVE);
                overtemp(m).setThreshold(80);
            }, m -> overtemp(m)),
            c("alert.delay", "delay must not be negative", m -> overtemp(m).setDelay(-1), m -> overtemp(m)),
            c("alert.hysteresis", "hysteresis must not be negative", m -> overtemp(m).setHysteresis(-0.5), m -> overtemp(m)),
            c("simulation.stepSize", "step size must be positive", m -> m.getSimulation().setStepSize(0), m -> m.getSimulation()),
            c("simulation.stopTime", "shorter than one step", m -> m.getSimulation().setStopTime(0.01), m -> m.getSimulation()),
            c("simulation.stopTime", "stop time must be positive", m -> m.getSimulation().setStopTime(-5), m -> m.getSimulation()),
            c("simulation.realTimeFactor", "must not be negative", m -> m.getSimulation().setRealTimeFactor(-1), m -> m.getSimulation()),
            c("simulation.relativeTolerance", "between 0 and 1", m -> m.getSimulation().setRelativeTolerance(0), m -> m.getSimulation()),
            c("simulation.relativeTolerance", "between 0 and 1", m -> m.getSimulation().setRelativeTolerance(1.5), m -> m.getSimulation()),
            c("simulation.absoluteTolerance", "must be positive", m -> m.getSimulation().setAbsoluteTolerance(-1e-6), m -> m.getSimulation()),
            c("simulation.maxStepSize", "zero (no limit) or positive", m -> m.getSimulation().setMaxStepSize(-1), m -> m.getSimulation()));

    private static List<Finding> check(TwinModel m) {
        return TwinConstraints.check(m, ComponentTypeRegistry.getDefault());
    }

    @Test
    void exampleHasNoErrorsOrWarnings() {
        List<Finding> findings = check(EXAMPLE).stream().filter(f -> f.severity() != Severity.INFO).toList();
        assertEquals(List.of(), findings);
    }

    @TestFactory
    Stream<DynamicTest> eachConstraintPassesOnTheExampleAndFailsWhenBroken() {
        return CASES.stream().map(k -> DynamicTest.dynamicTest(k.code() + ": " + k.messagePart(), () -> {
            TwinModel m = EcoreUtil.copy(EXAMPLE);
            // resolve the expected element before breaking (the break may rename or detach it)
            assertFalse(check(m).stream().anyMatch(f -> f.code().equals(k.code()) && f.message().contains(k.messagePart())),
                    "the example already violates " + k.code());
            k.breakIt().accept(m);
            EObject expected = k.element().apply(m);
            List<Finding> findings = check(m);
            Finding hit = findings.stream().filter(f -> f.code().equals(k.code()) && f.message().contains(k.messagePart()))
                    .findFirst().orElseThrow(() -> new AssertionError("expected " + k.code() + " containing '" + k.messagePart()
                            + "', got " + findings));
            assertEquals(k.severity(), hit.severity(), hit.message());
            assertTrue(hit.element() == expected, () -> "reported on " + hit.element() + " instead of " + expected);
        }));
    }

    @Test
    void messagesNameTheElementAndItsKind() {
        TwinModel m = EcoreUtil.copy(EXAMPLE);
        component(m, "heater").setType("heatr");
        Finding f = check(m).stream().filter(x -> x.code().equals("type.unknown")).findFirst().orElseThrow();
        assertEquals("component 'heater': unknown component type 'heatr' (did you mean 'heater'?)", f.message());
    }

    @Test
    void noSuggestionForFarOffTypes() {
        TwinModel m = EcoreUtil.copy(EXAMPLE);
        component(m, "heater").setType("centrifuge");
        Finding f = check(m).stream().filter(x -> x.code().equals("type.unknown")).findFirst().orElseThrow();
        assertFalse(f.message().contains("did you mean"), f.message());
    }

    @Test
    void parametersOfTypesWithDynamicParametersAreNotQuestioned() {
        TwinModel m = EcoreUtil.copy(EXAMPLE);
        Component plant = ComponentTypeRegistry.getDefault().find("fmu").orElseThrow().instantiate("plant");
        plant.getParameters().get(0).setValue("plant.fmu");
        for (String name : List.of("tau", "interface")) {
            Parameter p = org.twinstudio.model.TwinFactory.eINSTANCE.createParameter();
            p.setName(name);
            p.setValue("1");
            p.setUnit("");
            plant.getParameters().add(p);
        }
        m.getComponents().add(plant);
        assertTrue(ComponentTypeRegistry.getDefault().find("fmu").orElseThrow().dynamicParameters());
        List<Finding> findings = check(m);
        assertFalse(findings.stream().anyMatch(f -> f.code().equals("parameter.unknown")), findings::toString);
        // A type without the flag still warns.
        assertFalse(ComponentTypeRegistry.getDefault().find("heater").orElseThrow().dynamicParameters());
        Parameter colour = org.twinstudio.model.TwinFactory.eINSTANCE.createParameter();
        colour.setName("tau");
        colour.setValue("1");
        colour.setUnit("");
        component(m, "heater").getParameters().add(colour);
        assertTrue(check(m).stream().anyMatch(f -> f.code().equals("parameter.unknown")
                && f.message().contains("component type 'heater' has no parameter 'tau'")));
    }

    @Test
    void integerMayDriveReal() {
        TwinModel m = EcoreUtil.copy(EXAMPLE);
        Component pid = component(m, "controller");
        pid.getPorts().get(3).setDataType(DataType.INTEGER); // output, now integer
        List<Finding> findings = check(m);
        assertFalse(findings.stream().anyMatch(f -> f.code().equals("connection.dataType")), findings::toString);
    }

    @Test
    void bindingDirectionWriteOnOutputIsFine() {
        TwinModel m = EcoreUtil.copy(EXAMPLE);
        m.getBindings().get(4).setDirection(BindingDirection.WRITE);
        assertFalse(check(m).stream().anyMatch(f -> f.code().startsWith("binding.")));
    }

    @Test
    void opcUaSecurityPolicyWithMatchingModeIsFine() {
        TwinModel m = EcoreUtil.copy(EXAMPLE);
        plc(m).setSecurityPolicy(OpcUaSecurityPolicy.AES256_SHA256_RSA_PSS);
        plc(m).setSecurityMode(OpcUaSecurityMode.SIGN_AND_ENCRYPT);
        assertFalse(check(m).stream().anyMatch(f -> f.code().startsWith("endpoint.")));
    }
}
