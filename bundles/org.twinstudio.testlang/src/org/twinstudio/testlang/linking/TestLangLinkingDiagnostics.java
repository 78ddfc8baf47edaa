package org.twinstudio.testlang.linking;

import java.util.List;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.twinstudio.model.AlertRule;
import org.twinstudio.model.Component;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.units.TwinUnits;
import org.twinstudio.testlang.sequence.Column;
import org.twinstudio.testlang.sequence.ExpectAlertStatement;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.validation.Suggestions;
import org.twinstudio.testlang.validation.SuiteModels;
import org.twinstudio.testlang.validation.TestLangValidator;

import com.google.inject.Inject;

/**
 * Messages for names that do not resolve in the suite's model: which component or port is unknown, in which model,
 * with a "did you mean" hint, or that a parameter was named where a port is needed. Nothing is reported when the
 * model itself is missing (that is reported once, at the model's name) or for a port of an unknown component.
 */
public class TestLangLinkingDiagnostics extends LinkingDiagnosticMessageProvider {

    @Inject
    private SuiteModels suiteModels;

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        if (context.getReference() == SequencePackage.Literals.QUANTITY__COLUMN) {
            return unknownColumn(context);
        }
        if (context.getContext() instanceof ExpectAlertStatement alert) {
            return unknownAlert(alert, context.getLinkText());
        }
        if (!(context.getContext() instanceof PortRef ref)) {
            return super.getUnresolvedProxyMessage(context);
        }
        Suite suite = EcoreUtil2.getContainerOfType(ref, Suite.class);
        TwinModel model = suite == null ? null : suiteModels.modelOf(suite).model();
        if (model == null) {
            return null;
        }
        String name = context.getLinkText();
        if (context.getReference() == SequencePackage.Literals.PORT_REF__COMPONENT) {
            List<String> names = model.getComponents().stream().map(Component::getName).toList();
            return new DiagnosticMessage("unknown component '" + name + "' in the model '" + model.getName() + "'"
                    + Suggestions.hint(name, names), Severity.ERROR, TestLangValidator.UNKNOWN_COMPONENT);
        }
        Component component = ref.getComponent();
        if (component == null || component.eIsProxy()) {
            return null;
        }
        boolean isParameter = component.getParameters().stream().map(Parameter::getName).anyMatch(name::equals);
        String message = isParameter
                ? "'" + component.getName() + "." + name + "' is a parameter, not a port"
                : "component '" + component.getName() + "' has no port '" + name + "'"
                        + Suggestions.hint(name, component.getPorts().stream().map(Port::getName).toList());
        return new DiagnosticMessage(message, Severity.ERROR, TestLangValidator.UNKNOWN_PORT);
    }

    private DiagnosticMessage unknownAlert(ExpectAlertStatement statement, String name) {
        Suite suite = EcoreUtil2.getContainerOfType(statement, Suite.class);
        TwinModel model = suite == null ? null : suiteModels.modelOf(suite).model();
        if (model == null) {
            return null;
        }
        List<String> names = model.getAlertRules().stream().map(AlertRule::getName).toList();
        String message = "unknown alert rule '" + name + "' in the model '" + model.getName() + "'"
                + (names.isEmpty() ? " (it has no alert rules)" : Suggestions.hint(name, names));
        return new DiagnosticMessage(message, Severity.ERROR, TestLangValidator.UNKNOWN_ALERT);
    }

    /** A name where a value goes: a unit without its number, or a column the test's table does not have. */
    private static DiagnosticMessage unknownColumn(ILinkingDiagnosticContext context) {
        String name = context.getLinkText();
        TestCase test = EcoreUtil2.getContainerOfType(context.getContext(), TestCase.class);
        String message;
        if (!TwinUnits.parse(name).isEmpty() && !name.isBlank()) {
            message = "'" + name + "' is a unit: write the number before it (e.g. 60 " + name + ")";
        } else if (test == null || test.getExamples() == null) {
            message = "'" + name + "' is not a value: write a number (with a unit) or true/false"
                    + (test == null ? "" : ", or add an examples table with a column '" + name + "' to the test");
        } else {
            List<String> columns = test.getExamples().getColumns().stream().map(Column::getName).toList();
            String hint = Suggestions.hint(name, columns);
            message = "no column '" + name + "' in the examples table"
                    + (hint.isEmpty() ? " (columns: " + String.join(", ", columns) + ")" : hint);
        }
        return new DiagnosticMessage(message, Severity.ERROR, TestLangValidator.UNKNOWN_COLUMN);
    }
}
