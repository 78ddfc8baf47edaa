package org.twinstudio.testlang.ui;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/** The bundle's activator: the shared instance gives the editor and the views their preference store and log. */
public final class TestLangUi extends AbstractUIPlugin {

    public static final String PLUGIN_ID = "org.twinstudio.testlang.ui";

    private static TestLangUi instance;

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        instance = null;
        super.stop(context);
    }

    /** The running instance, or {@code null} before the bundle started. */
    public static TestLangUi getDefault() {
        return instance;
    }
}
