package org.twinstudio.connect.opcua;

/**
 * Names shared by the OPC UA server, client and browser: the protocol id and the server settings read from
 * {@code ServerOptions.settings} (documented in this bundle's README).
 */
public final class OpcUa {

    /** The protocol id of {@code TwinServerProvider} and {@code ConnectorProvider}. */
    public static final String PROTOCOL = "opcua";

    /** Default TCP port of OPC UA servers. */
    public static final int DEFAULT_PORT = 4840;

    /** Setting: endpoint path, default {@code /twinstudio}. */
    public static final String SETTING_PATH = "opcua.path";

    /**
     * Setting: comma-separated security configurations, each {@code None}, {@code Basic256Sha256/Sign} or
     * {@code Basic256Sha256/SignAndEncrypt}; default {@code None}.
     */
    public static final String SETTING_SECURITY = "opcua.security";

    /**
     * Setting: comma-separated credential keys; each names a user whose name and password come from the server's
     * {@code Credentials} (e.g. the environment), never from the model.
     */
    public static final String SETTING_USERS = "opcua.users";

    /** Setting: {@code true} or {@code false}: whether anonymous sessions are allowed; default true without users. */
    public static final String SETTING_ANONYMOUS = "opcua.anonymous";

    /**
     * Setting: {@code true} to allow a {@code None} endpoint on an address other than loopback; default false, so an
     * unencrypted twin is only reachable from the same machine unless asked for.
     */
    public static final String SETTING_ALLOW_INSECURE_REMOTE = "opcua.allowInsecureRemote";

    /** Setting: the namespace URI of the twin's nodes, default {@code urn:twinstudio:twin:MODEL}. */
    public static final String SETTING_NAMESPACE_URI = "opcua.namespaceUri";

    /** The namespace URI the server uses for a model unless {@link #SETTING_NAMESPACE_URI} says otherwise. */
    public static String defaultNamespaceUri(String modelName) {
        return "urn:twinstudio:twin:" + modelName;
    }

    private OpcUa() {
    }
}
