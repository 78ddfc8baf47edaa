package org.twinstudio.testlang;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.twinstudio.testlang.conversion.TestLangValueConverters;
import org.twinstudio.testlang.linking.TestLangLinkingDiagnostics;
import org.twinstudio.testlang.parser.TestLangSyntaxErrorMessages;

/** Guice bindings of the test-sequence language at runtime (without an editor). */
public class TestLangRuntimeModule extends AbstractTestLangRuntimeModule {

    /** Unresolved component and port names are reported with the model's name and a "did you mean". */
    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return TestLangLinkingDiagnostics.class;
    }

    /** Syntax errors name what was expected in the language's words ("a name", "a number"). */
    public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
        return TestLangSyntaxErrorMessages.class;
    }

    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return TestLangValueConverters.class;
    }
}
