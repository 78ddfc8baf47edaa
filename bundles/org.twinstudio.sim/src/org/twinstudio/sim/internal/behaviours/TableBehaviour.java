package org.twinstudio.sim.internal.behaviours;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.twinstudio.model.types.BuiltinComponentTypes;
import org.twinstudio.sim.BehaviourContext;
import org.twinstudio.sim.ComponentBehaviour;
import org.twinstudio.sim.ComponentBehaviourProvider;

/**
 * Time table playback. Rows (t<sub>i</sub>, v<sub>i</sub>), i = 0..N−1, with t<sub>i</sub> non-decreasing (two equal
 * times make a jump), come from the {@code table} parameter ({@code "0:20, 60:25, 120:25"}) or, when {@code file}
 * is set, from a CSV file resolved against the model file: separator comma, semicolon or tab; time in s in column 1,
 * the values in column {@code column}; blank lines and lines starting with {@code #} are skipped, and so is a first
 * line whose time field is not a number (a header).
 * <ul>
 * <li>linear: {@code y = v_i + (v_{i+1} − v_i) · (t − t_i) / (t_{i+1} − t_i)} for t<sub>i</sub> ≤ t &lt;
 * t<sub>i+1</sub>;</li>
 * <li>hold: {@code y = v_i} for t<sub>i</sub> ≤ t &lt; t<sub>i+1</sub> (right-continuous steps);</li>
 * <li>before t<sub>0</sub> {@code y = v_0}; from t<sub>N−1</sub> on {@code y = v_{N−1}};</li>
 * <li>periodic: for t ≥ t<sub>0</sub> the table repeats with period P = t<sub>N−1</sub> − t<sub>0</sub>, evaluated
 * at {@code t_0 + (t − t_0) mod P}; the last row then only closes the period (with hold, its value is never
 * shown).</li>
 * </ul>
 * A time within 1e-9·max(1, |t|) of a row's time counts as reached, so that t = i·h lands on the row despite
 * rounding. The discontinuities (every row with hold, jumps and period starts with linear) are announced as time
 * events. A discontinuity changes the output only when its event is handled: a solver stage evaluated at the
 * discontinuity's time before that (RK4's last stage of the step that ends there) reads the left limit, so a
 * piecewise-constant input is integrated exactly when steps end at its rows. No inputs, no states.
 */
public final class TableBehaviour implements ComponentBehaviour {

    enum Interpolation {
        LINEAR, HOLD
    }

    private final double[] times;
    private final double[] values;
    private final Interpolation interpolation;
    private final boolean periodic;
    private final double period;
    private double valueAtLastEvent = Double.NaN;
    /** The time of the last handled event (or of the first evaluation): up to it outputs are right limits. */
    private double lastEventTime = Double.NaN;
    private double lastOutput = Double.NaN;

    TableBehaviour(BehaviourContext ctx) {
        String file = ctx.stringParameter("file");
        double[][] rows;
        if (file != null && !file.isBlank()) {
            double column = ctx.parameter("column");
            if (column != Math.rint(column) || column < 2) {
                throw new IllegalArgumentException("column must be a whole number of 2 or more, not " + column);
            }
            rows = readCsv(resolve(ctx.modelFile(), file.strip()), (int) column);
        } else {
            rows = parseInline(ctx.stringParameter("table"));
        }
        times = rows[0];
        values = rows[1];
        interpolation = parseInterpolation(ctx.stringParameter("interpolation"));
        periodic = parseBoolean(ctx.stringParameter("periodic"), "periodic");
        period = times[times.length - 1] - times[0];
        if (periodic && !(period > 0)) {
            throw new IllegalArgumentException("a periodic table needs a last time after its first");
        }
    }

