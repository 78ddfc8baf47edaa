package org.twinstudio.testlang.ide;

/** Guice bindings of the editor-independent IDE services (content assist, highlighting); generated defaults apply. */
public class TestLangIdeModule extends AbstractTestLangIdeModule {
}
