package org.twinstudio.connect.opcua;

/** Constants shared by the OPC UA server, client and browser. */
public final class OpcUa {

    /** The protocol id of {@code TwinServerProvider} and {@code ConnectorProvider}. */
    public static final String PROTOCOL = "opcua";

    private OpcUa() {
    }
}
