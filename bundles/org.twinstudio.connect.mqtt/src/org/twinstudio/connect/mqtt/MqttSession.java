package org.twinstudio.connect.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.twinstudio.connect.Backoff;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.WriteBuffer;

/**
 * A broker connection that stays up: connects in the background, renews its subscriptions on every connect, and on
 * loss reconnects with {@link Backoff} (state {@link ConnectionState#RECONNECTING}) until closed; refused
 * credentials or an unusable URL end in {@link ConnectionState#FAILED}. Once a broker has answered MQTT 3.1.1 after
 * refusing MQTT 5, later reconnects go straight to 3.1.1.
 * <p>
 * Outgoing messages never block the caller: {@link #enqueue} puts them in a {@link WriteBuffer} (bounded; when full
 * the oldest is dropped and reported) that a sender thread drains in order while connected. QoS 1 and 2 messages
 * stay tracked until acknowledged; those unacknowledged when the connection breaks are resent first after the
 * reconnect, so no message within the bound is lost and order is kept (a resent message may arrive twice, as QoS 1
 * allows). QoS 0 messages handed to the client when the connection breaks are lost, as QoS 0 allows.
 */
final class MqttSession implements AutoCloseable {

    /** What the owner learns; called on the session's threads, so implementations must be quick and thread-safe. */
    interface Listener {
        void message(String topic, byte[] payload);

        /** {@code latencyNanos}: enqueue-independent, from handing to the client to acknowledgement. */
        void delivered(Outgoing message, long latencyNanos);

        /** Dropped because the buffer was full (oldest first) or lost with a QoS 0 connection. */
        void dropped(Outgoing message, String reason);

        /** Refused by client or broker for a reason that retrying cannot fix. */
        void failed(Outgoing message, String reason);
    }

    /** One message to publish; {@code tag} is the owner's (a binding or port). */
    static final class Outgoing {
        final long sequence;
        final String topic;
        final byte[] payload;
        final int qos;
        final boolean retained;
        final Object tag;
        volatile long handedNanos;
        volatile int attempts;

        Outgoing(long sequence, String topic, byte[] payload, int qos, boolean retained, Object tag) {
            this.sequence = sequence;
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.retained = retained;
            this.tag = tag;
        }
    }

    private static final int MAX_ATTEMPTS = 5;

    private final String name;
    private final ConnectSpec spec;
    private final List<String> filters;
    private final List<Integer> filterQos;
    private final Listener listener;
    private final Backoff backoff;
    private final ScheduledExecutorService connector;
    private final Thread sender;
    private final WriteBuffer<Outgoing> buffer;
    // Mirrors the buffer's order so the owner learns which message an overflow dropped.
    private final ArrayDeque<Outgoing> mirror = new ArrayDeque<>();
    private final Object bufferLock = new Object();
    private final Map<Long, Outgoing> inflight = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Outgoing> resend = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile MqttLink link;
    private volatile MqttLink.Version learnedVersion;
    private volatile long generation;
    private volatile boolean everConnected;
    private volatile boolean closed;
    // Set when the client refused a message for too many in flight; the sender waits for an acknowledgement.
    private volatile boolean busy;

