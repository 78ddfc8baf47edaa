package org.twinstudio.testlang;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.formatting2.FormatterPreferenceValuesProvider;
import org.eclipse.xtext.formatting2.FormatterPreferences;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.preferences.IPreferenceValuesProvider;
import org.twinstudio.testlang.formatting.TestLangFormatter;
import com.google.inject.Binder;
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

    /** The canonical layout of .twintest files. */
    public Class<? extends IFormatter2> bindIFormatter2() {
        return TestLangFormatter.class;
    }

    public void configureFormatterPreferences(Binder binder) {
        binder.bind(IPreferenceValuesProvider.class).annotatedWith(FormatterPreferences.class)
                .to(FormatterPreferenceValuesProvider.class);
    }

    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return TestLangValueConverters.class;
    }
}
