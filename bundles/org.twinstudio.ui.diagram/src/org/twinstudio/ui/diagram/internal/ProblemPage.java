package org.twinstudio.ui.diagram.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.emf.ecore.resource.Resource;
import org.twinstudio.model.validation.TwinDiagnostic;
import org.twinstudio.model.validation.TwinModelValidator;

/** What the diagram editor shows instead of a diagram when it cannot show one: the file and each problem found. */
final class ProblemPage {

    /** The Debian package that gives the SWT Browser its engine on Linux. */
    static final String WEBKIT_PACKAGE = "libwebkit2gtk-4.1-0";

    private ProblemPage() {
    }

    /**
     * Why {@code file} cannot be shown as a diagram, one line per problem ({@code path:line: error: message}), or
     * an empty list when its model loaded. A file that did not read cleanly (malformed XML, unknown elements) is
     * not shown even if part of a model came through: saving that part would lose the rest. Broken references and
     * rule violations do not count; the diagram shows them as markers.
     */
    static List<String> loadProblems(IFile file, Resource resource, Exception loadError, boolean hasModel) {
        List<String> problems = new ArrayList<>();
        if (hasModel && loadError == null) {
            return problems;
        }
        String path = file.getFullPath().toString();
        if (resource != null) {
            for (TwinDiagnostic diagnostic : TwinModelValidator.validate(resource, path)) {
                if (diagnostic.severity() == TwinDiagnostic.Severity.ERROR) {
                    problems.add(diagnostic.format());
                }
            }
        }
        if (problems.isEmpty()) {
            problems.add(path + ": error: " + (loadError != null && loadError.getMessage() != null
                    ? loadError.getMessage() : "the file holds no twin model"));
        }
        return problems;
    }

    /** An HTML page naming the file and listing the problems. */
    static String html(String title, IFile file, List<String> problems, String advice) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "h1{font-size:1.3em;color:#a00}code,li{font-family:monospace}li{margin:.3em 0}</style>"
                        + "</head><body><h1>").append(escape(title)).append("</h1><p>File: <code>")
                .append(escape(file.getFullPath().toString())).append("</code></p><ul id=\"problems\">");
        for (String problem : problems) {
            html.append("<li>").append(escape(problem)).append("</li>");
        }
        html.append("</ul><p>").append(escape(advice)).append("</p></body></html>");
        return html.toString();
    }

    /** The text shown when the embedded browser cannot be created at all. */
    static String noBrowser(String reason) {
        return "The diagram needs an embedded web browser, and none could be started:\n" + reason + "\n\n"
                + "On Linux, SWT's browser uses WebKitGTK. Install it, e.g. on Debian or Ubuntu:\n"
                + "    sudo apt-get install " + WEBKIT_PACKAGE + "\n"
                + "and restart Twinstudio. Meanwhile the model can be edited in the Twin Model Editor.";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
            }
        }
        return out.toString();
    }
}
