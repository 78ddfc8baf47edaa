package org.twinstudio.fmi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.Variable;
import org.twinstudio.fmi.VariableType;
import org.twinstudio.fmi.internal.ModelDescriptionParser;

/** Reading modelDescription.xml of FMI 2.0 and 3.0. */
class ModelDescriptionTest {

    private static ModelDescription parse(String xml) {
        return ModelDescriptionParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "m.xml");
    }

    private static String error(String xml) {
        return assertThrows(FmuException.class, () -> parse(xml)).getMessage();
    }

    @Test
    void readsAnFmi2Description() throws IOException {
        ModelDescription md = parse(TestFmus.modelDescription("lag"));
        assertEquals(FmiVersion.FMI2, md.fmiVersion());
        assertEquals("Lag", md.modelName());
        assertEquals("{8c4e810f-3df3-4a00-8276-176fa3c9f001}", md.instantiationToken());
        assertEquals(List.of(FmuKind.CO_SIMULATION, FmuKind.MODEL_EXCHANGE), md.kinds());
        assertEquals("lag", md.coSimulation().orElseThrow().modelIdentifier());
        assertTrue(md.coSimulation().orElseThrow().canHandleVariableCommunicationStepSize());
        assertFalse(md.coSimulation().orElseThrow().needsExecutionTool());
        assertTrue(md.modelExchange().orElseThrow().completedIntegratorStepNotNeeded());
        assertEquals(5.0, md.defaultExperiment().orElseThrow().stopTime());
        assertEquals(0.01, md.defaultExperiment().orElseThrow().stepSize());
        assertTrue(Double.isNaN(md.defaultExperiment().orElseThrow().tolerance()));
        assertEquals(2, md.units().size());
        assertEquals(-1, md.units().get(1).baseUnitExponents().get("s"));
        assertEquals("Time", md.typeDefinitions().get(0).name());
        assertEquals(5, md.variables().size());
        Variable tau = md.variable("tau").orElseThrow();
        assertEquals(5, tau.index());
        assertEquals(4, tau.valueReference());
        assertEquals("parameter", tau.causality());
        assertEquals("fixed", tau.variability());
        assertEquals("exact", tau.initial());
        assertEquals(VariableType.REAL, tau.type());
        assertEquals("s", tau.unit(), "unit from the declared type");
        assertEquals("1", tau.start());
        assertEquals(3, md.variable("der(x)").orElseThrow().derivativeOf());
        assertEquals("continuous", md.variable("u").orElseThrow().variability());
        assertEquals("local", md.variable("x").orElseThrow().causality());
        assertEquals(List.of("x"), md.states().stream().map(Variable::name).toList());
        ModelDescription.Unknown y = md.output(2).orElseThrow();
        assertFalse(y.dependsOn(1), "y depends on the state only");
        assertTrue(y.dependsOn(3));
        assertEquals(List.of(1, 3), md.modelStructure().derivatives().get(0).dependencies());
        assertEquals(2, md.modelStructure().initialUnknowns().size());
        assertEquals(0, md.numberOfEventIndicators());
    }

    @Test
    void readsTypesAndEnumerations() throws IOException {
        ModelDescription md = parse(TestFmus.modelDescription("feedthrough"));
        assertEquals(VariableType.INTEGER, md.variable("steps").orElseThrow().type());
        assertEquals(VariableType.BOOLEAN, md.variable("positive").orElseThrow().type());
        assertEquals(VariableType.STRING, md.variable("label").orElseThrow().type());
        assertEquals("gain", md.variable("label").orElseThrow().start());
        assertEquals(2L, md.typeDefinitions().get(0).items().get("on"));
        assertEquals(List.of(), md.output(4).orElseThrow().dependencies(), "empty dependencies: depends on nothing");
        assertNull(md.modelStructure().initialUnknowns().get(0).dependencies(), "absent: depends on everything");
        assertEquals(1, parse(TestFmus.modelDescription("bouncingball")).numberOfEventIndicators());
    }

    static final String FMI3 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <fmiModelDescription fmiVersion="3.0" modelName="Lag3" instantiationToken="{t3}">
              <ModelExchange modelIdentifier="lag3"/>
              <CoSimulation modelIdentifier="lag3" canHandleVariableCommunicationStepSize="true" canGetAndSetFMUState="true"/>
              <TypeDefinitions><Float64Type name="Time" unit="s"/></TypeDefinitions>
              <ModelVariables>
                <Float64 name="u" valueReference="10" causality="input" start="0"/>
                <Float64 name="y" valueReference="11" causality="output"/>
                <Float64 name="x" valueReference="12" initial="exact" start="0"/>
                <Float64 name="der(x)" valueReference="13" derivative="12"/>
                <Float64 name="tau" valueReference="14" causality="parameter" variability="fixed" declaredType="Time" start="1"/>
                <Int32 name="n" valueReference="15" causality="output"/>
                <String name="s" valueReference="16" causality="parameter" variability="fixed"><Start value="hello"/></String>
                <Float32 name="f" valueReference="17"/>
              </ModelVariables>
              <ModelStructure>
                <Output valueReference="11" dependencies="12"/>
                <Output valueReference="15"/>
                <ContinuousStateDerivative valueReference="13" dependencies="10 12"/>
                <EventIndicator valueReference="12"/>
              </ModelStructure>
            </fmiModelDescription>
            """;

    @Test
    void readsAnFmi3DescriptionTranslatingValueReferencesToIndices() {
        ModelDescription md = parse(FMI3);
        assertEquals(FmiVersion.FMI3, md.fmiVersion());
        assertEquals("{t3}", md.instantiationToken());
        assertTrue(md.coSimulation().orElseThrow().canGetAndSetFmuState());
        assertEquals(3, md.variable("der(x)").orElseThrow().derivativeOf(), "derivative='12' is variable 3 (x)");
        assertEquals(List.of("x"), md.states().stream().map(Variable::name).toList());
        assertEquals(List.of(1, 3), md.modelStructure().derivatives().get(0).dependencies());
        assertEquals(List.of(3), md.output(2).orElseThrow().dependencies());
        assertEquals("discrete", md.variable("n").orElseThrow().variability(), "non-float default variability");
        assertEquals(VariableType.INTEGER, md.variable("n").orElseThrow().type());
        assertEquals("hello", md.variable("s").orElseThrow().start());
        assertEquals(VariableType.OTHER, md.variable("f").orElseThrow().type());
        assertEquals("s", md.variable("tau").orElseThrow().unit());
        assertEquals(1, md.numberOfEventIndicators());
    }

    @Test
    void errorsNameTheLine() {
        String noRef = """
                <fmiModelDescription fmiVersion="2.0" modelName="M" guid="g">
                  <CoSimulation modelIdentifier="m"/>
                  <ModelVariables>
                    <ScalarVariable name="a" valueReference="0"><Real/></ScalarVariable>
                    <ScalarVariable name="b"><Real/></ScalarVariable>
                  </ModelVariables>
                </fmiModelDescription>
                """;
        assertEquals("m.xml line 5: <ScalarVariable> has no 'valueReference' attribute", error(noRef));
        assertEquals("m.xml line 1: fmiVersion '1.0' is not supported (supported: 2.0, 3.0)",
                error("<fmiModelDescription fmiVersion=\"1.0\" modelName=\"M\" guid=\"g\"/>"));
        assertEquals("m.xml line 1: <fmiModelDescription> has no 'guid' attribute",
                error("<fmiModelDescription fmiVersion=\"2.0\" modelName=\"M\"/>"));
        assertEquals("m.xml: declares neither <CoSimulation> nor <ModelExchange>",
                error("<fmiModelDescription fmiVersion=\"2.0\" modelName=\"M\" guid=\"g\"/>"));
        String badDerivative = noRef.replace("<ScalarVariable name=\"b\"><Real/>",
                "<ScalarVariable name=\"b\" valueReference=\"1\"><Real derivative=\"7\"/>");
        assertEquals("m.xml line 5: variable 'b' is the derivative of variable 7, but there are only 2",
                error(badDerivative));
        String duplicate = noRef.replace("<ScalarVariable name=\"b\">", "<ScalarVariable name=\"a\" valueReference=\"1\">");
        assertEquals("m.xml line 5: a second variable named 'a'", error(duplicate));
        String broken = "<fmiModelDescription fmiVersion=\"2.0\" modelName=\"M\" guid=\"g\">\n<CoSimulation\n</fmiModelDescription>";
        assertTrue(error(broken).startsWith("m.xml line 3: not well-formed XML"), error(broken));
        assertTrue(error("<other/>").contains("the root element must be <fmiModelDescription>, not <other>"));
    }

    @Test
    void refusesDocumentTypeDeclarations() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE fmiModelDescription [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <fmiModelDescription fmiVersion="2.0" modelName="&secret;" guid="g">
                  <CoSimulation modelIdentifier="m"/>
                </fmiModelDescription>
                """;
        String message = error(xxe);
        assertTrue(message.startsWith("m.xml line "), message);
        assertFalse(message.contains("root:"), "the entity is never resolved");
    }
}
