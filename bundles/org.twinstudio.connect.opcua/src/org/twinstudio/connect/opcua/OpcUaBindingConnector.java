package org.twinstudio.connect.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twinstudio.connect.Backoff;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.WriteBuffer;
import org.twinstudio.model.Authentication;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.Endpoint;
import org.twinstudio.model.OpcUaBinding;
import org.twinstudio.model.OpcUaEndpoint;
import org.twinstudio.model.OpcUaSecurityMode;
import org.twinstudio.model.OpcUaSecurityPolicy;
import org.twinstudio.model.Port;

/**
 * The client side of one OPC UA endpoint. One link thread per connector connects, subscribes and writes; the
 * session's thread only exchanges values with it and never waits on the network.
 * <ul>
 * <li><b>Reads</b>: one subscription with a monitored item per read binding, sampled at the binding's
 * {@code samplePeriodMs} and published at the shortest of them; a binding's {@code deadband} becomes an absolute
 * DataChangeFilter, so the server only reports changes larger than it. {@link #readInputs} hands over the newest
 * value of each. Latency: the notification's arrival minus the value's source timestamp.</li>
 * <li><b>Writes</b>: {@link #writeOutputs} collects the write bindings whose value moved by more than their deadband
 * (any change with deadband 0) into one batch per cycle and queues it in the {@link WriteBuffer}; the link thread
 * sends each batch as one Write request, oldest first. A batch stays queued until the server acknowledged it, so
 * writes made while the server is away are sent, in order, once it is back (up to the buffer's bound; beyond it the
 * oldest are dropped and counted). Per-item Bad results are reported in the binding's status. Latency: request to
 * acknowledgement.</li>
 * <li><b>Reconnects</b>: a lost session (Milo's keep-alive or a failed request) ends the client; the link thread
 * connects a new one after {@link Backoff} delays, re-creates the subscription and writes every write binding again
 * (the server may have restarted). A configuration that cannot work (no matching endpoint, user refused, no
 * credentials) leaves the connector FAILED.</li>
 * </ul>
 */
