package org.twinstudio.fmi.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuException;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuInstance.EventInfo;
import org.twinstudio.fmi.FmuInstance.IntegratorStep;
import org.twinstudio.fmi.FmuInstance.LogMessage;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.ScalarType;

/**
 * The main class of an FMU host process: a JVM that runs one FMU instance for an importing JVM (see
 * {@link IsolatedInstance}), so that a crash or a hang of the FMU's native code ends this process, not the
 * importer. Arguments: the Unix-domain socket to connect to and the importer's process id. Serves the requests of
 * {@link Wire} one at a time; forwards each log message the moment the FMU logs it. Exits when the importer
 * closes the connection, sends {@link Wire#CLOSE}, or ends (a hung FMU would otherwise outlive it).
 * Needs only the JDK and the classes of this bundle.
 */
public final class FmuHost {

    private final Wire wire;
    /** Log frames have their own buffer: a message may arrive while an answer is being written. */
    private final Wire logWire;
    private final Object sending = new Object();
    private Fmu fmu;
    private FmuInstance instance;

    private FmuHost(SocketChannel channel) throws IOException {
        this.wire = new Wire(channel);
        this.logWire = new Wire(channel);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FmuHost SOCKET IMPORTER_PID");
            System.exit(2);
        }
        // Log messages travel to the importer, which logs them; printed here too they would only clutter the
        // output lines shown after a crash.
        java.util.logging.LogManager.getLogManager().reset();
        long importer = Long.parseLong(args[1]);
        ProcessHandle.of(importer).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        FmuHost host = new FmuHost(channel);
        NativeInstance.forwarder = host::forward;
        try {
            host.serve();
        } catch (EOFException e) {
            // the importer closed the connection: end quietly
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    /** Sends a log message at once (from the logger upcall, on the thread of the current call). */
    private void forward(LogMessage m) {
        synchronized (sending) {
            try {
                logWire.begin(Wire.LOG).putString(m.status()).putString(m.category()).putString(m.message()).send();
            } catch (IOException | RuntimeException ignored) {
                // the importer is gone; the main loop ends on its next read
            }
        }
    }

    private void serve() throws IOException {
        while (true) {
            byte op = wire.receive();
            boolean more = true;
            try {
                wire.begin(Wire.OK);
                more = execute(op);
            } catch (RuntimeException | Error e) {
                byte kind = e instanceof IllegalArgumentException ? Wire.ILLEGAL_ARGUMENT
                        : e instanceof IllegalStateException ? Wire.ILLEGAL_STATE : Wire.FMU_EXCEPTION;
                String message = e instanceof FmuException || e instanceof IllegalArgumentException
                        || e instanceof IllegalStateException ? e.getMessage() : e.toString();
                wire.begin(Wire.ERROR).putByte(kind).putString(message);
            }
            synchronized (sending) {
                wire.send();
            }
            if (!more) {
                return;
            }
        }
    }

    /** Runs one request, writing its results after the OK frame; false after {@link Wire#CLOSE}. */
    private boolean execute(byte op) {
        switch (op) {
            case Wire.INSTANTIATE -> {
                Path file = Path.of(wire.getString());
                FmuKind kind = FmuKind.values()[wire.getByte()];
                String name = wire.getString();
                fmu = Fmu.open(file);
                instance = fmu.instantiate(kind, name);
            }
            case Wire.ENTER_INIT -> instance.enterInitializationMode(wire.getDouble(), wire.getDouble(),
                    wire.getDouble());
            case Wire.EXIT_INIT -> instance.exitInitializationMode();
            case Wire.GET_REAL -> {
                int[] refs = wire.getInts();
                double[] v = new double[refs.length];
                instance.getReal(refs, v);
                wire.putDoubles(v);
            }
            case Wire.SET_REAL -> instance.setReal(wire.getInts(), wire.getDoubles());
            case Wire.GET_INT -> {
                int[] refs = wire.getInts();
                int[] v = new int[refs.length];
                instance.getInteger(refs, v);
                wire.putInts(v);
            }
            case Wire.SET_INT -> instance.setInteger(wire.getInts(), wire.getInts());
            case Wire.GET_BOOL -> {
                int[] refs = wire.getInts();
                boolean[] v = new boolean[refs.length];
                instance.getBoolean(refs, v);
                for (boolean b : v) {
                    wire.putByte(b ? 1 : 0);
                }
            }
            case Wire.SET_BOOL -> {
                int[] refs = wire.getInts();
                boolean[] v = new boolean[refs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = wire.getBoolean();
                }
                instance.setBoolean(refs, v);
            }
            case Wire.GET_STRING -> {
                int[] refs = wire.getInts();
                String[] v = new String[refs.length];
                instance.getString(refs, v);
                for (String s : v) {
                    wire.putString(s);
                }
            }
            case Wire.SET_STRING -> {
                int[] refs = wire.getInts();
                String[] v = new String[refs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = wire.getString();
                }
                instance.setString(refs, v);
            }
            case Wire.GET_FLOAT32 -> {
                int[] refs = wire.getInts();
                float[] v = new float[refs.length];
                instance.getFloat32(refs, v);
                for (float f : v) {
                    wire.putFloat(f);
                }
            }
            case Wire.SET_FLOAT32 -> {
                int[] refs = wire.getInts();
                float[] v = new float[refs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = wire.getFloat();
                }
                instance.setFloat32(refs, v);
            }
            case Wire.GET_INTEGERS -> {
                ScalarType type = ScalarType.values()[wire.getByte()];
                int[] refs = wire.getInts();
                long[] v = new long[refs.length];
                instance.getIntegers(type, refs, v);
                for (long x : v) {
                    wire.putLong(x);
                }
            }
            case Wire.SET_INTEGERS -> {
                ScalarType type = ScalarType.values()[wire.getByte()];
                int[] refs = wire.getInts();
                long[] v = new long[refs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = wire.getLong();
                }
                instance.setIntegers(type, refs, v);
            }
            case Wire.GET_BINARY -> {
                int[] refs = wire.getInts();
                byte[][] v = new byte[refs.length][];
                instance.getBinary(refs, v);
                for (byte[] b : v) {
                    wire.putBytes(b);
                }
            }
            case Wire.SET_BINARY -> {
                int[] refs = wire.getInts();
                byte[][] v = new byte[refs.length][];
                for (int i = 0; i < v.length; i++) {
                    v[i] = wire.getBytes();
                }
                instance.setBinary(refs, v);
            }
            case Wire.DO_STEP -> instance.doStep(wire.getDouble(), wire.getDouble());
            case Wire.DO_STEP_GET -> {
                instance.doStep(wire.getDouble(), wire.getDouble());
                int[] refs = wire.getInts();
                double[] v = new double[refs.length];
                try {
                    instance.getReal(refs, v);
                    wire.putByte(1).putDoubles(v);
                } catch (RuntimeException e) {
                    // the step succeeded; the read's failure is reported when the importer reads
                    wire.putByte(0).putByte(e instanceof IllegalArgumentException ? Wire.ILLEGAL_ARGUMENT
                            : e instanceof IllegalStateException ? Wire.ILLEGAL_STATE : Wire.FMU_EXCEPTION)
                            .putString(e.getMessage());
                }
            }
            case Wire.SET_TIME -> instance.setTime(wire.getDouble());
            case Wire.SET_STATES -> instance.setContinuousStates(wire.getDoubles());
            case Wire.GET_STATES, Wire.GET_DERIVATIVES, Wire.GET_INDICATORS -> {
                double[] v = new double[wire.getInt()];
                if (op == Wire.GET_STATES) {
                    instance.getContinuousStates(v);
                } else if (op == Wire.GET_DERIVATIVES) {
                    instance.getDerivatives(v);
                } else {
                    instance.getEventIndicators(v);
                }
                wire.putDoubles(v);
            }
            case Wire.ENTER_EVENT -> instance.enterEventMode();
            case Wire.NEW_DISCRETE -> {
                EventInfo e = instance.newDiscreteStates();
                wire.putByte(e.newDiscreteStatesNeeded() ? 1 : 0).putByte(e.terminateSimulation() ? 1 : 0)
                        .putByte(e.nominalsOfContinuousStatesChanged() ? 1 : 0)
                        .putByte(e.valuesOfContinuousStatesChanged() ? 1 : 0)
                        .putByte(e.nextEventTimeDefined() ? 1 : 0).putDouble(e.nextEventTime());
            }
            case Wire.ENTER_CONTINUOUS -> instance.enterContinuousTimeMode();
            case Wire.COMPLETED_STEP -> {
                IntegratorStep s = instance.completedIntegratorStep();
                wire.putByte(s.enterEventMode() ? 1 : 0).putByte(s.terminateSimulation() ? 1 : 0);
            }
            case Wire.TERMINATE -> instance.terminate();
            case Wire.PING -> {
                // round-trip measurement: nothing to do
            }
            case Wire.CLOSE -> {
                try {
                    if (instance != null) {
                        instance.close();
                    }
                } finally {
                    if (fmu != null) {
                        fmu.close();
                    }
                }
                return false;
            }
            default -> throw new IllegalStateException("unknown operation " + op);
        }
        return true;
    }
}
