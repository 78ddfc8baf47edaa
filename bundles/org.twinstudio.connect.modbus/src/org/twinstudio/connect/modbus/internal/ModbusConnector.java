package org.twinstudio.connect.modbus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twinstudio.connect.Backoff;
import org.twinstudio.connect.BindingConnector;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.WriteBuffer;
import org.twinstudio.connect.modbus.ModbusChecks;
import org.twinstudio.connect.modbus.ModbusCodec;
import org.twinstudio.connect.modbus.WordOrder;
import org.twinstudio.model.Binding;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.model.ModbusBinding;
import org.twinstudio.model.ModbusTable;
import org.twinstudio.model.ModbusTcpEndpoint;
import org.twinstudio.model.ModbusValueType;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/**
 * A Modbus TCP master (j2mod) serving one endpoint's bindings.
 * <p>
 * Threads: a link thread connects and reconnects with {@link Backoff}; one poller per distinct sample period reads
 * its blocks at that period (fixed rate; a late round starts the next period from now); a writer sends buffered
 * write batches in order. All share one TCP connection; j2mod runs one transaction at a time on it.
 * <p>
 * Reads: bindings of one period and table whose addresses touch or overlap are read with one request (at most 125
 * registers or 2000 bits). Writes: each cycle's values, encoded, are grouped the same way into write-multiple
 * requests (at most 123 registers or 1968 coils; a single coil uses function 5) and queued in a bounded
 * {@link WriteBuffer}, so {@link #writeOutputs} never waits for the network. A binding with a positive deadband is
 * only queued when its value moved by more than the deadband since it was last queued.
 * <p>
 * A Modbus exception from the device (e.g. 02 illegal address) is the binding's error and keeps the connection;
 * any other failure (I/O, timeout after the endpoint's {@code timeoutMs}, a garbled answer) drops the connection
 * and reconnects. A refused write batch is dropped (the device will not take it); one that failed on the network
 * stays queued and is sent after the reconnect.
 */
