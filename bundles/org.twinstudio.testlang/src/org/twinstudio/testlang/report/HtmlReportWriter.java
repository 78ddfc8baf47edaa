package org.twinstudio.testlang.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.twinstudio.testlang.runner.AssertionTrace;
import org.twinstudio.testlang.runner.SignalTrace;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.runner.TestTrace;

/**
 * Writes a run of suites as one self-contained HTML page ({@code index.html}): inline CSS, inline SVG, no script, no
 * external resource, so it reads offline and can be archived as a CI artifact. The markup is well-formed XML
 * (XHTML-compatible HTML5: every element closed, text and attributes escaped), so tools can parse it as XML.
 * <p>
 * Content: a summary per suite (suite, suite file, model, model SHA-256, tool version, seed, start time, wall time,
 * counts), then per test its verdict, message, expectations (timing, window [t0, t1], outcome, failure time and
 * actual value), log lines and one plot per traced signal. Failed tests and errors come first and are expanded
 * ({@code <details open>}); skipped tests are listed last.
 * <p>
 * A plot maps time t ∈ [tMin, tMax] (the test's sampled span) to x = left + (t − tMin)/(tMax − tMin)·width and value
 * v ∈ [vMin, vMax] (the values, padded by 5 % and widened to round numbers) to y = top + (vMax − v)/(vMax − vMin)·height; these numbers are on the
 * {@code svg} element as {@code data-*} attributes. The series is a {@code polyline} through every kept sample,
 * each expectation on that signal shades its window ({@code rect.window}), a failure is a {@code circle.failure}
 * at (failure time, actual value).
 */
public final class HtmlReportWriter {

    static final double WIDTH = 760, HEIGHT = 196, LEFT = 70, RIGHT = 18, TOP = 20, BOTTOM = 38;

    /** Writes {@code dir/index.html} atomically and returns its path. */
    public Path write(List<SuiteRun> suites, RunInfo info, Path dir) throws IOException {
        return writeFile(suites, info, dir.resolve("index.html"));
    }

