package org.twinstudio.cli.internal.commands;

/** How a command prints its result. */
public enum OutputFormat {
    /** Lines for people and editors ({@code file:line: severity: message}). */
    text,
    /** One JSON document on standard output, for tools. */
    json
}
