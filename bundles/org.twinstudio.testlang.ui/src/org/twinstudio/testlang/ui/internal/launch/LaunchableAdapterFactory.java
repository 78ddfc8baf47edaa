package org.twinstudio.testlang.ui.internal.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.ILaunchable;
import org.twinstudio.testlang.ui.launch.TestLaunches;

/**
 * Makes {@code .twintest} files (and editors on them) launchable, which is what makes the platform offer its Run As
 * menu on them; the menu then lists the launch shortcuts whose enablement matches.
 */
public final class LaunchableAdapterFactory implements IAdapterFactory {

    private static final ILaunchable LAUNCHABLE = new ILaunchable() {
    };

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        IFile file = Adapters.adapt(adaptable, IFile.class);
        if (adapterType == ILaunchable.class && file != null
                && TestLaunches.FILE_EXTENSION.equals(file.getFileExtension())) {
            return adapterType.cast(LAUNCHABLE);
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { ILaunchable.class };
    }
}
