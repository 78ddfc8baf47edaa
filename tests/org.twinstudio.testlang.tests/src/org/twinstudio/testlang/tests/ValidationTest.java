package org.twinstudio.testlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twinstudio.model.Component;
import org.twinstudio.model.Port;
import org.twinstudio.model.PortDirection;
import org.twinstudio.testlang.sequence.InjectFaultStatement;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.SetStatement;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.validation.TestLangValidator;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Validation of suites against examples/heating-line/heating-line.twin: each rule fires on bad input (with its
 * message, line and column) and stays silent on good input.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(TestLangInjectorProvider.class)
class ValidationTest {

    static final Path EXAMPLE = Path.of("../../examples/heating-line").toAbsolutePath().normalize();

    @Inject
    private ParseHelper<Suite> parser;
    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private IResourceValidator validator;
    @Inject
    private IScopeProvider scopes;

    /** Issues of a suite file placed next to the example model. */
    private List<Issue> validate(String text) throws Exception {
        Suite suite = parser.parse(text, URI.createFileURI(EXAMPLE.resolve("check.twintest").toString()),
                resourceSets.get());
        return validator.validate(suite.eResource(), CheckMode.ALL, CancelIndicator.NullImpl);
    }

    /** Issues of a single-statement test against heating-line.twin. */
    private List<Issue> validateStatement(String statement) throws Exception {
        return validate("suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n    " + statement + "\n}\n");
    }

