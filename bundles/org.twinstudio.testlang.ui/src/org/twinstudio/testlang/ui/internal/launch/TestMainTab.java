package org.twinstudio.testlang.ui.internal.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.FilteredResourcesSelectionDialog;
import org.twinstudio.testlang.ui.launch.TestLaunches;

/** Suite file, optional test name, tags and seed of a "Twinstudio Test" configuration. */
public final class TestMainTab extends AbstractLaunchConfigurationTab {

    private Text suite;
    private Text test;
    private Text tags;
    private Text seed;

    @Override
    public void createControl(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        area.setLayout(new GridLayout(3, false));
        suite = field(area, "&Suite file:");
        Button browse = createPushButton(area, "&Browse...", null);
        browse.addListener(SWT.Selection, e -> browse());
        test = field(area, "&Test (empty for all):");
        new Label(area, SWT.NONE);
        tags = field(area, "T&ags (comma separated):");
        new Label(area, SWT.NONE);
        seed = field(area, "S&eed (empty for default):");
        new Label(area, SWT.NONE);
        setControl(area);
    }

    private Text field(Composite area, String label) {
        new Label(area, SWT.NONE).setText(label);
        Text text = new Text(area, SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.addModifyListener(e -> updateLaunchConfigurationDialog());
        return text;
    }

    private void browse() {
        FilteredResourcesSelectionDialog dialog = new FilteredResourcesSelectionDialog(getShell(), false,
                ResourcesPlugin.getWorkspace().getRoot(), IResource.FILE);
        dialog.setTitle("Select a Test Suite");
        dialog.setInitialPattern("*." + TestLaunches.FILE_EXTENSION);
        if (dialog.open() == FilteredResourcesSelectionDialog.OK && dialog.getResult().length > 0
                && dialog.getResult()[0] instanceof IFile file) {
            suite.setText(file.getFullPath().toString());
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(TestLaunches.SUITE, "");
        configuration.setAttribute(TestLaunches.TEST, "");
        configuration.setAttribute(TestLaunches.TAGS, "");
        configuration.setAttribute(TestLaunches.SEED, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            suite.setText(configuration.getAttribute(TestLaunches.SUITE, ""));
            test.setText(configuration.getAttribute(TestLaunches.TEST, ""));
            tags.setText(configuration.getAttribute(TestLaunches.TAGS, ""));
            seed.setText(configuration.getAttribute(TestLaunches.SEED, ""));
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(TestLaunches.SUITE, suite.getText().strip());
        configuration.setAttribute(TestLaunches.TEST, test.getText().strip());
        configuration.setAttribute(TestLaunches.TAGS, tags.getText().strip());
        configuration.setAttribute(TestLaunches.SEED, seed.getText().strip());
        IResource file = suite.getText().isBlank() ? null
                : ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(suite.getText().strip()));
        configuration.setMappedResources(file == null ? null : new IResource[] { file });
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        String path = suite.getText().strip();
        IResource file = path.isEmpty() ? null
                : ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(path));
        if (!(file instanceof IFile) || !TestLaunches.FILE_EXTENSION.equals(file.getFileExtension())) {
            setErrorMessage(path.isEmpty() ? "Choose a .twintest file" : path + " is not a .twintest file of the workspace");
            return false;
        }
        String seedText = seed.getText().strip();
        if (!seedText.isEmpty()) {
            try {
                Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                setErrorMessage("The seed must be a whole number");
                return false;
            }
        }
        return true;
    }

    @Override
    public String getName() {
        return "Suite";
    }
}
