package org.twinstudio.ui.internal.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The Twinstudio main window: title, size, bars; announces on stdout when the first window is open. */
public class TwinWorkbenchWindowAdvisor extends WorkbenchWindowAdvisor {

    /** Start-up probes (the product start test) wait for this text on stdout. */
    public static final String WINDOW_OPEN_MESSAGE = "Twinstudio workbench window open";

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    public TwinWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new TwinActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1400, 900));
        configurer.setTitle("Twinstudio");
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowPerspectiveBar(false);
    }

    @Override
    public void postWindowOpen() {
        if (ANNOUNCED.compareAndSet(false, true)) {
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(WINDOW_OPEN_MESSAGE + " after " + sinceStart + " ms");
            System.out.flush();
        }
    }
}
