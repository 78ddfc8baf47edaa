package org.twinstudio.fmi.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.twinstudio.fmi.FmiVersion;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ModelDescription;
import org.twinstudio.fmi.ScalarType;

/**
 * An FMU instance run in a host process of its own ({@link FmuHost}: the same {@code java} executable, with only
 * this bundle's classes on its class path), reached over a Unix-domain socket with the {@link Wire} protocol.
 * Every call is one round trip. What this buys: a crash of the FMU (segmentation fault, abort) ends the host, and
 * the call fails with an {@link FmuException} naming the FMU, the instance, the call with its arguments, how the
 * process ended (the signal, and the native frame the JVM's crash report names) and the FMU's last log messages,
 * which the host forwards as they are written; a call that does not return within the call timeout gets the host
 * killed and fails the same way. The importing JVM lives on; the instance is unusable afterwards. The host is
 * killed on {@link #close()} (after asking it to free the instance) and when the importing JVM exits; the host also
 * ends itself when the importer's process ends.
 */
public final class IsolatedInstance implements FmuInstance {

    private static final System.Logger LOGGER = System.getLogger("org.twinstudio.fmi");
    private static final int LOG_CAPACITY = 64;
    private static final int OUTPUT_LINES = 40;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<Process> HOSTS = ConcurrentHashMap.newKeySet();
    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-fA-F]+\\)");
    private static final Pattern JVM_FRAME = Pattern.compile("#\\s+(C\\s+\\[.*)");
    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL (illegal instruction)", 6,
            "SIGABRT (abort)", 7, "SIGBUS (bus error)", 8, "SIGFPE (arithmetic error)", 9, "SIGKILL (killed)", 11,
            "SIGSEGV (segmentation fault)", 15, "SIGTERM (terminated)");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> HOSTS.forEach(Process::destroyForcibly),
                "fmu-host-reaper"));
    }

    private final String name;
    private final FmuKind kind;
    private final ModelDescription md;
    private final String owner;
    private final String prefix;
    private final long timeoutNanos;
    private final Runnable onClose;
    private final Path directory;
    private final Process process;
    private final SocketChannel channel;
    private final Wire wire;
    private final Deque<LogMessage> log = new ArrayDeque<>();
    private final Deque<String> output = new ArrayDeque<>();
    private final Thread outputReader;
    /** When the call in progress started (System.nanoTime), 0 when none: read by the watchdog. */
    private volatile long callStarted;
    private volatile boolean timedOut;
    private boolean dead;
    private boolean closed;
    /**
     * Reading the outputs right after doStep, the usual pattern of a co-simulation step, is folded into the doStep
     * round trip: the exchange ({@link #reals}) that was read right after a doStep is read by the host after each
     * following doStep, and its next {@code get} is answered from those values if no other call came in between.
     * Otherwise the values are dropped (the FMU only saw one more getReal, which has no effect on it).
     */
    private int[] prefetchRefs;
    private double[] prefetched;
    private boolean prefetchReady;
    private RuntimeException prefetchError;
    /** The last operation that completed. */
    private byte lastOp;
    /** The call in progress, for messages: operation and its time arguments. */
    private byte currentOp;
    private double currentTime;
    private double currentStep;

    /**
     * Starts a host process and instantiates the FMU {@code file} there.
     *
     * @param callTimeout how long one call may take before the host is killed (also bounds the start)
     */
    public IsolatedInstance(Path file, ModelDescription md, FmuKind kind, String name, Duration callTimeout,
            Runnable onClose) {
        this.name = name;
        this.kind = kind;
        this.md = md;
        this.owner = file.toString();
        this.prefix = md.fmiVersion() == FmiVersion.FMI2 ? "fmi2" : "fmi3";
        this.timeoutNanos = callTimeout.toNanos();
        this.onClose = onClose;
        try {
            directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempDirectory("twinstudio-fmu-host-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory("twinstudio-fmu-host-");
        } catch (IOException e) {
            throw new FmuException(owner + ": cannot make a directory for the FMU's host process: " + e, e);
        }
        Path socket = directory.resolve("s");
        Process p = null;
        SocketChannel c = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-XX:+UseSerialGC");
            command.add("-Xlog:disable");
            command.add("-XX:-CreateCoredumpOnCrash");
            command.add("-XX:ErrorFile=" + directory.resolve("jvm-crash-%p.log"));
            command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
            command.add("-Dtwinstudio.fmi.spinMicros=" + Wire.SPIN_NANOS / 1000);
            command.add("-cp");
            command.add(hostClassPath());
            command.add(FmuHost.class.getName());
            command.add(socket.toString());
            command.add(Long.toString(ProcessHandle.current().pid()));
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            HOSTS.add(p);
            long deadline = System.nanoTime() + Math.max(START_TIMEOUT.toNanos(), timeoutNanos);
            while ((c = server.accept()) == null) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    throw new FmuException(owner + ": the FMU's host process did not start"
                            + (p.isAlive() ? " within " + START_TIMEOUT.toSeconds() + " s" : " (exit code "
                                    + p.exitValue() + ")")
                            + (out.isEmpty() ? "" : ": " + out) + "; command: " + String.join(" ", command));
                }
                Thread.sleep(1);
            }
            c.configureBlocking(true);
        } catch (IOException e) {
            kill(p);
            deleteDirectory();
            throw new FmuException(owner + ": cannot start the FMU's host process: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            deleteDirectory();
            throw new FmuException(owner + ": interrupted while starting the FMU's host process", e);
        } catch (RuntimeException e) {
            kill(p);
            deleteDirectory();
            throw e;
        }
        process = p;
        channel = c;
        Wire w;
        try {
            w = new Wire(c);
        } catch (IOException e) {
            kill(p);
            deleteDirectory();
            throw new FmuException(owner + ": cannot set up the connection to the FMU's host process: " + e, e);
        }
        wire = w;
        outputReader = Thread.ofPlatform().daemon().name("fmu-host-output-" + p.pid()).start(this::readOutput);
        Thread.ofPlatform().daemon().name("fmu-host-watchdog-" + p.pid()).start(this::watch);
        try {
            call(wire.begin(Wire.INSTANTIATE).putString(file.toAbsolutePath().toString()).putByte(kind.ordinal())
                    .putString(name), Wire.INSTANTIATE);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The {@code java} that runs this JVM. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command().filter(c -> Files.isExecutable(Path.of(c)))
                .orElse(Path.of(System.getProperty("java.home"), "bin",
                        File.separatorChar == '\\' ? "java.exe" : "java").toString());
    }

    /**
     * Where this bundle's classes are: its jar in an installation, its class folder in development and tests.
     * {@code -Dtwinstudio.fmi.hostClassPath} overrides.
     */
    public static String hostClassPath() {
        String override = System.getProperty("twinstudio.fmi.hostClassPath");
        if (override != null && !override.isBlank()) {
            return override;
        }
        CodeSource source = FmuHost.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new FmuException("cannot find the classes of the FMU import for its host process (no code source);"
                    + " set -Dtwinstudio.fmi.hostClassPath");
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FmuException("cannot use the location of the FMU import's classes (" + source.getLocation()
                    + ") for its host process; set -Dtwinstudio.fmi.hostClassPath", e);
        }
        if (Files.isDirectory(location)) {
            String cls = FmuHost.class.getName().replace('.', '/') + ".class";
            for (Path candidate : List.of(location, location.resolve("target/classes"), location.resolve("bin"))) {
                if (Files.isRegularFile(candidate.resolve(cls))) {
                    return candidate.toString();
                }
            }
        }
        return location.toString();
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    if (output.size() == OUTPUT_LINES) {
                        output.removeFirst();
                    }
                    output.addLast(line);
                }
                LOGGER.log(System.Logger.Level.DEBUG, "{0} (host {1}): {2}", name, process.pid(), line);
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** Kills the host when a call runs longer than the timeout. */
    private void watch() {
        long tick = Math.max(1_000_000L, Math.min(timeoutNanos / 10, 100_000_000L));
        while (process.isAlive()) {
            long started = callStarted;
            if (started != 0 && System.nanoTime() - started > timeoutNanos) {
                timedOut = true;
                process.destroyForcibly();
                return;
            }
            try {
                Thread.sleep(tick / 1_000_000L, (int) (tick % 1_000_000L));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends the request begun on the wire and waits for its answer; the result is then read from the wire. */
    private synchronized void call(Wire request, byte op) {
        if (dead || closed) {
            throw new FmuException(owner + ": instance '" + name + "' " + (closed ? "is closed" : "failed before and "
                    + "cannot be used") + " (" + function(op) + ")");
        }
        currentOp = op;
        prefetchReady = false;
        prefetchError = null;
        callStarted = System.nanoTime() | 1;
        try {
            request.send();
            while (true) {
                byte frame = wire.receive();
                if (frame == Wire.LOG) {
                    logged(wire.getString(), wire.getString(), wire.getString());
                } else if (frame == Wire.OK) {
                    lastOp = op;
                    return;
                } else {
                    byte k = wire.getByte();
                    String message = wire.getString();
                    throw switch (k) {
                        case Wire.ILLEGAL_ARGUMENT -> new IllegalArgumentException(message);
                        case Wire.ILLEGAL_STATE -> new IllegalStateException(message);
                        default -> new FmuException(message);
                    };
                }
            }
        } catch (IOException e) {
            dead = true;
            if (e instanceof java.nio.channels.ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                // the thread was interrupted while waiting: the connection is gone, so is the instance
                process.destroyForcibly();
                throw new FmuException(owner + ": instance '" + name + "': interrupted while waiting for "
                        + function(op) + "; the FMU's host process (pid " + process.pid() + ") was ended", e);
            }
            throw died(op, e);
        } finally {
            callStarted = 0;
        }
    }

    private void logged(String status, String category, String message) {
        LogMessage m = new LogMessage(status, category, message);
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.removeFirst();
            }
            log.addLast(m);
        }
        System.Logger.Level level = status.equals("Error") || status.equals("Fatal") ? System.Logger.Level.ERROR
                : status.equals("OK") ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
        if (LOGGER.isLoggable(level)) {
            LOGGER.log(level, "{0} [{1}]: {2}", name, category, message);
        }
    }

    private String function(byte op) {
        String f = switch (op) {
            case Wire.INSTANTIATE -> kind == FmuKind.CO_SIMULATION && md.fmiVersion() == FmiVersion.FMI3
                    ? "InstantiateCoSimulation"
                    : md.fmiVersion() == FmiVersion.FMI3 ? "InstantiateModelExchange" : "Instantiate";
            case Wire.ENTER_INIT -> "EnterInitializationMode";
            case Wire.EXIT_INIT -> "ExitInitializationMode";
            case Wire.GET_REAL -> md.fmiVersion() == FmiVersion.FMI2 ? "GetReal" : "GetFloat64";
            case Wire.SET_REAL -> md.fmiVersion() == FmiVersion.FMI2 ? "SetReal" : "SetFloat64";
            case Wire.GET_INT -> md.fmiVersion() == FmiVersion.FMI2 ? "GetInteger" : "GetInt32";
            case Wire.SET_INT -> md.fmiVersion() == FmiVersion.FMI2 ? "SetInteger" : "SetInt32";
            case Wire.GET_BOOL -> "GetBoolean";
            case Wire.SET_BOOL -> "SetBoolean";
            case Wire.GET_STRING -> "GetString";
            case Wire.SET_STRING -> "SetString";
            case Wire.GET_FLOAT32 -> "GetFloat32";
            case Wire.SET_FLOAT32 -> "SetFloat32";
            case Wire.GET_INTEGERS -> "Get<integer type>";
            case Wire.SET_INTEGERS -> "Set<integer type>";
            case Wire.GET_BINARY -> "GetBinary";
            case Wire.SET_BINARY -> "SetBinary";
            case Wire.DO_STEP -> "DoStep(t = " + currentTime + " s, h = " + currentStep + " s)";
            case Wire.SET_TIME -> "SetTime(t = " + currentTime + " s)";
            case Wire.SET_STATES -> "SetContinuousStates";
            case Wire.GET_STATES -> "GetContinuousStates";
            case Wire.GET_DERIVATIVES -> md.fmiVersion() == FmiVersion.FMI2 ? "GetDerivatives"
                    : "GetContinuousStateDerivatives";
            case Wire.GET_INDICATORS -> "GetEventIndicators";
            case Wire.ENTER_EVENT -> "EnterEventMode";
            case Wire.NEW_DISCRETE -> md.fmiVersion() == FmiVersion.FMI2 ? "NewDiscreteStates"
                    : "UpdateDiscreteStates";
            case Wire.ENTER_CONTINUOUS -> "EnterContinuousTimeMode";
            case Wire.COMPLETED_STEP -> "CompletedIntegratorStep";
            case Wire.TERMINATE -> "Terminate";
            case Wire.CLOSE -> "FreeInstance";
            default -> "call " + op;
        };
        return prefix + f;
    }

    /** The exception for a host that ended (crash, timeout) during a call. */
    private FmuException died(byte op, IOException cause) {
        boolean killedForTime = timedOut;
        int exit;
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            exit = process.isAlive() ? -1 : process.exitValue();
            outputReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        List<String> lines;
        synchronized (output) {
            lines = new ArrayList<>(output);
        }
        StringBuilder m = new StringBuilder(owner).append(": instance '").append(name).append("': ");
        if (killedForTime) {
            m.append(function(op)).append(" did not return within ").append(seconds(timeoutNanos))
                    .append(" s (the call timeout); the FMU's host process (pid ").append(process.pid())
                    .append(") was killed");
        } else {
            m.append("the FMU crashed in ").append(function(op)).append(": its host process (pid ")
                    .append(process.pid()).append(") ended ").append(howItEnded(exit, lines));
        }
        m.append(recentLogText());
        List<String> own = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()
                && !l.startsWith("[thread ") && !l.contains("hs_err") && !l.contains("core dump")).toList();
        if (!own.isEmpty()) {
            m.append("\n  its last output:\n    ")
                    .append(String.join("\n    ", own.subList(Math.max(0, own.size() - 8), own.size())));
        }
        return new FmuException(m.toString(), cause);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /** The signal and native frame from the JVM's crash report, else from the exit status (128 + signal). */
    private static String howItEnded(int exit, List<String> lines) {
        String signal = null;
        String frame = null;
        for (String l : lines) {
            Matcher s = JVM_SIGNAL.matcher(l);
            if (signal == null && s.find()) {
                signal = s.group(1);
            }
            Matcher f = JVM_FRAME.matcher(l);
            if (frame == null && f.find()) {
                frame = f.group(1).trim().replaceAll("\\s+", " ");
            }
        }
        if (signal != null) {
            String sig = signal;
            String described = SIGNALS.values().stream().filter(v -> v.startsWith(sig + " ")).findFirst()
                    .orElse(signal);
            return "by signal " + described + (frame != null ? " in " + frame : "");
        }
        if (exit > 128) {
            return "by signal " + SIGNALS.getOrDefault(exit - 128, "number " + (exit - 128));
        }
        return exit < 0 ? "(it did not answer)" : "with exit code " + exit;
    }

    private String recentLogText() {
        List<LogMessage> messages = recentLog();
        if (messages.isEmpty()) {
            return " (the FMU logged nothing)";
        }
        int from = Math.max(0, messages.size() - 8);
        return "; the FMU's last messages:\n    " + messages.subList(from, messages.size()).stream()
                .map(LogMessage::toString).collect(Collectors.joining("\n    "));
    }

    /** The host process, for tests and diagnostics. */
    public ProcessHandle host() {
        return process.toHandle();
    }

    /** One round trip that does nothing in the host: the protocol's cost alone. */
    public void ping() {
        call(wire.begin(Wire.PING), Wire.PING);
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

    @Override
    public synchronized void enterInitializationMode(double tolerance, double startTime, double stopTime) {
        call(wire.begin(Wire.ENTER_INIT).putDouble(tolerance).putDouble(startTime).putDouble(stopTime),
                Wire.ENTER_INIT);
    }

    @Override
    public synchronized void exitInitializationMode() {
        call(wire.begin(Wire.EXIT_INIT), Wire.EXIT_INIT);
    }

    private static void sameLength(int[] refs, int values) {
        if (refs.length != values) {
            throw new IllegalArgumentException(refs.length + " value references but " + values + " values");
        }
    }

    @Override
    public synchronized void getReal(int[] refs, double[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_REAL).putInts(refs), Wire.GET_REAL);
        wire.getDoubles(values);
    }

    @Override
    public synchronized void setReal(int[] refs, double[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.SET_REAL).putInts(refs).putDoubles(values), Wire.SET_REAL);
    }

    @Override
    public synchronized void getInteger(int[] refs, int[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_INT).putInts(refs), Wire.GET_INT);
        int[] v = wire.getInts();
        System.arraycopy(v, 0, values, 0, values.length);
    }

    @Override
    public synchronized void setInteger(int[] refs, int[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.SET_INT).putInts(refs).putInts(values), Wire.SET_INT);
    }

    @Override
    public synchronized void getBoolean(int[] refs, boolean[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_BOOL).putInts(refs), Wire.GET_BOOL);
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getBoolean();
        }
    }

    @Override
    public synchronized void setBoolean(int[] refs, boolean[] values) {
        sameLength(refs, values.length);
        wire.begin(Wire.SET_BOOL).putInts(refs);
        for (boolean b : values) {
            wire.putByte(b ? 1 : 0);
        }
        call(wire, Wire.SET_BOOL);
    }

    @Override
    public synchronized void getString(int[] refs, String[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_STRING).putInts(refs), Wire.GET_STRING);
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getString();
        }
    }

    @Override
    public synchronized void setString(int[] refs, String[] values) {
        sameLength(refs, values.length);
        wire.begin(Wire.SET_STRING).putInts(refs);
        for (String s : values) {
            wire.putString(s);
        }
        call(wire, Wire.SET_STRING);
    }

    @Override
    public synchronized void getFloat32(int[] refs, float[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_FLOAT32).putInts(refs), Wire.GET_FLOAT32);
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getFloat();
        }
    }

    @Override
    public synchronized void setFloat32(int[] refs, float[] values) {
        sameLength(refs, values.length);
        wire.begin(Wire.SET_FLOAT32).putInts(refs);
        for (float f : values) {
            wire.putFloat(f);
        }
        call(wire, Wire.SET_FLOAT32);
    }

    @Override
    public synchronized void getIntegers(ScalarType type, int[] refs, long[] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_INTEGERS).putByte(type.ordinal()).putInts(refs), Wire.GET_INTEGERS);
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getLong();
        }
    }

    @Override
    public synchronized void setIntegers(ScalarType type, int[] refs, long[] values) {
        sameLength(refs, values.length);
        wire.begin(Wire.SET_INTEGERS).putByte(type.ordinal()).putInts(refs);
        for (long v : values) {
            wire.putLong(v);
        }
        call(wire, Wire.SET_INTEGERS);
    }

    @Override
    public synchronized void getBinary(int[] refs, byte[][] values) {
        sameLength(refs, values.length);
        call(wire.begin(Wire.GET_BINARY).putInts(refs), Wire.GET_BINARY);
        for (int i = 0; i < values.length; i++) {
            values[i] = wire.getBytes();
        }
    }

    @Override
    public synchronized void setBinary(int[] refs, byte[][] values) {
        sameLength(refs, values.length);
        wire.begin(Wire.SET_BINARY).putInts(refs);
        for (byte[] b : values) {
            wire.putBytes(b);
        }
        call(wire, Wire.SET_BINARY);
    }

    @Override
    public synchronized void doStep(double time, double stepSize) {
        currentTime = time;
        currentStep = stepSize;
        if (prefetchRefs == null) {
            call(wire.begin(Wire.DO_STEP).putDouble(time).putDouble(stepSize), Wire.DO_STEP);
            return;
        }
        call(wire.begin(Wire.DO_STEP_GET).putDouble(time).putDouble(stepSize).putInts(prefetchRefs), Wire.DO_STEP);
        if (wire.getBoolean()) {
            prefetched = wire.getDoubles();
        } else {
            byte k = wire.getByte();
            String message = wire.getString();
            prefetchError = k == Wire.ILLEGAL_ARGUMENT ? new IllegalArgumentException(message)
                    : k == Wire.ILLEGAL_STATE ? new IllegalStateException(message) : new FmuException(message);
        }
        prefetchReady = true;
    }

    @Override
    public RealValues reals(int[] valueReferences) {
        int[] refs = valueReferences.clone();
        return new RealValues() {
            @Override
            public void get(double[] values) {
                synchronized (IsolatedInstance.this) {
                    sameLength(refs, values.length);
                    if (prefetchReady && prefetchRefs == refs) {
                        prefetchReady = false;
                        lastOp = Wire.GET_REAL;
                        if (prefetchError != null) {
                            RuntimeException e = prefetchError;
                            prefetchError = null;
                            throw e;
                        }
                        System.arraycopy(prefetched, 0, values, 0, values.length);
                        return;
                    }
                    boolean afterStep = lastOp == Wire.DO_STEP;
                    getReal(refs, values);
                    if (afterStep) {
                        prefetchRefs = refs;
                    }
                }
            }

            @Override
            public void set(double[] values) {
                setReal(refs, values);
            }
        };
    }

    @Override
    public synchronized void setTime(double time) {
        currentTime = time;
        call(wire.begin(Wire.SET_TIME).putDouble(time), Wire.SET_TIME);
    }

    @Override
    public synchronized void setContinuousStates(double[] states) {
        call(wire.begin(Wire.SET_STATES).putDoubles(states), Wire.SET_STATES);
    }

    private void vector(byte op, double[] values) {
        call(wire.begin(op).putInt(values.length), op);
        wire.getDoubles(values);
    }

    @Override
    public synchronized void getContinuousStates(double[] states) {
        vector(Wire.GET_STATES, states);
    }

    @Override
    public synchronized void getDerivatives(double[] derivatives) {
        vector(Wire.GET_DERIVATIVES, derivatives);
    }

    @Override
    public synchronized void getEventIndicators(double[] indicators) {
        vector(Wire.GET_INDICATORS, indicators);
    }

    @Override
    public synchronized void enterEventMode() {
        call(wire.begin(Wire.ENTER_EVENT), Wire.ENTER_EVENT);
    }

    @Override
    public synchronized EventInfo newDiscreteStates() {
        call(wire.begin(Wire.NEW_DISCRETE), Wire.NEW_DISCRETE);
        return new EventInfo(wire.getBoolean(), wire.getBoolean(), wire.getBoolean(), wire.getBoolean(),
                wire.getBoolean(), wire.getDouble());
    }

    @Override
    public synchronized void enterContinuousTimeMode() {
        call(wire.begin(Wire.ENTER_CONTINUOUS), Wire.ENTER_CONTINUOUS);
    }

    @Override
    public synchronized IntegratorStep completedIntegratorStep() {
        call(wire.begin(Wire.COMPLETED_STEP), Wire.COMPLETED_STEP);
        return new IntegratorStep(wire.getBoolean(), wire.getBoolean());
    }

    @Override
    public synchronized void terminate() {
        call(wire.begin(Wire.TERMINATE), Wire.TERMINATE);
    }

    @Override
    public List<LogMessage> recentLog() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /**
     * Asks the host to free the instance and end (waiting at most the call timeout, 5 s at most), then kills it
     * in any case and deletes its directory.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                if (!dead && process.isAlive()) {
                    try {
                        call(wire.begin(Wire.CLOSE), Wire.CLOSE);
                    } catch (RuntimeException ignored) {
                        // freeing failed or the host died: it is killed below either way
                    }
                    process.waitFor(Math.min(5_000_000_000L, timeoutNanos), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closed = true;
                kill(process);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
                deleteDirectory();
            }
        }
        onClose.run();
    }

    private static void kill(Process p) {
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            HOSTS.remove(p);
        }
    }

    private void deleteDirectory() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a leftover in the temporary directory
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Host processes of this JVM still running. */
    public static int liveHosts() {
        HOSTS.removeIf(p -> !p.isAlive());
        return HOSTS.size();
    }
}