    private static String describe(List<Issue> issues) {
        return issues.stream().map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getCode() + " "
                + i.getMessage()).collect(Collectors.joining("\n"));
    }

    private static void assertSingleError(List<Issue> issues, String code, String message, int line, int column) {
        List<Issue> errors = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
        assertEquals(1, errors.size(), () -> describe(issues));
        Issue error = errors.get(0);
        assertEquals(code, error.getCode(), () -> describe(issues));
        assertEquals(message, error.getMessage());
        assertEquals(line, error.getLineNumber(), () -> describe(issues));
        assertEquals(column, error.getColumn(), () -> describe(issues));
    }

    @Test
    void exampleSuiteOnDiskValidatesClean() {
        XtextResourceSet set = resourceSets.get();
        Resource resource = set.getResource(URI.createFileURI(EXAMPLE.resolve("acceptance.twintest").toString()),
                true);
        assertTrue(resource.getErrors().isEmpty(), () -> resource.getErrors().toString());
        Suite suite = (Suite) resource.getContents().get(0);
        assertEquals(5, suite.getTests().size());
        List<Issue> issues = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
        assertTrue(issues.isEmpty(), () -> describe(issues));
        assertTrue(resource instanceof XtextResource);
    }

    /** Statements that are right for heating-line.twin: none of the rules may fire. */
    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "set controller.setpoint = 333.15 K",
            "set inletValve.open = true",
            "set heater.command = 50 %",
            "set tank.inflow = 12 m3/h",
            "ramp controller.setpoint to 80 degC over 2 min",
            "wait 0 s",
            "expect tank.level >= 0.5 m within 300 s",
            "expect tank.temperature == 60 degC ± 2 % for 60 s",
            "expect heater.power != 0 W ± 10 W always",
            "expect controller.output > 100 % never",
            "expect inletValve.open == false",
            "inject fault sensorT.value stuck 45 degC at 100 s for 60 s",
            "inject fault sensorT.value offset 2 K",
            "inject fault heater fail",
            "inject fault sensorL.value dropout 0.5",
            "clear fault sensorT",
            "log \"x\"",
    })
    void goodStatementsGiveNoIssue(String statement) throws Exception {
        List<Issue> issues = validateStatement(statement);
        assertTrue(issues.isEmpty(), () -> statement + "\n" + describe(issues));
    }

    // Line 3 is the statement; it starts at column 5.
    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "set tnak.inflow = 1 # testlang.component.unknown # unknown component 'tnak' in the model 'heating_line' (did you mean 'tank'?) # 9",
            "set pump.speed = 1 # testlang.component.unknown # unknown component 'pump' in the model 'heating_line' # 9",
            "expect tank.temprature > 1 # testlang.port.unknown # component 'tank' has no port 'temprature' (did you mean 'temperature'?) # 17",
            "set sensorT.^offset = 1 # testlang.port.unknown # 'sensorT.offset' is a parameter, not a port # 17",
            "set tank.area = 1 # testlang.port.unknown # 'tank.area' is a parameter, not a port # 14",
            "set heater = 1 # testlang.port.needed # 'heater' is a component; name one of its ports: heater.<command|power> # 9",
            "set tank.temperature = 20 degC # testlang.port.output # 'tank.temperature' is an output port; set writes input ports only # 14",
            "ramp heater.power to 5 W over 1 s # testlang.port.output # 'heater.power' is an output port; ramp writes input ports only # 17",
            "set controller.setpoint = 3 bar # testlang.unit.mismatch # unit 'bar' does not fit the port 'controller.setpoint' [degC] # 33",
            "expect tank.level == 1 m ± 2 s # testlang.unit.mismatch # unit 's' does not fit the port 'tank.level' [m] # 34",
            "set tank.inflow = 1 furlongs # testlang.unit.unknown # unknown unit 'furlongs' # 25",
            "set inletValve.open = 1 # testlang.value.type # 'inletValve.open' is a boolean port; expected true or false # 27",
            "set heater.command = true # testlang.value.type # 'heater.command' is a real port; expected a number # 26",
            "expect inletValve.open >= true # testlang.value.type # 'inletValve.open' is a boolean port; compare it with == or != # 28",
            "expect controller.enable == true ± 1 # testlang.tolerance # a tolerance does not apply to the boolean port 'controller.enable' # 40",
            "wait -5 s # testlang.duration # negative wait -5 s # 10",
            "wait 5 # testlang.duration # wait needs a time unit (ms, s, min, h) # 10",
            "wait 5 m # testlang.duration # wait needs a time unit (ms, s, min, h), not 'm' # 12",
            "expect tank.level > 1 m within -3 s # testlang.duration # negative within -3 s # 36",
            "ramp controller.setpoint to 70 degC over -30 s # testlang.duration # negative ramp duration -30 s # 46",
            "expect tank.level == 1 m ± -0.1 m # testlang.tolerance # negative tolerance -0.1 m # 32",
            "expect tank.level < 1 m ± 0.1 m # testlang.tolerance # a tolerance applies only to == and != # 31",
            "inject fault sensorT.value fail # testlang.fault # 'fail' stops a whole component: write 'inject fault sensorT fail' (use stuck or dropout on a port) # 18",
            "inject fault sensorT.value stuck # testlang.fault # 'stuck' needs a value, e.g. 'inject fault sensorT.value stuck 5' # 32",
            "inject fault sensorT.value offset 2 bar # testlang.unit.mismatch # unit 'bar' does not fit the port 'sensorT.value' [degC] # 41",
            "inject fault sensorL.value dropout 150 % # testlang.fault # a dropout's value is its probability per step: 0..1 or 0..100 % # 40",
            "inject fault sensorT.value stuck 45 degC at -1 s # testlang.duration # negative fault start ('at') -1 s # 49",
    })
    void badStatementGivesOneLocatedError(String statement, String code, String message, int column)
            throws Exception {
        assertSingleError(validateStatement(statement), code, message, 3, column);
    }

    /** component.port are cross-references: they resolve to the model's own Component and Port objects. */
    @Test
    void referencesResolveToTheModelsComponentsAndPorts() throws Exception {
        Suite suite = parser.parse("suite \"s\" model \"heating-line.twin\"\ntest \"t\" {\n"
                + "    set controller.setpoint = 60 degC\n    inject fault heater fail\n}\n",
                URI.createFileURI(EXAMPLE.resolve("check.twintest").toString()), resourceSets.get());
        PortRef set = ((SetStatement) suite.getTests().get(0).getStatements().get(0)).getPort();
        Component controller = set.getComponent();
        assertEquals("controller", controller.getName());
        assertEquals("pid", controller.getType());
        Port setpoint = set.getPort();
        assertEquals("setpoint", setpoint.getName());
        assertEquals("degC", setpoint.getUnit());
        assertEquals(PortDirection.IN, setpoint.getDirection());
        assertSame(controller, setpoint.getComponent());
        PortRef fail = ((InjectFaultStatement) suite.getTests().get(0).getStatements().get(1)).getTarget();
        assertEquals("heater", fail.getComponent().getName());
        assertNull(fail.getPort());
        assertTrue(suite.eResource().getErrors().isEmpty(), () -> suite.eResource().getErrors().toString());
    }

    /** What content assist offers after "tank.": the tank's ports in model order; after "set ": every component. */
    @Test
    void scopesOfferTheModelsNames() throws Exception {
        Suite suite = parser.parse("suite \"s\" model \"heating-line.twin\"\ntest \"t\" { set tank.level = 1 }\n",
                URI.createFileURI(EXAMPLE.resolve("check.twintest").toString()), resourceSets.get());
        PortRef ref = ((SetStatement) suite.getTests().get(0).getStatements().get(0)).getPort();
        List<String> ports = new ArrayList<>();
        scopes.getScope(ref, SequencePackage.Literals.PORT_REF__PORT).getAllElements()
                .forEach(e -> ports.add(e.getName().toString()));
        assertEquals(List.of("heatInput", "inflow", "inflowTemperature", "outflow", "temperature", "level"), ports);
        List<String> components = new ArrayList<>();
        scopes.getScope(ref, SequencePackage.Literals.PORT_REF__COMPONENT).getAllElements()
                .forEach(e -> components.add(e.getName().toString()));
        assertEquals(List.of("inletValve", "tank", "heater", "sensorT", "sensorL", "controller"), components);
    }

    @Test
    void timeoutMustBePositiveTime() throws Exception {
        assertSingleError(validate("suite \"s\" model \"heating-line.twin\"\ntest \"t\" timeout 0 s { }\n"),
                TestLangValidator.BAD_DURATION, "timeout must be longer than 0 s", 2, 18);
        assertSingleError(validate("suite \"s\" model \"heating-line.twin\"\ntest \"t\" timeout 10 degC { }\n"),
                TestLangValidator.BAD_DURATION, "timeout needs a time unit (ms, s, min, h), not 'degC'", 2, 21);
    }

    @Test
    void duplicateTestNames() throws Exception {
        assertSingleError(validate("suite \"s\" model \"heating-line.twin\"\ntest \"a\" { }\ntest \"a\" { }\n"),
                TestLangValidator.DUPLICATE_TEST, "duplicate test name 'a'", 3, 6);
    }

    @Test
    void missingModelIsReportedAtTheModelName() throws Exception {
        List<Issue> issues = validate("suite \"s\" model \"no-such.twin\"\ntest \"t\" { set tank.x = 1 }\n");
        assertSingleError(issues, TestLangValidator.MODEL_NOT_FOUND,
                "no model file 'no-such.twin' (looked for " + EXAMPLE.resolve("no-such.twin") + ")", 1, 17);
    }
}
