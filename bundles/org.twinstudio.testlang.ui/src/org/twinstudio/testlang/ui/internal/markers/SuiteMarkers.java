package org.twinstudio.testlang.ui.internal.markers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.twinstudio.testlang.ui.TestLangUi;
import org.twinstudio.testlang.ui.internal.editor.TestLangServices;

/** Validates saved suite files and reports their problems as markers (Problems view, Project Explorer decorations). */
public final class SuiteMarkers {

    /** Problem markers of .twintest files (a problem and text marker; persistent). */
    public static final String MARKER_ID = TestLangUi.PLUGIN_ID + ".problem";

    private SuiteMarkers() {
    }

    public static boolean isSuiteProblem(IMarker marker) {
        try {
            return marker.exists() && marker.isSubtypeOf(MARKER_ID);
        } catch (CoreException e) {
            return false;
        }
    }

    /** Parses and validates the file as saved and replaces its suite problem markers. Returns the problems found. */
    public static List<Issue> update(IFile file) throws CoreException {
        if (!file.exists()) {
            return List.of();
        }
        String text = read(file);
        XtextResource resource = TestLangServices.parse(text, TestLangServices.uriOf(file));
        List<Issue> issues = TestLangServices.validate(resource, CancelIndicator.NullImpl);
        List<Map<String, Object>> markers = new ArrayList<>();
        for (Issue issue : issues) {
            markers.add(attributes(issue));
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        workspace.run(monitor -> {
            if (!file.exists()) {
                return;
            }
            file.deleteMarkers(MARKER_ID, true, IResource.DEPTH_ZERO);
            for (Map<String, Object> attributes : markers) {
                file.createMarker(MARKER_ID, attributes);
            }
        }, workspace.getRuleFactory().markerRule(file), IWorkspace.AVOID_UPDATE, null);
        return issues;
    }

    private static Map<String, Object> attributes(Issue issue) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(IMarker.MESSAGE, issue.getMessage());
        attributes.put(IMarker.SEVERITY, switch (issue.getSeverity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        });
        if (issue.getLineNumber() != null && issue.getLineNumber() > 0) {
            attributes.put(IMarker.LINE_NUMBER, issue.getLineNumber());
            attributes.put(IMarker.LOCATION, "line " + issue.getLineNumber());
        }
        if (issue.getOffset() != null && issue.getLength() != null) {
            attributes.put(IMarker.CHAR_START, issue.getOffset());
            attributes.put(IMarker.CHAR_END, issue.getOffset() + Math.max(1, issue.getLength()));
        }
        if (issue.getCode() != null) {
            attributes.put("code", issue.getCode());
        }
        attributes.put(IMarker.SOURCE_ID, "Twinstudio");
        return attributes;
    }

    private static String read(IFile file) throws CoreException {
        try (InputStream in = file.getContents(true)) {
            return new String(in.readAllBytes(), Charset.forName(file.getCharset()));
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot read " + file.getFullPath() + ": " + e.getMessage(), e));
        }
    }

    static void log(IStatus status) {
        TestLangUi plugin = TestLangUi.getDefault();
        if (plugin != null) {
            plugin.getLog().log(status);
        }
    }
}
