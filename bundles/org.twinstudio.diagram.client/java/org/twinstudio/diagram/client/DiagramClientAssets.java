package org.twinstudio.diagram.client;

import java.net.URL;

/**
 * The static files of the diagram editor page ({@code diagram.html}, {@code bundle.js}, {@code bundle.css}, fonts),
 * packed under {@code web/} in this bundle. A web host serves them with {@link #find(String)} so the page works the
 * same from the installed jar, an exploded bundle or a development workspace.
 */
public final class DiagramClientAssets {

    /** The page a host opens; its query parameters are described in the bundle README. */
    public static final String PAGE = "diagram.html";

    private static final String ROOT = "web/";

    private DiagramClientAssets() {
    }

    /**
     * The asset at {@code path} (relative to {@code web/}, with or without a leading slash), or {@code null} when
     * there is none or the path tries to leave {@code web/} ({@code ..} segments, backslashes, empty or absent path).
     */
    public static URL find(String path) {
        if (path == null) {
            return null;
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.isEmpty() || relative.endsWith("/") || relative.contains("\\") || relative.contains("//")) {
            return null;
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        return DiagramClientAssets.class.getClassLoader().getResource(ROOT + relative);
    }
}
