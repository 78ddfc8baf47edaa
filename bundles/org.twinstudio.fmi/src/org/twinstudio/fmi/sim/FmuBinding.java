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
    private static final Set<String> OWN_PARAMETERS = Set.of(FMU_PARAMETER, INTERFACE_PARAMETER);

    record ParameterValue(Variable variable, String text) {
    }

    final String component;
    final Fmu fmu;
    final FmuKind kind;
    final PortMap inputs = new PortMap();
    final PortMap outputs = new PortMap();
    final List<ParameterValue> parameters = new ArrayList<>();

    private FmuBinding(String component, Fmu fmu, FmuKind kind) {
        this.component = component;
        this.fmu = fmu;
        this.kind = kind;
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
            b.bindPorts(ctx);
            b.bindParameters(ctx);
            return b;
        } catch (RuntimeException e) {
            fmu.close();
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException(e.getMessage(), e);
        }
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
            if (!PortMap.supported(v.type())) {
                problems.add("port '" + name + "': variable type " + v.typeName() + " cannot be exchanged");
                continue;
            }
            if (v.type() == VariableType.ENUMERATION && md.fmiVersion() == org.twinstudio.fmi.FmiVersion.FMI3) {
                problems.add("port '" + name + "': FMI 3.0 enumerations (Int64) cannot be exchanged yet");
                continue;
            }
            if (!fits(dt, v.type())) {
                problems.add("port '" + name + "' has data type " + dt.getLiteral() + ", but variable '" + name
                        + "' of " + fmuName + " is " + v.typeName());
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

    private static boolean fits(DataType dt, VariableType vt) {
        return switch (dt) {
            case REAL -> vt == VariableType.REAL;
            case INTEGER -> vt == VariableType.INTEGER || vt == VariableType.ENUMERATION;
            case BOOLEAN -> vt == VariableType.BOOLEAN;
            default -> false;
        };
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
            if (v.type() == VariableType.ENUMERATION && md.fmiVersion() == org.twinstudio.fmi.FmiVersion.FMI3) {
                throw new IllegalArgumentException("parameter '" + p.getName()
                        + "': FMI 3.0 enumerations (Int64) cannot be set yet");
            }
            parse(v, p.getValue().trim());
            parameters.add(new ParameterValue(v, p.getValue().trim()));
        }
    }

    /** Names of the FMU's parameters that a component may set (not constants). */
    private static String settable(ModelDescription md) {
        String list = md.variables().stream().filter(v -> v.isParameter() && !"constant".equals(v.variability()))
                .map(Variable::name).collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    private static Object parse(Variable v, String text) {
        try {
            return switch (v.type()) {
                case REAL -> Double.parseDouble(text);
                case INTEGER, ENUMERATION -> Integer.parseInt(text);
                case BOOLEAN -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new NumberFormatException();
                    }
                    yield Boolean.parseBoolean(text);
                }
                case STRING -> text;
                default -> throw new IllegalArgumentException("parameter '" + v.name() + "': type " + v.typeName()
                        + " cannot be set");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + v.name() + "' = '" + text + "' is not a "
                    + v.typeName() + " value");
        }
    }

    /** Sets the parameter values (between instantiation and the end of initialisation). */
    void applyParameters(FmuInstance instance) {
        for (ParameterValue pv : parameters) {
            int[] ref = { (int) pv.variable().valueReference() };
            Object value = parse(pv.variable(), pv.text());
            switch (pv.variable().type()) {
                case REAL -> instance.setReal(ref, new double[] { (Double) value });
                case INTEGER, ENUMERATION -> instance.setInteger(ref, new int[] { (Integer) value });
                case BOOLEAN -> instance.setBoolean(ref, new boolean[] { (Boolean) value });
                default -> instance.setString(ref, new String[] { (String) value });
            }
        }
    }
}
