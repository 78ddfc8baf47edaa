package org.twinstudio.model.units;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.measure.MeasurementException;
import javax.measure.Unit;
import javax.measure.UnitConverter;

import tech.units.indriya.AbstractUnit;
import tech.units.indriya.format.SimpleUnitFormat;
import tech.units.indriya.function.Calculus;
import tech.units.indriya.function.DefaultNumberSystem;
import tech.units.indriya.unit.Units;

/**
 * Unit strings as engineers type them ("degC", "m3/s", "bar", "rpm", "%"), parsed into JSR 385 units
 * (Indriya) so that compatibility and conversion come from a real units library.
 */
public final class TwinUnits {

    static {
        // Indriya finds its number system with ServiceLoader, which cannot see into bundles under OSGi: set it.
        try {
            Calculus.currentNumberSystem();
        } catch (RuntimeException notFound) {
            Calculus.setCurrentNumberSystem(new DefaultNumberSystem());
        }
    }

    private static final Unit<?> BAR = Units.PASCAL.multiply(100_000);
    /** Spellings SimpleUnitFormat does not know, mapped to units. */
    private static final Map<String, Unit<?>> ALIASES = Map.ofEntries(
            Map.entry("degC", Units.CELSIUS), Map.entry("°C", Units.CELSIUS), Map.entry("Cel", Units.CELSIUS),
            Map.entry("bar", BAR), Map.entry("mbar", BAR.divide(1000)),
            Map.entry("rpm", AbstractUnit.ONE.divide(Units.MINUTE)), Map.entry("1", AbstractUnit.ONE),
            Map.entry("kWh", Units.WATT.multiply(1000).multiply(Units.HOUR)),
            Map.entry("Wh", Units.WATT.multiply(Units.HOUR)), Map.entry("L/min", Units.LITRE.divide(Units.MINUTE)),
            Map.entry("L/h", Units.LITRE.divide(Units.HOUR)), Map.entry("l/h", Units.LITRE.divide(Units.HOUR)),
            Map.entry("L", Units.LITRE));
    /** "m3" → "m^3": a digit right after a letter is an exponent. */
    private static final Pattern BARE_EXPONENT = Pattern.compile("(?<=[A-Za-z])(\\d)");

    private static final Map<String, Optional<Unit<?>>> CACHE = new ConcurrentHashMap<>();

    private TwinUnits() {
    }

    /** The unit for a string; empty and blank mean dimensionless. Empty Optional if it is not a unit. */
    public static Optional<Unit<?>> parse(String text) {
        String key = text == null ? "" : text.strip();
        Optional<Unit<?>> cached = CACHE.get(key);
        if (cached == null) {
            // not computeIfAbsent: parsing "a/b" parses its parts recursively
            cached = parseUncached(key);
            CACHE.put(key, cached);
        }
        return cached;
    }

    private static Optional<Unit<?>> parseUncached(String text) {
        if (text.isEmpty()) {
            return Optional.of(AbstractUnit.ONE);
        }
        if (text.startsWith("/") || text.endsWith("/") || text.contains("//")) {
            return Optional.empty();
        }
        Unit<?> alias = ALIASES.get(text);
        if (alias != null) {
            return Optional.of(alias);
        }
        if (text.startsWith("1/") && text.length() > 2) {
            return parse(text.substring(2)).map(Unit::inverse);
        }
        int slash = text.indexOf('/');
        if (slash > 0 && slash < text.length() - 1) {
            Optional<Unit<?>> numerator = parse(text.substring(0, slash));
            Optional<Unit<?>> denominator = parse(text.substring(slash + 1));
            if (numerator.isPresent() && denominator.isPresent()) {
                return Optional.of(numerator.get().divide(denominator.get()));
            }
        }
        for (String candidate : new String[] { text, BARE_EXPONENT.matcher(text).replaceAll("^$1") }) {
            try {
                return Optional.of(SimpleUnitFormat.getInstance().parse(candidate));
            } catch (MeasurementException | IllegalArgumentException | UnsupportedOperationException e) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    /** Whether a value in unit {@code from} can be converted to unit {@code to}. Unknown units are never compatible. */
    public static boolean compatible(String from, String to) {
        Optional<Unit<?>> a = parse(from);
        Optional<Unit<?>> b = parse(to);
        return a.isPresent() && b.isPresent() && a.get().isCompatible(b.get());
    }

    /** Whether two unit strings denote the same unit (e.g. "m3" and "m³"). */
    public static boolean same(String a, String b) {
        Optional<Unit<?>> ua = parse(a);
        Optional<Unit<?>> ub = parse(b);
        return ua.isPresent() && ub.isPresent() && ua.get().isCompatible(ub.get()) && converter(ua.get(), ub.get()).isIdentity();
    }

    /** Converts a value between compatible units. */
    public static double convert(double value, String from, String to) {
        Unit<?> a = parse(from).orElseThrow(() -> new IllegalArgumentException("unknown unit '" + from + "'"));
        Unit<?> b = parse(to).orElseThrow(() -> new IllegalArgumentException("unknown unit '" + to + "'"));
        if (!a.isCompatible(b)) {
            throw new IllegalArgumentException("cannot convert " + from + " to " + to);
        }
        return converter(a, b).convert(value);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static UnitConverter converter(Unit<?> from, Unit<?> to) {
        return ((Unit) from).getConverterTo((Unit) to);
    }
}
