package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.internal.Json;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.types.ParameterSpec;
import org.twinstudio.model.types.PortSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code twinstudio types}: the component types a model may use, with their ports and units. */
@Command(name = "types", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "List the registered component types: id, label, category and ports with direction, data type and unit.",
                "Units: '-' is dimensionless, 'any' means the model chooses the unit." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:listed", "2:usage error or an unknown type id", "3:internal error" })
public final class TypesCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TYPE", description = "Only these type ids (default: all)")
    List<String> ids = new ArrayList<>();

    @Option(names = { "-p", "--parameters" }, description = "Also list each type's parameters with unit and default.")
    boolean parameters;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        ComponentTypeRegistry registry = ComponentTypeRegistry.getDefault();
        Collection<ComponentTypeDescriptor> types;
        if (ids.isEmpty()) {
            types = registry.all();
        } else {
            types = new ArrayList<>();
            for (String id : ids) {
                Optional<ComponentTypeDescriptor> type = registry.find(id);
                if (type.isEmpty()) {
                    spec.commandLine().getErr().println("twinstudio types: unknown component type '" + id + "' (known: "
                            + registry.all().stream().map(ComponentTypeDescriptor::id).collect(Collectors.joining(", ")) + ")");
                    return ExitCodes.USAGE;
                }
                types.add(type.get());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.write(Map.of("types", types.stream().map(this::json).toList())));
        } else {
            text(types, out);
        }
        return ExitCodes.OK;
    }

    private void text(Collection<ComponentTypeDescriptor> types, PrintWriter out) {
        int nameWidth = 4;
        int unitWidth = 4;
        for (ComponentTypeDescriptor t : types) {
            for (PortSpec p : t.ports()) {
                nameWidth = Math.max(nameWidth, p.name().length());
                unitWidth = Math.max(unitWidth, unit(p.unit()).length());
            }
            if (parameters) {
                for (ParameterSpec p : t.parameters()) {
                    nameWidth = Math.max(nameWidth, p.name().length());
                    unitWidth = Math.max(unitWidth, unit(p.unit()).length());
                }
            }
        }
        String row = "    %-5s %-" + nameWidth + "s  %-8s %s";
        String unitColumn = "%-" + unitWidth + "s  %s";
        boolean first = true;
        for (ComponentTypeDescriptor t : types) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("%s  %s (%s)%n", t.id(), t.label(), t.category());
            if (t.dynamicPorts()) {
                out.println("    ports are defined by each component (e.g. read from its FMU)");
            }
            for (PortSpec p : t.ports()) {
                out.println(String.format(row, p.direction().getLiteral(), p.name(), p.dataType().getLiteral(), unit(p.unit())));
            }
            if (parameters) {
                for (ParameterSpec p : t.parameters()) {
                    String detail = p.required() ? "required" : "default " + p.defaultValue();
                    out.println(String.format(row, "param", p.name(), p.dataType().getLiteral(),
                            String.format(unitColumn, unit(p.unit()), detail)));
                }
            }
        }
    }

    private static String unit(String unit) {
        return unit == null ? "any" : unit.isEmpty() ? "-" : unit;
    }

    private Map<String, Object> json(ComponentTypeDescriptor t) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("id", t.id());
        type.put("label", t.label());
        type.put("category", t.category());
        type.put("description", t.description());
        type.put("dynamicPorts", t.dynamicPorts());
        List<Object> ports = new ArrayList<>();
        for (PortSpec p : t.ports()) {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("name", p.name());
            port.put("direction", p.direction().getLiteral());
            port.put("dataType", p.dataType().getLiteral());
            port.put("unit", p.unit());
            port.put("start", p.start());
            port.put("description", p.description());
            ports.add(port);
        }
        type.put("ports", ports);
        if (parameters) {
            List<Object> params = new ArrayList<>();
            for (ParameterSpec p : t.parameters()) {
                Map<String, Object> param = new LinkedHashMap<>();
                param.put("name", p.name());
                param.put("dataType", p.dataType().getLiteral());
                param.put("unit", p.unit());
                param.put("default", p.defaultValue());
                param.put("description", p.description());
                params.add(param);
            }
            type.put("parameters", params);
        }
        return type;
    }
}
