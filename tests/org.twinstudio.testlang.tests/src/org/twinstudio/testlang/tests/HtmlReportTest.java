package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.report.HtmlReportWriter;
import org.twinstudio.testlang.report.RunInfo;
import org.twinstudio.testlang.report.SuiteRun;
import org.twinstudio.testlang.runner.SignalTrace;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.runner.TestResult;
import org.twinstudio.testlang.sequence.Suite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The HTML report parsed back as XML: structure, summary, the plots against the traces they draw (polyline points
 * mapped back to time and value), the failure marker at the failure time, and escaping of hostile names.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class HtmlReportTest {

    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String SVG = "http://www.w3.org/2000/svg";

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @TempDir
    Path dir;

    private SuiteResult run(String tests, String tags) throws Exception {
        Suite suite = SuiteFixture.parse(parser, resourceSets.get(), dir, "plant.twin", SuiteRunnerTest.MODEL,
                "suite \"report <&> suite\" model \"plant.twin\"\n" + tests);
        return new SuiteRunner(SimulationTarget::new, tags == null ? java.util.Set.of() : java.util.Set.of(tags))
                .run(suite);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(Node root, String ns, String name) {
        NodeList list = root instanceof Document d ? d.getElementsByTagNameNS(ns, name)
                : ((Element) root).getElementsByTagNameNS(ns, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static Element byClass(List<Element> elements, String cls) {
        return elements.stream().filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cls)).findFirst()
                .orElse(null);
    }

    @Test
    void aSelfContainedPageWithFailuresFirstAndPlotsThatMatchTheTraces() throws Exception {
        SuiteResult r = run("""
                test "passes" tags a { ramp amp.u to 4 over 2 s expect amp.y <= 8 always wait 3 s }
                test "fails" tags a { log "about to fail" expect clock.y < 2.2 always wait 5 s }
                test "left out" tags b { wait 1 s }
                """, "a");
        Path out = dir.resolve("report");
        Path page = new HtmlReportWriter().write(List.of(new SuiteRun(r, dir.resolve("s.twintest"))),
                new RunInfo(Instant.parse("2026-11-25T10:00:00Z"), "9.9.9", 42L), out);
        assertEquals(out.resolve("index.html"), page);
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "one file, no temporary left");
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(page)), "readable like any file the user writes");
        String text = Files.readString(page);
        assertFalse(text.contains("http://") && text.replace("http://www.w3.org/", "").contains("http://"),
                "no external reference");
        assertFalse(text.contains("<script"), "no script");
        assertFalse(text.contains("<link"), "no stylesheet link");
        Document doc = parse(page);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        assertEquals(XHTML, doc.getDocumentElement().getNamespaceURI());

        String summary = elements(doc, XHTML, "table").get(0).getTextContent();
        for (String expected : List.of("report <&> suite", "runner_plant", r.modelSha256(), "9.9.9", "42",
                "2026-11-25T10:00:00Z", "1 passed, 1 failed, 0 errors, 1 skipped")) {
            assertTrue(summary.contains(expected), expected + " in " + summary);
        }

        List<Element> tests = elements(doc, XHTML, "details");
        assertEquals(2, tests.size());
        assertEquals("test failed", tests.get(0).getAttribute("class"), "the failed test comes first");
        assertEquals("open", tests.get(0).getAttribute("open"));
        assertEquals("", tests.get(1).getAttribute("open"), "a passed test is collapsed");
        assertTrue(tests.get(0).getTextContent().contains("about to fail"));
        assertTrue(elements(tests.get(0), XHTML, "pre").get(0).getTextContent()
                .startsWith("expected clock.y < 2.20000 always, actual 2.50000"));
        assertTrue(elements(doc, XHTML, "ul").get(0).getTextContent().contains("left out"));

        // the failed test: one plot (clock.y) with its window shaded and the failure marked at t = 2.5
        TestResult failed = r.tests().get(1);
        List<Element> svgs = elements(tests.get(0), SVG, "svg");
        assertEquals(1, svgs.size());
        Element svg = svgs.get(0);
        assertEquals("clock.y", svg.getAttribute("data-signal"));
        checkPolyline(svg, failed.trace().signal("clock.y"));
        Element marker = byClass(elements(svg, SVG, "circle"), "failure");
        assertNotNull(marker);
        assertEquals(2.5, Double.parseDouble(marker.getAttribute("data-time")), 0);
        assertEquals(2.5, time(svg, Double.parseDouble(marker.getAttribute("cx"))), 0.01);
        assertEquals(2.5, value(svg, Double.parseDouble(marker.getAttribute("cy"))), 0.01);
        Element window = byClass(elements(svg, SVG, "rect"), "window");
        assertEquals(0, time(svg, Double.parseDouble(window.getAttribute("x"))), 0.01);
        assertEquals(2.5, time(svg, Double.parseDouble(window.getAttribute("x"))
                + Double.parseDouble(window.getAttribute("width"))), 0.01);

        // the passed test: the ramped input and the asserted output, each with its unit axis label
        List<Element> passedPlots = elements(tests.get(1), SVG, "svg");
        assertEquals(List.of("amp.y", "amp.u"), passedPlots.stream().map(e -> e.getAttribute("data-signal")).toList(),
                "asserted signals first, then inputs");
        TestResult passed = r.tests().get(0);
        assertEquals(SignalTrace.Role.INPUT, passed.trace().signal("amp.u").role());
        for (Element plot : passedPlots) {
            checkPolyline(plot, passed.trace().signal(plot.getAttribute("data-signal")));
            assertTrue(plot.getTextContent().contains("t [s]"));
        }
        assertEquals("polyline", byClass(elements(passedPlots.get(1), SVG, "polyline"), "input").getLocalName());
        // the limit of "amp.y <= 8 always" is drawn at 8
        Element limit = byClass(elements(passedPlots.get(0), SVG, "line"), "limit");
        assertEquals(8, value(passedPlots.get(0), Double.parseDouble(limit.getAttribute("y1"))), 0.01);
    }

    @Test
    void unitsAreOnTheAxis() throws Exception {
        SuiteResult r = run("test \"kelvin\" { set thermo.u = 20 degC expect thermo.y > 0 K always wait 1 s }", null);
        String html = new HtmlReportWriter().render(List.of(new SuiteRun(r, null)),
                new RunInfo(Instant.EPOCH, "1", null));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertTrue(doc.getDocumentElement().getTextContent().contains("thermo.y [K]"));
        assertTrue(doc.getDocumentElement().getTextContent().contains("default"), "no seed given");
    }

    @Test
    void hostileNamesAndMessagesAreEscaped() throws Exception {
        SuiteResult r = run("""
                test "<script>alert(1)</script>" { log "</pre><img src=x onerror=alert(2)> & \u0001" expect clock.y > 1 }
                """, null);
        Path page = new HtmlReportWriter().write(List.of(new SuiteRun(r, dir.resolve("s.twintest"))),
                new RunInfo(Instant.EPOCH, "\"><b>v", null), dir.resolve("out"));
        String text = Files.readString(page);
        assertFalse(text.contains("<script"), text);
        assertFalse(text.contains("<img"), text);
        assertFalse(text.contains("\"><b>"), text);
        assertTrue(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Document doc = parse(page);
        assertEquals(0, elements(doc, XHTML, "script").size());
        assertEquals(0, elements(doc, XHTML, "img").size());
        assertEquals(0, elements(doc, XHTML, "b").size());
        String summary = elements(doc, XHTML, "summary").get(0).getTextContent();
        assertTrue(summary.contains("<script>alert(1)</script>"), summary);
        assertTrue(doc.getDocumentElement().getTextContent().contains("</pre><img src=x onerror=alert(2)> & "));
    }

    /**
     * The example suite plus a failing test, as a report in {@code target/example-report/index.html} to look at; the
     * page parses and has a plot per signal of every test.
     */
    @Test
    void exampleSuiteReport() throws Exception {
        Path suiteFile = SuiteRunnerTest.EXAMPLE.resolve("acceptance.twintest");
        String text = Files.readString(suiteFile) + """
                test "overheats under a drifting sensor" tags faults {
                    inject fault sensorT.value drift -0.05 K at 60 s
                    expect tank.temperature < 62 degC always
                    wait 40 min
                }
                """;
        Suite suite = parser.parse(text, URI.createFileURI(SuiteRunnerTest.EXAMPLE.resolve("report-example.twintest")
                .toString()), resourceSets.get());
        assertTrue(suite.eResource().getErrors().isEmpty(), () -> suite.eResource().getErrors().toString());
        SuiteResult r = new SuiteRunner().run(suite);
        assertEquals(TestResult.Verdict.FAILED, r.tests().get(r.tests().size() - 1).verdict());
        Path page = new HtmlReportWriter().write(List.of(new SuiteRun(r, suiteFile)),
                new RunInfo(Instant.now(), "example", null), Path.of("target/example-report"));
        Document doc = parse(page);
        int plots = 0;
        for (TestResult t : r.tests()) {
            plots += t.trace().signals().size();
            for (SignalTrace sig : t.trace().signals()) {
                // up to 2 simulated hours at 0.1 s steps: thinned to the default capacity (+ the last sample)
                assertTrue(sig.times().length <= SignalTrace.DEFAULT_CAPACITY + 1, sig.name() + " " + sig.times().length);
            }
        }
        SignalTrace longest = r.tests().get(1).trace().signal("tank.temperature");
        assertTrue(longest.stride() > 1, "the setpoint step test runs long enough to be thinned");
        assertEquals(plots, elements(doc, SVG, "svg").size());
    }

    @Test
    void axesEndOnRoundNumbers() {
        assertEquals(2000, HtmlReportWriter.niceStep(1250));
        assertEquals(0.5, HtmlReportWriter.niceStep(0.3), 1e-15);
        assertEquals(10, HtmlReportWriter.niceStep(7));
        assertEquals(2.5, HtmlReportWriter.niceStep(2.5));
        assertEquals(1, HtmlReportWriter.niceStep(1));
        assertEquals(1, HtmlReportWriter.niceStep(0));
    }

    @Test
    void tickLabelsAreShort() {
        assertEquals("793", HtmlReportWriter.tick(793.3, 1586.6));
        assertEquals("1587", HtmlReportWriter.tick(1586.6, 1586.6));
        assertEquals("58.5", HtmlReportWriter.tick(58.5, 6));
        assertEquals("60", HtmlReportWriter.tick(60, 6));
        assertEquals("0.95", HtmlReportWriter.tick(0.95, 0.1));
        assertEquals("0", HtmlReportWriter.tick(1e-17, 2));
    }

    /** Every polyline vertex maps back to the trace's (time, value), to within the 0.01 px rounding. */
    private static void checkPolyline(Element svg, SignalTrace trace) {
        Element line = elements(svg, SVG, "polyline").get(0);
        String[] points = line.getAttribute("points").split(" ");
        double[] t = trace.times();
        double[] v = trace.values();
        assertEquals(t.length, points.length);
        double tPerPx = (Double.parseDouble(svg.getAttribute("data-t-max"))
                - Double.parseDouble(svg.getAttribute("data-t-min"))) / Double.parseDouble(svg.getAttribute("data-width"));
        double vPerPx = (Double.parseDouble(svg.getAttribute("data-v-max"))
                - Double.parseDouble(svg.getAttribute("data-v-min"))) / Double.parseDouble(svg.getAttribute("data-height"));
        for (int i = 0; i < points.length; i++) {
            String[] xy = points[i].split(",");
            assertEquals(t[i], time(svg, Double.parseDouble(xy[0])), 0.006 * tPerPx, "time of point " + i);
            assertEquals(v[i], value(svg, Double.parseDouble(xy[1])), 0.006 * vPerPx, "value of point " + i);
        }
    }

    private static double time(Element svg, double x) {
        double tMin = Double.parseDouble(svg.getAttribute("data-t-min"));
        double tMax = Double.parseDouble(svg.getAttribute("data-t-max"));
        double left = Double.parseDouble(svg.getAttribute("data-left"));
        double width = Double.parseDouble(svg.getAttribute("data-width"));
        return tMin + (x - left) / width * (tMax - tMin);
    }

    private static double value(Element svg, double y) {
        double vMin = Double.parseDouble(svg.getAttribute("data-v-min"));
        double vMax = Double.parseDouble(svg.getAttribute("data-v-max"));
        double top = Double.parseDouble(svg.getAttribute("data-top"));
        double height = Double.parseDouble(svg.getAttribute("data-height"));
        return vMax - (y - top) / height * (vMax - vMin);
    }
}
