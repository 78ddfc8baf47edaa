package org.twinstudio.testlang;

import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.twinstudio.testlang.linking.TestLangLinkingDiagnostics;

/** Guice bindings of the test-sequence language at runtime (without an editor). */
public class TestLangRuntimeModule extends AbstractTestLangRuntimeModule {

    /** Unresolved component and port names are reported with the model's name and a "did you mean". */
    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return TestLangLinkingDiagnostics.class;
    }
}
