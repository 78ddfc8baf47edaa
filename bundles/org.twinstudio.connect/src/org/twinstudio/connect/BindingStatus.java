package org.twinstudio.connect;

import java.time.Instant;

import org.twinstudio.model.BindingDirection;

/**
 * One binding's live state. {@code latencyMillis} is the last round trip (read: peer timestamp or request to
 * answer; write: request to acknowledgement), NaN until measured. {@code writesBuffered} waits for the peer;
 * {@code writesDropped} counts writes lost because the buffer was full.
 */
public record BindingStatus(String port, String endpoint, String address, BindingDirection direction,
        ConnectionState state, double lastValue, Instant lastUpdate, String lastError, double latencyMillis,
        int writesBuffered, long writesDropped) {
}
