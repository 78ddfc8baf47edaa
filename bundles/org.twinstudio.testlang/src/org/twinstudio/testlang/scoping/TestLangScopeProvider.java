package org.twinstudio.testlang.scoping;

/**
 * Scoping of the test-sequence language. The language has no cross-references yet: component and port names are
 * plain names checked against the suite's model by {@link org.twinstudio.testlang.validation.TestLangValidator}.
 */
public class TestLangScopeProvider extends AbstractTestLangScopeProvider {
}
