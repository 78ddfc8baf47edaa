package org.twinstudio.diagram.live;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.glsp.server.actions.ActionDispatcher;

/**
 * Live port values of running simulations and live sessions, on their way to every diagram showing the twin.
 *
 * <p>Producers (a simulation thread, a plant connection) {@link #open(String) open} a {@link Channel} for a twin's
 * source URI and publish values from any thread, as often as they like: the hub keeps only the latest value per
 * port. Diagram sessions {@link #subscribe(String, Consumer) subscribe} to the twin they show. A ticker pushes, at
 * most {@code rate} times a second, one {@link LiveValuesAction} per session with the ports that changed since that
 * session's previous batch; a session still busy with its previous batch (not yet handed to its client) is skipped
 * until it is done, so a slow client never gets a queue of batches. Ending a channel sends {@code running = false},
 * which clears the values on the clients.
 *
 * <p>Twins are keyed by {@link #documentKey(String)}: a file path, {@code file:/…} and {@code file:///…} of one
 * file are one key (the absolute, normalised {@code file:} URI); other URIs are kept as they are.
 */
public final class LiveValues implements AutoCloseable {

    /** Batches per second unless configured otherwise. */
    public static final double DEFAULT_RATE_HZ = 5;
    /** A batch not handed to its client after this long means the client is gone: the session is dropped. */
    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final LiveValues DEFAULT = new LiveValues(DEFAULT_RATE_HZ);
    private static final AtomicInteger HUBS = new AtomicInteger();

    private final long periodNanos;
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final Object lifecycle = new Object();
    private ScheduledExecutorService ticker;
    private ExecutorService senders;
    private boolean closed;

