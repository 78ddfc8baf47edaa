package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.testlang.runner.JUnitXmlWriter;
import org.twinstudio.testlang.runner.SimulationTarget;
import org.twinstudio.testlang.runner.SuiteResult;
import org.twinstudio.testlang.runner.SuiteRunner;
import org.twinstudio.testlang.sequence.Suite;
import org.xml.sax.SAXException;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The JUnit report against the JUnit XML schema CI servers read ({@code schema/junit-report.xsd}, see its header for
 * where it comes from), with {@code javax.xml.validation}: passing, failing, erroring and skipped tests, hostile
 * characters; and the schema rejects what those readers reject, so the check can fail.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class JUnitSchemaTest {

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;

    @TempDir
    Path dir;

    private static Schema schema() throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return f.newSchema(Path.of("schema/junit-report.xsd").toFile());
    }

    private static void validate(String xml) throws Exception {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void everyKindOfOutcomeValidates() throws Exception {
        Files.writeString(dir.resolve("plant.twin"), SuiteRunnerTest.MODEL);
        Suite suite = parser.parse("""
                suite "schema \u0007 <&\\"'>" model "plant.twin"
                test "pass" tags run { log "hello <&> ]]> \u0002 \u00e9 \ud83d\ude00" wait 1 s }
                test "fail \u0001" tags run { expect clock.y > 1 }
                test "error" tags run { set clock.y = 1 }
                test "skipped by tag" tags other { wait 1 s }
                """, URI.createFileURI(dir.resolve("s.twintest").toString()), resourceSets.get());
        assertTrue(suite.eResource().getErrors().isEmpty(), () -> suite.eResource().getErrors().toString());
        SuiteResult r = new SuiteRunner(SimulationTarget::new, Set.of("run")).run(suite);
        assertEquals(List.of("skipped by tag"), r.skipped());
        Path out = dir.resolve("junit.xml");
        new JUnitXmlWriter("0.1.0").write(List.of(r, r), out);
        String xml = Files.readString(out);
        validate(xml);
        assertTrue(xml.contains("<skipped"), xml);
        assertTrue(xml.contains("skipped=\"1\""), xml);
        assertTrue(xml.contains("tests=\"4\""), xml);
        String out0 = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile())
                .getElementsByTagName("system-out").item(0).getTextContent();
        assertEquals("[t = 0.00000 s] hello <&> ]]>  \u00e9 \ud83d\ude00\n", out0,
                "control characters dropped, characters outside the BMP kept");
    }

    @Test
    void theSchemaRejectsWhatCiServersReject() throws Exception {
        validate("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"t\" time=\"0.1\"/></testsuite></testsuites>");
        // a test case without a name, a negative time, two outcomes, properties after the test cases
        for (String bad : List.of(
                "<testsuite name=\"s\" tests=\"1\"><testcase time=\"1\"/></testsuite>",
                "<testsuite name=\"s\" tests=\"1\"><testcase name=\"t\" time=\"-1\"/></testsuite>",
                "<testsuite name=\"s\" tests=\"1\"><testcase name=\"t\"><failure/><error/></testcase></testsuite>",
                "<testsuite name=\"s\" tests=\"1\"><testcase name=\"t\"/><properties/></testsuite>",
                "<testsuite tests=\"1\"/>")) {
            assertThrows(SAXException.class, () -> validate(bad), bad);
        }
    }
}
