package org.twinstudio.testlang.ui.launch;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.text.IDocument;
import org.twinstudio.sim.Simulation;
import org.twinstudio.testlang.ui.internal.launch.SuiteOutline;
import org.twinstudio.testlang.ui.results.TestRunRequest;

/**
 * Running {@code .twintest} suites from the workbench as "Twinstudio Test" launches: a launch configuration names the
 * suite file (workspace path), optionally one test, tags and the simulation seed. {@link #run(IFile, String)} is what
 * Run As and an editor's "run the test under the cursor" call.
 */
public final class TestLaunches {

    /** The launch configuration type "Twinstudio Test". */
    public static final String TYPE_ID = "org.twinstudio.testlang.ui.launchType";
    /** Workspace path of the suite file (String). */
    public static final String SUITE = "org.twinstudio.testlang.ui.suite";
    /** Name of the one test to run; empty or absent for all (String). */
    public static final String TEST = "org.twinstudio.testlang.ui.test";
    /** Tags; only tests with one of them run; empty for all (String, comma separated). */
    public static final String TAGS = "org.twinstudio.testlang.ui.tags";
    /** Simulation seed of noise and dropout faults (String holding a long; empty for the default). */
    public static final String SEED = "org.twinstudio.testlang.ui.seed";
    public static final String FILE_EXTENSION = "twintest";

    private TestLaunches() {
    }

    /**
     * Runs the suite in {@code file}, or only its test {@code testName} (null or empty: all tests), with the launch
     * configuration for exactly that (reused when one exists, else created and saved), in run mode.
     */
    public static ILaunchConfiguration run(IFile file, String testName) throws CoreException {
        ILaunchConfiguration configuration = configuration(file, testName);
        DebugUITools.launch(configuration, ILaunchManager.RUN_MODE);
        return configuration;
    }

    /** The saved configuration that runs {@code file} (and only {@code testName}), created if there is none. */
    public static ILaunchConfiguration configuration(IFile file, String testName) throws CoreException {
        String test = testName == null ? "" : testName;
        String suite = file.getFullPath().toString();
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(TYPE_ID);
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
            if (suite.equals(c.getAttribute(SUITE, "")) && test.equals(c.getAttribute(TEST, ""))
                    && c.getAttribute(TAGS, "").isBlank()) {
                return c;
            }
        }
        String base = file.getName() + (test.isEmpty() ? "" : " - " + test);
        ILaunchConfigurationWorkingCopy copy = type.newInstance(null, manager.generateLaunchConfigurationName(base));
        copy.setAttribute(SUITE, suite);
        copy.setAttribute(TEST, test);
        copy.setAttribute(TAGS, "");
        copy.setAttribute(SEED, "");
        copy.setMappedResources(new IResource[] { file });
        return copy.doSave();
    }

    /** What a configuration asks to run, with a clear error when the suite file or the seed is not usable. */
    public static TestRunRequest request(ILaunchConfiguration configuration) throws CoreException {
        String suite = configuration.getAttribute(SUITE, "");
        if (suite.isBlank()) {
            throw new CoreException(Status.error("Launch configuration '" + configuration.getName()
                    + "' names no .twintest file"));
        }
        IResource resource = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(suite));
        if (!(resource instanceof IFile file) || !file.exists()) {
            throw new CoreException(Status.error("Launch configuration '" + configuration.getName()
                    + "': the suite file " + suite + " does not exist"));
        }
        String test = configuration.getAttribute(TEST, "").strip();
        Set<String> tags = tags(configuration.getAttribute(TAGS, ""));
        String seedText = configuration.getAttribute(SEED, "").strip();
        long seed = Simulation.DEFAULT_SEED;
        if (!seedText.isEmpty()) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                throw new CoreException(Status.error("Launch configuration '" + configuration.getName()
                        + "': the seed '" + seedText + "' is not a whole number"));
            }
        }
        return new TestRunRequest(file, test.isEmpty() ? Set.of() : Set.of(test), tags, seed);
    }

    /** Tags from their comma (or space) separated text. */
    public static Set<String> tags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
        return tags;
    }

    /** The name of the test whose text contains {@code offset} in {@code document}, or null (outside every test). */
    public static String testAt(IDocument document, int offset) {
        SuiteOutline.Entry entry = SuiteOutline.of(document.get()).testAt(offset);
        return entry == null ? null : entry.name();
    }
}
