package org.twinstudio.connect.mqtt;

/** Why an MQTT operation failed, sorted into what the caller does next. */
final class LinkException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** The broker cannot be reached or the connection broke: retry with back-off. */
        NETWORK,
        /** The broker does not speak the requested protocol version: try the other one. */
        UNSUPPORTED_VERSION,
        /** User name or password refused, or not authorized: retrying will not help. */
        REFUSED_CREDENTIALS,
        /** The broker URL is unusable: retrying will not help. */
        BAD_ADDRESS,
        /** Not connected right now. */
        NOT_CONNECTED,
        /** Too many messages await acknowledgement; try again shortly. */
        BUSY,
        /** Anything else the broker or client refused. */
        OTHER
    }

    private final Kind kind;

    LinkException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** Retrying the connection with back-off can succeed. */
    boolean retryable() {
        return kind != Kind.REFUSED_CREDENTIALS && kind != Kind.BAD_ADDRESS;
    }
}
