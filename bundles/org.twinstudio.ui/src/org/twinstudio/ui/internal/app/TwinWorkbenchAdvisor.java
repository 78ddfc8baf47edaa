package org.twinstudio.ui.internal.app;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.osgi.framework.Bundle;
import org.twinstudio.ui.TwinstudioUi;

/** Workbench life cycle of Twinstudio: the workspace as page input, saved layout, resource images, workspace save. */
public class TwinWorkbenchAdvisor extends WorkbenchAdvisor {

    private final List<Path> toOpen;

    public TwinWorkbenchAdvisor() {
        this(List.of());
    }

    /** @param toOpen folders and model files to open once the window is up (command line {@code --open}) */
    public TwinWorkbenchAdvisor(List<Path> toOpen) {
        this.toOpen = List.copyOf(toOpen);
    }

    @Override
    public void postStartup() {
        super.postStartup();
        if (!toOpen.isEmpty()) {
            OpenOnStartup.open(getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow(), toOpen);
        }
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        IDE.registerAdapters();
        declareResourceImages(configurer);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return TwinstudioUi.PERSPECTIVE_ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new TwinWorkbenchWindowAdvisor(configurer);
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public void postShutdown() {
        // live sessions hold ports and connections to the plant: close them before the platform goes
        org.twinstudio.ui.internal.live.LiveSessions.getDefault().stopAll(10_000);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        try {
            workspace.save(true, new NullProgressMonitor());
        } catch (CoreException e) {
            TwinstudioUi.log("Could not save the workspace", e);
        }
    }

    /**
     * The images of projects, markers and resource wizards that the resource views and the Problems view look up in
     * the workbench image registry (the IDE application declares them; a product with its own advisor must too).
     */
    private static void declareResourceImages(IWorkbenchConfigurer configurer) {
        Bundle ide = Platform.getBundle("org.eclipse.ui.ide");
        if (ide == null) {
            return;
        }
        declare(configurer, ide, IDE.SharedImages.IMG_OBJ_PROJECT, "obj16/prj_obj.png");
        declare(configurer, ide, IDE.SharedImages.IMG_OBJ_PROJECT_CLOSED, "obj16/cprj_obj.png");
        declare(configurer, ide, IDE.SharedImages.IMG_OPEN_MARKER, "elcl16/gotoobj_tsk.png");
        declare(configurer, ide, IDE.SharedImages.IMG_OBJS_TASK_TSK, "obj16/taskmrk_tsk.png");
        declare(configurer, ide, IDE.SharedImages.IMG_OBJS_BKMRK_TSK, "obj16/bkmrk_tsk.png");
        declare(configurer, ide, "IMG_OBJS_ERROR_PATH", "obj16/error_tsk.png");
        declare(configurer, ide, "IMG_OBJS_WARNING_PATH", "obj16/warn_tsk.png");
        declare(configurer, ide, "IMG_OBJS_INFO_PATH", "obj16/info_tsk.png");
        declare(configurer, ide, "IMG_OBJS_COMPLETE_TSK", "obj16/complete_tsk.png");
        declare(configurer, ide, "IMG_OBJS_INCOMPLETE_TSK", "obj16/incomplete_tsk.png");
        declare(configurer, ide, "IMG_ETOOL_PROBLEM_CATEGORY", "etool16/problem_category.png");
        declare(configurer, ide, "IMG_ETOOL_PROBLEMS_VIEW", "eview16/problems_view.png");
        declare(configurer, ide, "IMG_ETOOL_PROBLEMS_VIEW_ERROR", "eview16/problems_view_error.png");
        declare(configurer, ide, "IMG_ETOOL_PROBLEMS_VIEW_WARNING", "eview16/problems_view_warning.png");
        declare(configurer, ide, "IMG_ETOOL_PROBLEMS_VIEW_INFO", "eview16/problems_view_info.png");
        declare(configurer, ide, "IMG_WIZBAN_NEWPRJ_WIZ", "wizban/newprj_wiz.png");
        declare(configurer, ide, "IMG_WIZBAN_NEWFOLDER_WIZ", "wizban/newfolder_wiz.png");
        declare(configurer, ide, "IMG_WIZBAN_NEWFILE_WIZ", "wizban/newfile_wiz.png");
    }

    private static void declare(IWorkbenchConfigurer configurer, Bundle bundle, String key, String path) {
        URL url = FileLocator.find(bundle, IPath.fromPortableString("icons/full/" + path), null);
        if (url != null) {
            configurer.declareImage(key, ImageDescriptor.createFromURL(url), true);
        }
    }
}
