package org.twinstudio.connect;

import java.util.List;

import org.twinstudio.model.Binding;
import org.twinstudio.model.Endpoint;

/**
 * The client side of one endpoint: reads its {@code read} bindings into the twin and writes its {@code write}
 * bindings out, once per cycle, for the HIL loop and live tests. Created by a {@link ConnectorProvider}.
 * <p>
 * Network trouble never throws out of {@link #readInputs} or {@link #writeOutputs}: it shows in
 * {@link #status()}, the connector reconnects with {@link Backoff}, and writes wait in a {@link WriteBuffer}.
 * Both cycle methods are called on the session's thread and must not block longer than the endpoint's timeout.
 */
public interface BindingConnector extends AutoCloseable {

    Endpoint endpoint();

    /** The bindings this connector serves, in model order. */
    List<Binding> bindings();

    /** Starts connecting in the background; returns at once. */
    void start();

    /**
     * Hands the latest value of each {@code read} binding that has one to {@code sink}, already converted to the
     * port's units (scale and offset applied). Bindings with no value yet are skipped.
     */
    void readInputs(InputSink sink);

    /** Sends the {@code write} bindings' port values, batched per cycle; buffered while disconnected. */
    void writeOutputs(OutputSource source);

    EndpointStatus status();

    /** One status per binding, in the order of {@link #bindings()}. */
    List<BindingStatus> bindingStatus();

    /** Disconnects and releases threads; pending buffered writes are abandoned (and counted as dropped). */
    @Override
    void close();

    @FunctionalInterface
    interface InputSink {
        void accept(Binding binding, double value);
    }

    @FunctionalInterface
    interface OutputSource {
        double valueOf(Binding binding);
    }
}
