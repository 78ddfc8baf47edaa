package org.twinstudio.connect;

/** Where a connector's link to its peer stands. */
public enum ConnectionState {
    /** Not started, or closed. */
    STOPPED,
    /** First attempt under way. */
    CONNECTING,
    CONNECTED,
    /** Lost or refused; retrying with back-off. */
    RECONNECTING,
    /** Given up: the configuration cannot work (bad address, rejected credentials or certificate). */
    FAILED
}
