package org.twinstudio.testlang.linking;

import java.util.List;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.twinstudio.model.Component;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.Suite;
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
}
