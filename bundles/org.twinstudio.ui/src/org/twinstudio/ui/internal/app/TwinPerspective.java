package org.twinstudio.ui.internal.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.twinstudio.ui.TwinstudioUi;

/** The Twinstudio perspective: Project Explorer left, editors centre, Outline right, Problems, Properties and Simulation Results below. */
public class TwinPerspective implements IPerspectiveFactory {

    public static final String LEFT = "org.twinstudio.ui.perspective.left";
    public static final String RIGHT = "org.twinstudio.ui.perspective.right";
    public static final String BOTTOM = "org.twinstudio.ui.perspective.bottom";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);

        IFolderLayout left = layout.createFolder(LEFT, IPageLayout.LEFT, 0.22f, editorArea);
        left.addView(IPageLayout.ID_PROJECT_EXPLORER);

        IFolderLayout bottom = layout.createFolder(BOTTOM, IPageLayout.BOTTOM, 0.68f, editorArea);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        bottom.addPlaceholder(TwinstudioUi.RESULTS_VIEW_ID);
        bottom.addPlaceholder(TwinstudioUi.CONNECTIONS_VIEW_ID);

        IFolderLayout right = layout.createFolder(RIGHT, IPageLayout.RIGHT, 0.74f, editorArea);
        right.addView(IPageLayout.ID_OUTLINE);

        layout.addNewWizardShortcut(TwinstudioUi.NEW_PROJECT_WIZARD_ID);
        layout.addNewWizardShortcut(TwinstudioUi.NEW_MODEL_WIZARD_ID);
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.file");

        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(TwinstudioUi.RESULTS_VIEW_ID);
        layout.addShowViewShortcut(TwinstudioUi.CONNECTIONS_VIEW_ID);
    }
}
