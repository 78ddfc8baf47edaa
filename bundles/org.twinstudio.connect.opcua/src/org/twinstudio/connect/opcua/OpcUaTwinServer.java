package org.twinstudio.connect.opcua;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;

/**
 * A running twin served over OPC UA (binary TCP). See {@link TwinNamespace} for the address space and the
 * bundle's README for the settings. After each cycle the {@link CycleListener} only schedules a publication on the
 * server's own publisher thread; if that thread is still busy with an earlier cycle, the cycles in between are
 * coalesced into one (subscribers then see the newest values, never stale ones).
 */
public final class OpcUaTwinServer implements TwinServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaTwinServer.class);

    /** One endpoint security configuration. */
    public record Security(SecurityPolicy policy, MessageSecurityMode mode) {
        public boolean secure() {
            return policy != SecurityPolicy.None;
        }
    }

    /** User name and password with the password encrypted by Basic256Sha256, for None endpoints. */
    private static final UserTokenPolicy USERNAME_ENCRYPTED = new UserTokenPolicy("username-basic256sha256",
            UserTokenType.UserName, null, null, SecurityPolicy.Basic256Sha256.getUri());

    private final TwinAccess twin;
    private final OpcUaServer server;
    private final TwinNamespace namespace;
    private final String address;
    private final ApplicationPki pki;
    private final ScheduledExecutorService publisher;
    private final AtomicBoolean publishScheduled = new AtomicBoolean();
    private final CycleListener listener;
    private final Instant since = Instant.now();
    private volatile String lastError;
    private volatile boolean closed;

    private OpcUaTwinServer(TwinAccess twin, OpcUaServer server, TwinNamespace namespace, String address,
            ApplicationPki pki) {
        this.twin = twin;
        this.server = server;
        this.namespace = namespace;
        this.address = address;
        this.pki = pki;
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twinstudio-opcua-publisher");
            t.setDaemon(true);
            return t;
        });
        this.listener = (cycle, time) -> {
            if (publishScheduled.compareAndSet(false, true)) {
                publisher.execute(this::publish);
            }
        };
    }

    private void publish() {
        publishScheduled.set(false);
        try {
            namespace.publish();
        } catch (RuntimeException e) {
            lastError = "publishing values failed: " + e;
            LOG.warn("publishing values failed", e);
        }
    }

    private void publishRunning() {
        try {
            namespace.publishRunning();
        } catch (RuntimeException e) {
            lastError = "publishing the run state failed: " + e;
        }
    }

    /**
     * Starts serving {@code twin} as configured by {@code options}; returns once clients can connect.
     *
     * @throws IOException              if the port cannot be bound or the certificate store cannot be set up
     * @throws IllegalArgumentException if a setting is malformed (the message names it)
     */
    public static OpcUaTwinServer start(TwinAccess twin, ServerOptions options) throws IOException {
        String host = options.host() == null || options.host().isBlank() ? "127.0.0.1" : options.host();
        List<Security> security = parseSecurity(options.setting(OpcUa.SETTING_SECURITY, "None"));
        boolean loopback = isLoopback(host);
        boolean allowInsecureRemote = Boolean.parseBoolean(options.setting(OpcUa.SETTING_ALLOW_INSECURE_REMOTE,
                "false"));
        if (!loopback && !allowInsecureRemote && security.stream().anyMatch(s -> !s.secure())) {
            throw new IllegalArgumentException(OpcUa.SETTING_SECURITY + ": a None endpoint on " + host
                    + " would let anyone on the network drive the twin unencrypted; use Basic256Sha256 or set "
                    + OpcUa.SETTING_ALLOW_INSECURE_REMOTE + "=true");
        }
        Map<String, char[]> users = users(options.setting(OpcUa.SETTING_USERS, ""), options.credentials());
        boolean anonymous = Boolean.parseBoolean(options.setting(OpcUa.SETTING_ANONYMOUS,
                Boolean.toString(users.isEmpty())));
        if (!anonymous && users.isEmpty()) {
            throw new IllegalArgumentException(OpcUa.SETTING_ANONYMOUS + "=false needs users in "
                    + OpcUa.SETTING_USERS);
        }
        if (!users.isEmpty() && security.stream().noneMatch(Security::secure)) {
            throw new IllegalArgumentException(OpcUa.SETTING_USERS + " needs a Basic256Sha256 endpoint in "
                    + OpcUa.SETTING_SECURITY + ": without a server certificate passwords would cross in clear text");
        }
        int port = options.port() > 0 ? options.port() : freePort(host);
        String path = options.setting(OpcUa.SETTING_PATH, "/twinstudio");
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String namespaceUri = options.setting(OpcUa.SETTING_NAMESPACE_URI, OpcUa.defaultNamespaceUri(
                twin.modelName()));

        ApplicationPki pki = null;
        DefaultCertificateManager certificates;
        String applicationUri = "urn:twinstudio:server:" + twin.modelName();
        if (security.stream().anyMatch(Security::secure)) {
            if (options.stateDirectory() == null) {
                throw new IllegalArgumentException(OpcUa.SETTING_SECURITY
                        + ": secure endpoints need a state directory for the certificate and trust list");
            }
            pki = ApplicationPki.open(options.stateDirectory().resolve("opcua-server").resolve("pki"),
                    "urn:twinstudio:server:" + ApplicationPki.localHostname(), host, true);
            certificates = pki.certificateManager();
            applicationUri = pki.applicationUri();
        } else {
            certificates = new DefaultCertificateManager(new MemoryCertificateQuarantine());
        }

        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        for (Security s : security) {
            endpoints.add(endpoint(host, port, path, s, pki, anonymous, !users.isEmpty()));
        }
        if (security.stream().allMatch(Security::secure)) {
            // Clients need a None endpoint to discover the secure ones (OPC UA Part 6, 7.1).
            endpoints.add(endpoint(host, port, path + "/discovery", new Security(SecurityPolicy.None,
                    MessageSecurityMode.None), pki, false, false));
        }

        List<IdentityValidator> validators = new ArrayList<>();
        if (anonymous) {
            validators.add(AnonymousIdentityValidator.INSTANCE);
        }
        if (!users.isEmpty()) {
            validators.add(new UsernameIdentityValidator(challenge -> {
                char[] expected = users.get(challenge.getUsername());
                return expected != null && challenge.getPassword() != null && MessageDigest.isEqual(
                        new String(expected).getBytes(StandardCharsets.UTF_8),
                        challenge.getPassword().getBytes(StandardCharsets.UTF_8));
            }));
        }

        OpcUaServerConfig config = OpcUaServerConfig.builder().setApplicationUri(applicationUri)
                .setApplicationName(LocalizedText.english("Twinstudio twin " + twin.modelName()))
                .setProductUri("urn:twinstudio").setEndpoints(endpoints)
                .setBuildInfo(new BuildInfo("urn:twinstudio", "Twinstudio", "Twinstudio OPC UA server",
                        OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setCertificateManager(certificates).setIdentityValidator(new CompositeValidator(validators))
                .build();
        OpcUaServer server = new OpcUaServer(config,
                profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
        TwinNamespace namespace = new TwinNamespace(server, namespaceUri, twin);
        namespace.startup();
        try {
            server.startup().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            namespace.shutdown();
            server.shutdown();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("cannot serve OPC UA on " + host + ":" + port + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the OPC UA server", e);
        }
        String address = "opc.tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path;
        OpcUaTwinServer s = new OpcUaTwinServer(twin, server, namespace, address, pki);
        twin.addCycleListener(s.listener);
        s.publisher.execute(s::publish);
        s.publisher.scheduleWithFixedDelay(s::publishRunning, 100, 100, TimeUnit.MILLISECONDS);
        LOG.debug("serving {} at {}", twin.modelName(), address);
        return s;
    }

    private static EndpointConfig endpoint(String host, int port, String path, Security s, ApplicationPki pki,
            boolean anonymous, boolean users) {
        EndpointConfig.Builder b = EndpointConfig.newBuilder().setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(host).setHostname(host).setBindPort(port).setPath(path)
                .setSecurityPolicy(s.policy()).setSecurityMode(s.mode());
        if (pki != null) {
            b.setCertificate(pki::certificate);
        }
        if (anonymous) {
            b.addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        }
        if (users && s.secure()) {
            b.addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        } else if (users && pki != null) {
            // On an unsecured channel the password is encrypted for the server's certificate instead.
            b.addTokenPolicy(USERNAME_ENCRYPTED);
        }
        return b.build();
    }

    /** Parses {@link OpcUa#SETTING_SECURITY}. */
    public static List<Security> parseSecurity(String text) {
        List<Security> result = new ArrayList<>();
        for (String item : text.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            String key = s.toLowerCase(Locale.ROOT).replace(" ", "");
            Security sec = switch (key) {
                case "none" -> new Security(SecurityPolicy.None, MessageSecurityMode.None);
                case "basic256sha256/sign" -> new Security(SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign);
                case "basic256sha256/signandencrypt" -> new Security(SecurityPolicy.Basic256Sha256,
                        MessageSecurityMode.SignAndEncrypt);
                default -> throw new IllegalArgumentException(OpcUa.SETTING_SECURITY + ": unknown security '" + s
                        + "'; use None, Basic256Sha256/Sign or Basic256Sha256/SignAndEncrypt");
            };
            if (!result.contains(sec)) {
                result.add(sec);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(OpcUa.SETTING_SECURITY + ": no security configuration given");
        }
        return result;
    }

    private static Map<String, char[]> users(String keys, Credentials credentials) {
        Map<String, char[]> users = new LinkedHashMap<>();
        for (String k : keys.split(",")) {
            String key = k.trim();
            if (key.isEmpty()) {
                continue;
            }
            Credentials.UserPassword up = (credentials == null ? Credentials.NONE : credentials).lookup(key)
                    .orElseThrow(() -> new IllegalArgumentException(OpcUa.SETTING_USERS + ": no credentials for key '"
                            + key + "' (set TWINSTUDIO_CREDENTIAL_" + key.toUpperCase(Locale.ROOT).replaceAll(
                                    "[^A-Z0-9]", "_") + "_USER and _PASSWORD)"));
            users.put(up.user(), up.password());
        }
        return users;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    @Override
    public String address() {
        return address;
    }

    /** The namespace URI of the twin's nodes. */
    public String namespaceUri() {
        return namespace.getNamespaceUri();
    }

    /** The namespace index of the twin's nodes on this server. */
    public int namespaceIndex() {
        return namespace.getNamespaceIndex().intValue();
    }

    /** The certificate store of a server with secure endpoints, else null. */
    public ApplicationPki pki() {
        return pki;
    }

    @Override
    public EndpointStatus status() {
        int peers = closed ? 0 : server.getSessionManager().getCurrentSessionCount().intValue();
        return new EndpointStatus(twin.modelName(), OpcUa.PROTOCOL, address,
                closed ? ConnectionState.STOPPED : ConnectionState.CONNECTED, since, lastError, 0, peers);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        twin.removeCycleListener(listener);
        publisher.shutdownNow();
        try {
            namespace.shutdown();
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("OPC UA server at {} did not shut down cleanly", address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (pki != null) {
                pki.close();
            }
        }
    }
}
