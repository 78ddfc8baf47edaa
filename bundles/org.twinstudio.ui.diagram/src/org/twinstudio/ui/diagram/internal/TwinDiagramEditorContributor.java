package org.twinstudio.ui.diagram.internal;

import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.EditorActionBarContributor;

/** Connects the workbench Undo, Redo and Delete to the active diagram editor (its document's command stack). */
public class TwinDiagramEditorContributor extends EditorActionBarContributor {

    @Override
    public void setActiveEditor(IEditorPart part) {
        IActionBars bars = getActionBars();
        if (part instanceof TwinDiagramEditor editor) {
            bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), editor.getUndoAction());
            bars.setGlobalActionHandler(ActionFactory.REDO.getId(), editor.getRedoAction());
            bars.setGlobalActionHandler(ActionFactory.DELETE.getId(), editor.getDeleteAction());
        } else {
            bars.clearGlobalActionHandlers();
        }
        bars.updateActionBars();
    }
}
