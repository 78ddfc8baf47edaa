package org.twinstudio.connect.mqtt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How port topics are named: a pattern with the placeholders {@code {model}}, {@code {component}}, {@code {port}}
 * and {@code {path}} ({@code component.port}), by default {@value #DEFAULT}. Names put into a topic have the
 * characters MQTT reserves ({@code / + #}) and control characters replaced by {@code _}, so each name stays one topic
 * level. The set topic of an input is its topic followed by {@value #SET_SUFFIX}.
 */
public record TopicScheme(String pattern) {

    public static final String DEFAULT = "twinstudio/{model}/{component}/{port}";
    public static final String SET_SUFFIX = "/set";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

    /**
     * @throws IllegalArgumentException for an unknown placeholder, MQTT wildcards, or an empty pattern
     */
    public TopicScheme {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("topic pattern is empty");
        }
        if (pattern.indexOf('+') >= 0 || pattern.indexOf('#') >= 0) {
            throw new IllegalArgumentException("topic pattern '" + pattern + "' contains an MQTT wildcard (+ or #)");
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            switch (m.group(1)) {
                case "model", "component", "port", "path" -> {
                }
                default -> throw new IllegalArgumentException("topic pattern '" + pattern + "': unknown placeholder {"
                        + m.group(1) + "}; use {model}, {component}, {port} or {path}");
            }
        }
    }

    public static TopicScheme defaultScheme() {
        return new TopicScheme(DEFAULT);
    }

    /** The topic of port {@code component.port} of model {@code model}. */
    public String topic(String model, String component, String port) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder topic = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "model" -> model;
                case "component" -> component;
                case "port" -> port;
                default -> component + "." + port;
            };
            m.appendReplacement(topic, Matcher.quoteReplacement(level(value)));
        }
        m.appendTail(topic);
        return topic.toString();
    }

    /** The topic a peer publishes to in order to set input {@code component.port}. */
    public String setTopic(String model, String component, String port) {
        return topic(model, component, port) + SET_SUFFIX;
    }

    private static String level(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            s.append(c == '/' || c == '+' || c == '#' || Character.isISOControl(c) ? '_' : c);
        }
        return s.isEmpty() ? "_" : s.toString();
    }
}