    /** Parses {@code "t:v, t:v, ..."}; also accepts {@code ;} between rows. */
    static double[][] parseInline(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the table is empty: give rows time:value, e.g. \"0:20, 60:25\"");
        }
        String[] entries = text.split("[,;\\n]");
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            String where = "table row " + (rows.size() + 1) + " ('" + entry + "')";
            String[] parts = entry.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + ": expected time:value");
            }
            rows.add(new double[] { number(parts[0], where + ", time"), number(parts[1], where + ", value") });
        }
        return checked(rows, "table row ");
    }

    static double[][] readCsv(Path file, int column) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read table file " + file + ": " + e.getMessage());
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        boolean first = true;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[,;\\t]", -1);
            String where = "table file " + file.getFileName() + " line " + (n + 1);
            if (first && !isNumber(fields[0])) {
                first = false;
                continue; // header
            }
            first = false;
            if (fields.length < column) {
                throw new IllegalArgumentException(where + ": has " + fields.length + " columns, the values are in column "
                        + column);
            }
            rows.add(new double[] { number(fields[0], where + ", column 1"),
                    number(fields[column - 1], where + ", column " + column) });
            lineNumbers.add(n + 1);
        }
        try {
            return checked(rows, null);
        } catch (NonMonotonic e) {
            throw new IllegalArgumentException("table file " + file.getFileName() + " line " + lineNumbers.get(e.row)
                    + ": time " + e.time + " s is before the previous row's " + e.previous + " s");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("table file " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private static final class NonMonotonic extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int row;
        final double time;
        final double previous;

        NonMonotonic(String message, int row, double time, double previous) {
            super(message);
            this.row = row;
            this.time = time;
            this.previous = previous;
        }
    }

    /** Checks the rows and turns them into {times, values}; rowLabel null: the caller locates the error. */
    private static double[][] checked(List<double[]> rows, String rowLabel) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the table has no rows");
        }
        double[] t = new double[rows.size()];
        double[] v = new double[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rows.get(i)[0];
            v[i] = rows.get(i)[1];
            if (i > 0 && t[i] < t[i - 1]) {
                throw new NonMonotonic((rowLabel == null ? "row " : rowLabel) + (i + 1) + ": time " + t[i]
                        + " s is before the previous row's " + t[i - 1] + " s", i, t[i], t[i - 1]);
            }
            if (i > 1 && t[i] == t[i - 1] && t[i] == t[i - 2]) {
                throw new IllegalArgumentException((rowLabel == null ? "row " : rowLabel) + (i + 1)
                        + ": three rows at time " + t[i] + " s (two make a jump, a third is ambiguous)");
            }
        }
        return new double[][] { t, v };
    }

    private static boolean isNumber(String field) {
        try {
            Double.parseDouble(field.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String field, String where) {
        String f = field.strip();
        try {
            double d = Double.parseDouble(f);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": '" + f + "' is not a number");
    }

    private static Path resolve(Path modelFile, String file) {
        try {
            Path p = Path.of(file);
            if (p.isAbsolute()) {
                return p;
            }
            if (modelFile == null) {
                throw new IllegalArgumentException("table file '" + file
                        + "' is relative but the model was not loaded from a file");
            }
            Path dir = modelFile.toAbsolutePath().getParent();
            return dir == null ? p : dir.resolve(p);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("table file '" + file + "' is not a valid path: " + e.getMessage());
        }
    }

    static Interpolation parseInterpolation(String text) {
        String t = text == null ? "linear" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "linear" -> Interpolation.LINEAR;
            case "hold", "step", "constant" -> Interpolation.HOLD;
            default -> throw new IllegalArgumentException("interpolation must be linear or hold, not '" + text + "'");
        };
    }

    static boolean parseBoolean(String text, String name) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals("false")) {
            return false;
        }
        if (t.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
    }

    private static double tolerance(double t) {
        return 1e-9 * Math.max(1, Math.abs(t));
    }

    /** The table time that {@code t} reads (folded into the first period when periodic). */
    private double tableTime(double t) {
        double t0 = times[0];
        if (!periodic || t < t0) {
            return t;
        }
        double tau = t0 + (t - t0) % period;
        // t just below a period end reads the period's start: the same tolerance as for rows
        return tau >= times[times.length - 1] - tolerance(t) ? t0 : tau;
    }

    /** The value at time {@code t}. */
    public double valueAt(double t) {
        double tau = tableTime(t);
        int n = times.length;
        double eps = tolerance(t);
        if (tau < times[0] - eps) {
            return values[0];
        }
        // the last row whose time is reached
        int i = Arrays.binarySearch(times, tau + eps);
        i = i >= 0 ? lastIndexOf(i) : -i - 2;
        if (i < 0) {
            return values[0];
        }
        if (i >= n - 1 || interpolation == Interpolation.HOLD) {
            return values[i];
        }
        double dt = times[i + 1] - times[i];
        double frac = Math.max(0, (tau - times[i]) / dt);
        return values[i] + (values[i + 1] - values[i]) * frac;
    }

    private int lastIndexOf(int i) {
        while (i + 1 < times.length && times[i + 1] == times[i]) {
            i++;
        }
        return i;
    }

    private boolean discontinuousAt(int i) {
        if (interpolation == Interpolation.HOLD) {
            return true;
        }
        return i + 1 < times.length && times[i + 1] == times[i];
    }

    @Override
    public double nextTimeEvent(double time) {
        double eps = tolerance(time);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < times.length; i++) {
            if (discontinuousAt(i) && times[i] > time + eps) {
                best = Math.min(best, times[i]);
            }
        }
        if (!periodic || time + eps < times[0]) {
            return best;
        }
        long k = (long) Math.floor((time - times[0]) / period);
        for (long j = k; j <= k + 1; j++) {
            double shift = j * period;
            // the start of every period is a jump when the first and last values differ (or with hold)
            double start = times[0] + shift;
            if (start > time + eps && (interpolation == Interpolation.HOLD || values[0] != values[values.length - 1])) {
                best = Math.min(best, start);
            }
            for (int i = 0; i < times.length - 1; i++) {
                double ti = times[i] + shift;
                if (discontinuousAt(i) && ti > time + eps) {
                    best = Math.min(best, ti);
                }
            }
        }
        return best;
    }

    @Override
    public void initialize(double[] inputs, double[] states) {
        lastEventTime = Double.NaN;
    }

    @Override
    public boolean handleEvent(double time, double[] inputs, double[] states) {
        lastEventTime = time;
        double v = valueAt(time);
        // the outputs seen before the event were the left limit: a jump to v is a change to re-evaluate
        boolean changed = Double.compare(v, valueAtLastEvent) != 0 || Double.compare(v, lastOutput) != 0;
        valueAtLastEvent = v;
        return changed;
    }

    @Override
    public boolean directFeedthrough(int outputIndex) {
        return false;
    }

    @Override
    public void outputs(double time, double[] in, double[] x, double[] out) {
        if (Double.isNaN(lastEventTime)) {
            lastEventTime = time; // the start: no event announces a row at the start time
        }
        out[0] = lastOutput = time > lastEventTime + tolerance(time) ? leftValueAt(time) : valueAt(time);
    }

    /**
     * The limit from the left at {@code t}: at a discontinuity the value just before it, elsewhere {@link #valueAt}.
     * Hold: the row before the first row at t; linear: the first of the rows at t (a jump's start); at a period start
     * the end of the previous period.
     */
    public double leftValueAt(double t) {
        double eps = tolerance(t);
        int n = times.length;
        if (periodic && t > times[0] + eps) {
            double tau = times[0] + (t - times[0]) % period;
            if (tau <= times[0] + eps || tau >= times[n - 1] - eps) {
                return interpolation == Interpolation.HOLD ? values[Math.max(0, n - 2)] : values[n - 1];
            }
            return leftValueAtRow(tau, eps, t);
        }
        return leftValueAtRow(t, eps, t);
    }

    private double leftValueAtRow(double tau, double eps, double t) {
        int i = Arrays.binarySearch(times, tau - eps);
        int first = i >= 0 ? firstIndexOf(i) : -i - 1;
        if (first >= times.length || times[first] > tau + eps) {
            return valueAt(t); // no row here: continuous
        }
        return interpolation == Interpolation.HOLD ? values[Math.max(0, first - 1)] : values[first];
    }

    private int firstIndexOf(int i) {
        while (i > 0 && times[i - 1] == times[i]) {
            i--;
        }
        return i;
    }

    /** Registers the table behaviour. */
    public static final class Provider implements ComponentBehaviourProvider {
        @Override
        public String typeId() {
            return BuiltinComponentTypes.TABLE;
        }

        @Override
        public ComponentBehaviour create(BehaviourContext context) {
            return new TableBehaviour(context);
        }
    }
}
