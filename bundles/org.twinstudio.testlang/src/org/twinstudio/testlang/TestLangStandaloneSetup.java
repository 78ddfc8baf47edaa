package org.twinstudio.testlang;

/**
 * Registers the test-sequence language (file extension {@code twintest}) outside an Eclipse workbench and creates
 * its injector: {@code new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration()}.
 */
public class TestLangStandaloneSetup extends TestLangStandaloneSetupGenerated {

    public static void doSetup() {
        new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration();
    }
}
