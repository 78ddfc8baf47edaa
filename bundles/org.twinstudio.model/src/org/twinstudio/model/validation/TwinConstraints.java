package org.twinstudio.model.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.twinstudio.model.AlertCondition;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Authentication;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;
import org.twinstudio.model.MqttBinding;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.NamedElement;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.OpcUaSecurityMode;
import org.twinstudio.model.OpcUaSecurityPolicy;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.types.ParameterSpec;
import org.twinstudio.model.types.PortSpec;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

/**
 * The rules a twin must satisfy beyond what its metamodel says: names, wiring, types and units, component types
 * and their parameters, endpoints, bindings, alert rules and simulation settings. Each finding names the element it
 * is about; {@link TwinModelValidator} adds where that element is in the file.
 */
public final class TwinConstraints {

    /** A finding before it has a file location. */
    public record Finding(EObject element, Severity severity, String code, String message) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern OPC_UA_NODE_ID = Pattern.compile("(ns=\\d+;|nsu=[^;]+;)?(i=\\d+|s=.+|g=[0-9a-fA-F-]{36}|b=[A-Za-z0-9+/=]+)");

    private final ComponentTypeRegistry types;
    private final List<Finding> findings = new ArrayList<>();

    private TwinConstraints(ComponentTypeRegistry types) {
        this.types = types;
    }

    /** All findings for a model, in model order. */
    public static List<Finding> check(TwinModel model, ComponentTypeRegistry types) {
        TwinConstraints c = new TwinConstraints(types);
        c.checkModel(model);
        return c.findings;
    }

    private void report(EObject element, Severity severity, String code, String message) {
        findings.add(new Finding(element, severity, code, describe(element) + ": " + message));
    }

    private void error(EObject element, String code, String message) {
        report(element, Severity.ERROR, code, message);
    }

    private void warning(EObject element, String code, String message) {
        report(element, Severity.WARNING, code, message);
    }

    /** How messages name an element: kind and qualified name. */
    public static String describe(EObject e) {
        if (e instanceof TwinModel m) {
            return "model '" + nameOf(m) + "'";
        }
        if (e instanceof Port p) {
            return "port '" + portName(p) + "'";
        }
        if (e instanceof Component c) {
            return "component '" + nameOf(c) + "'";
        }
        if (e instanceof Parameter p) {
            String owner = p.eContainer() instanceof Component c ? nameOf(c) + "." : "";
            return "parameter '" + owner + p.getName() + "'";
        }
        if (e instanceof Connection c) {
            return "connection " + portName(c.getSource()) + " -> " + portName(c.getTarget());
        }
        if (e instanceof Endpoint ep) {
            return "endpoint '" + nameOf(ep) + "'";
        }
        if (e instanceof Binding b) {
            return "binding of " + portName(b.getPort()) + " to " + (b.getEndpoint() == null ? "?" : "'" + nameOf(b.getEndpoint()) + "'");
        }
        if (e instanceof AlertRule a) {
            return "alert rule '" + nameOf(a) + "'";
        }
        if (e instanceof SimulationSettings) {
            return "simulation settings";
        }
        return e.eClass().getName();
    }

    private static String nameOf(NamedElement e) {
        return e.getName() == null || e.getName().isEmpty() ? "<unnamed>" : e.getName();
    }

    private static String portName(Port p) {
        if (p == null || p.eIsProxy()) {
            return "?";
        }
        return (p.getComponent() == null ? "?" : nameOf(p.getComponent())) + "." + nameOf(p);
    }

    // ---- model and names -----------------------------------------------------------------------------------

    private void checkModel(TwinModel model) {
        if (model.getName() == null || model.getName().isBlank()) {
            error(model, "name.missing", "has no name");
        }
        Map<String, NamedElement> topLevel = new HashMap<>();
        List<NamedElement> named = new ArrayList<>();
        named.addAll(model.getComponents());
        named.addAll(model.getEndpoints());
        named.addAll(model.getAlertRules());
        for (NamedElement e : named) {
            checkName(e);
            if (e.getName() != null && !e.getName().isEmpty()) {
                NamedElement first = topLevel.putIfAbsent(e.getName(), e);
                if (first != null) {
                    error(e, "name.duplicate", "name '" + e.getName() + "' is already used by " + describe(first));
                }
            }
        }
        model.getComponents().forEach(this::checkComponent);
        checkConnections(model);
        model.getEndpoints().forEach(this::checkEndpoint);
        model.getBindings().forEach(this::checkBinding);
        model.getAlertRules().forEach(this::checkAlertRule);
        if (model.getSimulation() != null) {
            checkSimulation(model.getSimulation());
        }
    }

