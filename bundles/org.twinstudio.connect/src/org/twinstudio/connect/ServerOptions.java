package org.twinstudio.connect;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to expose a twin: the address to listen on ({@code port} 0 picks a free one) or, for a publisher, the broker
 * to use ({@code target}), plus protocol settings by name (documented by each {@link TwinServerProvider}).
 */
public record ServerOptions(String host, int port, String target, Map<String, String> settings,
        Credentials credentials, Path stateDirectory) {

    public ServerOptions {
        settings = Map.copyOf(settings);
    }

    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }
}
