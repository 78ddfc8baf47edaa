package org.twinstudio.model.validation;

import java.util.Comparator;

/**
 * One finding about a twin file: what is wrong, how bad, and where (file, line, column, element).
 *
 * @param line 1-based, or 0 when unknown
 * @param column 1-based, or 0 when unknown
 * @param elementUri the EMF URI of the element concerned, or {@code null}
 * @param code a stable id of the check (e.g. {@code connection.units}), for filtering and quick fixes
 */
public record TwinDiagnostic(Severity severity, String message, String file, int line, int column,
        String elementUri, String code) {

    public enum Severity {
        ERROR, WARNING, INFO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** File order: by file, line, column. */
    public static final Comparator<TwinDiagnostic> IN_FILE_ORDER = Comparator
            .comparing((TwinDiagnostic d) -> d.file() == null ? "" : d.file())
            .thenComparingInt(TwinDiagnostic::line).thenComparingInt(TwinDiagnostic::column);

    /** The compiler-style form {@code file:line: severity: message}. */
    public String format() {
        return (file == null ? "<unknown>" : file) + ":" + line + ": " + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
