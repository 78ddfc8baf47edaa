package org.twinstudio.connect;

import java.util.List;
import java.util.Optional;

import org.twinstudio.model.Endpoint;
import org.twinstudio.model.types.Contributions;

/**
 * The protocol connectors and servers the product knows: those registered as OSGi services (the built-ins and
 * third-party plugins) or in {@code META-INF/services}, plus any {@link #register registered} here.
 */
public final class Connectors {

    private static volatile Connectors defaultConnectors;

    private final Contributions<ConnectorProvider> clients;
    private final Contributions<TwinServerProvider> servers;

    public Connectors(List<? extends ConnectorProvider> clients, List<? extends TwinServerProvider> servers) {
        this.clients = new Contributions<>(ConnectorProvider.class, clients);
        this.servers = new Contributions<>(TwinServerProvider.class, servers);
    }

    /** Those of the running product. */
    public static Connectors getDefault() {
        Connectors c = defaultConnectors;
        if (c == null) {
            synchronized (Connectors.class) {
                c = defaultConnectors;
                if (c == null) {
                    c = new Connectors(List.of(), List.of());
                    c.clients.addServiceLoaded(Connectors.class).trackOsgiServices(Connectors.class);
                    c.servers.addServiceLoaded(Connectors.class).trackOsgiServices(Connectors.class);
                    defaultConnectors = c;
                }
            }
        }
        return c;
    }

    public void register(ConnectorProvider provider) {
        clients.addFirst(provider);
    }

    public void register(TwinServerProvider provider) {
        servers.addFirst(provider);
    }

    public Optional<ConnectorProvider> clientFor(Endpoint endpoint) {
        return clients.current().stream().filter(p -> p.supports(endpoint)).findFirst();
    }

    public Optional<TwinServerProvider> server(String protocol) {
        return servers.current().stream().filter(p -> p.protocol().equals(protocol)).findFirst();
    }

    public List<ConnectorProvider> clientProviders() {
        return clients.current();
    }

    public List<TwinServerProvider> serverProviders() {
        return servers.current();
    }
}
