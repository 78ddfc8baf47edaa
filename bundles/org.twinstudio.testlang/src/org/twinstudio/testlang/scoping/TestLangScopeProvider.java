package org.twinstudio.testlang.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.testlang.sequence.PortRef;
import org.twinstudio.testlang.sequence.SequencePackage;
import org.twinstudio.testlang.sequence.Suite;
import org.twinstudio.testlang.sequence.TestCase;
import org.twinstudio.testlang.validation.SuiteModels;

import com.google.inject.Inject;

/**
 * Resolves {@code component.port}: the component among the components of the suite's model (read by
 * {@link SuiteModels}), the port among the ports of that component; {@code expect alert a}: among the model's alert
 * rules; a column name: among the columns of the test's examples table. Without a readable model nothing resolves, and
 * the missing model is reported once at its name.
 */
public class TestLangScopeProvider extends AbstractTestLangScopeProvider {

    @Inject
    private SuiteModels suiteModels;

    @Override
    public IScope getScope(EObject context, EReference reference) {
        if (reference == SequencePackage.Literals.PORT_REF__COMPONENT) {
            Suite suite = EcoreUtil2.getContainerOfType(context, Suite.class);
            TwinModel model = suite == null ? null : suiteModels.modelOf(suite).model();
            return model == null ? IScope.NULLSCOPE : Scopes.scopeFor(model.getComponents());
        }
        if (reference == SequencePackage.Literals.EXPECT_ALERT_STATEMENT__ALERT) {
            Suite suite = EcoreUtil2.getContainerOfType(context, Suite.class);
            TwinModel model = suite == null ? null : suiteModels.modelOf(suite).model();
            return model == null ? IScope.NULLSCOPE : Scopes.scopeFor(model.getAlertRules());
        }
        if (reference == SequencePackage.Literals.QUANTITY__COLUMN) {
            TestCase test = EcoreUtil2.getContainerOfType(context, TestCase.class);
            return test == null || test.getExamples() == null ? IScope.NULLSCOPE
                    : Scopes.scopeFor(test.getExamples().getColumns());
        }
        if (reference == SequencePackage.Literals.PORT_REF__PORT) {
            Component component = context instanceof PortRef ref ? ref.getComponent() : null;
            return component == null || component.eIsProxy() ? IScope.NULLSCOPE : Scopes.scopeFor(component.getPorts());
        }
        return super.getScope(context, reference);
    }
}
