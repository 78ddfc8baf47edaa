package org.twinstudio.connect.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.twinstudio.connect.Credentials;

/** Creates Milo clients for one endpoint URL with a chosen security and identity. */
public final class OpcUaClients {

    /** A security policy and mode pair to pick among a server's endpoints. */
    public record Security(SecurityPolicy policy, MessageSecurityMode mode) {
        public static final Security NONE = new Security(SecurityPolicy.None, MessageSecurityMode.None);
    }

    private OpcUaClients() {
    }

    /**
     * A client (not yet connected) for the server at {@code url}, on its endpoint with {@code security}. Secure
     * endpoints need {@code pki} (the client's certificate and the server certificates it trusts). The endpoint the
     * server announces is reached at the host and port of {@code url}, so a server behind a name or NAT still works.
     *
     * @param user null for an anonymous session
     * @throws UaException if the server cannot be reached or has no endpoint with that security
     */
    public static OpcUaClient create(String url, Security security, Credentials.UserPassword user, ApplicationPki pki,
            Duration timeout) throws UaException {
        if (security.policy() != SecurityPolicy.None && pki == null) {
            throw new UaException(StatusCodes.Bad_ConfigurationError,
                    security.policy() + " needs a client certificate (a state directory for the PKI)");
        }
        long ms = Math.max(100, timeout.toMillis());
        String host = EndpointUtil.getHost(url);
        int port = EndpointUtil.getPort(url);
        return OpcUaClient.create(url, endpoints -> pick(endpoints, security, url).map(e -> EndpointUtil.updateUrl(
                e, host, port)), transport -> transport.setConnectTimeout(uint(ms)), config -> {
                    config.setApplicationName(LocalizedText.english("Twinstudio"))
                            .setApplicationUri(pki == null ? "urn:twinstudio:client" : pki.applicationUri())
                            .setProductUri("urn:twinstudio").setRequestTimeout(uint(ms))
                            // A server that vanishes without closing the connection is noticed within ~5 s.
                            .setKeepAliveInterval(uint(1000)).setKeepAliveTimeout(uint(1000))
                            .setKeepAliveFailuresAllowed(uint(2))
                            .setIdentityProvider(user == null ? AnonymousProvider.INSTANCE
                                    : new UsernameProvider(user.user(), new String(user.password())));
                    if (pki != null) {
                        config.setKeyPair(pki.keyPair()).setCertificate(pki.certificate())
                                .setCertificateChain(pki.chain()).setCertificateValidator(pki.validator());
                    }
                });
    }

    private static Optional<EndpointDescription> pick(List<EndpointDescription> endpoints, Security security,
            String url) {
        Optional<EndpointDescription> match = endpoints.stream()
                .filter(e -> security.policy().getUri().equals(e.getSecurityPolicyUri())
                        && security.mode() == e.getSecurityMode())
                // Prefer a session endpoint to a discovery-only one.
                .sorted(Comparator.comparing(e -> e.getEndpointUrl().endsWith("/discovery")))
                .findFirst();
        if (match.isEmpty()) {
            String offered = endpoints.stream().map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                    .map(Enum::name).orElse(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode())
                    .distinct().collect(Collectors.joining(", "));
            throw new IllegalStateException(url + " has no " + security.policy() + "/" + security.mode()
                    + " endpoint (it offers " + offered + ")");
        }
        return match;
    }
}
