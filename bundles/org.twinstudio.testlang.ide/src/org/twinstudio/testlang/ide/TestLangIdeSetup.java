package org.twinstudio.testlang.ide;

import org.eclipse.xtext.util.Modules2;
import org.twinstudio.testlang.TestLangRuntimeModule;
import org.twinstudio.testlang.TestLangStandaloneSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/** Creates the injector of the test-sequence language with its IDE services (for editors and language servers). */
public class TestLangIdeSetup extends TestLangStandaloneSetup {

    @Override
    public Injector createInjector() {
        return Guice.createInjector(Modules2.mixin(new TestLangRuntimeModule(), new TestLangIdeModule()));
    }
}
