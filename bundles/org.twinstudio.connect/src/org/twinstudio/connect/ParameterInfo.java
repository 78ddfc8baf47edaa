package org.twinstudio.connect;

/** A component parameter of a running twin, read-only while it runs. {@code value} is NaN for text parameters. */
public record ParameterInfo(String path, String component, String name, double value, String text, String unit) {
}
