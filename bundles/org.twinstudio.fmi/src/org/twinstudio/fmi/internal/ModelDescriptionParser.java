package org.twinstudio.fmi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.ModelDescription.Capabilities;
import org.twinstudio.fmi.ModelDescription.DefaultExperiment;
import org.twinstudio.fmi.ModelDescription.ModelStructure;
import org.twinstudio.fmi.ModelDescription.TypeDefinition;
import org.twinstudio.fmi.ModelDescription.UnitDefinition;
import org.twinstudio.fmi.ModelDescription.Unknown;
import org.twinstudio.fmi.Variable;
import org.twinstudio.fmi.VariableType;

/**
 * Reads modelDescription.xml (FMI 2.0 or 3.0) in one pass with a StAX reader. DTDs and external entities are
 * refused (an FMU is untrusted input). Every error names the source and the line.
 */
public final class ModelDescriptionParser {

    private static final Set<String> FMI3_REALS = Set.of("Float64", "Float32");
    private static final Set<String> FMI3_INTEGERS = Set.of("Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32",
            "Int64", "UInt64");
    private static final Set<String> FMI3_VARIABLES = Set.of("Float64", "Float32", "Int8", "UInt8", "Int16",
            "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Boolean", "String", "Binary", "Enumeration", "Clock");

    private final String source;
    private XMLStreamReader r;

    private FmiVersion version;
    private String versionText;
    private String modelName;
    private String token;
    private String description;
    private String generationTool;
    private int eventIndicatorCount = -1;
    private Capabilities cs;
    private Capabilities me;
    private DefaultExperiment experiment;
    private final List<UnitDefinition> units = new ArrayList<>();
    private final List<TypeDefinition> types = new ArrayList<>();
    private final List<RawVariable> rawVariables = new ArrayList<>();
    private final List<RawUnknown> outputs = new ArrayList<>();
    private final List<RawUnknown> derivatives = new ArrayList<>();
    private final List<RawUnknown> initialUnknowns = new ArrayList<>();
    private final List<RawUnknown> eventIndicators = new ArrayList<>();

    private ModelDescriptionParser(String source) {
        this.source = source;
    }

