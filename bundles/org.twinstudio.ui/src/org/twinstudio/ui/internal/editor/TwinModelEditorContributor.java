package org.twinstudio.ui.internal.editor;

import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.EditorActionBarContributor;

/** Connects the workbench Undo, Redo, Delete and Rename to the active twin model editor. */
public class TwinModelEditorContributor extends EditorActionBarContributor {

    @Override
    public void setActiveEditor(IEditorPart part) {
        IActionBars bars = getActionBars();
        if (part instanceof TwinModelEditor editor) {
            bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), editor.getUndoAction());
            bars.setGlobalActionHandler(ActionFactory.REDO.getId(), editor.getRedoAction());
            bars.setGlobalActionHandler(ActionFactory.DELETE.getId(), editor.getDeleteAction());
            bars.setGlobalActionHandler(ActionFactory.RENAME.getId(), editor.getRenameAction());
        } else {
            bars.clearGlobalActionHandlers();
        }
        bars.updateActionBars();
    }
}
