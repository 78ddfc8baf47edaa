package org.twinstudio.model.validation;

/** TEMPORARY stand-in until the model API lands on main. */
public record TwinDiagnostic(Severity severity, String message, String file, int line, int column, String elementUri) {
    public enum Severity { ERROR, WARNING, INFO }
}
