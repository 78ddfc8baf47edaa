package org.twinstudio.testlang.ui.internal.results;

import org.eclipse.core.runtime.ILog;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The platform log and version of this bundle, for the launching and results classes. */
public final class Logs {

    private Logs() {
    }

    public static void error(String message, Throwable error) {
        ILog.of(Logs.class).error(message, error);
    }

    /** The bundle's version (without qualifier), written as the tool version into reports. */
    public static String version() {
        Bundle bundle = FrameworkUtil.getBundle(Logs.class);
        if (bundle == null) {
            return "unknown";
        }
        var v = bundle.getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }
}