    private void checkName(NamedElement e) {
        String name = e.getName();
        if (name == null || name.isEmpty()) {
            error(e, "name.missing", "has no name");
        } else if (!IDENTIFIER.matcher(name).matches()) {
            error(e, "name.syntax", "name '" + name + "' is not an identifier (letters, digits and _, not starting with a digit)");
        }
    }

    // ---- components ----------------------------------------------------------------------------------------

    private void checkComponent(Component c) {
        Set<String> portNames = new HashSet<>();
        for (Port p : c.getPorts()) {
            checkName(p);
            if (p.getName() != null && !portNames.add(p.getName())) {
                error(p, "name.duplicate", "component has two ports named '" + p.getName() + "'");
            }
            if (TwinUnits.parse(p.getUnit()).isEmpty()) {
                error(p, "unit.unknown", "unknown unit '" + p.getUnit() + "'");
            }
            if (p.getStart() != null && !p.getStart().isEmpty() && !valueFits(p.getStart(), p.getDataType())) {
                error(p, "port.start", "start value '" + p.getStart() + "' is not a " + p.getDataType().getLiteral());
            }
        }
        Set<String> parameterNames = new HashSet<>();
        for (Parameter p : c.getParameters()) {
            if (p.getName() == null || p.getName().isEmpty()) {
                error(p, "name.missing", "has no name");
            } else if (!parameterNames.add(p.getName())) {
                error(p, "name.duplicate", "component has two parameters named '" + p.getName() + "'");
            }
        }
        if (c.getType() == null || c.getType().isBlank()) {
            error(c, "type.missing", "has no component type");
            return;
        }
        Optional<ComponentTypeDescriptor> found = types.find(c.getType());
        if (found.isEmpty()) {
            error(c, "type.unknown", "unknown component type '" + c.getType() + "'" + suggestion(c.getType()));
            return;
        }
        ComponentTypeDescriptor type = found.get();
        checkParameters(c, type);
        if (!type.dynamicPorts()) {
            checkPortsAgainstType(c, type);
        }
    }

    private String suggestion(String unknown) {
        return didYouMean(unknown, types.all().stream().map(ComponentTypeDescriptor::id).toList());
    }

