package org.twinstudio.fmi.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.ScalarType;
import org.twinstudio.fmi.Variable;
import org.twinstudio.fmi.VariableType;
import org.twinstudio.model.DataType;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.sim.BehaviourContext;

/**
 * How one FMU component of a model maps onto its FMU: the file, the kind used, its ports checked against the
 * model description (a missing variable, a wrong causality or an unsupported type is an error naming the port and
 * the FMU), and parameter values to set before initialisation.
 */
final class FmuBinding {

    /** Component parameters that configure the import rather than set FMU variables. */
    static final String FMU_PARAMETER = "fmu";
    static final String INTERFACE_PARAMETER = "interface";
    /** {@code process}: the FMU runs in a host process of its own; {@code none} (default): in this JVM. */
    static final String ISOLATION_PARAMETER = "isolation";
    /** Seconds one call into an isolated FMU may take before its process is killed (default 60). */
    static final String CALL_TIMEOUT_PARAMETER = "callTimeout";
    static final double DEFAULT_CALL_TIMEOUT = 60;
    private static final Set<String> OWN_PARAMETERS = Set.of(FMU_PARAMETER, INTERFACE_PARAMETER,
            ISOLATION_PARAMETER, CALL_TIMEOUT_PARAMETER);

    record ParameterValue(Variable variable, String text) {
    }

    final String component;
    final Fmu fmu;
    final FmuKind kind;
    /** Null: in process; else the call timeout of the FMU's host process. */
    java.time.Duration isolation;
    final PortMap inputs;
    final PortMap outputs;
    final List<ParameterValue> parameters = new ArrayList<>();

    private FmuBinding(String component, Fmu fmu, FmuKind kind) {
        this.component = component;
        this.fmu = fmu;
        this.kind = kind;
        this.inputs = new PortMap(fmu.modelDescription().fmiVersion());
        this.outputs = new PortMap(fmu.modelDescription().fmiVersion());
    }