public final class OpcUaBindingConnector implements BindingConnector {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaBindingConnector.class);

    /** Live state of one binding, written by the link thread and read by anyone. */
    private static final class Slot {
        final OpcUaBinding binding;
        final NodeId nodeId;
        final String path;
        volatile double lastValue = Double.NaN;
        volatile Instant lastUpdate;
        volatile String lastError;
        volatile double latencyMillis = Double.NaN;
        volatile boolean hasValue;
        /** The OPC UA data type of the node, read on connect; writes are encoded in it. */
        volatile NodeId dataType;
        /** Last value queued for writing (session thread only). */
        double lastQueued = Double.NaN;

        Slot(OpcUaBinding binding, NodeId nodeId, String error) {
            this.binding = binding;
            this.nodeId = nodeId;
            Port p = binding.getPort();
            this.path = p == null ? "?" : (p.getComponent() == null ? "" : p.getComponent().getName() + ".")
                    + p.getName();
            this.lastError = error;
        }

        boolean reads() {
            return binding.getDirection() != BindingDirection.WRITE;
        }
    }

    /** One cycle's writes. */
    private record Batch(int[] slots, double[] values) {
    }

    private final OpcUaEndpoint endpoint;
    private final List<Binding> bindings;
    private final Slot[] slots;
    private final ConnectorContext context;
    private final WriteBuffer<Batch> buffer;
    private final Backoff backoff = Backoff.standard();
    private final Duration timeout = Duration.ofSeconds(5);

    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile long reconnects;
    private volatile boolean closed;
    private volatile boolean lost;
    private volatile boolean rewriteAll;
    private volatile Thread link;
    private OpcUaClient client;
    private ApplicationPki pki;

    OpcUaBindingConnector(OpcUaEndpoint endpoint, List<Binding> bindings, ConnectorContext context) {
        this.endpoint = endpoint;
        this.bindings = List.copyOf(bindings);
        this.context = context;
        this.buffer = new WriteBuffer<>(Math.max(1, context.writeBufferCapacity()));
        this.slots = new Slot[this.bindings.size()];
        for (int i = 0; i < slots.length; i++) {
            Binding b = this.bindings.get(i);
            if (b instanceof OpcUaBinding ob) {
                List<String> problems = OpcUaConnectorProvider.problems(ob);
                NodeId id = problems.isEmpty() ? NodeId.parseOrNull(ob.getNodeId().trim()) : null;
                slots[i] = new Slot(ob, id, problems.isEmpty() ? null : String.join("; ", problems));
            } else {
                throw new IllegalArgumentException("not an OPC UA binding: " + b);
            }
        }
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
    public synchronized void start() {
        if (link != null || closed) {
            return;
        }
        setState(ConnectionState.CONNECTING);
        Thread t = new Thread(this::run, "twinstudio-opcua-link " + endpoint.getName());
        t.setDaemon(true);
        link = t;
        t.start();
    }

    @Override
    public void readInputs(InputSink sink) {
        for (Slot s : slots) {
            if (s.reads() && s.hasValue) {
                sink.accept(s.binding, s.lastValue);
            }
        }
    }

    @Override
    public void writeOutputs(OutputSource source) {
        boolean all = rewriteAll;
        if (all) {
            rewriteAll = false;
        }
        int[] idx = new int[slots.length];
        double[] values = new double[slots.length];
        int n = 0;
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s.reads() || s.nodeId == null) {
                continue;
            }
            double v = source.valueOf(s.binding);
            double deadband = Math.max(0, s.binding.getDeadband());
            if (!all && !Double.isNaN(s.lastQueued) && Math.abs(v - s.lastQueued) <= deadband
                    && !(Double.isNaN(v) ^ Double.isNaN(s.lastQueued))) {
                continue;
            }
            s.lastQueued = v;
            idx[n] = i;
            values[n] = v;
            n++;
        }
        if (n > 0) {
            buffer.add(new Batch(Arrays.copyOf(idx, n), Arrays.copyOf(values, n)));
            Thread t = link;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public EndpointStatus status() {
        return new EndpointStatus(endpoint.getName(), OpcUa.PROTOCOL, endpoint.getUrl(), state, since, lastError,
                reconnects, 0);
    }

    @Override
    public List<BindingStatus> bindingStatus() {
        List<BindingStatus> result = new ArrayList<>(slots.length);
        int buffered = buffer.size();
        long dropped = buffer.dropped();
        for (Slot s : slots) {
            boolean writes = !s.reads();
            result.add(new BindingStatus(s.path, endpoint.getName(), s.binding.getNodeId(),
                    s.binding.getDirection(), s.nodeId == null ? ConnectionState.FAILED : state, s.lastValue,
                    s.lastUpdate, s.lastError, s.latencyMillis, writes ? buffered : 0, writes ? dropped : 0));
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        Thread t = link;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        buffer.clear();
        setState(ConnectionState.STOPPED);
    }

    private void setState(ConnectionState s) {
        if (state != s) {
            state = s;
            since = Instant.now();
        }
    }

    // ---- the link thread

    private void run() {
        try {
            while (!closed) {
                if (client == null) {
                    try {
                        connect();
                        backoff.reset();
                        lastError = null;
                        rewriteAll = true;
                        setState(ConnectionState.CONNECTED);
                    } catch (ConfigurationException e) {
                        fail(e.getMessage());
                        return;
                    } catch (Exception e) {
                        disconnect();
                        lastError = describe(e);
                        if (state == ConnectionState.CONNECTED) {
                            reconnects++;
                        }
                        setState(ConnectionState.RECONNECTING);
                        pause(backoff.next().toNanos());
                        continue;
                    }
                }
                if (lost) {
                    lastError = lastError == null ? "connection lost" : lastError;
                    disconnect();
                    reconnects++;
                    setState(ConnectionState.RECONNECTING);
                    pause(backoff.next().toNanos());
                    continue;
                }
                if (buffer.size() > 0) {
                    buffer.flush(this::send);
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("OPC UA link to {} failed", endpoint.getUrl(), e);
            fail("internal error: " + e);
        } finally {
            disconnect();
            if (pki != null) {
                pki.close();
                pki = null;
            }
        }
    }

    private void fail(String message) {
        lastError = message;
        setState(ConnectionState.FAILED);
        LOG.warn("OPC UA endpoint {} ({}): {}", endpoint.getName(), endpoint.getUrl(), message);
    }

    private void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        while (!closed && System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }

    /** A problem retrying cannot fix. */
    private static final class ConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigurationException(String message) {
            super(message);
        }
    }

    private void connect() throws Exception {
        String url = endpoint.getUrl();
        if (url == null || !url.startsWith("opc.tcp://")) {
            throw new ConfigurationException("endpoint " + endpoint.getName() + ": url '" + url
                    + "' is not opc.tcp://HOST:PORT/PATH");
        }
        Credentials.UserPassword user;
        OpcUaClients.Security security = security(endpoint);
        try {
            user = userOf(endpoint, context);
            if (pki == null) {
                pki = clientPki(endpoint, context, security);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        OpcUaClient c;
        try {
            c = OpcUaClients.create(url, security, user, pki, timeout);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
        lost = false;
        c.addSessionActivityListener(new SessionActivityListener() {
            @Override
            public void onSessionInactive(UaSession session) {
                lost = true;
                Thread t = link;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        });
        client = c;
        try {
            c.connect();
        } catch (UaException e) {
            long code = e.getStatusCode().getValue();
            if (code == StatusCodes.Bad_UserAccessDenied || code == StatusCodes.Bad_IdentityTokenRejected
                    || code == StatusCodes.Bad_IdentityTokenInvalid) {
                throw new ConfigurationException("endpoint " + endpoint.getName() + ": the server refused the user ("
                        + e.getStatusCode() + ")");
            }
            throw e;
        }
        lost = false;
        readDataTypes(c);
        subscribe(c);
    }

    /**
     * The user an endpoint signs in as: null for anonymous, the credentials of its key for username authentication.
     *
     * @throws IllegalArgumentException saying what is missing or unsupported
     */
    static Credentials.UserPassword userOf(OpcUaEndpoint endpoint, ConnectorContext context) {
        if (endpoint.getAuthentication() == Authentication.USERNAME) {
            String key = endpoint.getCredentialKey();
            return context.credentials().lookup(key).orElseThrow(() -> new IllegalArgumentException("endpoint "
                    + endpoint.getName() + ": no credentials for key '" + key + "'"));
        }
        if (endpoint.getAuthentication() == Authentication.CERTIFICATE) {
            throw new IllegalArgumentException("endpoint " + endpoint.getName()
                    + ": certificate authentication is not supported; use anonymous or username");
        }
        return null;
    }

    /**
     * The client's application certificate and trust list for a secure endpoint, in
     * {@code <state directory>/opcua-client/pki} (shared by the binding connectors and the browser); null for None.
     *
     * @throws IllegalArgumentException without a state directory, or when the PKI cannot be opened
     */
    static ApplicationPki clientPki(OpcUaEndpoint endpoint, ConnectorContext context, OpcUaClients.Security security) {
        if (security.policy() == SecurityPolicy.None) {
            return null;
        }
        if (context.stateDirectory() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.getName() + ": " + security.policy()
                    + " needs a state directory for the client certificate");
        }
        try {
            return ApplicationPki.open(context.stateDirectory().resolve("opcua-client").resolve("pki"),
                    "urn:twinstudio:client:" + ApplicationPki.localHostname(), ApplicationPki.localHostname(), false);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static OpcUaClients.Security security(OpcUaEndpoint e) {
        OpcUaSecurityPolicy p = e.getSecurityPolicy() == null ? OpcUaSecurityPolicy.NONE : e.getSecurityPolicy();
        OpcUaSecurityMode m = e.getSecurityMode() == null ? OpcUaSecurityMode.NONE : e.getSecurityMode();
        SecurityPolicy policy = switch (p) {
            case NONE -> SecurityPolicy.None;
            case BASIC256_SHA256 -> SecurityPolicy.Basic256Sha256;
            case AES128_SHA256_RSA_OAEP -> SecurityPolicy.Aes128_Sha256_RsaOaep;
            case AES256_SHA256_RSA_PSS -> SecurityPolicy.Aes256_Sha256_RsaPss;
        };
        MessageSecurityMode mode = switch (m) {
            case NONE -> MessageSecurityMode.None;
            case SIGN -> MessageSecurityMode.Sign;
            case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
        };
        if (policy != SecurityPolicy.None && mode == MessageSecurityMode.None) {
            mode = MessageSecurityMode.SignAndEncrypt;
        }
        return new OpcUaClients.Security(policy, policy == SecurityPolicy.None ? MessageSecurityMode.None : mode);
    }

    private void readDataTypes(OpcUaClient c) throws UaException {
        List<ReadValueId> reads = new ArrayList<>();
        List<Slot> targets = new ArrayList<>();
        for (Slot s : slots) {
            if (!s.reads() && s.nodeId != null) {
                reads.add(new ReadValueId(s.nodeId, AttributeId.DataType.uid(), null, null));
                targets.add(s);
            }
        }
        if (reads.isEmpty()) {
            return;
        }
        DataValue[] types = c.read(0, TimestampsToReturn.Neither, reads).getResults();
        for (int i = 0; i < types.length; i++) {
            Slot s = targets.get(i);
            if (types[i].getStatusCode().isBad()) {
                s.lastError = "cannot read the node's data type: " + types[i].getStatusCode();
                s.dataType = null;
            } else if (types[i].getValue().getValue() instanceof NodeId type) {
                s.dataType = type;
                s.lastError = null;
            }
        }
    }

    private void subscribe(OpcUaClient c) throws UaException {
        List<Slot> reading = new ArrayList<>();
        double publishing = Double.MAX_VALUE;
        for (Slot s : slots) {
            if (s.reads() && s.nodeId != null) {
                reading.add(s);
                publishing = Math.min(publishing, Math.max(0, s.binding.getSamplePeriodMs()));
            }
        }
        if (reading.isEmpty()) {
            return;
        }
        OpcUaSubscription subscription = new OpcUaSubscription(c, Math.max(publishing, 1.0));
        subscription.create();
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (Slot s : reading) {
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(s.nodeId);
            item.setSamplingInterval(Math.max(0, s.binding.getSamplePeriodMs()));
            item.setQueueSize(uint(1));
            if (s.binding.getDeadband() > 0) {
                item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue, uint(DeadbandType.Absolute
                        .getValue()), s.binding.getDeadband()));
            }
            item.setDataValueListener((i, value) -> received(s, value));
            items.add(item);
        }
        subscription.addMonitoredItems(items);
        try {
            subscription.synchronizeMonitoredItems();
        } catch (Exception e) {
            // Items the server refused report it per binding below; the others run.
            LOG.debug("some monitored items failed on {}", endpoint.getUrl(), e);
        }
        for (int i = 0; i < items.size(); i++) {
            StatusCode result = items.get(i).getCreateResult().orElse(StatusCode.GOOD);
            if (result.isBad()) {
                reading.get(i).lastError = "the server refused to monitor " + reading.get(i).binding.getNodeId()
                        + ": " + result;
            }
        }
    }

    private static void received(Slot s, DataValue value) {
        Instant now = Instant.now();
        if (value.getStatusCode() != null && value.getStatusCode().isBad()) {
            s.lastError = "bad value from the server: " + value.getStatusCode();
            return;
        }
        Object v = value.getValue() == null ? null : value.getValue().getValue();
        double d;
        if (v instanceof Boolean b) {
            d = b ? 1 : 0;
        } else if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof UNumber n) {
            d = n.doubleValue();
        } else {
            s.lastError = "not a number: " + v;
            return;
        }
        s.lastValue = d;
        s.lastUpdate = now;
        s.hasValue = true;
        s.lastError = null;
        if (value.getSourceTime() != null && value.getSourceTime().isValid()) {
            s.latencyMillis = Math.max(0, Duration.between(value.getSourceTime().getJavaInstant(), now).toNanos()
                    / 1e6);
        }
    }

    /** Sends one batch; false if the server is unreachable (the batch stays queued). */
    private boolean send(Batch batch) {
        OpcUaClient c = client;
        if (c == null || lost || closed) {
            return false;
        }
        List<WriteValue> writes = new ArrayList<>(batch.slots().length);
        for (int k = 0; k < batch.slots().length; k++) {
            Slot s = slots[batch.slots()[k]];
            writes.add(new WriteValue(s.nodeId, AttributeId.Value.uid(), null,
                    DataValue.valueOnly(encode(s.dataType, batch.values()[k]))));
        }
        long start = System.nanoTime();
        StatusCode[] results;
        try {
            results = c.write(writes).getResults();
        } catch (UaException e) {
            lastError = "write failed: " + describe(e);
            lost = true;
            return false;
        }
        double latency = (System.nanoTime() - start) / 1e6;
        Instant now = Instant.now();
        for (int k = 0; k < batch.slots().length; k++) {
            Slot s = slots[batch.slots()[k]];
            s.latencyMillis = latency;
            if (results[k].isGood()) {
                s.lastValue = batch.values()[k];
                s.lastUpdate = now;
                s.lastError = null;
            } else {
                s.lastError = "write refused: " + results[k];
            }
        }
        return true;
    }

    /** The port value as the node's data type (OPC UA servers do not convert on write). */
    static Variant encode(NodeId type, double v) {
        if (type == null || type.equals(NodeIds.Double) || Double.isNaN(v)) {
            return Variant.ofDouble(v);
        }
        long r = Math.round(v);
        if (type.equals(NodeIds.Boolean)) {
            return Variant.ofBoolean(v != 0);
        } else if (type.equals(NodeIds.Float)) {
            return Variant.ofFloat((float) v);
        } else if (type.equals(NodeIds.Int32)) {
            return Variant.ofInt32((int) clamp(r, Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else if (type.equals(NodeIds.Int16)) {
            return Variant.ofInt16((short) clamp(r, Short.MIN_VALUE, Short.MAX_VALUE));
        } else if (type.equals(NodeIds.Int64)) {
            return Variant.ofInt64(r);
        } else if (type.equals(NodeIds.UInt16)) {
            return Variant.ofUInt16(UShort.valueOf((int) clamp(r, 0, 65535)));
        } else if (type.equals(NodeIds.UInt32)) {
            return Variant.ofUInt32(UInteger.valueOf(clamp(r, 0, 0xffff_ffffL)));
        } else if (type.equals(NodeIds.UInt64)) {
            return Variant.ofUInt64(ULong.valueOf(Math.max(0, r)));
        } else if (type.equals(NodeIds.Byte)) {
            return Variant.ofByte(UByte.valueOf((int) clamp(r, 0, 255)));
        } else if (type.equals(NodeIds.SByte)) {
            return Variant.ofSByte((byte) clamp(r, Byte.MIN_VALUE, Byte.MAX_VALUE));
        } else if (type.equals(NodeIds.String)) {
            return Variant.ofString(Double.toString(v));
        }
        return Variant.ofDouble(v);
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    private void disconnect() {
        OpcUaClient c = client;
        client = null;
        if (c != null) {
            // Do not wait for a server that is gone.
            c.disconnectAsync();
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof UaException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
