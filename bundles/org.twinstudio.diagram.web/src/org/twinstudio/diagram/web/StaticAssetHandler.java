package org.twinstudio.diagram.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the web client's files by GET from an {@link AssetSource}. Files are read once and kept: they are a few
 * files of at most a few MB, and inside a bundle jar there is no file system path to hand to Jetty's resource
 * handler.
 */
final class StaticAssetHandler extends Handler.Abstract {

    static final String PAGE = "diagram.html";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml", "ttf", "font/ttf", "woff", "font/woff", "woff2", "font/woff2", "json",
            "application/json", "map", "application/json", "png", "image/png");

    /** An asset's bytes and its entity tag (a hash of them). */
    private record Asset(byte[] content, String etag) {
    }

    private final AssetSource assets;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    StaticAssetHandler(AssetSource assets) {
        this.assets = assets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            return false;
        }
        String path = Request.getPathInContext(request);
        if (path.equals("/") || path.isEmpty()) {
            path = "/" + PAGE;
        }
        String relative = path.substring(1);
        if (!isSafe(relative)) {
            return false;
        }
        Asset asset = cache.get(relative);
        if (asset == null) {
            URL url = assets.find(relative);
            if (url == null) {
                return false;
            }
            byte[] content;
            try (InputStream in = url.openStream()) {
                content = in.readAllBytes();
            }
            asset = new Asset(content, etag(content));
            cache.put(relative, asset);
        }
        // Revalidated on every load (no-cache), answered with 304 while unchanged: the browser then keeps its
        // cached copy and the compiled code of bundle.js, which saves most of the script's start-up on reopening.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.ETAG, asset.etag());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        String known = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (known != null && java.util.Arrays.asList(known.split("\\s*,\\s*")).contains(asset.etag())) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, ByteBuffer.allocate(0), callback);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(relative));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.content().length);
        response.write(true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(asset.content()),
                callback);
        return true;
    }

    private static String etag(byte[] content) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Plain relative names only: no climbing up, no absolute or encoded tricks. */
    static boolean isSafe(String relative) {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("%")) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1));
        return type == null ? "application/octet-stream" : type;
    }
}
