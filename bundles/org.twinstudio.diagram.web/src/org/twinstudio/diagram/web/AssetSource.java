package org.twinstudio.diagram.web;

import java.net.URL;

/** Where the web client's static files come from: a bundle's folder in the product, a directory in development. */
@FunctionalInterface
public interface AssetSource {

    /**
     * The file at {@code path} (relative, {@code /}-separated, e.g. {@code diagram.html}), or {@code null} when
     * there is none. Callers never pass paths that climb out of the asset root.
     */
    URL find(String path);
}
