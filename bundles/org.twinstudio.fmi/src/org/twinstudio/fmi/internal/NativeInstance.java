package org.twinstudio.fmi.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;

/**
 * What FMI 2.0 and 3.0 instances share: status checks, the log buffer, a scratch area for call arguments and the
 * arena that owns the native memory (callbacks, upcall stubs) of the instance. An Error status frees the native
 * instance at once (its messages are kept for the exception); after Fatal nothing more is called, as the standard
 * requires.
 */
public abstract class NativeInstance implements FmuInstance {

    static final int OK = 0;
    static final int WARNING = 1;
    static final int DISCARD = 2;
    static final int ERROR = 3;
    static final int FATAL = 4;
    private static final String[] STATUS = { "OK", "Warning", "Discard", "Error", "Fatal", "Pending" };
    private static final int LOG_CAPACITY = 64;
    private static final System.Logger LOGGER = System.getLogger("org.twinstudio.fmi");
    /** Native instances instantiated and not yet closed, in this JVM. */
    static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();

    final String name;
    final FmuKind kind;
    final ModelDescription md;
    final String owner;
    final Arena arena = Arena.ofShared();
    private final Deque<LogMessage> log = new ArrayDeque<>();
    private final Runnable onClose;
    private MemorySegment scratch = MemorySegment.NULL;
    MemorySegment component = MemorySegment.NULL;
    boolean failed;
    boolean fatal;
    boolean closed;