    MqttSession(String name, ConnectSpec spec, List<String> filters, List<Integer> filterQos, int bufferCapacity,
            Backoff backoff, Listener listener) {
        this.name = name;
        this.spec = spec;
        this.filters = List.copyOf(filters);
        this.filterQos = List.copyOf(filterQos);
        this.listener = listener;
        this.backoff = backoff;
        this.buffer = new WriteBuffer<>(bufferCapacity);
        this.learnedVersion = spec.version();
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-connect " + name));
        this.sender = daemon(this::sendLoop, "mqtt-send " + name);
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    /** Starts connecting in the background. */
    synchronized void start() {
        if (state != ConnectionState.STOPPED || closed) {
            return;
        }
        setState(ConnectionState.CONNECTING);
        sender.start();
        connector.execute(this::attempt);
    }

    private void attempt() {
        if (closed) {
            return;
        }
        long myGeneration = ++generation;
        MqttLink newLink = null;
        try {
            newLink = MqttLinks.connect(spec.withVersion(learnedVersion), new MqttLink.Events() {
                @Override
                public void message(String topic, byte[] payload) {
                    listener.message(topic, payload);
                }

                @Override
                public void lost(Throwable cause) {
                    connectionLost(myGeneration, cause);
                }
            });
            newLink.subscribe(filters, filterQos, spec.timeoutMillis());
        } catch (LinkException e) {
            if (newLink != null) {
                newLink.close();
            }
            lastError = e.getMessage();
            if (!e.retryable()) {
                setState(ConnectionState.FAILED);
                return;
            }
            setState(ConnectionState.RECONNECTING);
            scheduleAttempt();
            return;
        }
        if (closed) {
            newLink.close();
            return;
        }
        learnedVersion = newLink.version();
        link = newLink;
        // The status reports errors since the last connect.
        lastError = null;
        backoff.reset();
        if (everConnected) {
            reconnects.incrementAndGet();
        }
        everConnected = true;
        setState(ConnectionState.CONNECTED);
        LockSupport.unpark(sender);
    }

    private void scheduleAttempt() {
        Duration wait = backoff.next();
        if (!closed) {
            try {
                connector.schedule(this::attempt, wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // close() won the race: nothing left to reconnect.
            }
        }
    }

    private void connectionLost(long lostGeneration, Throwable cause) {
        if (closed || lostGeneration != generation) {
            return;
        }
        lastError = "connection lost: " + Paho5Link.describe(cause);
        setState(ConnectionState.RECONNECTING);
        // Everything not acknowledged goes out again after the reconnect, QoS 0 excepted.
        for (Outgoing o : inflight.values()) {
            if (inflight.remove(o.sequence) != null) {
                if (o.qos > 0) {
                    resend.put(o.sequence, o);
                } else {
                    listener.dropped(o, "connection lost before a QoS 0 message was written");
                }
            }
        }
        try {
            connector.execute(() -> {
                MqttLink old = link;
                if (old != null && !old.connected()) {
                    old.close();
                }
                scheduleAttempt();
            });
        } catch (RejectedExecutionException closing) {
            // close() won the race: nothing left to reconnect.
        }
    }

    private void setState(ConnectionState newState) {
        if (state != newState) {
            state = newState;
            since = Instant.now();
        }
    }

    /** Queues a message for the sender; never blocks. */
    Outgoing enqueue(String topic, byte[] payload, int qos, boolean retained, Object tag) {
        Outgoing o = new Outgoing(sequence.incrementAndGet(), topic, payload, qos, retained, tag);
        Outgoing overflow = null;
        synchronized (bufferLock) {
            if (!buffer.add(o)) {
                overflow = mirror.pollFirst();
            }
            mirror.addLast(o);
        }
        if (overflow != null) {
            listener.dropped(overflow, "write buffer full (" + buffer.capacity() + " messages)");
        }
        LockSupport.unpark(sender);
        return o;
    }

    private void sendLoop() {
        while (!closed) {
            MqttLink l = link;
            boolean idle = true;
            if (l != null && state == ConnectionState.CONNECTED) {
                idle = !drain(l);
            }
            if (idle) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** Sends resends, then the buffer, in order; returns true if it sent anything. */
    private boolean drain(MqttLink l) {
        boolean sent = false;
        for (Map.Entry<Long, Outgoing> e = resend.firstEntry(); e != null; e = resend.firstEntry()) {
            if (!send(l, e.getValue())) {
                return waitIfBusy() || sent;
            }
            resend.remove(e.getKey());
            sent = true;
        }
        while (!closed) {
            int one;
            synchronized (bufferLock) {
                boolean[] first = { true };
                one = buffer.flush(o -> {
                    if (!first[0]) {
                        return false;
                    }
                    first[0] = false;
                    if (!send(l, o)) {
                        return false;
                    }
                    if (mirror.peekFirst() == o) {
                        mirror.pollFirst();
                    }
                    return true;
                });
            }
            if (one == 0) {
                return waitIfBusy() || sent;
            }
            sent = true;
        }
        return sent;
    }

    /** After a refusal for too many in flight, waits (outside any lock) for an acknowledgement to free a place. */
    private boolean waitIfBusy() {
        if (!busy) {
            return false;
        }
        busy = false;
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(2));
        return true;
    }

    /** Hands one message to the client; false if it must wait (not connected, or too many in flight). */
    private boolean send(MqttLink l, Outgoing o) {
        if (!l.connected()) {
            return false;
        }
        o.attempts++;
        o.handedNanos = System.nanoTime();
        inflight.put(o.sequence, o);
        try {
            l.publish(o.topic, o.payload, o.qos, o.retained, new MqttLink.Delivery() {
                @Override
                public void delivered() {
                    if (inflight.remove(o.sequence) != null) {
                        listener.delivered(o, System.nanoTime() - o.handedNanos);
                        if (busy) {
                            LockSupport.unpark(sender);
                        }
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    if (inflight.remove(o.sequence) == null) {
                        return;
                    }
                    if (o.qos > 0 && o.attempts < MAX_ATTEMPTS && !closed) {
                        resend.put(o.sequence, o);
                    } else {
                        listener.failed(o, "not delivered after " + o.attempts + " attempts: "
                                + Paho5Link.describe(cause));
                    }
                }
            });
            return true;
        } catch (LinkException e) {
            inflight.remove(o.sequence);
            switch (e.kind()) {
                case BUSY -> {
                    o.attempts--;
                    busy = true;
                    return false;
                }
                case NOT_CONNECTED -> {
                    o.attempts--;
                    return false;
                }
                default -> {
                    listener.failed(o, e.getMessage());
                    return true;
                }
            }
        }
    }

    ConnectionState state() {
        return state;
    }

    Instant since() {
        return since;
    }

    String lastError() {
        return lastError;
    }

    long reconnects() {
        return reconnects.get();
    }

    /** The protocol version of the current or last connection, null before the first. */
    MqttLink.Version version() {
        MqttLink l = link;
        return l != null ? l.version() : null;
    }

    /** Messages waiting: buffered, to be resent, or handed to the client and not yet acknowledged. */
    int pending() {
        return buffer.size() + resend.size() + inflight.size();
    }

    int buffered() {
        return buffer.size() + resend.size();
    }

    long dropped() {
        return buffer.dropped();
    }

    String name() {
        return name;
    }

    /**
     * Waits up to {@code timeout} for every queued message to be acknowledged (for an orderly stop); returns whether
     * all were.
     */
    boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return pending() == 0;
    }

    /** Disconnects and stops both threads; queued messages are abandoned and counted as dropped. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LockSupport.unpark(sender);
        connector.shutdownNow();
        try {
            connector.awaitTermination(5, TimeUnit.SECONDS);
            if (sender.isAlive()) {
                sender.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttLink l = link;
        if (l != null) {
            l.close();
        }
        synchronized (bufferLock) {
            buffer.clear();
            mirror.clear();
        }
        resend.clear();
        inflight.clear();
        setState(ConnectionState.STOPPED);
    }
}
