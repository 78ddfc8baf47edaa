package org.twinstudio.fmi;

/** The FMI standard versions this import reads. */
public enum FmiVersion {
    FMI2("2.0"), FMI3("3.0");

    private final String text;

    FmiVersion(String text) {
        this.text = text;
    }

    /** As written in {@code fmiVersion}, e.g. {@code "2.0"}. */
    public String text() {
        return text;
    }

    /** The version for an {@code fmiVersion} attribute ("2.0", "3.0", "3.0.1", ...), or null if not supported. */
    public static FmiVersion of(String fmiVersion) {
        if (fmiVersion == null) {
            return null;
        }
        String v = fmiVersion.trim();
        if (v.equals("2.0") || v.startsWith("2.0.")) {
            return FMI2;
        }
        if (v.equals("3.0") || v.startsWith("3.0.") || v.startsWith("3.0-")) {
            return FMI3;
        }
        return null;
    }
}