    /** A hub pushing at most {@code rateHz} batches a second to each session. */
    public LiveValues(double rateHz) {
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("live value rate must be a positive number of batches per second, not " + rateHz);
        }
        this.periodNanos = Math.max(1, Math.round(1e9 / rateHz));
    }

    /** The process's hub: the one diagram sessions use unless their module is given another. */
    public static LiveValues getDefault() {
        return DEFAULT;
    }

    /** Seconds between two batches to one session. */
    public double period() {
        return periodNanos / 1e9;
    }

    /**
     * The key of a twin: a file path or {@code file:} URI as the file's absolute, normalised {@code file:} URI
     * (e.g. {@code file:///home/u/line.twin}), any other URI (e.g. {@code platform:/resource/…}) unchanged.
     */
    public static String documentKey(String sourceUri) {
        Objects.requireNonNull(sourceUri, "sourceUri");
        try {
            if (sourceUri.startsWith("file:")) {
                return Path.of(URI.create(sourceUri)).toAbsolutePath().normalize().toUri().toString();
            }
            boolean otherScheme = sourceUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !sourceUri.matches("^[a-zA-Z]:[\\\\/].*");
            if (!otherScheme) {
                return Path.of(sourceUri).toAbsolutePath().normalize().toUri().toString();
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // not a usable file name: keep the text as the key
        }
        return sourceUri;
    }

    /**
     * Starts a run on the twin {@code sourceUri}: values published through the channel reach every session
     * showing it. A channel opened later for the same twin replaces this one (its publishes are then ignored).
     */
    public Channel open(String sourceUri) {
        Document document = documents.computeIfAbsent(documentKey(sourceUri), key -> new Document());
        synchronized (document) {
            document.generation++;
            document.version++;
            document.slots.clear();
            document.running = true;
            document.time = 0;
            return new Channel(document, document.generation);
        }
    }

    /**
     * Subscribes a diagram session to the twin {@code sourceUri}: {@code send} gets its batches (one at a time:
     * the next one only after the future it returned completed). A failed future, or an exception from
     * {@code send}, ends the subscription.
     */
    public Subscription subscribe(String sourceUri, Consumer<LiveValuesAction> send) {
        return subscribe(sourceUri, action -> {
            send.accept(action);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Subscribes a GLSP client session: batches are dispatched through its action dispatcher to its client. */
    public Subscription subscribe(String sourceUri, ActionDispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return subscribe(sourceUri, dispatcher::dispatch);
    }

    private Subscription subscribe(String sourceUri, Sender sender) {
        Subscription subscriber = new Subscription(documentKey(sourceUri), sender);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("live values hub is closed");
            }
            if (ticker == null) {
                int number = HUBS.incrementAndGet();
                ticker = Executors.newSingleThreadScheduledExecutor(daemon("twinstudio-live-values-" + number));
                senders = Executors.newCachedThreadPool(daemon("twinstudio-live-values-send-" + number));
                // fixed delay, not rate: a late tick must not be followed by a burst of catch-up batches
                ticker.scheduleWithFixedDelay(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
            }
        }
        subscribers.add(subscriber);
        return subscriber;
    }

    /** Number of sessions subscribed to the twin {@code sourceUri}. */
    public int subscriberCount(String sourceUri) {
        String key = documentKey(sourceUri);
        return (int) subscribers.stream().filter(s -> s.key.equals(key)).count();
    }

    /** Whether a run on the twin {@code sourceUri} is open. */
    public boolean isRunning(String sourceUri) {
        Document document = documents.get(documentKey(sourceUri));
        if (document == null) {
            return false;
        }
        synchronized (document) {
            return document.running;
        }
    }

    /** Stops the ticker and drops every subscription (the default hub is never closed). */
    @Override
    public void close() {
        if (this == DEFAULT) {
            throw new UnsupportedOperationException("the default live values hub stays open");
        }
        synchronized (lifecycle) {
            closed = true;
            if (ticker != null) {
                ticker.shutdownNow();
                senders.shutdownNow();
            }
        }
        subscribers.clear();
    }

    private void tick() {
        long now = System.nanoTime();
        for (Subscription subscriber : subscribers) {
            try {
                offer(subscriber, now);
            } catch (RuntimeException e) {
                // one broken session must not stop the others' batches
                subscriber.close();
            }
        }
    }

    private void offer(Subscription subscriber, long now) {
        if (subscriber.inFlight) {
            if (now - subscriber.sentAt > STUCK_NANOS) {
                subscriber.close();
            }
            return;
        }
        Document document = documents.get(subscriber.key);
        if (document == null) {
            return;
        }
        LiveValuesAction batch;
        synchronized (document) {
            if (document.version <= subscriber.sentVersion) {
                return;
            }
            boolean sameRun = subscriber.sentGeneration == document.generation;
            subscriber.sentVersion = document.version;
            subscriber.sentGeneration = document.generation;
            if (!document.running) {
                if (!sameRun) {
                    return; // this session never saw the run: nothing to clear
                }
                batch = new LiveValuesAction(document.time, Map.of(), false);
            } else {
                Map<String, Object> values = new LinkedHashMap<>();
                long since = sameRun ? subscriber.sentValuesVersion : Long.MIN_VALUE;
                document.slots.forEach((port, slot) -> {
                    if (slot.hasValue && slot.version > since) {
                        values.put(port, slot.value());
                    }
                });
                subscriber.sentValuesVersion = document.version;
                batch = new LiveValuesAction(document.time, values, true);
            }
        }
        subscriber.inFlight = true;
        subscriber.sentAt = now;
        senders.execute(() -> subscriber.send(batch));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @FunctionalInterface
    private interface Sender {
        CompletableFuture<Void> send(LiveValuesAction action);
    }

    /**
     * A producer's run on one twin. Values are numbers (in the port's unit; booleans of a simulation as 0/1 are
     * fine, the client shows them by the port's data type), booleans or strings; a value that is not a finite
     * number is sent as its text ({@code "NaN"}). Publishing after {@link #close()}, or after another channel was
     * opened for the twin, does nothing.
     */
    public final class Channel implements AutoCloseable {
        private final Document document;
        private final int generation;

        private Channel(Document document, int generation) {
            this.document = document;
            this.generation = generation;
        }

        /** Whether publishing still reaches the twin's sessions. */
        public boolean isOpen() {
            synchronized (document) {
                return document.running && document.generation == generation;
            }
        }

        /** The values of some ports at simulated time {@code time} (seconds). */
        public void publish(double time, Map<String, ?> values) {
            synchronized (document) {
                if (!document.running || document.generation != generation) {
                    return;
                }
                long version = ++document.version;
                document.time = time;
                values.forEach((port, value) -> document.slot(port).set(value, version));
            }
        }

        /** The value of one port at simulated time {@code time} (seconds). */
        public void publish(double time, String port, Object value) {
            publish(time, Map.of(port, value));
        }

        /**
         * A fast publisher for a fixed list of ports ({@code component.port}), e.g. a simulation's signals: its
         * {@link Ports#publish(double, double[])} copies one array, without allocating.
         */
        public Ports ports(List<String> portIds) {
            synchronized (document) {
                Slot[] slots = new Slot[portIds.size()];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = document.slot(portIds.get(i));
                }
                return new Ports(this, slots);
            }
        }

        /** Ends the run: the clients clear the values. */
        @Override
        public void close() {
            synchronized (document) {
                if (!document.running || document.generation != generation) {
                    return;
                }
                document.running = false;
                document.version++;
                document.slots.clear();
            }
        }
    }

    /** A channel bound to a fixed list of ports. */
    public static final class Ports {
        private final Channel channel;
        private final Slot[] slots;

        private Ports(Channel channel, Slot[] slots) {
            this.channel = channel;
            this.slots = slots;
        }

        /** {@code values[i]} is the value of the i-th port at simulated time {@code time}; the array is not kept. */
        public void publish(double time, double[] values) {
            if (values.length != slots.length) {
                throw new IllegalArgumentException("expected " + slots.length + " values, got " + values.length);
            }
            Document document = channel.document;
            synchronized (document) {
                if (!document.running || document.generation != channel.generation) {
                    return;
                }
                long version = ++document.version;
                document.time = time;
                for (int i = 0; i < slots.length; i++) {
                    slots[i].set(values[i], version);
                }
            }
        }

        public Channel channel() {
            return channel;
        }
    }

    /** The latest values of one twin; guarded by its own monitor. */
    private static final class Document {
        int generation;
        long version;
        boolean running;
        double time;
        final Map<String, Slot> slots = new LinkedHashMap<>();

        Slot slot(String port) {
            return slots.computeIfAbsent(Objects.requireNonNull(port, "port"), p -> new Slot());
        }
    }

    /** One port's latest value and the document version at which it last changed. */
    private static final class Slot {
        boolean hasValue;
        double number;
        Object other;
        long version;

        void set(double value, long at) {
            if (hasValue && other == null && Double.doubleToLongBits(number) == Double.doubleToLongBits(value)) {
                return;
            }
            hasValue = true;
            number = value;
            other = null;
            version = at;
        }

        void set(Object value, long at) {
            if (value instanceof Number n) {
                set(n.doubleValue(), at);
                return;
            }
            Object kept = value instanceof Boolean ? value : String.valueOf(value);
            if (hasValue && kept.equals(other)) {
                return;
            }
            hasValue = true;
            other = kept;
            version = at;
        }

        Object value() {
            if (other != null) {
                return other;
            }
            return Double.isFinite(number) ? (Object) number : Double.toString(number);
        }
    }

    /** A session's subscription; closing it stops its batches. */
    public final class Subscription implements AutoCloseable {
        private final String key;
        private final Sender sender;
        private volatile boolean inFlight;
        private volatile long sentAt;
        private long sentVersion;
        private long sentValuesVersion;
        private int sentGeneration = -1;

        private Subscription(String key, Sender sender) {
            this.key = key;
            this.sender = sender;
        }

        /** The twin key this session receives values of. */
        public String documentKey() {
            return key;
        }

        /** Whether batches still go to this session. */
        public boolean isActive() {
            return subscribers.contains(this);
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }

        private void send(LiveValuesAction batch) {
            try {
                sender.send(batch).whenComplete((ignored, failure) -> {
                    inFlight = false;
                    if (failure != null) {
                        close();
                    }
                });
            } catch (RuntimeException e) {
                inFlight = false;
                close();
            }
        }
    }
}