    /** Opens the FMU and checks the component against it; throws IllegalArgumentException with the reason. */
    static FmuBinding create(BehaviourContext ctx) {
        String text = ctx.stringParameter(FMU_PARAMETER);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("parameter 'fmu' is empty: give the path of the .fmu file, relative to "
                    + "the model file");
        }
        Path path = Path.of(text.trim());
        if (!path.isAbsolute()) {
            Path base = ctx.modelFile() != null ? ctx.modelFile().toAbsolutePath().getParent() : null;
            path = base != null ? base.resolve(path) : path.toAbsolutePath();
        }
        Fmu fmu;
        try {
            fmu = Fmu.open(path.normalize());
        } catch (FmuException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            FmuBinding b = new FmuBinding(ctx.componentName(), fmu, kind(ctx, fmu));
            b.isolation = isolation(ctx, b.kind);
            b.bindPorts(ctx);
            b.bindParameters(ctx);
            return b;
        } catch (RuntimeException e) {
            fmu.close();
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String ownParameter(BehaviourContext ctx, String name) {
        for (Parameter p : ctx.component().getParameters()) {
            if (name.equals(p.getName()) && p.getValue() != null && !p.getValue().isBlank()) {
                return p.getValue().trim();
            }
        }
        return null;
    }

    /**
     * The {@code isolation} and {@code callTimeout} parameters: null for in-process, else the call timeout. Without
     * an {@code isolation} of its own a component takes {@link Fmu#DEFAULT_ISOLATION_PROPERTY}: {@code none},
     * {@code process}, or {@code co-simulation} (co-simulation FMUs in a process of their own: one round trip per
     * step; model exchange, with about ten calls per solver step, stays in this JVM).
     */
    private static java.time.Duration isolation(BehaviourContext ctx, FmuKind kind) {
        String mode = ownParameter(ctx, ISOLATION_PARAMETER);
        String timeout = ownParameter(ctx, CALL_TIMEOUT_PARAMETER);
        if (mode == null) {
            String fallback = System.getProperty(Fmu.DEFAULT_ISOLATION_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
            mode = switch (fallback) {
                case "", "none" -> null;
                case "process" -> "process";
                case "co-simulation" -> kind == FmuKind.CO_SIMULATION ? "process" : null;
                default -> throw new IllegalArgumentException("system property " + Fmu.DEFAULT_ISOLATION_PROPERTY
                        + " = '" + fallback + "': use none, process or co-simulation");
            };
        }
        boolean process;
        if (mode == null || mode.equalsIgnoreCase("none")) {
            process = false;
        } else if (mode.equalsIgnoreCase("process")) {
            process = true;
        } else {
            throw new IllegalArgumentException("parameter 'isolation' = '" + mode + "': use process (the FMU runs in "
                    + "a process of its own) or none (in this JVM, the default)");
        }
        double seconds = DEFAULT_CALL_TIMEOUT;
        if (timeout != null) {
            try {
                seconds = Double.parseDouble(timeout);
            } catch (NumberFormatException e) {
                seconds = Double.NaN;
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("parameter 'callTimeout' = '" + timeout
                        + "': give the seconds one call into the FMU may take, a positive number");
            }
            if (!process) {
                throw new IllegalArgumentException("parameter 'callTimeout' needs isolation = process (a call into "
                        + "an FMU in this JVM cannot be cut off)");
            }
        }
        return process ? java.time.Duration.ofNanos((long) (seconds * 1e9)) : null;
    }

    private static FmuKind kind(BehaviourContext ctx, Fmu fmu) {
        ModelDescription md = fmu.modelDescription();
        String wanted = null;
        for (Parameter p : ctx.component().getParameters()) {
            if (INTERFACE_PARAMETER.equals(p.getName()) && p.getValue() != null && !p.getValue().isBlank()) {
                wanted = p.getValue().trim().toLowerCase(Locale.ROOT);
            }
        }
        FmuKind kind;
        if (wanted == null) {
            kind = md.coSimulation().isPresent() ? FmuKind.CO_SIMULATION : FmuKind.MODEL_EXCHANGE;
        } else if (Set.of("cs", "co-simulation", "cosimulation").contains(wanted)) {
            kind = FmuKind.CO_SIMULATION;
        } else if (Set.of("me", "model-exchange", "modelexchange").contains(wanted)) {
            kind = FmuKind.MODEL_EXCHANGE;
        } else {
            throw new IllegalArgumentException("parameter 'interface' = '" + wanted
                    + "': use co-simulation or model-exchange");
        }
        if (md.capabilities(kind).isEmpty()) {
            throw new IllegalArgumentException(fmu.file().getFileName() + " does not implement " + kind.element()
                    + " (it implements " + md.kinds().stream().map(FmuKind::element).collect(Collectors.joining(", "))
                    + ")");
        }
        // Fails early, with the platforms the FMU has, when this platform's binary is missing.
        fmu.library(kind);
        return kind;
    }

    private void bindPorts(BehaviourContext ctx) {
        ModelDescription md = fmu.modelDescription();
        String fmuName = fmu.file().getFileName().toString();
        List<String> problems = new ArrayList<>();
        for (Port port : ctx.component().getPorts()) {
            String name = port.getName();
            Variable v = md.variable(name).orElse(null);
            boolean in = port.getDirection() == PortDirection.IN;
            if (v == null) {
                problems.add("port '" + name + "' has no variable in " + fmuName + " (its " + (in ? "inputs" : "outputs")
                        + ": " + names(md, in) + ")");
                continue;
            }
            if (in && !v.isInput()) {
                problems.add("port '" + name + "' is an input, but variable '" + name + "' of " + fmuName
                        + " has causality " + v.causality() + " (line " + v.line() + " of its modelDescription.xml)");
                continue;
            }
            if (!in && !v.isOutput()) {
                problems.add("port '" + name + "' is an output, but variable '" + name + "' of " + fmuName
                        + " has causality " + v.causality() + " (line " + v.line() + " of its modelDescription.xml)");
                continue;
            }
            DataType dt = port.getDataType() == null ? DataType.REAL : port.getDataType();
            if (dt == DataType.STRING) {
                problems.add("port '" + name + "': string ports cannot be simulated (signals are numbers)");
                continue;
            }
            ScalarType st = ScalarType.of(md.fmiVersion(), v);
            if (st == null || !PortMap.supported(st)) {
                problems.add("port '" + name + "': variable type " + v.typeName() + " cannot be a port (ports carry "
                        + "numbers and booleans; String and Binary variables can be set as parameters)");
                continue;
            }
            if (!fits(dt, st)) {
                problems.add("port '" + name + "' has data type " + dt.getLiteral() + ", but variable '" + name
                        + "' of " + fmuName + " is " + v.typeName() + " (use " + dataTypeFor(st) + ")");
                continue;
            }
            if (in) {
                inputs.add(ctx.inputIndex(name), v);
            } else {
                outputs.add(ctx.outputIndex(name), v);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        inputs.done();
        outputs.done();
    }

    /** real ↔ Float64/Float32 (Real), integer ↔ Int8 … UInt64 (Integer, Enumeration), boolean ↔ Boolean. */
    private static boolean fits(DataType dt, ScalarType st) {
        return switch (dt) {
            case REAL -> st == ScalarType.FLOAT64 || st == ScalarType.FLOAT32;
            case INTEGER -> st.isInteger();
            case BOOLEAN -> st == ScalarType.BOOLEAN;
            default -> false;
        };
    }

    private static String dataTypeFor(ScalarType st) {
        return st.isInteger() ? "integer" : st == ScalarType.BOOLEAN ? "boolean" : "real";
    }

    private static String names(ModelDescription md, boolean inputs) {
        String list = md.variables().stream().filter(v -> inputs ? v.isInput() : v.isOutput()).map(Variable::name)
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    private void bindParameters(BehaviourContext ctx) {
        ModelDescription md = fmu.modelDescription();
        for (Parameter p : ctx.component().getParameters()) {
            if (p.getName() == null || OWN_PARAMETERS.contains(p.getName()) || p.getValue() == null
                    || p.getValue().isBlank()) {
                continue;
            }
            Variable v = md.variable(p.getName()).orElseThrow(() -> new IllegalArgumentException("parameter '"
                    + p.getName() + "' is not a variable of " + fmu.file().getFileName() + " (its parameters: "
                    + settable(md) + ")"));
            if (!v.isParameter() && !v.isInput()) {
                throw new IllegalArgumentException("parameter '" + p.getName() + "': variable of "
                        + fmu.file().getFileName() + " has causality " + v.causality() + "; only parameters and "
                        + "inputs can be set");
            }
            if ("constant".equals(v.variability())) {
                throw new IllegalArgumentException("parameter '" + p.getName() + "' is a constant of the FMU");
            }
            parse(md, v, p.getValue().trim());
            parameters.add(new ParameterValue(v, p.getValue().trim()));
        }
    }

    /** Names of the FMU's parameters that a component may set (not constants). */
    private static String settable(ModelDescription md) {
        String list = md.variables().stream().filter(v -> v.isParameter() && !"constant".equals(v.variability()))
                .map(Variable::name).collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    /**
     * A parameter's text as the value of its variable's type: Float64/Real and Float32 decimal numbers (a Float32
     * must be within ±3.4028235e38), integer types whole decimal numbers inside the type's range (an Enumeration
     * also by an item name of its type), Boolean {@code true}/{@code false}, String as written, Binary as hex
     * digits (an optional {@code 0x}, e.g. {@code 0x01ff}).
     */
    private static Object parse(ModelDescription md, Variable v, String text) {
        ScalarType type = ScalarType.of(md.fmiVersion(), v);
        if (type == null || type == ScalarType.CLOCK) {
            throw new IllegalArgumentException("parameter '" + v.name() + "': type " + v.typeName()
                    + " cannot be set");
        }
        try {
            if (type.isInteger()) {
                if (v.type() == VariableType.ENUMERATION && !text.isEmpty() && !Character.isDigit(text.charAt(0))
                        && text.charAt(0) != '-' && text.charAt(0) != '+') {
                    text = enumerationItem(md, v, text);
                }
                return type.parse(text);
            }
            return switch (type) {
                case FLOAT64 -> Double.parseDouble(text);
                case FLOAT32 -> {
                    double d = Double.parseDouble(text);
                    if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                        throw new IllegalArgumentException(text + " is out of the range of Float32 (±"
                                + Float.MAX_VALUE + ")");
                    }
                    yield (float) d;
                }
                case BOOLEAN -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new NumberFormatException();
                    }
                    yield Boolean.parseBoolean(text);
                }
                case BINARY -> {
                    String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
                    try {
                        yield java.util.HexFormat.of().parseHex(hex);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a Binary value: give an even "
                                + "number of hex digits, e.g. 0x01ff");
                    }
                }
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + v.name() + "' = '" + text + "' is not a "
                    + v.typeName() + " value");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + v.name() + "' = '" + text + "': " + e.getMessage());
        }
    }

    /** The value of an enumeration item given by name. */
    private static String enumerationItem(ModelDescription md, Variable v, String item) {
        ModelDescription.TypeDefinition t = md.typeDefinitions().stream()
                .filter(d -> d.name().equals(v.declaredType())).findFirst().orElse(null);
        if (t == null || !t.items().containsKey(item)) {
            throw new IllegalArgumentException("'" + item + "' is not an item of " + (t == null ? "the enumeration"
                    : "enumeration " + t.name() + " (its items: " + String.join(", ", t.items().keySet()) + ")"));
        }
        return String.valueOf(t.items().get(item));
    }

    /** Sets the parameter values (between instantiation and the end of initialisation). */
    void applyParameters(FmuInstance instance) {
        ModelDescription md = fmu.modelDescription();
        for (ParameterValue pv : parameters) {
            int[] ref = { (int) pv.variable().valueReference() };
            Object value = parse(md, pv.variable(), pv.text());
            ScalarType type = ScalarType.of(md.fmiVersion(), pv.variable());
            switch (type) {
                case FLOAT64 -> instance.setReal(ref, new double[] { (Double) value });
                case FLOAT32 -> instance.setFloat32(ref, new float[] { (Float) value });
                case INT32 -> instance.setInteger(ref, new int[] { ((Long) value).intValue() });
                case BOOLEAN -> instance.setBoolean(ref, new boolean[] { (Boolean) value });
                case STRING -> instance.setString(ref, new String[] { (String) value });
                case BINARY -> instance.setBinary(ref, new byte[][] { (byte[]) value });
                default -> instance.setIntegers(type, ref, new long[] { (Long) value });
            }
        }
    }
}
