package org.twinstudio.connect;

import java.io.IOException;

/** A protocol's server side; registered like {@link ConnectorProvider}. */
public interface TwinServerProvider {

    /** Same ids as {@link ConnectorProvider#protocol()}. */
    String protocol();

    /** Starts serving {@code twin}; returns once peers can connect. */
    TwinServer serve(TwinAccess twin, ServerOptions options) throws IOException;
}