    /** " (did you mean 'x'?)" for the candidate closest to {@code unknown} when it is close enough, else "". */
    private static String didYouMean(String unknown, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, unknown.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private void checkParameters(Component c, ComponentTypeDescriptor type) {
        for (ParameterSpec spec : type.parameters()) {
            Parameter p = c.getParameters().stream().filter(x -> spec.name().equals(x.getName())).findFirst().orElse(null);
            if (p == null || p.getValue() == null || p.getValue().isBlank()) {
                if (spec.required()) {
                    error(p == null ? c : p, "parameter.missing", (p == null ? "" : "value of ") + "required parameter '"
                            + spec.name() + "' of type '" + type.id() + "' is missing" + (p == null ? "" : ""));
                } else if (p == null) {
                    report(c, Severity.INFO, "parameter.default", "parameter '" + spec.name() + "' not set; using the default "
                            + spec.defaultValue() + unitSuffix(spec.unit()));
                }
                continue;
            }
            if (!valueFits(p.getValue(), spec.dataType())) {
                error(p, "parameter.value", "value '" + p.getValue() + "' is not a " + spec.dataType().getLiteral());
            } else if (!spec.choices().isEmpty() && !spec.choices().contains(p.getValue().strip())) {
                error(p, "parameter.choice", "value '" + p.getValue() + "' of '" + spec.name() + "' is not one of "
                        + String.join(", ", spec.choices()) + didYouMean(p.getValue().strip(), spec.choices()));
            }
            String unit = p.getUnit() == null ? "" : p.getUnit();
            if (TwinUnits.parse(unit).isEmpty()) {
                error(p, "unit.unknown", "unknown unit '" + unit + "'");
            } else if (spec.unit() != null && !TwinUnits.compatible(unit, spec.unit())) {
                error(p, "parameter.unit", "unit '" + unit + "' does not fit; expected a unit like '" + spec.unit() + "'");
            }
        }
        // Parameters of types like fmu are known only to their implementation (checked when simulated).
        for (Parameter p : type.dynamicParameters() ? List.<Parameter>of() : c.getParameters()) {
            if (p.getName() != null && type.parameter(p.getName()).isEmpty()) {
                warning(p, "parameter.unknown", "component type '" + type.id() + "' has no parameter '" + p.getName() + "'");
            }
        }
    }

    private static String unitSuffix(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }

    private void checkPortsAgainstType(Component c, ComponentTypeDescriptor type) {
        for (PortSpec spec : type.ports()) {
            Port p = c.getPorts().stream().filter(x -> spec.name().equals(x.getName())).findFirst().orElse(null);
            if (p == null) {
                error(c, "port.missing", "component type '" + type.id() + "' has a port '" + spec.name() + "' that is missing here");
                continue;
            }
            if (p.getDirection() != spec.direction()) {
                error(p, "port.direction", "must be an " + spec.direction().getLiteral() + " port (type '" + type.id() + "')");
            }
            if (p.getDataType() != spec.dataType()) {
                error(p, "port.dataType", "must be of data type " + spec.dataType().getLiteral() + " (type '" + type.id() + "')");
            }
            if (!spec.anyUnit() && TwinUnits.parse(p.getUnit()).isPresent() && !TwinUnits.compatible(p.getUnit(), spec.unit())) {
                error(p, "port.unit", "unit '" + p.getUnit() + "' does not fit type '" + type.id() + "', which expects '" + spec.unit() + "'");
            }
        }
        for (Port p : c.getPorts()) {
            if (p.getName() != null && type.port(p.getName()).isEmpty()) {
                error(p, "port.unknown", "component type '" + type.id() + "' has no port '" + p.getName() + "'");
            }
        }
    }

    private static boolean valueFits(String value, DataType type) {
        String v = value.strip();
        return switch (type) {
            case REAL -> isDouble(v);
            case INTEGER -> v.matches("[+-]?\\d+");
            case BOOLEAN -> v.equals("true") || v.equals("false");
            case STRING -> true;
        };
    }

    private static boolean isDouble(String v) {
        try {
            double d = Double.parseDouble(v);
            return !Double.isNaN(d) && !v.endsWith("d") && !v.endsWith("f") && !v.endsWith("D") && !v.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- connections ---------------------------------------------------------------------------------------

    private void checkConnections(TwinModel model) {
        Map<Port, Connection> driver = new HashMap<>();
        for (Connection c : model.getConnections()) {
            Port s = c.getSource();
            Port t = c.getTarget();
            boolean dangling = false;
            if (detached(s, model)) {
                error(c, "connection.dangling", "has no source port");
                dangling = true;
            }
            if (detached(t, model)) {
                error(c, "connection.dangling", "has no target port");
                dangling = true;
            }
            if (dangling) {
                continue;
            }
            if (s.getDirection() != PortDirection.OUT) {
                error(c, "connection.direction", "source " + portName(s) + " is not an output port");
            }
            if (t.getDirection() != PortDirection.IN) {
                error(c, "connection.direction", "target " + portName(t) + " is not an input port");
            }
            if (s.getComponent() == t.getComponent() && s == t) {
                error(c, "connection.self", "connects a port to itself");
            }
            if (!typesCompatible(s.getDataType(), t.getDataType())) {
                error(c, "connection.dataType", "cannot connect " + s.getDataType().getLiteral() + " to " + t.getDataType().getLiteral());
            }
            checkUnits(c, s.getUnit(), t.getUnit(), "connection.units");
            Connection first = driver.putIfAbsent(t, c);
            if (first != null) {
                error(c, "connection.multipleDrivers", "input " + portName(t) + " is already driven by " + describe(first));
            }
        }
        for (Binding b : model.getBindings()) {
            if (b.getDirection() == BindingDirection.READ && b.getPort() != null && driver.containsKey(b.getPort())) {
                error(b, "connection.multipleDrivers", "input " + portName(b.getPort()) + " is driven both by this binding and by "
                        + describe(driver.get(b.getPort())));
            }
        }
    }

    /** A reference to nothing, to an unresolved proxy, or to a port no longer in this model. */
    private static boolean detached(Port p, TwinModel model) {
        return p == null || p.eIsProxy() || EcoreUtil.getRootContainer(p) != model;
    }

    private static boolean typesCompatible(DataType from, DataType to) {
        return from == to || (from == DataType.INTEGER && to == DataType.REAL);
    }

    private void checkUnits(EObject element, String from, String to, String code) {
        String a = from == null ? "" : from;
        String b = to == null ? "" : to;
        if (TwinUnits.parse(a).isEmpty() || TwinUnits.parse(b).isEmpty()) {
            return; // the port itself reports the unknown unit
        }
        if (!TwinUnits.compatible(a, b)) {
            error(element, code, "units '" + a + "' and '" + b + "' are incompatible");
        } else if (!TwinUnits.same(a, b)) {
            report(element, Severity.INFO, code, "values are converted from '" + a + "' to '" + b + "'");
        }
    }

    // ---- endpoints and bindings ----------------------------------------------------------------------------

    private void checkEndpoint(Endpoint e) {
        if (e instanceof OpcUaEndpoint ua) {
            if (!hasScheme(ua.getUrl(), "opc.tcp")) {
                error(e, "endpoint.url", "url '" + ua.getUrl() + "' is not an opc.tcp://host:port URL");
            }
            boolean policyNone = ua.getSecurityPolicy() == OpcUaSecurityPolicy.NONE;
            boolean modeNone = ua.getSecurityMode() == OpcUaSecurityMode.NONE;
            if (policyNone != modeNone) {
                error(e, "endpoint.security", "security policy " + ua.getSecurityPolicy().getLiteral() + " does not go with security mode "
                        + ua.getSecurityMode().getLiteral());
            }
            if (ua.getAuthentication() != Authentication.ANONYMOUS && (ua.getCredentialKey() == null || ua.getCredentialKey().isBlank())) {
                error(e, "endpoint.credentials", ua.getAuthentication().getLiteral() + " authentication needs a credential key");
            }
        } else if (e instanceof ModbusTcpEndpoint mb) {
            if (mb.getHost() == null || mb.getHost().isBlank()) {
                error(e, "endpoint.host", "has no host");
            }
            if (mb.getPort() < 1 || mb.getPort() > 65535) {
                error(e, "endpoint.port", "port " + mb.getPort() + " is outside 1..65535");
            }
            if (mb.getUnitId() < 0 || mb.getUnitId() > 255) {
                error(e, "endpoint.unitId", "unit id " + mb.getUnitId() + " is outside 0..255");
            }
            if (mb.getTimeoutMs() <= 0) {
                error(e, "endpoint.timeout", "timeout must be positive");
            }
        } else if (e instanceof MqttEndpoint mq) {
            String url = mq.getBrokerUrl();
            boolean tlsScheme = hasScheme(url, "ssl") || hasScheme(url, "wss");
            if (!(hasScheme(url, "tcp") || hasScheme(url, "ws") || tlsScheme)) {
                error(e, "endpoint.url", "broker url '" + url + "' must start with tcp://, ssl://, ws:// or wss://");
            } else if (mq.isTls() != tlsScheme) {
                error(e, "endpoint.tls", mq.isTls() ? "tls is on but the broker url is not ssl:// or wss://"
                        : "the broker url is ssl:// or wss:// but tls is off");
            }
        }
    }

    private static boolean hasScheme(String url, String scheme) {
        if (url == null || !url.startsWith(scheme + "://")) {
            return false;
        }
        try {
            URI u = new URI(url);
            return u.getHost() != null && !u.getHost().isEmpty();
        } catch (URISyntaxException ex) {
            return false;
        }
    }

    private void checkBinding(Binding b) {
        Port port = b.getPort();
        Endpoint endpoint = b.getEndpoint();
        if (port == null || port.eIsProxy()) {
            error(b, "binding.dangling", "has no port");
        }
        if (endpoint == null || endpoint.eIsProxy()) {
            error(b, "binding.dangling", "has no endpoint");
        }
        if (port != null && !port.eIsProxy() && b.getDirection() == BindingDirection.READ && port.getDirection() == PortDirection.OUT) {
            error(b, "binding.direction", "a read binding drives its port, but " + portName(port) + " is an output");
        }
        if (b.getSamplePeriodMs() <= 0) {
            error(b, "binding.samplePeriod", "sample period must be positive");
        }
        if (b.getDeadband() < 0) {
            error(b, "binding.deadband", "deadband must not be negative");
        }
        if (endpoint != null && !endpoint.eIsProxy()) {
            boolean matches = (b instanceof OpcUaBinding && endpoint instanceof OpcUaEndpoint)
                    || (b instanceof ModbusBinding && endpoint instanceof ModbusTcpEndpoint)
                    || (b instanceof MqttBinding && endpoint instanceof MqttEndpoint);
            if (!matches) {
                error(b, "binding.endpointKind", "a " + b.eClass().getName() + " needs a matching endpoint, not " + endpoint.eClass().getName());
            }
        }
        if (b instanceof OpcUaBinding ua) {
            if (ua.getNodeId() == null || !OPC_UA_NODE_ID.matcher(ua.getNodeId()).matches()) {
                error(b, "binding.nodeId", "'" + ua.getNodeId() + "' is not an OPC UA NodeId such as ns=2;s=Line1.Temperature");
            }
        } else if (b instanceof ModbusBinding mb) {
            checkModbus(mb, port);
        } else if (b instanceof MqttBinding mq) {
            String topic = mq.getTopic();
            if (topic == null || topic.isEmpty()) {
                error(b, "binding.topic", "has no topic");
            } else if (topic.contains("+") || topic.contains("#")) {
                error(b, "binding.topic", "topic '" + topic + "' has wildcards; a binding addresses one topic");
            }
            if (mq.getQos() < 0 || mq.getQos() > 2) {
                error(b, "binding.qos", "qos " + mq.getQos() + " is not 0, 1 or 2");
            }
            String pointer = mq.getJsonPointer();
            if (pointer != null && !pointer.isEmpty() && !pointer.startsWith("/")) {
                error(b, "binding.jsonPointer", "JSON pointer '" + pointer + "' must be empty or start with '/'");
            }
        }
    }

    private void checkModbus(ModbusBinding mb, Port port) {
        boolean bitTable = mb.getTable() == ModbusTable.COIL || mb.getTable() == ModbusTable.DISCRETE_INPUT;
        boolean readOnlyTable = mb.getTable() == ModbusTable.INPUT_REGISTER || mb.getTable() == ModbusTable.DISCRETE_INPUT;
        if (bitTable != (mb.getValueType() == ModbusValueType.BOOL)) {
            error(mb, "binding.modbusType", bitTable ? mb.getTable().getLiteral() + "s hold bits: value type must be bool"
                    : "value type bool needs a coil or discrete input");
        }
        if (readOnlyTable && mb.getDirection() == BindingDirection.WRITE) {
            error(mb, "binding.modbusTable", mb.getTable().getLiteral() + "s are read-only; a write binding needs a holding register or coil");
        }
        int words = switch (mb.getValueType()) {
            case INT32, UINT32, FLOAT32 -> 2;
            case FLOAT64 -> 4;
            default -> 1;
        };
        if (mb.getAddress() < 0 || mb.getAddress() + words - 1 > 65535) {
            error(mb, "binding.address", "address " + mb.getAddress() + " is outside 0..65535");
        }
        if (mb.getScale() == 0) {
            error(mb, "binding.scale", "scale must not be 0");
        }
        if (port != null && !port.eIsProxy() && (port.getDataType() == DataType.BOOLEAN) != (mb.getValueType() == ModbusValueType.BOOL)) {
            error(mb, "binding.dataType", "port " + portName(port) + " is " + port.getDataType().getLiteral() + " but the register holds "
                    + mb.getValueType().getLiteral());
        }
    }

    // ---- alerts and simulation -----------------------------------------------------------------------------

    private void checkAlertRule(AlertRule a) {
        Port signal = a.getSignal();
        if (signal == null || signal.eIsProxy()) {
            error(a, "alert.dangling", "has no signal");
        } else {
            boolean numeric = signal.getDataType() == DataType.REAL || signal.getDataType() == DataType.INTEGER;
            if (!numeric) {
                error(a, "alert.signalType", "signal " + portName(signal) + " is " + signal.getDataType().getLiteral()
                        + "; alert conditions need a numeric signal");
            }
            if (a.getUnit() != null && !a.getUnit().isEmpty() && a.getCondition() != AlertCondition.ANOMALY_SCORE_ABOVE) {
                if (TwinUnits.parse(a.getUnit()).isEmpty()) {
                    error(a, "unit.unknown", "unknown unit '" + a.getUnit() + "'");
                } else if (TwinUnits.parse(signal.getUnit()).isPresent()) {
                    boolean rate = a.getCondition() == AlertCondition.RATE_OF_CHANGE_ABOVE;
                    String signalUnit = signal.getUnit() == null ? "" : signal.getUnit();
                    String expected = rate ? (signalUnit.isEmpty() ? "1/s" : signalUnit + "/s") : signalUnit;
                    if (!TwinUnits.compatible(a.getUnit(), expected)) {
                        error(a, "alert.unit", "unit '" + a.getUnit() + "' does not fit signal " + portName(signal) + " in '"
                                + signalUnit + "'" + (rate ? "; a rate of change is in '" + expected + "'" : ""));
                    }
                }
            }
        }
        if (a.getCondition() == AlertCondition.OUTSIDE_RANGE && !(a.getLow() < a.getHigh())) {
            error(a, "alert.range", "low (" + a.getLow() + ") must be below high (" + a.getHigh() + ")");
        }
        if (a.getCondition() == AlertCondition.ANOMALY_SCORE_ABOVE && (a.getThreshold() <= 0 || a.getThreshold() > 1)) {
            error(a, "alert.threshold", "an anomaly score threshold is in (0, 1], not " + a.getThreshold());
        }
        if (a.getDelay() < 0) {
            error(a, "alert.delay", "delay must not be negative");
        }
        if (a.getHysteresis() < 0) {
            error(a, "alert.hysteresis", "hysteresis must not be negative");
        }
    }

    private void checkSimulation(SimulationSettings s) {
        if (!(s.getStepSize() > 0)) {
            error(s, "simulation.stepSize", "step size must be positive");
        }
        if (!(s.getStopTime() > 0)) {
            error(s, "simulation.stopTime", "stop time must be positive");
        } else if (s.getStepSize() > 0 && s.getStopTime() < s.getStepSize()) {
            error(s, "simulation.stopTime", "stop time " + s.getStopTime() + " s is shorter than one step (" + s.getStepSize() + " s)");
        }
        if (s.getRealTimeFactor() < 0) {
            error(s, "simulation.realTimeFactor", "real-time factor must not be negative");
        }
        if (!(s.getRelativeTolerance() > 0 && s.getRelativeTolerance() < 1)) {
            error(s, "simulation.relativeTolerance", "relative tolerance must lie between 0 and 1 (exclusive), not "
                    + s.getRelativeTolerance());
        }
        if (!(s.getAbsoluteTolerance() > 0) || !Double.isFinite(s.getAbsoluteTolerance())) {
            error(s, "simulation.absoluteTolerance", "absolute tolerance must be positive, not " + s.getAbsoluteTolerance());
        }
        if (!(s.getMaxStepSize() >= 0) || !Double.isFinite(s.getMaxStepSize())) {
            error(s, "simulation.maxStepSize", "maximum step size must be zero (no limit) or positive, not "
                    + s.getMaxStepSize());
        }
    }
}
