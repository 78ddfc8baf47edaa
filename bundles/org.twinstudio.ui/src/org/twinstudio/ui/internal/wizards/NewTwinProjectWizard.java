package org.twinstudio.ui.internal.wizards;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.twinstudio.ui.TwinstudioUi;

/** File &gt; New &gt; Twin Project: a project with the twin nature, optionally seeded with a twin model. */
public class NewTwinProjectWizard extends BasicNewResourceWizard {

    private ProjectPage page;

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        super.init(workbench, selection);
        setWindowTitle("New Twin Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        page = new ProjectPage();
        page.setTitle("Twin Project");
        page.setDescription("Create a project for the digital twin of a machine or line.");
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        IProject project = page.getProjectHandle();
        URI location = page.useDefaults() ? null : page.getLocationURI();
        String modelName = page.seedModel() ? page.modelName() : null;
        IFile[] created = new IFile[1];
        WorkspaceModifyOperation operation = new WorkspaceModifyOperation() {
            @Override
            protected void execute(IProgressMonitor monitor) throws CoreException {
                created[0] = createProject(project, location, modelName, monitor);
            }
        };
        try {
            getContainer().run(false, true, operation);
        } catch (InterruptedException e) {
            return false;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CoreException core) {
                ErrorDialog.openError(getShell(), "New Twin Project", "The project could not be created.",
                        core.getStatus());
            } else {
                TwinstudioUi.log("Could not create project " + project.getName(), cause);
                MessageDialog.openError(getShell(), "New Twin Project",
                        "The project could not be created: " + cause.getMessage());
            }
            return false;
        }
        selectAndReveal(created[0] != null ? created[0] : project);
        if (created[0] != null) {
            IWorkbenchWindow window = getWorkbench().getActiveWorkbenchWindow();
            IWorkbenchPage workbenchPage = window == null ? null : window.getActivePage();
            if (workbenchPage != null) {
                try {
                    IDE.openEditor(workbenchPage, created[0], TwinstudioUi.EDITOR_ID, true);
                } catch (PartInitException e) {
                    TwinstudioUi.log("Could not open " + created[0].getFullPath(), e);
                }
            }
        }
        return true;
    }

    /**
     * Creates and opens a twin project ({@code location} null: in the workspace) and, if {@code modelName} is not
     * null, a model file {@code <modelName>.twin} in it, which is returned.
     */
    public static IFile createProject(IProject project, URI location, String modelName, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "Creating " + project.getName(), 3);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IProjectDescription description = workspace.newProjectDescription(project.getName());
        description.setLocationURI(location);
        description.setNatureIds(new String[] { TwinstudioUi.TWIN_NATURE_ID });
        project.create(description, progress.split(1));
        project.open(progress.split(1));
        if (modelName == null) {
            return null;
        }
        IFile file = project.getFile(modelName + "." + TwinModelFiles.EXTENSION);
        file.create(new ByteArrayInputStream(TwinModelFiles.newModelBytes(modelName)), true, progress.split(1));
        return file;
    }

    /** The platform's project page plus the choice to start with a model. */
    static final class ProjectPage extends WizardNewProjectCreationPage {
        private Button seed;
        private Text modelName;
        private boolean seedValue = true;
        private String modelNameValue = "plant";

        ProjectPage() {
            super("newTwinProject");
        }

        @Override
        public void createControl(Composite parent) {
            super.createControl(parent);
            Composite control = (Composite) getControl();
            Group group = new Group(control, SWT.NONE);
            group.setText("Twin model");
            GridLayoutFactory.swtDefaults().numColumns(2).applyTo(group);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
            seed = new Button(group, SWT.CHECK);
            seed.setText("&Create a twin model in the project");
            seed.setSelection(seedValue);
            GridDataFactory.fillDefaults().span(2, 1).applyTo(seed);
            Label label = new Label(group, SWT.NONE);
            label.setText("&Model name:");
            modelName = new Text(group, SWT.BORDER);
            modelName.setText(modelNameValue);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(modelName);
            seed.addListener(SWT.Selection, e -> {
                seedValue = seed.getSelection();
                modelName.setEnabled(seedValue);
                setPageComplete(validatePage());
            });
            modelName.addListener(SWT.Modify, e -> {
                modelNameValue = modelName.getText().trim();
                setPageComplete(validatePage());
            });
        }

        @Override
        protected boolean validatePage() {
            if (!super.validatePage()) {
                return false;
            }
            if (seedValue) {
                IStatus status = ResourcesPlugin.getWorkspace().validateName(
                        modelNameValue + "." + TwinModelFiles.EXTENSION, org.eclipse.core.resources.IResource.FILE);
                if (modelNameValue.isEmpty() || !status.isOK()) {
                    setErrorMessage(modelNameValue.isEmpty() ? "Enter a model name"
                            : "Invalid model name: " + status.getMessage());
                    return false;
                }
            }
            return true;
        }

        boolean seedModel() {
            return seedValue;
        }

        String modelName() {
            return modelNameValue;
        }
    }
}
