package org.twinstudio.connect;

import java.time.Instant;

/**
 * A connector's or server's state for views and reports. {@code address} is where it connects or listens;
 * {@code lastError} is null when none happened since the last connect; {@code peers} counts connected clients of a
 * server (0 for a client connector).
 */
public record EndpointStatus(String endpoint, String protocol, String address, ConnectionState state, Instant since,
        String lastError, long reconnects, int peers) {
}
