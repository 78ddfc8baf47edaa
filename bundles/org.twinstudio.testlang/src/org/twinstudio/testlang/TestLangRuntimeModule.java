package org.twinstudio.testlang;

/** Guice bindings of the test-sequence language at runtime (without an editor); generated defaults apply. */
public class TestLangRuntimeModule extends AbstractTestLangRuntimeModule {
}
