package org.twinstudio.testlang.ui.internal.markers;

import org.eclipse.ui.IStartup;

/** Starts the suite marker updater with the workbench, so files changed before any editor opens are checked too. */
public final class TestLangStartup implements IStartup {

    @Override
    public void earlyStartup() {
        SuiteMarkerUpdater.install();
    }
}
