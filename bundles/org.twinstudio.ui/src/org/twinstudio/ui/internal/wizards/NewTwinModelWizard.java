package org.twinstudio.ui.internal.wizards;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.twinstudio.ui.TwinstudioUi;

/** File &gt; New &gt; Twin Model: a {@code .twin} file with an empty twin model and default simulation settings. */
public class NewTwinModelWizard extends BasicNewResourceWizard {

    private WizardNewFileCreationPage page;

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        super.init(workbench, selection);
        setWindowTitle("New Twin Model");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        page = new WizardNewFileCreationPage("newTwinModel", getSelection()) {
            @Override
            protected InputStream getInitialContents() {
                return new ByteArrayInputStream(TwinModelFiles.newModelBytes(TwinModelFiles.modelName(getFileName())));
            }
        };
        page.setTitle("Twin Model");
        page.setDescription("Create a twin model file: components, connections, endpoints and simulation settings.");
        page.setFileExtension(TwinModelFiles.EXTENSION);
        page.setFileName("model." + TwinModelFiles.EXTENSION);
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        IFile file = page.createNewFile();
        if (file == null) {
            return false;
        }
        selectAndReveal(file);
        IWorkbenchWindow window = getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage workbenchPage = window == null ? null : window.getActivePage();
        if (workbenchPage != null) {
            try {
                IDE.openEditor(workbenchPage, file, TwinstudioUi.EDITOR_ID, true);
            } catch (PartInitException e) {
                TwinstudioUi.log("Could not open " + file.getFullPath(), e);
            }
        }
        return true;
    }
}
