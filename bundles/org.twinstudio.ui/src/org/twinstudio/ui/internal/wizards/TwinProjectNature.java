package org.twinstudio.ui.internal.wizards;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectNature;

/** Marks a project as a Twinstudio twin project (no builders yet: validation runs in the editor). */
public class TwinProjectNature implements IProjectNature {

    public static final String ID = "org.twinstudio.ui.twinNature";

    private IProject project;

    @Override
    public void configure() {
        // no builder to install
    }

    @Override
    public void deconfigure() {
        // no builder to remove
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
