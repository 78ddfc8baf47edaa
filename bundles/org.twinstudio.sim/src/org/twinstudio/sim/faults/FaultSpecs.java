package org.twinstudio.sim.faults;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.twinstudio.model.units.TwinUnits;

/**
 * The text form of a {@link Fault}, as typed after {@code twinstudio run --fault}:
 *
 * <pre>
 *   SPEC     = TARGET "=" FAULT [ "@" START [ "+" DURATION ] ]
 *   TARGET   = component | component.port
 *   FAULT    = stuck:V | offset:V | drift:R[/s] | noise:SIGMA | dropout[:P] | fail[:V]
 *   V, R, SIGMA = number [unit]                             (the port's unit when none is given)
 *   START, DURATION = number [ ms | s | min | h ]          (seconds when no unit is given)
 * </pre>
 *
 * Examples: {@code tempSensor.value=stuck:20@100s+60s} (stuck at 20 from 100 s for 60 s),
 * {@code heater=fail@300s} (outputs freeze at 300 s), {@code heater=fail:0@5min} (outputs 0 from 300 s),
 * {@code sensor.value=drift:0.01/s@0}, {@code sensor.value=noise:0.5}, {@code sensor.value=dropout:0.2@10s} (each
 * step lost with probability 0.2). Without {@code @START} the fault is active from the start of the run (from the
 * next step when injected while running). A value may carry a unit ({@code stuck:45degC}, {@code offset:0.5K},
 * {@code drift:0.01K/s}: rates are per second); without one it is in the port's unit. {@code true} and {@code false}
 * stand for 1 and 0.
 */
public final class FaultSpecs {

    private static final Pattern SPEC = Pattern.compile(
            "\\s*([^=\\s]+)\\s*=\\s*([a-zA-Z]+)(?::([^@]*))?\\s*(?:@\\s*([^+]*?)\\s*(?:\\+\\s*(.*?))?)?\\s*");
    private static final Pattern QUANTITY = Pattern.compile(
            "([-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\\s*(\\S.*)?");
    private static final Pattern DURATION = Pattern.compile("([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*(ms|s|min|h)?");

    private FaultSpecs() {
    }

    /**
     * Parses one specification.
     *
     * @throws IllegalArgumentException with a message that quotes the specification and says what is wrong
     */
    public static Fault parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("no fault specification");
        }
        // '+' also appears in exponents (1e+3): split the window at a '+' that does not follow an 'e'.
        Matcher m = SPEC.matcher(spec.replaceAll("(?<=[0-9.][eE])\\+", "\u0001"));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "': expected TARGET=FAULT[@START[+DURATION]], e.g. "
                    + "sensor.value=stuck:20@100s+60s");
        }
        try {
            String target = m.group(1);
            String keyword = m.group(2).toLowerCase(Locale.ROOT);
            String argument = restore(m.group(3));
            String[] unit = new String[1];
            Fault fault = switch (keyword) {
                case "stuck" -> Fault.stuck(target, quantity(required(argument, "stuck:VALUE"), unit));
                case "offset" -> Fault.offset(target, quantity(required(argument, "offset:VALUE"), unit));
                case "drift" -> Fault.drift(target, quantity(stripPerSecond(required(argument, "drift:RATE/s")), unit));
                case "noise" -> Fault.noise(target, quantity(required(argument, "noise:SIGMA"), unit));
                case "dropout" -> argument == null ? Fault.dropout(target) : Fault.dropout(target, number(argument));
                case "fail" -> {
                    if (target.contains(".")) {
                        throw new IllegalArgumentException("'fail' applies to a whole component, not to the port '"
                                + target + "' (use stuck or dropout on a port)");
                    }
                    yield argument == null ? Fault.fail(target) : Fault.fail(target, quantity(argument, unit));
                }
                default -> throw new IllegalArgumentException("unknown fault '" + keyword
                        + "' (stuck, offset, drift, noise, dropout, fail)");
            };
            if (unit[0] != null) {
                fault = fault.in(unit[0]);
            }
            if (m.group(4) != null) {
                fault = fault.at(seconds(restore(m.group(4)), "start time"));
                if (m.group(5) != null) {
                    fault = fault.lasting(seconds(restore(m.group(5)), "duration"));
                }
            }
            return fault;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + spec + "': " + e.getMessage(), e);
        }
    }

    /** The specification of a fault; {@link #parse} of it gives an equal fault. */
    public static String format(Fault f) {
        StringBuilder s = new StringBuilder(f.target()).append('=').append(f.kind().keyword());
        String unit = f.unit() == null ? "" : f.unit();
        switch (f.kind()) {
            case STUCK, OFFSET, NOISE -> s.append(':').append(number(f.value())).append(unit);
            case DRIFT -> s.append(':').append(number(f.value())).append(unit).append("/s");
            case DROPOUT -> {
                if (f.probability() < 1) {
                    s.append(':').append(number(f.probability()));
                }
            }
            case FAIL -> {
                if (!Double.isNaN(f.value())) {
                    s.append(':').append(number(f.value())).append(unit);
                }
            }
        }
        if (!f.immediate()) {
            s.append('@').append(number(f.start())).append('s');
            if (f.duration() != Double.POSITIVE_INFINITY) {
                s.append('+').append(number(f.duration())).append('s');
            }
        }
        return s.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String restore(String s) {
        return s == null ? null : s.replace('\u0001', '+').trim();
    }

    private static String required(String argument, String form) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("missing value, expected " + form);
        }
        return argument;
    }

    private static String stripPerSecond(String s) {
        return s.endsWith("/s") ? s.substring(0, s.length() - 2) : s;
    }

    /** A number with an optional unit after it; the unit (checked to be one) goes to {@code unit[0]}. */
    private static double quantity(String text, String[] unit) {
        String t = text.trim();
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches() || m.group(2) == null) {
            return number(t);
        }
        String u = m.group(2).trim();
        if (!TwinUnits.compatible(u, u)) { // only a known unit is compatible with itself
            throw new IllegalArgumentException("'" + u + "' in '" + t + "' is not a unit");
        }
        unit[0] = u;
        return Double.parseDouble(m.group(1));
    }

    private static double number(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return 1;
        }
        if (t.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a number");
        }
    }

    private static double seconds(String text, String what) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a time such as 100s, 250ms, 5min, 1h");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double factor = switch (unit) {
            case "ms" -> 1e-3;
            case "min" -> 60;
            case "h" -> 3600;
            default -> 1;
        };
        double s = v * factor;
        if (s < 0) {
            throw new IllegalArgumentException(what + " must not be negative, not " + text);
        }
        return s;
    }
}
