package org.twinstudio.fmi;

/**
 * The value types of FMU variables, coarsely. FMI 3.0's Float64 is {@link #REAL}, Int32 {@link #INTEGER}; its other
 * sized types (Float32, Int8 … UInt64, Binary, Clock) and arrays are {@link #OTHER} here and keep their element
 * name; {@link ScalarType#of} gives the exact type every scalar is exchanged as.
 */
public enum VariableType {
    REAL, INTEGER, BOOLEAN, STRING, ENUMERATION,
    /** FMI 3.0 sized types other than Float64 and Int32, Binary, Clock, and arrays: see {@link ScalarType}. */
    OTHER
}
