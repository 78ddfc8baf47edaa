package org.twinstudio.testlang.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.ILaunchConfigurationDelegate;
import org.twinstudio.testlang.ui.results.TestRunJob;

/**
 * Launches a "Twinstudio Test" configuration: starts a {@link TestRunJob} for what it names and shows it in the Test
 * Results view. The run goes on in its job (progress, cancel) after the launch returns.
 */
public final class TestLaunchDelegate implements ILaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        TestRunJob.start(TestLaunches.request(configuration));
    }
}
