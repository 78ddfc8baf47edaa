package org.twinstudio.diagram;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.twinstudio.model.NamedElement;
import org.twinstudio.model.TwinModel;

/**
 * Names of components, by the model's rules: an identifier (letters, digits and {@code _}, not starting with a
 * digit), unique among the twin's components, endpoints and alert rules (they share one name space, so that
 * {@code name.port} references stay unambiguous).
 */
public final class ComponentNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ComponentNames() {
    }

    /** Why {@code name} cannot be given to {@code element} (which may be {@code null} for a new one), or empty. */
    public static Optional<String> check(TwinModel model, NamedElement element, String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a name is required");
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a name: use letters, digits and _, not starting with a digit");
        }
        for (NamedElement other : topLevel(model)) {
            if (other != element && name.equals(other.getName())) {
                return Optional.of("'" + name + "' is already the name of " + kind(other) + " in this twin");
            }
        }
        return Optional.empty();
    }

    /**
     * A free name for a new element: {@code base} made an identifier, followed by the smallest number from 1 that is
     * not taken ({@code heater1}, {@code heater2}, ...).
     */
    public static String unique(TwinModel model, String base) {
        String stem = base == null || base.isBlank() ? "component" : base.replaceAll("[^A-Za-z0-9_]", "_");
        if (!Character.isLetter(stem.charAt(0)) && stem.charAt(0) != '_') {
            stem = "_" + stem;
        }
        Set<String> taken = new HashSet<>();
        topLevel(model).forEach(e -> taken.add(e.getName()));
        for (int n = 1;; n++) {
            if (!taken.contains(stem + n)) {
                return stem + n;
            }
        }
    }

    private static Iterable<NamedElement> topLevel(TwinModel model) {
        java.util.List<NamedElement> all = new java.util.ArrayList<>(model.getComponents());
        all.addAll(model.getEndpoints());
        all.addAll(model.getAlertRules());
        return all;
    }

    private static String kind(NamedElement element) {
        return switch (element.eClass().getName()) {
            case "Component" -> "a component";
            case "AlertRule" -> "an alert rule";
            default -> "an endpoint";
        };
    }
}
