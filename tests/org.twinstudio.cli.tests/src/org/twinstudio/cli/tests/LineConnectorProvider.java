package org.twinstudio.cli.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.twinstudio.connect.Backoff;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.ConnectorProvider;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTcpEndpoint;

/**
 * The client side of {@link LineServerProvider}'s protocol, for testing the HIL plumbing over a real socket: serves
 * the Modbus TCP endpoints named {@link #ENDPOINT} (host and port of a line server), each binding's {@code address}
 * being the index of the remote port. A background thread polls the read bindings and sends the latest values of the
 * write bindings every 2 ms; the cycle methods only exchange values with it, so they never block.
 */
final class LineConnectorProvider implements ConnectorProvider {

    static final String ENDPOINT = "rig";

    @Override
    public String protocol() {
        return LineServerProvider.PROTOCOL;
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint instanceof ModbusTcpEndpoint && ENDPOINT.equals(endpoint.getName());
    }

    @Override
    public List<String> check(Binding binding) {
        return binding instanceof ModbusBinding ? List.of() : List.of("not a Modbus binding");
    }

    @Override
    public BindingConnector create(Endpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        return new LineConnector((ModbusTcpEndpoint) endpoint, bindings);
    }

    static final class LineConnector implements BindingConnector {
        private final ModbusTcpEndpoint endpoint;
        private final List<Binding> bindings;
        private final ConcurrentHashMap<Binding, Double> latest = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Binding, Double> latency = new ConcurrentHashMap<>();
        private volatile ConnectionState state = ConnectionState.STOPPED;
        private volatile String lastError;
        private volatile long reconnects;
        private volatile boolean closed;
        private Thread thread;

        LineConnector(ModbusTcpEndpoint endpoint, List<Binding> bindings) {
            this.endpoint = endpoint;
            this.bindings = List.copyOf(bindings);
        }

        @Override
        public Endpoint endpoint() {
            return endpoint;
        }

        @Override
        public List<Binding> bindings() {
            return bindings;
        }

        @Override
        public void start() {
            state = ConnectionState.CONNECTING;
            thread = new Thread(this::exchange, "line connector " + endpoint.getName());
            thread.setDaemon(true);
            thread.start();
        }

        private void exchange() {
            Backoff backoff = Backoff.standard();
            while (!closed) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                    state = ConnectionState.CONNECTED;
                    backoff.reset();
                    while (!closed) {
                        for (Binding b : bindings) {
                            long t0 = System.nanoTime();
                            String remote = "#" + ((ModbusBinding) b).getAddress();
                            if (b.getDirection() == BindingDirection.WRITE) {
                                Double v = latest.get(b);
                                if (v == null) {
                                    continue;
                                }
                                out.println("set " + remote + " " + v);
                                String answer = in.readLine();
                                if (answer == null) {
                                    throw new IOException("the line server closed the connection");
                                }
                                if (!answer.equals("ok")) {
                                    lastError = answer;
                                }
                            } else {
                                out.println("get " + remote);
                                String answer = in.readLine();
                                if (answer == null) {
                                    throw new IOException("the line server closed the connection");
                                }
                                latest.put(b, Double.parseDouble(answer));
                            }
                            latency.put(b, (System.nanoTime() - t0) / 1e6);
                        }
                        LockSupport.parkNanos(2_000_000);
                    }
                } catch (IOException | RuntimeException e) {
                    lastError = e.getMessage();
                    if (!closed) {
                        state = ConnectionState.RECONNECTING;
                        reconnects++;
                        LockSupport.parkNanos(backoff.next().toNanos());
                    }
                }
            }
        }

        @Override
        public void readInputs(InputSink sink) {
            for (Binding b : bindings) {
                Double v = latest.get(b);
                if (b.getDirection() != BindingDirection.WRITE && v != null) {
                    sink.accept(b, v);
                }
            }
        }

        @Override
        public void writeOutputs(OutputSource source) {
            for (Binding b : bindings) {
                if (b.getDirection() == BindingDirection.WRITE) {
                    latest.put(b, source.valueOf(b));
                }
            }
        }

        @Override
        public EndpointStatus status() {
            return new EndpointStatus(endpoint.getName(), LineServerProvider.PROTOCOL,
                    endpoint.getHost() + ":" + endpoint.getPort(), state, Instant.now(), lastError, reconnects, 0);
        }

        @Override
        public List<BindingStatus> bindingStatus() {
            List<BindingStatus> list = new ArrayList<>();
            for (Binding b : bindings) {
                String port = b.getPort().getComponent().getName() + "." + b.getPort().getName();
                list.add(new BindingStatus(port, endpoint.getName(), "#" + ((ModbusBinding) b).getAddress(),
                        b.getDirection(), state, latest.getOrDefault(b, Double.NaN), Instant.now(), null,
                        latency.getOrDefault(b, Double.NaN), 0, 0));
            }
            return list;
        }

        @Override
        public void close() {
            closed = true;
            state = ConnectionState.STOPPED;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
