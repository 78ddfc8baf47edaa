package org.twinstudio.testlang.ui.internal.editor;

import org.eclipse.jface.action.IMenuManager;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.editors.text.TextEditorActionContributor;

/**
 * The text editor's action bar contributions (undo, redo, cut, copy, paste, select all and find retargeted to the
 * editor) for the suite editor. Its additions to the Edit menu need the Eclipse IDE's {@code find.ext} group, which
 * the Twinstudio menu bar does not have; without it they are left out instead of failing the editor.
 */
public final class TestLangEditorContributor extends TextEditorActionContributor {

    @Override
    public void contributeToMenu(IMenuManager menu) {
        IMenuManager edit = menu.findMenuUsingPath(IWorkbenchActionConstants.M_EDIT);
        if (edit == null || edit.find(IWorkbenchActionConstants.FIND_EXT) != null) {
            super.contributeToMenu(menu);
        }
    }
}
