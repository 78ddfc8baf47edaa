package org.twinstudio.connect;

import java.nio.file.Path;

/**
 * What a connector gets from its host: where credentials come from and where it may keep state (certificates,
 * trust lists), plus the bound for buffered writes.
 */
public record ConnectorContext(Credentials credentials, Path stateDirectory, int writeBufferCapacity) {

    public static final int DEFAULT_WRITE_BUFFER_CAPACITY = 10_000;

    public static ConnectorContext defaults(Path stateDirectory) {
        return new ConnectorContext(Credentials.fromEnvironment(), stateDirectory, DEFAULT_WRITE_BUFFER_CAPACITY);
    }
}
