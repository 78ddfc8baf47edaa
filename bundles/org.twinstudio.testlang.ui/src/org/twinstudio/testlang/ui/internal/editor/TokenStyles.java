package org.twinstudio.testlang.ui.internal.editor;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** The colours of the .twintest editor, one per kind of text. */
public enum TokenStyles {
    KEYWORD(new Color(127, 0, 85), SWT.BOLD),
    STRING(new Color(42, 0, 255), SWT.NORMAL),
    NUMBER(new Color(160, 80, 0), SWT.NORMAL),
    UNIT(new Color(0, 128, 128), SWT.ITALIC),
    COMMENT(new Color(63, 127, 95), SWT.NORMAL),
    /** A component or port name that resolved in the suite's model. */
    REFERENCE(new Color(0, 80, 160), SWT.NORMAL),
    DEFAULT(null, SWT.NORMAL);

    private final TextAttribute attribute;

    TokenStyles(Color foreground, int style) {
        this.attribute = new TextAttribute(foreground, null, style);
    }

    public TextAttribute attribute() {
        return attribute;
    }
}
