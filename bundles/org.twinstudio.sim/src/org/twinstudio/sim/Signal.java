package org.twinstudio.sim;

/** A recorded signal: {@code component.port} and its unit. */
public record Signal(String component, String port, String unit) {

    /** {@code component.port}. */
    public String name() {
        return component + "." + port;
    }

    /** The CSV header of this signal: {@code component.port [unit]}. */
    public String header() {
        return name() + " [" + (unit == null ? "" : unit) + "]";
    }
}
