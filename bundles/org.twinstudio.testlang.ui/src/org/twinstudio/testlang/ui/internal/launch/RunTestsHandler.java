package org.twinstudio.testlang.ui.internal.launch;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.twinstudio.testlang.ui.launch.TestLaunchShortcut;

/**
 * Run Tests (Run menu): as Run As &gt; Twinstudio Test on the active {@code .twintest} editor (the test under the
 * cursor) or, when a view is active, on the selected file.
 */
public final class RunTestsHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        TestLaunchShortcut shortcut = new TestLaunchShortcut();
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        IEditorPart editor = HandlerUtil.getActiveEditor(event);
        if (part instanceof IEditorPart && editor != null && shortcut.getLaunchableResource(editor) != null) {
            shortcut.launch(editor, ILaunchManager.RUN_MODE);
        } else if (shortcut.getLaunchableResource(HandlerUtil.getCurrentSelection(event)) != null) {
            shortcut.launch(HandlerUtil.getCurrentSelection(event), ILaunchManager.RUN_MODE);
        } else if (editor != null && shortcut.getLaunchableResource(editor) != null) {
            shortcut.launch(editor, ILaunchManager.RUN_MODE);
        }
        return null;
    }
}
