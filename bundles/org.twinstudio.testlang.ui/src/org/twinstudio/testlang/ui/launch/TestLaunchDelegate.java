package org.twinstudio.testlang.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ILaunchConfigurationDelegate;
import org.twinstudio.testlang.ui.results.TestRun;
import org.twinstudio.testlang.ui.results.TestRunJob;

/**
 * Launches a "Twinstudio Test" configuration: starts a {@link TestRunJob} for what it names and shows it in the Test
 * Results view. The run goes on in its job (progress, cancel) after the launch returns; the launch has no process,
 * so it is removed from the launch manager when the run ends (else it would count as running for ever).
 */
public final class TestLaunchDelegate implements ILaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        TestRun run = TestRunJob.start(TestLaunches.request(configuration));
        Runnable removeWhenDone = new Runnable() {
            @Override
            public void run() {
                if (run.isDone()) {
                    run.removeListener(this);
                    DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
                }
            }
        };
        run.addListener(removeWhenDone);
        removeWhenDone.run(); // a run may end before the listener is added
    }
}
