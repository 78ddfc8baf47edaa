package org.twinstudio.connect;

/** A twin exposed to the plant: an OPC UA server, a Modbus slave, an MQTT publisher. */
public interface TwinServer extends AutoCloseable {

    /** Where peers reach it: {@code opc.tcp://127.0.0.1:4840/twinstudio}, {@code 127.0.0.1:502}, a broker URL. */
    String address();

    EndpointStatus status();

    /** Stops serving; connected peers are disconnected. */
    @Override
    void close();
}