public final class ModbusConnector implements BindingConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusConnector.class);
    private static final int MAX_READ_REGISTERS = 125;
    private static final int MAX_READ_BITS = 2000;
    private static final int MAX_WRITE_REGISTERS = 123;
    private static final int MAX_WRITE_BITS = 1968;

    private final ModbusTcpEndpoint endpoint;
    private final List<Binding> bindings;
    private final WordOrder order;
    private final Slot[] slots;
    private final Map<Integer, List<Block>> readBlocksByPeriod = new TreeMap<>();
    private final WriteBuffer<Batch> buffer;
    private final List<Thread> threads = new ArrayList<>();
    private final Object link = new Object();

    private volatile ModbusTCPMaster master;
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile long reconnects;
    private volatile boolean running;
    private volatile Thread writer;
    private final java.util.concurrent.atomic.AtomicLong batchesQueued = new java.util.concurrent.atomic.AtomicLong();

    /** One binding's live state. */
    private static final class Slot {
        final ModbusBinding binding;
        final String problems;
        volatile boolean hasValue;
        volatile double value = Double.NaN;
        volatile Instant updated;
        volatile String error;
        volatile double latencyMillis = Double.NaN;
        double lastQueued = Double.NaN; // session thread only

        Slot(ModbusBinding binding, String problems) {
            this.binding = binding;
            this.problems = problems;
            this.error = problems;
        }
    }

    /** Consecutive addresses of one table read by one request; {@code members} index {@link #slots}. */
    private record Block(ModbusTable table, int start, int count, int[] members) {
    }

    /** One write request: registers or bits from {@code start}; {@code values} are the members' port values. */
    private record Batch(ModbusTable table, int start, int[] registers, boolean[] bits, int[] members,
            double[] values) {
    }

    public ModbusConnector(ModbusTcpEndpoint endpoint, List<Binding> bindings, WordOrder order,
            ConnectorContext context) {
        this.endpoint = endpoint;
        this.bindings = List.copyOf(bindings);
        this.order = order;
        this.buffer = new WriteBuffer<>(context.writeBufferCapacity());
        this.slots = new Slot[this.bindings.size()];
        for (int i = 0; i < slots.length; i++) {
            Binding b = this.bindings.get(i);
            List<String> problems = ModbusChecks.check(b);
            if (b.getEndpoint() != null && b.getEndpoint() != endpoint) {
                problems = new ArrayList<>(problems);
                problems.add("binding of " + ModbusChecks.portPath(b.getPort()) + ": belongs to endpoint '"
                        + b.getEndpoint().getName() + "', not '" + endpoint.getName() + "'");
            }
            slots[i] = new Slot(b instanceof ModbusBinding mb ? mb : null,
                    problems.isEmpty() ? null : String.join("; ", problems));
        }
        planReads();
    }

    private void planReads() {
        Map<Integer, Map<ModbusTable, List<Integer>>> byPeriod = new TreeMap<>();
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s.problems == null && s.binding.getDirection() == BindingDirection.READ) {
                byPeriod.computeIfAbsent(s.binding.getSamplePeriodMs(), p -> new TreeMap<>())
                        .computeIfAbsent(s.binding.getTable(), t -> new ArrayList<>()).add(i);
            }
        }
        byPeriod.forEach((period, tables) -> {
            List<Block> blocks = new ArrayList<>();
            tables.forEach((table, members) -> blocks.addAll(group(table, members,
                    ModbusCodec.isBitTable(table) ? MAX_READ_BITS : MAX_READ_REGISTERS, true)));
            readBlocksByPeriod.put(period, blocks);
        });
    }

    /**
     * Groups slots of one table into blocks of consecutive addresses, in address order; {@code overlapping} lets
     * two bindings share addresses (reads), else they must only touch (writes).
     */
    private List<Block> group(ModbusTable table, List<Integer> members, int max, boolean overlapping) {
        List<Integer> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingInt(i -> slots[i].binding.getAddress()));
        List<Block> blocks = new ArrayList<>();
        int start = -1;
        int end = -1;
        List<Integer> current = new ArrayList<>();
        for (int i : sorted) {
            ModbusBinding b = slots[i].binding;
            int first = b.getAddress();
            int last = first + ModbusCodec.registerCount(b.getValueType()) - 1;
            boolean joins = !current.isEmpty() && (overlapping ? first <= end + 1 : first == end + 1)
                    && Math.max(end, last) - start + 1 <= max;
            if (!joins) {
                if (!current.isEmpty()) {
                    blocks.add(new Block(table, start, end - start + 1, toArray(current)));
                }
                current = new ArrayList<>();
                start = first;
                end = last;
            } else {
                end = Math.max(end, last);
            }
            current.add(i);
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(table, start, end - start + 1, toArray(current)));
        }
        return blocks;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public ModbusTcpEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    /** Requests each poller sends per round, by sample period in ms (for tests and status views). */
    public Map<Integer, Integer> readRequestsPerRound() {
        Map<Integer, Integer> out = new TreeMap<>();
        readBlocksByPeriod.forEach((p, blocks) -> out.put(p, blocks.size()));
        return out;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        String problem = ModbusChecks.checkEndpoint(endpoint);
        if (problem != null) {
            // nothing to retry: the endpoint itself cannot work
            state = ConnectionState.FAILED;
            lastError = problem;
            return;
        }
        running = true;
        state = ConnectionState.CONNECTING;
        since = Instant.now();
        String name = "modbus-" + endpoint.getName();
        threads.add(Thread.ofPlatform().daemon().name(name + "-link").start(this::linkLoop));
        readBlocksByPeriod.forEach((period, blocks) -> threads.add(
                Thread.ofPlatform().daemon().name(name + "-poll-" + period + "ms").start(() -> pollLoop(period, blocks))));
        writer = Thread.ofPlatform().daemon().name(name + "-write").start(this::writeLoop);
        threads.add(writer);
    }

    // ---- connection -------------------------------------------------------------------------------------------

    private void linkLoop() {
        Backoff backoff = Backoff.standard();
        while (running) {
            synchronized (link) {
                while (running && master != null) {
                    try {
                        link.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!running) {
                return;
            }
            ModbusTCPMaster m = null;
            try {
                m = new ModbusTCPMaster(endpoint.getHost(), endpoint.getPort(), endpoint.getTimeoutMs(), false);
                m.connect();
                // one attempt per request (j2mod's default is 5, each after a reconnect); failures are handled
                // here, with back-off. Set after connect(), which creates the transaction that holds it.
                m.setRetries(1);
                synchronized (link) {
                    if (!running) {
                        m.disconnect();
                        return;
                    }
                    master = m;
                    state = ConnectionState.CONNECTED;
                    since = Instant.now();
                    lastError = null;
                }
                backoff.reset();
                LOG.debug("Modbus endpoint {} connected to {}", endpoint.getName(), address());
                wakeAll();
            } catch (Exception e) {
                if (m != null) {
                    m.disconnect();
                }
                lastError = "cannot connect to " + address() + ": " + describe(e);
                state = ConnectionState.RECONNECTING;
                Duration wait = backoff.next();
                LockSupport.parkNanos(wait.toNanos());
                if (Thread.interrupted()) {
                    return;
                }
            }
        }
    }

    /** Drops the connection {@code m} after a failure on it, unless another failure already did. */
    private void linkLost(ModbusTCPMaster m, Exception e) {
        synchronized (link) {
            if (master != m || m == null) {
                return;
            }
            master = null;
            if (running) {
                state = ConnectionState.RECONNECTING;
                since = Instant.now();
                reconnects++;
                lastError = "connection to " + address() + " lost: " + describe(e);
                LOG.debug("Modbus endpoint {}: {}", endpoint.getName(), lastError);
            }
            link.notifyAll();
        }
        // outside the link lock: this waits for a request still running on m (at most the timeout)
        m.disconnect();
    }

    /** A request on a connection that has been dropped; j2mod would silently reopen it. */
    private static final class Dropped extends Exception {
        private static final long serialVersionUID = 1L;

        Dropped() {
            super("connection dropped", null, false, false);
        }
    }

    private static final Dropped DROPPED = new Dropped();

    @FunctionalInterface
    private interface Request<T> {
        T on(ModbusTCPMaster m) throws ModbusException;
    }

    /**
     * Runs a request on {@code m} unless it has been dropped meanwhile. j2mod's requests lock the master, so holding
     * that lock while checking keeps a dropped master from being reopened by a request that was waiting for it.
     */
    private <T> T request(ModbusTCPMaster m, Request<T> request) throws ModbusException, Dropped {
        synchronized (m) {
            if (master != m || !running) {
                throw DROPPED;
            }
            return request.on(m);
        }
    }

    private void wakeAll() {
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                LockSupport.unpark(t);
            }
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    private void pollLoop(int periodMs, List<Block> blocks) {
        long period = TimeUnit.MILLISECONDS.toNanos(periodMs);
        long next = System.nanoTime();
        while (running) {
            ModbusTCPMaster m = master;
            if (m == null) {
                LockSupport.parkNanos(period);
                next = System.nanoTime();
                continue;
            }
            for (Block block : blocks) {
                if (!running || !read(m, block)) {
                    break;
                }
            }
            next += period;
            long now = System.nanoTime();
            if (next < now) {
                next = now; // late: start the next round now rather than bursting to catch up
            }
            while (running && (now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
            }
        }
    }

    /** Reads one block; false if the connection was lost. */
    private boolean read(ModbusTCPMaster m, Block block) {
        int unit = endpoint.getUnitId();
        long t0 = System.nanoTime();
        try {
            int[] words = null;
            BitVector bits = null;
            int start = block.start();
            int count = block.count();
            switch (block.table()) {
                case HOLDING_REGISTER -> words = values(request(m, x -> x.readMultipleRegisters(unit, start, count)));
                case INPUT_REGISTER -> words = values(request(m, x -> x.readInputRegisters(unit, start, count)));
                case COIL -> bits = request(m, x -> x.readCoils(unit, start, count));
                case DISCRETE_INPUT -> bits = request(m, x -> x.readInputDiscretes(unit, start, count));
            }
            double latency = (System.nanoTime() - t0) / 1e6;
            Instant now = Instant.now();
            for (int i : block.members()) {
                Slot s = slots[i];
                ModbusBinding b = s.binding;
                s.latencyMillis = latency;
                try {
                    double v = bits != null ? ModbusCodec.decodeBit(bits.getBit(b.getAddress() - block.start()))
                            : ModbusCodec.decode(b.getValueType(), order, b.getScale(), b.getOffset(), words,
                                    b.getAddress() - block.start());
                    s.value = v;
                    s.updated = now;
                    s.hasValue = true;
                    s.error = null;
                } catch (IllegalArgumentException e) {
                    s.error = ModbusChecks.address(b) + ": " + e.getMessage();
                }
            }
            return true;
        } catch (ModbusSlaveException e) {
            String error = "device answered " + block.table().getLiteral() + " " + block.start() + " (" + block.count()
                    + ") with " + describe(e);
            for (int i : block.members()) {
                slots[i].error = error;
                slots[i].latencyMillis = (System.nanoTime() - t0) / 1e6;
            }
            return true;
        } catch (Dropped e) {
            return false;
        } catch (Exception e) {
            linkLost(m, e);
            return false;
        }
    }

    private static int[] values(InputRegister[] registers) {
        int[] out = new int[registers.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = registers[i].getValue() & 0xFFFF;
        }
        return out;
    }

    @Override
    public void readInputs(InputSink sink) {
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s.hasValue && s.binding.getDirection() == BindingDirection.READ) {
                sink.accept(bindings.get(i), s.value);
            }
        }
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    @Override
    public void writeOutputs(OutputSource source) {
        Map<ModbusTable, List<Integer>> byTable = new TreeMap<>();
        double[] values = new double[slots.length];
        int[][] encoded = new int[slots.length][];
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s.problems != null || s.binding.getDirection() != BindingDirection.WRITE) {
                continue;
            }
            double v;
            try {
                v = source.valueOf(bindings.get(i));
            } catch (RuntimeException e) {
                s.error = "no value to write: " + e.getMessage();
                continue;
            }
            double deadband = s.binding.getDeadband();
            if (deadband > 0 && !Double.isNaN(s.lastQueued) && Math.abs(v - s.lastQueued) <= deadband) {
                continue;
            }
            ModbusBinding b = s.binding;
            try {
                encoded[i] = b.getValueType() == ModbusValueType.BOOL ? new int[] { ModbusCodec.encodeBit(v) ? 1 : 0 }
                        : ModbusCodec.encode(b.getValueType(), order, b.getScale(), b.getOffset(), v);
            } catch (IllegalArgumentException e) {
                s.error = ModbusChecks.address(b) + ": " + e.getMessage();
                continue;
            }
            values[i] = v;
            s.lastQueued = v;
            byTable.computeIfAbsent(b.getTable(), t -> new ArrayList<>()).add(i);
        }
        if (byTable.isEmpty()) {
            return;
        }
        byTable.forEach((table, members) -> {
            boolean bitTable = ModbusCodec.isBitTable(table);
            for (Block block : group(table, members, bitTable ? MAX_WRITE_BITS : MAX_WRITE_REGISTERS, false)) {
                int[] registers = bitTable ? null : new int[block.count()];
                boolean[] bits = bitTable ? new boolean[block.count()] : null;
                double[] batchValues = new double[block.members().length];
                for (int k = 0; k < block.members().length; k++) {
                    int i = block.members()[k];
                    int at = slots[i].binding.getAddress() - block.start();
                    if (bitTable) {
                        bits[at] = encoded[i][0] != 0;
                    } else {
                        System.arraycopy(encoded[i], 0, registers, at, encoded[i].length);
                    }
                    batchValues[k] = values[i];
                }
                buffer.add(new Batch(table, block.start(), registers, bits, block.members(), batchValues));
                batchesQueued.incrementAndGet();
            }
        });
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void writeLoop() {
        while (running) {
            if (master == null || buffer.size() == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            buffer.flush(this::send);
        }
    }

    /** Sends one batch; false (it stays queued) if there is no connection or it was lost on the way. */
    private boolean send(Batch batch) {
        ModbusTCPMaster m = master;
        if (m == null || !running) {
            return false;
        }
        int unit = endpoint.getUnitId();
        long t0 = System.nanoTime();
        try {
            if (batch.bits() != null) {
                if (batch.bits().length == 1) {
                    request(m, x -> x.writeCoil(unit, batch.start(), batch.bits()[0]));
                } else {
                    BitVector v = new BitVector(batch.bits().length);
                    for (int i = 0; i < batch.bits().length; i++) {
                        v.setBit(i, batch.bits()[i]);
                    }
                    request(m, x -> {
                        x.writeMultipleCoils(unit, batch.start(), v);
                        return null;
                    });
                }
            } else {
                Register[] regs = new Register[batch.registers().length];
                for (int i = 0; i < regs.length; i++) {
                    regs[i] = new SimpleRegister(batch.registers()[i]);
                }
                request(m, x -> x.writeMultipleRegisters(unit, batch.start(), regs));
            }
            double latency = (System.nanoTime() - t0) / 1e6;
            Instant now = Instant.now();
            for (int k = 0; k < batch.members().length; k++) {
                Slot s = slots[batch.members()[k]];
                s.value = batch.values()[k];
                s.hasValue = true;
                s.updated = now;
                s.latencyMillis = latency;
                s.error = null;
            }
            return true;
        } catch (ModbusSlaveException e) {
            String error = "device refused write to " + batch.table().getLiteral() + " " + batch.start() + ": "
                    + describe(e);
            for (int i : batch.members()) {
                slots[i].error = error;
            }
            return true; // the device will not take it: do not retry
        } catch (Dropped e) {
            return false;
        } catch (ModbusException | RuntimeException e) {
            linkLost(m, e);
            return false;
        }
    }

    // ---- status -----------------------------------------------------------------------------------------------

    private String address() {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    private static String describe(Exception e) {
        if (e instanceof ModbusSlaveException se) {
            return "Modbus exception " + String.format("%02X", se.getType()) + " ("
                    + ModbusSlaveException.getMessage(se.getType()) + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public EndpointStatus status() {
        return new EndpointStatus(endpoint.getName(), "modbus", address(), state, since, lastError, reconnects, 0);
    }

    @Override
    public List<BindingStatus> bindingStatus() {
        List<BindingStatus> out = new ArrayList<>(slots.length);
        ConnectionState st = state;
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            Binding b = bindings.get(i);
            boolean write = b.getDirection() == BindingDirection.WRITE;
            String error = s.error != null ? s.error : (st == ConnectionState.CONNECTED ? null : lastError);
            out.add(new BindingStatus(ModbusChecks.portPath(b.getPort()), endpoint.getName(),
                    s.binding == null ? "?" : ModbusChecks.address(s.binding), b.getDirection(),
                    s.problems != null ? ConnectionState.FAILED : st, s.value, s.updated, error, s.latencyMillis,
                    write ? buffer.size() : 0, write ? buffer.dropped() : 0));
        }
        return out;
    }

    /** Write requests queued since start (each covers the adjacent write bindings of one table). */
    public long batchesQueued() {
        return batchesQueued.get();
    }

    /** Write batches waiting for the device. */
    public int writesBuffered() {
        return buffer.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                state = ConnectionState.STOPPED;
                return;
            }
            running = false;
        }
        ModbusTCPMaster m;
        synchronized (link) {
            m = master;
            master = null;
            link.notifyAll();
        }
        if (m != null) {
            m.disconnect();
        }
        for (Thread t : threads) {
            t.interrupt();
            LockSupport.unpark(t);
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        buffer.clear();
        state = ConnectionState.STOPPED;
        since = Instant.now();
    }
}
