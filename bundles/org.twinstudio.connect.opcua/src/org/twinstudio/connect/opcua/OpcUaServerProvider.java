package org.twinstudio.connect.opcua;

import java.io.IOException;

import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.TwinAccess;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.connect.TwinServerProvider;

/** Serves twins as OPC UA servers ({@link OpcUaTwinServer}); protocol id {@value OpcUa#PROTOCOL}. */
public final class OpcUaServerProvider implements TwinServerProvider {

    @Override
    public String protocol() {
        return OpcUa.PROTOCOL;
    }

    @Override
    public TwinServer serve(TwinAccess twin, ServerOptions options) throws IOException {
        return OpcUaTwinServer.start(twin, options);
    }
}