    /** Writes the page to {@code file} atomically and returns it. */
    public Path writeFile(List<SuiteRun> suites, RunInfo info, Path file) throws IOException {
        AtomicFiles.write(file, render(suites, info).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** The page as text. */
    public String render(List<SuiteRun> suites, RunInfo info) {
        Markup m = new Markup();
        m.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n");
        m.raw("<meta charset=\"utf-8\"/>\n");
        m.open("title").text(title(suites)).close("title").raw("\n");
        m.raw("<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n");
        m.open("h1").text("Test report").close("h1").raw("\n");
        long[] total = new long[4];
        for (SuiteRun run : suites) {
            SuiteResult r = run.result();
            total[0] += r.count(TestResult.Verdict.PASSED);
            total[1] += r.count(TestResult.Verdict.FAILED);
            total[2] += r.count(TestResult.Verdict.ERROR);
            total[3] += r.skipped().size();
        }
        m.open("p", "class", total[1] + total[2] == 0 ? "overall passed" : "overall failed")
                .text(String.format(Locale.ROOT, "%d passed, %d failed, %d errors, %d skipped", total[0], total[1],
                        total[2], total[3]))
                .close("p").raw("\n");
        int suiteIndex = 0;
        for (SuiteRun run : suites) {
            suite(m, run, info, suiteIndex++);
        }
        m.raw("</body>\n</html>\n");
        return m.toString();
    }

    private static String title(List<SuiteRun> suites) {
        return suites.size() == 1 ? "Test report: " + suites.get(0).result().name() : "Test report";
    }

    private void suite(Markup m, SuiteRun run, RunInfo info, int suiteIndex) {
        SuiteResult r = run.result();
        m.open("section", "class", "suite").raw("\n");
        m.open("h2").text("Suite " + r.name()).close("h2").raw("\n");
        m.open("table", "class", "summary").raw("\n");
        row(m, "Suite", r.name());
        row(m, "Suite file", run.suiteFile() == null ? "" : run.suiteFile().toString());
        row(m, "Model", r.modelName());
        row(m, "Model file", String.valueOf(r.modelFile()));
        row(m, "Model SHA-256", r.modelSha256());
        row(m, "Tool version", info.toolVersion());
        row(m, "Seed", info.seed() == null ? "default" : Long.toString(info.seed()));
        row(m, "Started (UTC)", DateTimeFormatter.ISO_INSTANT.format(info.started()));
        row(m, "Wall time", String.format(Locale.ROOT, "%.3f s", r.durationSeconds()));
        row(m, "Tests", String.format(Locale.ROOT, "%d passed, %d failed, %d errors, %d skipped",
                r.count(TestResult.Verdict.PASSED), r.count(TestResult.Verdict.FAILED),
                r.count(TestResult.Verdict.ERROR), r.skipped().size()));
        m.close("table").raw("\n");
        List<TestResult> ordered = new ArrayList<>(r.tests());
        // failures and errors first, otherwise in suite order (the sort is stable)
        ordered.sort(Comparator.comparingInt(t -> t.verdict() == TestResult.Verdict.PASSED ? 1 : 0));
        int testIndex = 0;
        for (TestResult t : ordered) {
            test(m, t, "s" + suiteIndex + "t" + testIndex++);
        }
        if (!r.skipped().isEmpty()) {
            m.open("h3").text("Skipped by the tag filter").close("h3").raw("\n").open("ul", "class", "skipped");
            for (String name : r.skipped()) {
                m.open("li").text(name).close("li");
            }
            m.close("ul").raw("\n");
        }
        m.close("section").raw("\n");
    }

    private static void row(Markup m, String key, String value) {
        m.open("tr").open("th").text(key).close("th").open("td").text(value == null ? "" : value).close("td")
                .close("tr").raw("\n");
    }

    private void test(Markup m, TestResult t, String id) {
        String verdict = t.verdict().name().toLowerCase(Locale.ROOT);
        List<String> attrs = new ArrayList<>(List.of("class", "test " + verdict, "id", id));
        if (t.verdict() != TestResult.Verdict.PASSED) {
            attrs.addAll(List.of("open", "open"));
        }
        m.open("details", attrs.toArray(String[]::new)).raw("\n");
        m.open("summary").open("span", "class", "verdict " + verdict).text(t.verdict().name()).close("span")
                .text(" ").open("span", "class", "name").text(t.name()).close("span")
                .text(String.format(Locale.ROOT, " (%.3f s wall", t.durationSeconds())
                        + (t.trace() == null || Double.isNaN(t.trace().start()) ? ""
                                : ", simulated " + num(t.trace().start()) + " to " + num(t.trace().end()) + " s")
                        + (Double.isNaN(t.failureTime()) ? ")" : ", failed at t = " + num(t.failureTime()) + " s)"))
                .close("summary").raw("\n");
        if (t.message() != null) {
            m.open("pre", "class", "message").text(t.message()).close("pre").raw("\n");
        }
        TestTrace trace = t.trace();
        if (trace != null && !trace.assertions().isEmpty()) {
            m.open("table", "class", "assertions").raw("\n").open("tr");
            for (String h : List.of("Expectation", "Timing", "Window [s]", "Outcome", "Failed at [s]", "Actual")) {
                m.open("th").text(h).close("th");
            }
            m.close("tr").raw("\n");
            for (AssertionTrace a : trace.assertions()) {
                m.open("tr", "class", a.outcome().name().toLowerCase(Locale.ROOT));
                m.open("td").text(a.text()).close("td");
                m.open("td").text(a.timing().name().toLowerCase(Locale.ROOT)).close("td");
                m.open("td").text("[" + num(a.start()) + ", " + num(a.end()) + "]").close("td");
                m.open("td").text(a.outcome().name().toLowerCase(Locale.ROOT)).close("td");
                m.open("td").text(Double.isNaN(a.failureTime()) ? "" : num(a.failureTime())).close("td");
                m.open("td").text(Double.isNaN(a.actual()) ? "" : num(a.actual())).close("td");
                m.close("tr").raw("\n");
            }
            m.close("table").raw("\n");
        }
        if (!t.logs().isEmpty()) {
            m.open("pre", "class", "log").text(String.join("\n", t.logs())).close("pre").raw("\n");
        }
        if (trace != null) {
            // what the expectations read first, then the inputs the test drove
            for (SignalTrace.Role role : List.of(SignalTrace.Role.ASSERTED, SignalTrace.Role.ALERT,
                    SignalTrace.Role.INPUT)) {
                for (SignalTrace s : trace.signals()) {
                    if (s.role() == role) {
                        plot(m, trace, s);
                    }
                }
            }
        }
        m.close("details").raw("\n");
    }

    /** One signal as an SVG line plot with its expectations' windows and failure points. */
    private static void plot(Markup m, TestTrace trace, SignalTrace s) {
        double[] ts = s.times();
        double[] vs = s.values();
        List<AssertionTrace> on = trace.assertions().stream().filter(a -> a.port().equals(s.name())).toList();
        double tMin = trace.start();
        double tMax = trace.end();
        for (AssertionTrace a : on) {
            if (Double.isFinite(a.end())) {
                tMax = Math.max(tMax, a.end());
            }
        }
        if (!(tMax > tMin)) {
            tMax = tMin + 1;
        }
        double vMin = Double.POSITIVE_INFINITY;
        double vMax = Double.NEGATIVE_INFINITY;
        for (double v : vs) {
            if (Double.isFinite(v)) {
                vMin = Math.min(vMin, v);
                vMax = Math.max(vMax, v);
            }
        }
        for (AssertionTrace a : on) {
            for (double v : new double[] { a.actual(), a.expected() - a.tolerance(), a.expected() + a.tolerance() }) {
                if (Double.isFinite(v)) {
                    vMin = Math.min(vMin, v);
                    vMax = Math.max(vMax, v);
                }
            }
        }
        if (vMin > vMax) {
            vMin = 0;
            vMax = 1;
        }
        double pad = vMax > vMin ? 0.05 * (vMax - vMin) : Math.max(1e-9, 0.05 * Math.abs(vMax));
        vMin -= pad;
        vMax += pad;
        // the value axis ends on round numbers: ticks every 1, 2, 2.5 or 5 times a power of ten
        double vStep = niceStep((vMax - vMin) / TICKS);
        vMin = Math.floor(vMin / vStep) * vStep;
        vMax = Math.ceil(vMax / vStep) * vStep;
        double tStep = niceStep((tMax - tMin) / 5);
        Scale sc = new Scale(tMin, tMax, vMin, vMax);
        String label = s.name() + (s.unit().isEmpty() ? "" : " [" + s.unit() + "]");
        m.open("figure", "class", "plot").raw("\n");
        m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", num0(WIDTH), "height", num0(HEIGHT),
                "viewBox", "0 0 " + num0(WIDTH) + " " + num0(HEIGHT), "role", "img", "data-signal", s.name(),
                "data-unit", s.unit(), "data-t-min", Double.toString(tMin), "data-t-max", Double.toString(tMax),
                "data-v-min", Double.toString(vMin), "data-v-max", Double.toString(vMax), "data-left", num0(LEFT),
                "data-top", num0(TOP), "data-width", num0(plotWidth()), "data-height", num0(plotHeight()));
        m.open("title").text(label).close("title");
        for (AssertionTrace a : on) {
            double x0 = sc.x(a.start());
            double x1 = Double.isFinite(a.end()) ? sc.x(a.end()) : sc.x(tMax);
            boolean failed = a.outcome() == AssertionTrace.Outcome.FAILED;
            m.empty("rect", "class", "window " + a.outcome().name().toLowerCase(Locale.ROOT), "fill",
                    failed ? "#c62828" : "#1565c0", "fill-opacity", failed ? "0.1" : "0.08", "x", px(x0), "y",
                    px(TOP), "width", px(Math.max(1.5, x1 - x0)), "height", px(plotHeight()), "data-start",
                    Double.toString(a.start()), "data-end", Double.toString(a.end()));
        }
        m.empty("line", "class", "axis", "x1", px(LEFT), "y1", px(TOP + plotHeight()), "x2", px(LEFT + plotWidth()),
                "y2", px(TOP + plotHeight()));
        m.empty("line", "class", "axis", "x1", px(LEFT), "y1", px(TOP), "x2", px(LEFT), "y2",
                px(TOP + plotHeight()));
        long vTicks = Math.round((vMax - vMin) / vStep);
        for (long i = 0; i <= vTicks; i++) {
            double v = vMin + i * vStep;
            if (i > 0 && i < vTicks) {
                m.empty("line", "class", "grid", "stroke", "#e0e0e0", "x1", px(LEFT), "y1", px(sc.y(v)), "x2",
                        px(LEFT + plotWidth()), "y2", px(sc.y(v)));
            }
            m.open("text", "class", "tick", "x", px(LEFT - 4), "y", px(sc.y(v) + 4), "text-anchor", "end")
                    .text(tick(v, vMax - vMin)).close("text");
        }
        for (double t = Math.ceil(tMin / tStep - 1e-9) * tStep; t <= tMax + 1e-9 * tStep; t += tStep) {
            double x = sc.x(t);
            String anchor = x < LEFT + 12 ? "start" : x > LEFT + plotWidth() - 12 ? "end" : "middle";
            m.open("text", "class", "tick", "x", px(x), "y", px(TOP + plotHeight() + 14), "text-anchor", anchor)
                    .text(tick(t, tMax - tMin)).close("text");
        }
        m.open("text", "class", "axis-label", "x", px(LEFT + plotWidth()), "y", px(HEIGHT - 4), "text-anchor", "end")
                .text("t [s]").close("text");
        m.open("text", "class", "axis-label", "x", px(LEFT), "y", px(TOP - 6)).text(label).close("text");
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < ts.length; i++) {
            if (Double.isFinite(vs[i])) {
                if (!points.isEmpty()) {
                    points.append(' ');
                }
                points.append(px(sc.x(ts[i]))).append(',').append(px(sc.y(vs[i])));
            }
        }
        for (AssertionTrace a : on) {
            // the limit the expectation compares against, over its window (dashed; the tolerance band as two lines)
            double x0 = sc.x(a.start());
            double x1 = Double.isFinite(a.end()) ? sc.x(a.end()) : sc.x(tMax);
            double[] limits = a.tolerance() > 0 ? new double[] { a.expected() - a.tolerance(),
                    a.expected() + a.tolerance() } : new double[] { a.expected() };
            for (double v : limits) {
                if (Double.isFinite(v)) {
                    m.empty("line", "class", "limit", "x1", px(x0), "y1", px(sc.y(v)), "x2", px(Math.max(x1, x0 + 1.5)),
                            "y2", px(sc.y(v)), "data-value", Double.toString(v));
                }
            }
        }
        // fill="none" also where the page's style does not reach (an SVG copied out, image converters)
        m.empty("polyline", "class", "series " + s.role().name().toLowerCase(Locale.ROOT), "fill", "none",
                "stroke", s.role() == SignalTrace.Role.INPUT ? "#ef6c00" : "#1565c0", "points", points.toString());
        for (AssertionTrace a : on) {
            if (a.outcome() == AssertionTrace.Outcome.FAILED && Double.isFinite(a.actual())) {
                double x = sc.x(a.failureTime());
                double y = sc.y(a.actual());
                m.empty("line", "class", "failure-time", "x1", px(x), "y1", px(TOP), "x2", px(x), "y2",
                        px(TOP + plotHeight()));
                m.open("circle", "class", "failure", "cx", px(x), "cy", px(y), "r", "5", "data-time",
                        Double.toString(a.failureTime()), "data-value", Double.toString(a.actual()));
                m.open("title").text("failed at t = " + num(a.failureTime()) + " s: " + a.text() + ", actual "
                        + num(a.actual())).close("title").close("circle");
            }
        }
        m.close("svg").raw("\n");
        m.open("figcaption").text(label + (s.stride() > 1 ? " (every " + s.stride() + "th sample kept)" : ""))
                .close("figcaption").raw("\n");
        m.close("figure").raw("\n");
    }