    /** Parses a model description file; {@code source} names it in messages (e.g. "pump.fmu: modelDescription.xml"). */
    public static ModelDescription parse(Path file, String source) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, source);
        } catch (IOException e) {
            throw new FmuException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static ModelDescription parse(InputStream in, String source) {
        return new ModelDescriptionParser(source).read(in);
    }

    private ModelDescription read(InputStream in) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        try {
            r = factory.createXMLStreamReader(in);
            try {
                document();
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            String msg = e.getMessage();
            // The JDK parser prefixes its own location; keep only the explanation.
            int at = msg == null ? -1 : msg.indexOf("Message: ");
            throw new FmuException(source + (line > 0 ? " line " + line : "") + ": not well-formed XML: "
                    + (at >= 0 ? msg.substring(at + 9) : msg), e);
        }
        return build();
    }

    private FmuException error(int line, String message) {
        return new FmuException(source + " line " + line + ": " + message);
    }

    private int line() {
        return r.getLocation().getLineNumber();
    }

    private String attr(String name) {
        return r.getAttributeValue(null, name);
    }

    private String required(String name) {
        String v = attr(name);
        if (v == null || v.isBlank()) {
            throw error(line(), "<" + r.getLocalName() + "> has no '" + name + "' attribute");
        }
        return v;
    }

    private boolean bool(String name) {
        String v = attr(name);
        if (v == null) {
            return false;
        }
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw error(line(), "attribute '" + name + "' = '" + v + "' is not a boolean");
    }

    private double real(String name, double absent) {
        String v = attr(name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw error(line(), "attribute '" + name + "' = '" + v + "' is not a number");
        }
    }

    private long integer(String name, long absent) {
        String v = attr(name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw error(line(), "attribute '" + name + "' = '" + v + "' is not an integer");
        }
    }

    private List<Long> integers(String name) {
        String v = attr(name);
        if (v == null) {
            return null;
        }
        List<Long> list = new ArrayList<>();
        for (String part : v.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                list.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                throw error(line(), "attribute '" + name + "' has '" + part + "', not an integer");
            }
        }
        return list;
    }

    private void document() throws XMLStreamException {
        while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
            // skip prolog and comments
        }
        if (!r.isStartElement() || !r.getLocalName().equals("fmiModelDescription")) {
            throw error(r.isStartElement() ? line() : 1, "the root element must be <fmiModelDescription>"
                    + (r.isStartElement() ? ", not <" + r.getLocalName() + ">" : ""));
        }
        versionText = required("fmiVersion");
        version = FmiVersion.of(versionText);
        if (version == null) {
            throw error(line(), "fmiVersion '" + versionText + "' is not supported (supported: 2.0, 3.0)");
        }
        modelName = required("modelName");
        token = required(version == FmiVersion.FMI2 ? "guid" : "instantiationToken");
        description = attr("description");
        generationTool = attr("generationTool");
        if (version == FmiVersion.FMI2) {
            eventIndicatorCount = (int) integer("numberOfEventIndicators", 0);
        }
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "ModelExchange" -> me = capabilities(FmuKind.MODEL_EXCHANGE);
                case "CoSimulation" -> cs = capabilities(FmuKind.CO_SIMULATION);
                case "UnitDefinitions" -> children(this::unit);
                case "TypeDefinitions" -> children(this::typeDefinition);
                case "DefaultExperiment" -> {
                    experiment = new DefaultExperiment(real("startTime", Double.NaN), real("stopTime", Double.NaN),
                            real("tolerance", Double.NaN), real("stepSize", Double.NaN));
                    skip();
                }
                case "ModelVariables" -> children(this::variable);
                case "ModelStructure" -> modelStructure();
                default -> skip();
            }
        }
    }

    /** Calls {@code each} for every child element of the current element, positioned on the child's start. */
    private void children(ElementHandler each) throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                each.handle();
            }
        }
    }

    @FunctionalInterface
    private interface ElementHandler {
        void handle() throws XMLStreamException;
    }

    /** Skips to the end of the current element. */
    private void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private Capabilities capabilities(FmuKind kind) throws XMLStreamException {
        String id = required("modelIdentifier");
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            all.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        Capabilities c = new Capabilities(kind, id, bool("needsExecutionTool"),
                bool("canHandleVariableCommunicationStepSize"), bool("canBeInstantiatedOnlyOncePerProcess"),
                bool(version == FmiVersion.FMI2 ? "canGetAndSetFMUstate" : "canGetAndSetFMUState"),
                bool("completedIntegratorStepNotNeeded"), Collections.unmodifiableMap(all));
        skip();
        return c;
    }

    private void unit() throws XMLStreamException {
        if (!r.getLocalName().equals("Unit")) {
            skip();
            return;
        }
        String name = required("name");
        Map<String, Integer> exponents = new LinkedHashMap<>();
        double[] factorOffset = { 1, 0 };
        children(() -> {
            if (r.getLocalName().equals("BaseUnit")) {
                for (String base : List.of("kg", "m", "s", "A", "K", "mol", "cd", "rad")) {
                    long e = integer(base, 0);
                    if (e != 0) {
                        exponents.put(base, (int) e);
                    }
                }
                factorOffset[0] = real("factor", 1);
                factorOffset[1] = real("offset", 0);
            }
            skip();
        });
        units.add(new UnitDefinition(name, Collections.unmodifiableMap(exponents), factorOffset[0], factorOffset[1]));
    }

    private void typeDefinition() throws XMLStreamException {
        if (version == FmiVersion.FMI2) {
            if (!r.getLocalName().equals("SimpleType")) {
                skip();
                return;
            }
            String name = required("name");
            int line = line();
            TypeDefinition[] found = new TypeDefinition[1];
            children(() -> {
                VariableType type = fmi2Type(r.getLocalName());
                found[0] = typeBody(name, type);
            });
            if (found[0] == null) {
                throw error(line, "SimpleType '" + name + "' has no type element");
            }
            types.add(found[0]);
        } else {
            String element = r.getLocalName();
            if (!element.endsWith("Type")) {
                skip();
                return;
            }
            types.add(typeBody(required("name"), fmi3Type(element.substring(0, element.length() - 4))));
        }
    }

    /** Reads quantity, unit and enumeration items of a type element; consumes it. */
    private TypeDefinition typeBody(String name, VariableType type) throws XMLStreamException {
        String quantity = attr("quantity");
        String unit = attr("unit");
        Map<String, Long> items = new LinkedHashMap<>();
        children(() -> {
            if (r.getLocalName().equals("Item")) {
                items.put(required("name"), integer("value", 0));
            }
            skip();
        });
        return new TypeDefinition(name, type, quantity, unit, Collections.unmodifiableMap(items));
    }

    private VariableType fmi2Type(String element) {
        return switch (element) {
            case "Real" -> VariableType.REAL;
            case "Integer" -> VariableType.INTEGER;
            case "Boolean" -> VariableType.BOOLEAN;
            case "String" -> VariableType.STRING;
            case "Enumeration" -> VariableType.ENUMERATION;
            default -> throw error(line(), "unknown type element <" + element + ">");
        };
    }

    private static VariableType fmi3Type(String element) {
        if (element.equals("Float64")) {
            return VariableType.REAL;
        }
        if (element.equals("Int32")) {
            return VariableType.INTEGER;
        }
        return switch (element) {
            case "Boolean" -> VariableType.BOOLEAN;
            case "String" -> VariableType.STRING;
            case "Enumeration" -> VariableType.ENUMERATION;
            default -> VariableType.OTHER;
        };
    }

    private record RawVariable(String name, long valueReference, String causality, String variability,
            String initial, VariableType type, String typeName, String declaredType, String unit, String start,
            long derivative, String description, int line) {
    }

    private void variable() throws XMLStreamException {
        int line = line();
        String element = r.getLocalName();
        if (version == FmiVersion.FMI2) {
            if (!element.equals("ScalarVariable")) {
                skip();
                return;
            }
            String name = required("name");
            long vr = valueReference();
            String causality = orDefault(attr("causality"), "local");
            String variability = orDefault(attr("variability"), "continuous");
            String initial = attr("initial");
            String desc = attr("description");
            RawVariable[] found = new RawVariable[1];
            children(() -> {
                String typeElement = r.getLocalName();
                if (found[0] != null) {
                    skip();
                    return;
                }
                VariableType type = fmi2Type(typeElement);
                found[0] = new RawVariable(name, vr, causality, variability, initial, type, typeElement,
                        attr("declaredType"), attr("unit"), attr("start"), integer("derivative", 0), desc, line);
                skip();
            });
            if (found[0] == null) {
                throw error(line, "variable '" + name + "' has no type element (Real, Integer, Boolean, String or Enumeration)");
            }
            rawVariables.add(found[0]);
        } else {
            if (!FMI3_VARIABLES.contains(element)) {
                throw error(line, "unknown variable element <" + element + ">");
            }
            String name = required("name");
            long vr = valueReference();
            VariableType type = FMI3_REALS.contains(element) || FMI3_INTEGERS.contains(element)
                    ? fmi3Type(element) : fmi3Type(element);
            String variability = orDefault(attr("variability"),
                    FMI3_REALS.contains(element) ? "continuous" : "discrete");
            String start = attr("start");
            String causality = orDefault(attr("causality"), "local");
            String initial = attr("initial");
            String declaredType = attr("declaredType");
            String unit = attr("unit");
            long derivative = attr("derivative") == null ? -1 : integer("derivative", -1);
            String desc = attr("description");
            StringBuilder stringStart = new StringBuilder();
            boolean[] array = { false };
            children(() -> {
                if (r.getLocalName().equals("Start") && attr("value") != null) {
                    stringStart.append(attr("value"));
                } else if (r.getLocalName().equals("Dimension")) {
                    array[0] = true;
                }
                skip();
            });
            if (start == null && !stringStart.isEmpty()) {
                start = stringStart.toString();
            }
            rawVariables.add(new RawVariable(name, vr, causality, variability, initial,
                    array[0] ? VariableType.OTHER : type, array[0] ? element + "[]" : element, declaredType, unit, start, derivative, desc, line));
        }
    }

    private long valueReference() {
        long vr = integer("valueReference", -1);
        if (attr("valueReference") == null) {
            throw error(line(), "<" + r.getLocalName() + "> has no 'valueReference' attribute");
        }
        if (vr < 0 || vr > 0xFFFFFFFFL) {
            throw error(line(), "valueReference " + vr + " is not an unsigned 32-bit integer");
        }
        return vr;
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private record RawUnknown(long ref, List<Long> dependencies, int line) {
    }

    private void modelStructure() throws XMLStreamException {
        if (version == FmiVersion.FMI2) {
            children(() -> {
                List<RawUnknown> target = switch (r.getLocalName()) {
                    case "Outputs" -> outputs;
                    case "Derivatives" -> derivatives;
                    case "InitialUnknowns" -> initialUnknowns;
                    default -> null;
                };
                if (target == null) {
                    skip();
                    return;
                }
                children(() -> {
                    if (r.getLocalName().equals("Unknown")) {
                        target.add(new RawUnknown(integer("index", -1), integers("dependencies"), line()));
                        if (attr("index") == null) {
                            throw error(line(), "<Unknown> has no 'index' attribute");
                        }
                    }
                    skip();
                });
            });
        } else {
            children(() -> {
                List<RawUnknown> target = switch (r.getLocalName()) {
                    case "Output" -> outputs;
                    case "ContinuousStateDerivative" -> derivatives;
                    case "InitialUnknown" -> initialUnknowns;
                    case "EventIndicator" -> eventIndicators;
                    default -> null;
                };
                if (target != null) {
                    target.add(new RawUnknown(valueReference(), integers("dependencies"), line()));
                }
                skip();
            });
        }
    }

    private ModelDescription build() {
        if (version == null) {
            throw new FmuException(source + ": no <fmiModelDescription> element");
        }
        if (cs == null && me == null) {
            throw new FmuException(source + ": declares neither <CoSimulation> nor <ModelExchange>");
        }
        Set<String> names = new HashSet<>();
        Map<Long, Integer> indexByReference = new HashMap<>();
        for (int i = 0; i < rawVariables.size(); i++) {
            RawVariable v = rawVariables.get(i);
            if (!names.add(v.name())) {
                throw error(v.line(), "a second variable named '" + v.name() + "'");
            }
            // FMI 3.0 references are unique; FMI 2.0 aliases share one (the first one wins for lookups).
            indexByReference.putIfAbsent(v.valueReference(), i + 1);
        }
        Map<String, TypeDefinition> typeByName = new HashMap<>();
        types.forEach(t -> typeByName.put(t.name(), t));
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < rawVariables.size(); i++) {
            RawVariable v = rawVariables.get(i);
            TypeDefinition declared = v.declaredType() == null ? null : typeByName.get(v.declaredType());
            if (v.declaredType() != null && declared == null) {
                throw error(v.line(), "variable '" + v.name() + "' has the unknown declaredType '" + v.declaredType() + "'");
            }
            String unit = v.unit() != null ? v.unit() : declared != null ? declared.unit() : null;
            int derivativeOf = 0;
            if (version == FmiVersion.FMI2 && v.derivative() != 0) {
                derivativeOf = (int) v.derivative();
                if (derivativeOf < 1 || derivativeOf > rawVariables.size()) {
                    throw error(v.line(), "variable '" + v.name() + "' is the derivative of variable " + derivativeOf
                            + ", but there are only " + rawVariables.size());
                }
            } else if (version == FmiVersion.FMI3 && v.derivative() >= 0) {
                Integer idx = indexByReference.get(v.derivative());
                if (idx == null) {
                    throw error(v.line(), "variable '" + v.name() + "' is the derivative of valueReference "
                            + v.derivative() + ", which no variable has");
                }
                derivativeOf = idx;
            }
            variables.add(new Variable(i + 1, v.name(), v.valueReference(), v.causality(), v.variability(),
                    v.initial(), v.type(), v.typeName(), v.declaredType(), unit, v.start(), derivativeOf,
                    v.description(), v.line()));
        }
        ModelStructure structure = new ModelStructure(unknowns(outputs, indexByReference, variables.size()),
                unknowns(derivatives, indexByReference, variables.size()),
                unknowns(initialUnknowns, indexByReference, variables.size()),
                unknowns(eventIndicators, indexByReference, variables.size()));
        for (Unknown d : structure.derivatives()) {
            if (variables.get(d.index() - 1).derivativeOf() == 0) {
                throw new FmuException(source + ": ModelStructure lists variable '" + variables.get(d.index() - 1).name()
                        + "' as a derivative, but it has no 'derivative' attribute");
            }
        }
        int indicators = version == FmiVersion.FMI2 ? eventIndicatorCount : eventIndicators.size();
        return new ModelDescription(version, versionText, modelName, token, description, generationTool,
                Optional.ofNullable(cs), Optional.ofNullable(me), Optional.ofNullable(experiment), List.copyOf(units),
                List.copyOf(types), List.copyOf(variables), structure, indicators);
    }

    /** FMI 2.0 unknowns carry 1-based indices; FMI 3.0 ones value references, translated here. */
    private List<Unknown> unknowns(List<RawUnknown> raw, Map<Long, Integer> indexByReference, int count) {
        List<Unknown> list = new ArrayList<>();
        for (RawUnknown u : raw) {
            int index = resolve(u.ref(), u.line(), indexByReference, count);
            List<Integer> deps = null;
            if (u.dependencies() != null) {
                deps = new ArrayList<>();
                for (long d : u.dependencies()) {
                    deps.add(resolve(d, u.line(), indexByReference, count));
                }
                deps = List.copyOf(deps);
            }
            list.add(new Unknown(index, deps));
        }
        return List.copyOf(list);
    }

    private int resolve(long ref, int line, Map<Long, Integer> indexByReference, int count) {
        if (version == FmiVersion.FMI2) {
            if (ref < 1 || ref > count) {
                throw error(line, "refers to variable index " + ref + ", but there are " + count + " variables");
            }
            return (int) ref;
        }
        Integer idx = indexByReference.get(ref);
        if (idx == null) {
            throw error(line, "refers to valueReference " + ref + ", which no variable has");
        }
        return idx;
    }
}
