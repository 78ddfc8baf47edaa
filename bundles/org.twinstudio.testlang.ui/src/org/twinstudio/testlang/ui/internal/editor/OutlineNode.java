package org.twinstudio.testlang.ui.internal.editor;

import java.util.List;

/**
 * An entry of the editor's outline: the suite, its setup and teardown, its tests and their statements, with the text
 * range it stands for. Plain data computed off the UI thread from the parsed suite.
 */
public record OutlineNode(Kind kind, String label, int offset, int length, List<OutlineNode> children) {

    public enum Kind {
        SUITE, SETUP, TEARDOWN, TEST, STATEMENT
    }
}
