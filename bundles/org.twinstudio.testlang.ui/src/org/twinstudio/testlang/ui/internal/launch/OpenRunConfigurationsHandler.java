package org.twinstudio.testlang.ui.internal.launch;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** Run Configurations… (Run menu): the platform's dialog of saved launch configurations, on the run group. */
public final class OpenRunConfigurationsHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IStructuredSelection selection = HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s ? s
                : StructuredSelection.EMPTY;
        DebugUITools.openLaunchConfigurationDialogOnGroup(HandlerUtil.getActiveShellChecked(event), selection,
                IDebugUIConstants.ID_RUN_LAUNCH_GROUP);
        return null;
    }
}
