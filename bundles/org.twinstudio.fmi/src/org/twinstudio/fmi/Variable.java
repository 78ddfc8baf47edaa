package org.twinstudio.fmi;

/**
 * A model variable (FMI 2.0 ScalarVariable, FMI 3.0 Float64/Int32/... element).
 *
 * @param index          1-based position among the model variables
 * @param valueReference the handle the FMU's get/set functions take (unsigned 32 bit, held in a long)
 * @param causality      parameter, calculatedParameter, input, output, local, independent, structuralParameter
 * @param variability    constant, fixed, tunable, discrete, continuous
 * @param initial        exact, approx, calculated, or null when not given
 * @param type           value type
 * @param typeName       the element name as written (Real, Float64, Int32, ...), with {@code []} for an FMI 3.0
 *                       array
 * @param declaredType   the type definition referred to, or null
 * @param unit           the unit (own or from the declared type), or null
 * @param start          the start value as written, or null
 * @param derivativeOf   for a derivative, the 1-based index of its state variable, else 0
 * @param line           the line of the element in modelDescription.xml
 */
public record Variable(int index, String name, long valueReference, String causality, String variability,
        String initial, VariableType type, String typeName, String declaredType, String unit, String start,
        int derivativeOf, String description, int line) {

    public boolean isInput() {
        return "input".equals(causality);
    }

    public boolean isOutput() {
        return "output".equals(causality);
    }

    public boolean isParameter() {
        return "parameter".equals(causality) || "structuralParameter".equals(causality);
    }
}
