package org.twinstudio.fmi;

/**
 * The value types of FMU variables. FMI 3.0's Float64 is {@link #REAL}, Int32 {@link #INTEGER}; its other sized
 * numeric types are listed with their own element name but not exchanged ({@link #OTHER}).
 */
public enum VariableType {
    REAL, INTEGER, BOOLEAN, STRING, ENUMERATION,
    /** FMI 3.0 types the importer lists but does not exchange values of (Binary, Clock). */
    OTHER
}
