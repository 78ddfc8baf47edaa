package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twinstudio.testlang.formatting.TestLangFormatting;
import org.twinstudio.testlang.sequence.Suite;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The formatter gives the canonical layout of examples/heating-line/acceptance.twintest from a messy copy of it and
 * is idempotent; the serializer writes every statement kind so that it parses back into the same model.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class FormattingTest {

    static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();

    /** Every statement kind and option, in canonical layout. */
    static final String EVERY_KIND = """
            suite "All kinds" model "heating-line.twin"

            setup {
                set controller.setpoint = 60 degC
                set inletValve.open = false
            }

            teardown {
                clear fault sensorT.value
                log "done"
            }

            test "values" tags smoke, regression timeout 1 h {
                ramp controller.setpoint to 70 degC over 30 s
                wait 1.5 min
                expect tank.temperature == 60 degC ± 1.5 degC within 30 min
                expect tank.temperature != 0 degC ± 2 % for 10 s
                expect tank.level > -0.5 m always
                expect tank.temperature < 1000 K never
                expect heater.power >= 0.0025 kW
                expect inletValve.open == true
                expect tank.inflow <= 12 m3/h
            }

            test "faults and alerts" {
                inject fault sensorT.value stuck 45 degC at 100 s for 60 s
                inject fault sensorT.value offset 2 K after 30 s
                inject fault sensorT.value drift 0.1
                inject fault sensorT.value noise 0.5 K
                inject fault sensorL.value dropout 30 % for 500 ms
                inject fault heater fail
                clear fault heater
                expect alert overtemp raised within 5 min
                expect alert overtemp cleared for 30 s
                expect alert lowLevel never
                expect alert heatingRate raised always
                expect alert overtemp cleared
            }

            test "table" {
                set controller.setpoint = sp
                set inletValve.open = open
                wait pause
            } examples {
                | sp       | open  | pause |
                | 40 degC  | true  | 1 s   |
                | 323.15 K | false | 2 min |
            }
            """;

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private TestLangFormatting formatting;
    @Inject
    private ISerializer serializer;

    private XtextResource parse(String text) throws Exception {
        Suite suite = parser.parse(text, URI.createFileURI(EXAMPLE.resolve("format.twintest").toString()),
                resourceSets.get());
        assertTrue(suite.eResource().getErrors().isEmpty(), () -> suite.eResource().getErrors().toString());
        return (XtextResource) suite.eResource();
    }

    private String format(String text) throws Exception {
        return formatting.format(parse(text));
    }

    /** The example suite with its layout scrambled: other indentation, spacing, line breaks and blank lines. */
    static String scramble(String text) {
        int start = text.indexOf("suite ");
        return text.substring(0, start) + text.substring(start).replace("\n    ", "\n\t  ")
                .replace(" = ", "=")
                .replace(", ", " ,")
                .replace(".value", " . value")
                .replace("} examples {", "}\nexamples{")
                .replace("\n\ntest", "\n\n\n\ntest")
                .replace("|", " |  ")
                .replace(" degC", "   degC")
                .replace("{\n", "{ ")
                .replace("30 %", "30%");
    }

    @Test
    void formattingTheScrambledExampleGivesTheExample() throws Exception {
        String canonical = Files.readString(EXAMPLE.resolve("acceptance.twintest"));
        String messy = scramble(canonical);
        assertNotEquals(canonical, messy);
        assertEquals(canonical, format(messy));
    }

    @Test
    void formattingIsIdempotent() throws Exception {
        String canonical = Files.readString(EXAMPLE.resolve("acceptance.twintest"));
        assertEquals(canonical, format(canonical));
        assertEquals(EVERY_KIND, format(EVERY_KIND));
        assertEquals(EVERY_KIND, format(scramble(EVERY_KIND)));
    }

    @Test
    void oneBlankLineBetweenStatementsIsKeptAndCommentsStay() throws Exception {
        String text = """
                // the header comment
                suite "s" model "heating-line.twin"
                test "t" {
                  wait 1 s   // why we wait


                  wait 2 s
                  /* block */ wait 3 s
                }
                """;
        assertEquals("""
                // the header comment
                suite "s" model "heating-line.twin"

                test "t" {
                    wait 1 s // why we wait

                    wait 2 s
                    /* block */ wait 3 s
                }
                """, format(text));
    }

    @Test
    void commentsBetweenBlocksAndAfterBracesStayWithTheirCode() throws Exception {
        String text = """
                suite "s" model "heating-line.twin"
                setup { // before every test
                  wait 1 s
                }
                // the first test
                test "a" {
                  wait 1 s
                }
                /* the second test */
                test "b" { wait 2 s }
                """;
        assertEquals("""
                suite "s" model "heating-line.twin"

                setup { // before every test
                    wait 1 s
                }

                // the first test
                test "a" {
                    wait 1 s
                }

                /* the second test */
                test "b" {
                    wait 2 s
                }
                """, format(text));
    }

    @Test
    void aFileWithSyntaxErrorsIsNotFormatted() throws Exception {
        Suite suite = parser.parse("suite \"s\" model \"m.twin\"\ntest \"t\" {\n wait 1 s\n",
                URI.createFileURI(EXAMPLE.resolve("bad.twintest").toString()), resourceSets.get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> formatting.format((XtextResource) suite.eResource()));
        assertTrue(e.getMessage().startsWith("cannot format a file with syntax errors: 3:10: missing '}' at the end of the file"), e.getMessage());
    }

    /** A model without its text: serialized from scratch, the text parses back into an equal model. */
    @Test
    void serializeAndReparseKeepsEveryStatementKind() throws Exception {
        XtextResource original = parse(EVERY_KIND);
        Suite copy = EcoreUtil.copy((Suite) original.getContents().get(0));
        Resource fresh = resourceSets.get().createResource(
                URI.createFileURI(EXAMPLE.resolve("serialized.twintest").toString()));
        fresh.getContents().add(copy);
        String text = serializer.serialize(copy);
        XtextResource reparsed = parse(text);
        assertEquals(dump(original.getContents().get(0)), dump(reparsed.getContents().get(0)), text);
        // and formatted, it is the canonical text
        assertEquals(EVERY_KIND, formatting.format(reparsed));
    }

    /** The example file serialized through its node model round-trips as well. */
    @Test
    void exampleSerializesAndReparses() throws Exception {
        String canonical = Files.readString(EXAMPLE.resolve("acceptance.twintest"));
        XtextResource original = parse(canonical);
        String text = serializer.serialize(original.getContents().get(0));
        assertEquals(dump(original.getContents().get(0)), dump(parse(text).getContents().get(0)));
    }

    /** The model as text: attributes, containments in order, cross-references by name. */
    static String dump(EObject o) {
        StringBuilder out = new StringBuilder(o.eClass().getName()).append('{');
        TreeMap<String, String> features = new TreeMap<>();
        for (EStructuralFeature f : o.eClass().getEAllStructuralFeatures()) {
            Object v = o.eGet(f);
            if (f instanceof EAttribute) {
                features.put(f.getName(), String.valueOf(v));
            } else if (f instanceof EReference r && r.isContainment()) {
                if (v instanceof java.util.List<?> list) {
                    StringBuilder items = new StringBuilder("[");
                    for (Object item : list) {
                        items.append(dump((EObject) item)).append(',');
                    }
                    features.put(f.getName(), items.append(']').toString());
                } else {
                    features.put(f.getName(), v == null ? "null" : dump((EObject) v));
                }
            } else if (v instanceof EObject target) {
                EStructuralFeature name = target.eClass().getEStructuralFeature("name");
                features.put(f.getName(), "->" + (name == null ? target.eClass().getName() : target.eGet(name)));
            }
        }
        return out.append(features).append('}').toString();
    }
}
