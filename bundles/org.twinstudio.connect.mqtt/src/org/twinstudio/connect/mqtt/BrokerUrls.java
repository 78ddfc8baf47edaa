package org.twinstudio.connect.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Broker addresses as models and the CLI write them, turned into what Paho takes. {@code tcp://} and {@code mqtt://}
 * are plain TCP (default port 1883), {@code ssl://} and {@code mqtts://} TLS (default port 8883); a bare
 * {@code host:port} is TCP. With {@code tls} set, a plain scheme becomes TLS.
 */
final class BrokerUrls {

    private BrokerUrls() {
    }

    /**
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    static String normalize(String url, boolean tls) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("broker URL is empty");
        }
        String text = url.trim();
        if (!text.contains("://")) {
            text = "tcp://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = switch (scheme) {
            case "tcp", "mqtt" -> tls;
            case "ssl", "mqtts", "tls" -> true;
            default -> throw new IllegalArgumentException("broker URL '" + url + "': scheme '" + scheme
                    + "' is none of tcp, mqtt, ssl, mqtts");
        };
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("broker URL '" + url + "' has no host");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException("broker URL '" + url + "' must not have a path");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 8883 : 1883;
        return (secure ? "ssl://" : "tcp://") + uri.getHost() + ":" + port;
    }
}