    NativeInstance(String name, FmuKind kind, ModelDescription md, String owner, Runnable onClose) {
        this.name = name;
        this.kind = kind;
        this.md = md;
        this.owner = owner;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FmuKind kind() {
        return kind;
    }

    @Override
    public ModelDescription modelDescription() {
        return md;
    }

    static String statusName(int status) {
        return status >= 0 && status < STATUS.length ? STATUS[status] : "status " + status;
    }

    /**
     * Where every instance's log messages also go at once (set in an FMU host process, which forwards them to the
     * importing JVM before a crash can lose them); null in the importing JVM.
     */
    static volatile java.util.function.Consumer<LogMessage> forwarder;

    /** Records a message from the FMU; called from the logger upcall, so it never throws. */
    void logged(int status, String category, String message) {
        LogMessage m = new LogMessage(statusName(status), category, message);
        java.util.function.Consumer<LogMessage> f = forwarder;
        if (f != null) {
            f.accept(m);
        }
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.removeFirst();
            }
            log.addLast(m);
        }
        System.Logger.Level level = status >= ERROR ? System.Logger.Level.ERROR
                : status >= WARNING ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        if (LOGGER.isLoggable(level)) {
            LOGGER.log(level, "{0} [{1}]: {2}", name, category, message);
        }
    }

    @Override
    public List<LogMessage> recentLog() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    void checkUsable(String function) {
        if (failed) {
            throw new FmuException(owner + ": instance '" + name + "' failed before and cannot be used (" + function + ")");
        }
        if (closed) {
            throw new FmuException(owner + ": instance '" + name + "' is closed (" + function + ")");
        }
    }

    /** Turns a status into an exception for Discard, Error, Fatal (and anything unknown). */
    void check(int status, String function) {
        if (status == OK) {
            return;
        }
        if (status == WARNING) {
            LOGGER.log(System.Logger.Level.WARNING, "{0}: {1} returned Warning", name, function);
            return;
        }
        if (status == FATAL) {
            fatal = true;
        }
        if (status != DISCARD) {
            failed = true;
        }
        FmuException e = new FmuException(owner + ": instance '" + name + "': " + function + " returned "
                + statusName(status) + recentLogText());
        if (status == ERROR) {
            // After Error the standard allows only reset or freeInstance; without reset support, free it now.
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
        throw e;
    }

    String recentLogText() {
        List<LogMessage> messages = recentLog();
        if (messages.isEmpty()) {
            return " (the FMU logged nothing)";
        }
        int from = Math.max(0, messages.size() - 8);
        return "; the FMU's last messages:\n    " + messages.subList(from, messages.size()).stream()
                .map(LogMessage::toString).collect(Collectors.joining("\n    "));
    }

    /** getReal / getFloat64 on prepared buffers; returns the status. */
    abstract int getRealRaw(MemorySegment refs, long count, MemorySegment values) throws Throwable;

    /** setReal / setFloat64 on prepared buffers; returns the status. */
    abstract int setRealRaw(MemorySegment refs, long count, MemorySegment values) throws Throwable;

    abstract String realFunction(boolean get);

    @Override
    public RealValues reals(int[] valueReferences) {
        checkUsable("a value exchange");
        int n = valueReferences.length;
        MemorySegment refs = arena.allocate(Math.max(4L, 4L * n), 8);
        MemorySegment.copy(valueReferences, 0, refs, ValueLayout.JAVA_INT, 0, n);
        MemorySegment values = arena.allocate(Math.max(8L, 8L * n), 8);
        String getName = realFunction(true);
        String setName = realFunction(false);
        return new RealValues() {
            @Override
            public void get(double[] out) {
                sameLength(valueReferences, out.length);
                checkUsable(getName);
                int status;
                try {
                    status = getRealRaw(refs, n, values);
                } catch (Throwable t) {
                    throw wrapCall(t, getName);
                }
                if (status != OK) {
                    check(status, getName);
                }
                for (int i = 0; i < n; i++) {
                    out[i] = values.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                }
            }

            @Override
            public void set(double[] in) {
                sameLength(valueReferences, in.length);
                checkUsable(setName);
                for (int i = 0; i < n; i++) {
                    values.setAtIndex(ValueLayout.JAVA_DOUBLE, i, in[i]);
                }
                int status;
                try {
                    status = setRealRaw(refs, n, values);
                } catch (Throwable t) {
                    throw wrapCall(t, setName);
                }
                if (status != OK) {
                    check(status, setName);
                }
            }
        };
    }

    static RuntimeException wrapCall(Throwable t, String function) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new FmuException(function + ": " + t, t);
    }

    /** Calls a function whose only argument is the instance and checks its status. */
    int call0(java.lang.invoke.MethodHandle h, String function) {
        checkUsable(function);
        try {
            int status = (int) h.invokeExact(component);
            check(status, function);
            return status;
        } catch (Throwable t) {
            throw wrapCall(t, function);
        }
    }

    void requireKind(FmuKind required, String function) {
        if (kind != required) {
            throw new IllegalStateException(function + " needs a " + required + " instance; '" + name + "' is "
                    + kind);
        }
    }

    /** Passes a vector of reals (states, derivatives, indicators) in or out: same C signature in FMI 2.0 and 3.0. */
    void vector(java.lang.invoke.MethodHandle h, String function, double[] values, boolean in) {
        requireKind(FmuKind.MODEL_EXCHANGE, function);
        checkUsable(function);
        MemorySegment b = scratch(Math.max(8, values.length * 8L));
        if (in) {
            MemorySegment.copy(values, 0, b, java.lang.foreign.ValueLayout.JAVA_DOUBLE, 0, values.length);
        }
        try {
            check((int) h.invokeExact(component, b, (long) values.length), function);
        } catch (Throwable t) {
            throw wrapCall(t, function);
        }
        if (!in) {
            MemorySegment.copy(b, java.lang.foreign.ValueLayout.JAVA_DOUBLE, 0, values, 0, values.length);
        }
    }

    /** A reused native buffer of at least {@code bytes}, 8-byte aligned. */
    MemorySegment scratch(long bytes) {
        checkUsable("a value exchange");
        if (scratch.byteSize() < bytes) {
            scratch = arena.allocate(Math.max(bytes, 256), 8);
        }
        return scratch;
    }

    /** Value references and values side by side in the scratch buffer: [refs][values]. */
    MemorySegment refs(int[] valueReferences, long valueBytes) {
        long refBytes = ((long) valueReferences.length * 4 + 7) & ~7L;
        MemorySegment s = scratch(refBytes + Math.max(valueBytes, 8));
        MemorySegment.copy(valueReferences, 0, s, ValueLayout.JAVA_INT, 0, valueReferences.length);
        return s;
    }

    static long valuesOffset(int count) {
        return ((long) count * 4 + 7) & ~7L;
    }

    static void sameLength(int[] refs, int values) {
        if (refs.length != values) {
            throw new IllegalArgumentException(refs.length + " value references but " + values + " values");
        }
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean held = component.address() != 0;
        try {
            if (!fatal && held) {
                freeInstance();
            }
        } finally {
            if (held) {
                LIVE.decrementAndGet();
            }
            component = MemorySegment.NULL;
            arena.close();
            onClose.run();
        }
    }

    abstract void freeInstance();

    /** Instances instantiated and not yet closed (after Fatal an instance is dropped without being freed). */
    public static int live() {
        return LIVE.get();
    }
}
