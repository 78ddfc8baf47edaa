package org.twinstudio.testlang.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes suite results as JUnit XML ({@code testsuites/testsuite/testcase} with {@code failure}, {@code error} and
 * {@code system-out}; properties model name, model file SHA-256 and tool version; tests the tag filter left out as
 * {@code skipped}), in the shape CI servers read (checked against {@code junit-report.xsd} in the tests). Characters
 * XML 1.0 cannot carry (control characters other than tab and line breaks, lone surrogates) are dropped. The file is
 * written to a temporary file next to the target and moved over it, so readers never see half a report.
 */
public final class JUnitXmlWriter {

    private final String toolVersion;

    public JUnitXmlWriter(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public Document toDocument(List<SuiteResult> suites) throws ParserConfigurationException {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        Element root = doc.createElement("testsuites");
        doc.appendChild(root);
        long tests = 0, failures = 0, errors = 0, skipped = 0;
        double time = 0;
        for (SuiteResult suite : suites) {
            Element s = doc.createElement("testsuite");
            root.appendChild(s);
            s.setAttribute("name", xml(suite.name()));
            s.setAttribute("tests", Integer.toString(suite.tests().size() + suite.skipped().size()));
            s.setAttribute("failures", Long.toString(suite.count(TestResult.Verdict.FAILED)));
            s.setAttribute("errors", Long.toString(suite.count(TestResult.Verdict.ERROR)));
            s.setAttribute("skipped", Integer.toString(suite.skipped().size()));
            s.setAttribute("time", seconds(suite.durationSeconds()));
            Element props = doc.createElement("properties");
            s.appendChild(props);
            property(doc, props, "model.name", suite.modelName());
            property(doc, props, "model.file", String.valueOf(suite.modelFile()));
            property(doc, props, "model.sha256", suite.modelSha256());
            property(doc, props, "tool.version", toolVersion);
            for (TestResult t : suite.tests()) {
                Element c = doc.createElement("testcase");
                s.appendChild(c);
                c.setAttribute("name", xml(t.name()));
                c.setAttribute("classname", xml(suite.name()));
                c.setAttribute("time", seconds(t.durationSeconds()));
                if (t.verdict() != TestResult.Verdict.PASSED) {
                    Element f = doc.createElement(t.verdict() == TestResult.Verdict.FAILED ? "failure" : "error");
                    f.setAttribute("message", t.message() == null ? "" : xml(t.message()));
                    f.setAttribute("type", t.verdict() == TestResult.Verdict.FAILED ? "expectation" : "error");
                    if (!Double.isNaN(t.failureTime())) {
                        f.setTextContent("simulated time " + seconds(t.failureTime()) + " s");
                    }
                    c.appendChild(f);
                }
                if (!t.logs().isEmpty()) {
                    Element out = doc.createElement("system-out");
                    out.setTextContent(xml(String.join("\n", t.logs()) + "\n"));
                    c.appendChild(out);
                }
            }
            for (String name : suite.skipped()) {
                Element c = doc.createElement("testcase");
                s.appendChild(c);
                c.setAttribute("name", xml(name));
                c.setAttribute("classname", xml(suite.name()));
                c.setAttribute("time", seconds(0));
                Element skip = doc.createElement("skipped");
                skip.setAttribute("message", "not selected by the tag filter");
                c.appendChild(skip);
            }
            tests += suite.tests().size() + suite.skipped().size();
            skipped += suite.skipped().size();
            failures += suite.count(TestResult.Verdict.FAILED);
            errors += suite.count(TestResult.Verdict.ERROR);
            time += suite.durationSeconds();
        }
        root.setAttribute("tests", Long.toString(tests));
        root.setAttribute("failures", Long.toString(failures));
        root.setAttribute("errors", Long.toString(errors));
        root.setAttribute("skipped", Long.toString(skipped));
        root.setAttribute("time", seconds(time));
        return doc;
    }

    /** Writes the report atomically (temporary file in the same directory, then a move). */
    public void write(List<SuiteResult> suites, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Document doc = toDocument(suites);
            Transformer tf = TransformerFactory.newInstance().newTransformer();
            tf.setOutputProperty(OutputKeys.INDENT, "yes");
            tf.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                tf.transform(new DOMSource(doc), new StreamResult(out));
            }
            org.twinstudio.testlang.report.AtomicFiles.readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void property(Document doc, Element props, String name, String value) {
        Element p = doc.createElement("property");
        p.setAttribute("name", name);
        p.setAttribute("value", value == null ? "" : xml(value));
        props.appendChild(p);
    }

    /** The text without the characters XML 1.0 cannot carry. */
    static String xml(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                    || Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
