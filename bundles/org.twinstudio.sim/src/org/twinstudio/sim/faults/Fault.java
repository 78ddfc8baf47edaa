package org.twinstudio.sim.faults;

/**
 * One fault to inject: what happens ({@link Kind}), where (a component, or one of its ports), and when.
 * <p>
 * With v the healthy value of the port, t the time and t<sub>a</sub> the instant the fault became active:
 * <ul>
 * <li>{@link Kind#STUCK}: {@code y = value} (booleans: 0 or 1).</li>
 * <li>{@link Kind#OFFSET}: {@code y = v + value}.</li>
 * <li>{@link Kind#DRIFT}: {@code y = v + value · (t − t_a)} ({@code value} per second).</li>
 * <li>{@link Kind#NOISE}: {@code y = v + value · n}, n a standard normal sample drawn from a generator seeded from
 * the simulation seed and the component, once per accepted step and held over the step (every solver stage sees
 * the same value).</li>
 * <li>{@link Kind#DROPOUT}: the value is lost and the port holds its last good value. With {@code probability} p
 * &lt; 1 the dropout is intermittent: at every accepted step a seeded draw decides whether the value is lost for
 * the coming step (probability p) or delivered; a delivered value becomes the new last good value. The last good
 * value at activation is the port's value at t<sub>a</sub>.</li>
 * <li>{@link Kind#FAIL} (whole component only): the component stops: its states no longer change (zero
 * derivatives, its step hook is not called, its inputs are ignored) and its outputs either freeze at their values at
 * t<sub>a</sub> ({@code value} NaN) or go to {@code value}. Clearing the fault resumes the component from the
 * states it stopped at.</li>
 * </ul>
 * Values are in {@code unit} when one is given (converted to the port's unit when the fault is injected: stuck and
 * fail values as quantities, offsets, drift rates and noise as differences, so {@code offset 1 K} on a degC port adds
 * 1), else in the unit of the port as simulated (the type's port unit as {@code twinstudio types} lists it, or the
 * model's unit for ports of any unit). A signal fault on a whole component applies to each of its outputs. Several
 * faults on one port apply in the order they were injected, each to the result of the previous ones; port faults
 * on the outputs of a failed component apply on top of its fail values. An input fault acts on what the component sees; the recorded value
 * of an unconnected input stays the value supplied to it.
 * <p>
 * Time window: active from {@code start} (NaN: at once, i.e. the next step boundary after injection) for
 * {@code duration} seconds (infinite: until cleared); active at an instant t when start ≤ t &lt; start + duration.
 *
 * @param kind what happens
 * @param component the component's name
 * @param port the port's name, or null for the whole component
 * @param value stuck value, offset, drift rate per second, noise standard deviation, or fail value (NaN: freeze)
 * @param probability for {@link Kind#DROPOUT}, the chance per step that the value is lost (1: permanent)
 * @param start start time in seconds, or NaN for "at once"
 * @param duration how long the fault lasts in seconds, or {@link Double#POSITIVE_INFINITY}
 * @param unit the unit of {@code value} (per second for drift), or null for the port's unit
 */