    static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** The mapping of (time, value) to SVG coordinates (see the class comment). */
    record Scale(double tMin, double tMax, double vMin, double vMax) {
        double x(double t) {
            return LEFT + (t - tMin) / (tMax - tMin) * plotWidth();
        }

        double y(double v) {
            return TOP + (vMax - v) / (vMax - vMin) * plotHeight();
        }
    }

    static final int TICKS = 4;

    /** The round step (1, 2, 2.5 or 5 × 10^k) nearest above {@code raw}. */
    public static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** A tick label: as many significant digits as the axis span needs, no trailing zeros. */
    public static String tick(double v, double span) {
        if (v == 0 || Math.abs(v) < span * 1e-9) {
            return "0";
        }
        // digits down to a hundredth of a tick step
        int digits = (int) Math.max(1,
                Math.ceil(Math.log10(Math.abs(v))) - Math.floor(Math.log10(span / TICKS)) + 2);
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%." + Math.min(6, digits) + "e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(Math.min(10, digits)))
                .stripTrailingZeros().toPlainString();
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 1.5em; }
            .overall { font-weight: bold; } .overall.passed { color: #1a7f37; } .overall.failed { color: #c62828; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
            table.assertions th, table.assertions td { border-bottom: 1px solid #ddd; padding: 2px 8px; }
            tr.failed td { color: #c62828; }
            details.test { border: 1px solid #ccc; border-radius: 4px; margin: 0.5em 0; padding: 0.3em 0.8em; }
            details.test.failed, details.test.error { border-color: #c62828; }
            summary { cursor: pointer; }
            .verdict { font-weight: bold; padding: 0 4px; border-radius: 3px; color: #fff; }
            .verdict.passed { background: #1a7f37; } .verdict.failed { background: #c62828; }
            .verdict.error { background: #8e24aa; }
            pre { background: #f6f6f6; padding: 0.4em; white-space: pre-wrap; }
            pre.message { color: #c62828; }
            figure { margin: 0.5em 0; } figcaption { font-size: 0.85em; color: #555; }
            svg { background: #fff; border: 1px solid #eee; }
            .axis { stroke: #444; stroke-width: 1; } .grid { stroke: #eee; stroke-width: 1; }
            .limit { stroke: #777; stroke-dasharray: 6 4; stroke-width: 1; }
            .tick, .axis-label { font-size: 11px; fill: #444; }
            .series { fill: none; stroke: #1565c0; stroke-width: 1.5; }
            .series.input { stroke: #ef6c00; }
            rect.window { fill: #1565c0; fill-opacity: 0.08; } rect.window.failed { fill: #c62828; fill-opacity: 0.1; }
            .failure { fill: #c62828; stroke: #fff; stroke-width: 1; }
            .failure-time { stroke: #c62828; stroke-dasharray: 4 3; stroke-width: 1; }
            """;

    /** A small writer of well-formed markup: escapes text and attributes, drops characters XML cannot carry. */
    static final class Markup {
        private final StringBuilder out = new StringBuilder(1 << 14);

        Markup raw(String s) {
            out.append(s);
            return this;
        }

        Markup open(String tag, String... attributes) {
            out.append('<').append(tag);
            attributes(attributes);
            out.append('>');
            return this;
        }

        Markup empty(String tag, String... attributes) {
            out.append('<').append(tag);
            attributes(attributes);
            out.append("/>");
            return this;
        }

        Markup close(String tag) {
            out.append("</").append(tag).append('>');
            return this;
        }

        Markup text(String s) {
            escape(s, out);
            return this;
        }

        private void attributes(String[] attributes) {
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                out.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], out);
                out.append('"');
            }
        }

        static void escape(String s, StringBuilder out) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> {
                        boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                                || c >= 0xE000 && c <= 0xFFFD
                                || Character.isHighSurrogate(c) && i + 1 < s.length()
                                        && Character.isLowSurrogate(s.charAt(i + 1))
                                || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                        if (ok) {
                            out.append(c);
                        }
                    }
                }
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
