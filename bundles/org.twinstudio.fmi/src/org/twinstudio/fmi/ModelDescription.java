package org.twinstudio.fmi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an FMU's modelDescription.xml the importer uses, for FMI 2.0 and 3.0 alike. Variables are numbered
 * from 1 in document order (FMI 2.0's ScalarVariable index); FMI 3.0's value-reference links (derivative,
 * dependencies) are translated to these indices so that both versions read the same.
 *
 * @param fmiVersion          the standard version
 * @param fmiVersionText      the {@code fmiVersion} attribute as written
 * @param modelName           the model's name
 * @param instantiationToken  FMI 2.0 {@code guid} or FMI 3.0 {@code instantiationToken}
 * @param numberOfEventIndicators FMI 2.0 attribute, or the number of FMI 3.0 EventIndicator elements
 */
public record ModelDescription(FmiVersion fmiVersion, String fmiVersionText, String modelName, String instantiationToken,
        String description, String generationTool, Optional<Capabilities> coSimulation,
        Optional<Capabilities> modelExchange, Optional<DefaultExperiment> defaultExperiment,
        List<UnitDefinition> units, List<TypeDefinition> typeDefinitions, List<Variable> variables,
        ModelStructure modelStructure, int numberOfEventIndicators) {

    /** What a CoSimulation or ModelExchange element declares. */
    public record Capabilities(FmuKind kind, String modelIdentifier, boolean needsExecutionTool,
            boolean canHandleVariableCommunicationStepSize, boolean canBeInstantiatedOnlyOncePerProcess,
            boolean canGetAndSetFmuState, boolean completedIntegratorStepNotNeeded, Map<String, String> attributes) {
    }

    /** The DefaultExperiment element; absent values are NaN. */
    public record DefaultExperiment(double startTime, double stopTime, double tolerance, double stepSize) {
    }

    /** A unit: SI base-unit exponents, factor and offset (value in SI = factor · value + offset). */
    public record UnitDefinition(String name, Map<String, Integer> baseUnitExponents, double factor, double offset) {
    }

    /** A SimpleType (FMI 2.0) or type definition (FMI 3.0); enumeration items map names to values. */
    public record TypeDefinition(String name, VariableType type, String quantity, String unit,
            Map<String, Long> items) {
    }

    /** A dependency-carrying unknown of the ModelStructure. {@code dependencies} null means "depends on all". */
    public record Unknown(int index, List<Integer> dependencies) {

        /** Whether this unknown may depend on the variable with {@code variableIndex}. */
        public boolean dependsOn(int variableIndex) {
            return dependencies == null || dependencies.contains(variableIndex);
        }
    }

    /** Outputs, state derivatives and initial unknowns, with their dependencies; event indicators (FMI 3.0). */
    public record ModelStructure(List<Unknown> outputs, List<Unknown> derivatives, List<Unknown> initialUnknowns,
            List<Unknown> eventIndicators) {
    }

    /** The capabilities of one kind, if the FMU implements it. */
    public Optional<Capabilities> capabilities(FmuKind kind) {
        return kind == FmuKind.CO_SIMULATION ? coSimulation : modelExchange;
    }

    /** The kinds the FMU implements, co-simulation first. */
    public List<FmuKind> kinds() {
        return coSimulation.isPresent() && modelExchange.isPresent()
                ? List.of(FmuKind.CO_SIMULATION, FmuKind.MODEL_EXCHANGE)
                : coSimulation.isPresent() ? List.of(FmuKind.CO_SIMULATION)
                        : modelExchange.isPresent() ? List.of(FmuKind.MODEL_EXCHANGE) : List.of();
    }

    /** A variable by its 1-based index. */
    public Variable variable(int index) {
        return variables.get(index - 1);
    }

    public Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The continuous states in the order of the derivatives in the ModelStructure (the FMU's state vector order). */
    public List<Variable> states() {
        return modelStructure.derivatives().stream().map(u -> variable(variable(u.index()).derivativeOf())).toList();
    }

    /** The ModelStructure entry of an output variable, if listed. */
    public Optional<Unknown> output(int variableIndex) {
        return modelStructure.outputs().stream().filter(u -> u.index() == variableIndex).findFirst();
    }
}