public record Fault(Kind kind, String component, String port, double value, double probability, double start,
        double duration, String unit) {

    /** What a fault does. */
    public enum Kind {
        STUCK, OFFSET, DRIFT, NOISE, DROPOUT, FAIL;

        /** The name used in fault specifications, e.g. {@code stuck}. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Fault {
        if (kind == null) {
            throw new IllegalArgumentException("no fault kind");
        }
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("no component named");
        }
        if (port != null && port.isBlank()) {
            port = null;
        }
        if (unit != null && unit.isBlank()) {
            unit = null;
        }
        if (kind == Kind.FAIL && port != null) {
            throw new IllegalArgumentException("'fail' applies to a whole component, not to the port '" + component
                    + "." + port + "' (use stuck or dropout on a port)");
        }
        switch (kind) {
            case STUCK, OFFSET, DRIFT -> finite(value, kind.keyword() + " value");
            case NOISE -> {
                if (!(value >= 0) || !Double.isFinite(value)) {
                    throw new IllegalArgumentException("noise standard deviation must be zero or positive, not "
                            + value);
                }
            }
            case DROPOUT -> {
                if (!(probability > 0 && probability <= 1)) {
                    throw new IllegalArgumentException("dropout probability must be in (0, 1], not " + probability);
                }
            }
            case FAIL -> {
                if (Double.isInfinite(value)) {
                    throw new IllegalArgumentException("fail value must be finite, not " + value);
                }
            }
        }
        if (!Double.isNaN(start) && !(start >= 0 && Double.isFinite(start))) {
            throw new IllegalArgumentException("start time must be zero or positive, not " + start + " s");
        }
        if (!(duration > 0)) {
            throw new IllegalArgumentException("duration must be positive, not " + duration + " s");
        }
    }

    private static void finite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number, not " + v);
        }
    }

    /** Output or input {@code target} ({@code component.port}, or {@code component} for every output) stuck at v. */
    public static Fault stuck(String target, double v) {
        return of(Kind.STUCK, target, v, 1);
    }

    public static Fault offset(String target, double offset) {
        return of(Kind.OFFSET, target, offset, 1);
    }

    /** Drift of {@code ratePerSecond} units per second from activation. */
    public static Fault drift(String target, double ratePerSecond) {
        return of(Kind.DRIFT, target, ratePerSecond, 1);
    }

    /** Additive Gaussian noise of standard deviation {@code sigma}, one held sample per step. */
    public static Fault noise(String target, double sigma) {
        return of(Kind.NOISE, target, sigma, 1);
    }

    /** Permanent dropout: the port holds its value from the instant the fault becomes active. */
    public static Fault dropout(String target) {
        return of(Kind.DROPOUT, target, Double.NaN, 1);
    }

    /** Intermittent dropout: each step the value is lost with {@code probability}. */
    public static Fault dropout(String target, double probability) {
        return of(Kind.DROPOUT, target, Double.NaN, probability);
    }

    /** Component failure with frozen outputs. */
    public static Fault fail(String component) {
        return new Fault(Kind.FAIL, component, null, Double.NaN, 1, Double.NaN, Double.POSITIVE_INFINITY, null);
    }

    /** Component failure with every output at {@code failValue}. */
    public static Fault fail(String component, double failValue) {
        if (Double.isNaN(failValue)) {
            throw new IllegalArgumentException("fail value must be a number (use fail(component) to freeze)");
        }
        return new Fault(Kind.FAIL, component, null, failValue, 1, Double.NaN, Double.POSITIVE_INFINITY, null);
    }

    private static Fault of(Kind kind, String target, double value, double probability) {
        if (target == null) {
            throw new IllegalArgumentException("no target");
        }
        int dot = target.lastIndexOf('.');
        String component = dot < 0 ? target : target.substring(0, dot);
        String port = dot < 0 ? null : target.substring(dot + 1);
        if (dot >= 0 && port.isBlank()) {
            throw new IllegalArgumentException("'" + target + "': no port name after the dot");
        }
        return new Fault(kind, component, port, value, probability, Double.NaN, Double.POSITIVE_INFINITY, null);
    }

    /** The same fault starting at {@code time} seconds. */
    public Fault at(double time) {
        return new Fault(kind, component, port, value, probability, time, duration, unit);
    }

    /** The same fault lasting {@code seconds}. */
    public Fault lasting(double seconds) {
        return new Fault(kind, component, port, value, probability, start, seconds, unit);
    }

    /** The same fault with its value in {@code valueUnit} (e.g. {@code degC}, {@code K}; per second for drift). */
    public Fault in(String valueUnit) {
        return new Fault(kind, component, port, value, probability, start, duration, valueUnit);
    }

    /** Whether the fault starts at once (at the next step boundary after injection) rather than at a set time. */
    public boolean immediate() {
        return Double.isNaN(start);
    }

    /** {@code component.port} or {@code component}. */
    public String target() {
        return port == null ? component : component + "." + port;
    }

    /** The fault in the specification syntax of {@link FaultSpecs}, e.g. {@code sensor.value=stuck:20@100s+60s}. */
    @Override
    public String toString() {
        return FaultSpecs.format(this);
    }
}
