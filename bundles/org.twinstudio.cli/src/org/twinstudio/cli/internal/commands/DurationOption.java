package org.twinstudio.cli.internal.commands;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * A duration as the test language writes it: a number and a unit, {@code ms}, {@code s}, {@code min} or {@code h}
 * ({@code 10ms}, {@code 2.5 s}, {@code 10min}, {@code 1h}); a bare number is seconds. Converted to seconds.
 */
public final class DurationOption implements ITypeConverter<Double> {

    private static final Pattern DURATION = Pattern.compile(
            "\\s*((?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\\s*(ms|s|min|h)?\\s*");

    @Override
    public Double convert(String value) {
        return parse(value);
    }

    /**
     * Seconds of {@code text}.
     *
     * @throws CommandLine.TypeConversionException for anything but a positive, finite duration
     */
    public static double parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a duration: a number with ms, s, min or h (e.g. 10ms, 30s, 10min)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double seconds = switch (unit) {
            case "ms" -> number / 1000;
            case "min" -> number * 60;
            case "h" -> number * 3600;
            default -> number;
        };
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new CommandLine.TypeConversionException("'" + text + "': the duration must be positive");
        }
        return seconds;
    }

    /** {@code 0.01} → {@code 10 ms}, {@code 90} → {@code 90 s}, {@code 600} → {@code 10 min}. */
    public static String format(double seconds) {
        if (seconds < 1) {
            return trim(seconds * 1000) + " ms";
        }
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return trim(seconds / 3600) + " h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return trim(seconds / 60) + " min";
        }
        return trim(seconds) + " s";
    }

    /** A number as people write it: {@code 100}, {@code 0.5}, {@code 1.23457e-05}. */
    public static String number(double v) {
        return trim(v);
    }

    private static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.contains("e") ? s : s.replaceAll("\\.?0+$", "");
    }
}
