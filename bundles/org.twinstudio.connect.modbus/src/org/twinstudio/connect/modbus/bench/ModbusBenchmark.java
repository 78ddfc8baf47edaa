package org.twinstudio.connect.modbus.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.twinstudio.connect.modbus.ModbusMap;
import org.twinstudio.connect.modbus.ModbusServer;
import org.twinstudio.model.DataType;

/**
 * Measures the Modbus slave on loopback: requests per second for "read N holding registers" (function 3) with 1..k
 * clients, each on its own connection sending one request at a time, and the round trip of a write (function 16
 * of one float32, request sent to acknowledgement received). The twin is a {@link LoopbackTwin} cycling every
 * {@code cyclePeriod} so reads contend with image refreshes as in a served session. Clients are plain sockets so
 * the figures are the slave's, not a client library's. Every answer is checked (transaction id, function, length).
 */
public final class ModbusBenchmark {

    /** {@code registers} read per request (even, at most 124); each client count in {@code clients} runs {@code duration}. */
    public record Options(int registers, int[] clients, Duration duration, int writeSamples, Duration cyclePeriod) {
        public Options {
            if (registers < 2 || registers > 124 || registers % 2 != 0) {
                throw new IllegalArgumentException("registers must be even, 2..124, got " + registers);
            }
            clients = clients.clone();
        }

        public static Options defaults() {
            return new Options(10, new int[] { 1, 4 }, Duration.ofSeconds(5), 10_000, Duration.ofMillis(10));
        }
    }

    /** Reads with {@code clients} connections: {@code requests} answered in {@code seconds}. */
    public record Throughput(int clients, long requests, double seconds, double requestsPerSecond) {
    }

    /** Write acknowledgement round trip in milliseconds. */
    public record Latency(int samples, double p50Millis, double p99Millis, double maxMillis, double meanMillis) {
    }

    public record Result(int registers, List<Throughput> reads, Latency write, long cycles) {
        public String summary() {
            StringBuilder sb = new StringBuilder();
            for (Throughput t : reads) {
                sb.append(String.format("read %d holding registers, %d client(s): %,.0f requests/s (%,d in %.1f s)%n",
                        registers, t.clients(), t.requestsPerSecond(), t.requests(), t.seconds()));
            }
            sb.append(String.format("write float32 round trip: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d samples)%n",
                    write.p50Millis(), write.p99Millis(), write.maxMillis(), write.samples()));
            return sb.toString();
        }
    }

    private ModbusBenchmark() {
    }

    public static Result run(Options options) throws IOException, InterruptedException {
        LoopbackTwin twin = new LoopbackTwin("modbus-benchmark", options.cyclePeriod().toNanos() / 1e9);
        for (int i = 0; i < options.registers() / 2; i++) {
            twin.addPair("signal" + i, DataType.REAL, i, Double.NaN, Double.NaN);
        }
        Thread cycler = Thread.ofPlatform().daemon().name("modbus-benchmark-cycle").start(() -> {
            long period = options.cyclePeriod().toNanos();
            while (!Thread.currentThread().isInterrupted()) {
                twin.step();
                java.util.concurrent.locks.LockSupport.parkNanos(period);
            }
        });
        try (ModbusServer server = new ModbusServer(twin, ModbusMap.automatic(twin), "127.0.0.1", 0,
                ModbusServer.Settings.DEFAULT)) {
            List<Throughput> reads = new ArrayList<>();
            for (int clients : options.clients()) {
                reads.add(reads(server.port(), options.registers(), clients, options.duration()));
            }
            Latency write = writes(server.port(), options.writeSamples());
            return new Result(options.registers(), reads, write, twin.cycle());
        } finally {
            cycler.interrupt();
            cycler.join(1000);
        }
    }

    private static Throughput reads(int port, int registers, int clients, Duration duration)
            throws InterruptedException, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            long deadline = System.nanoTime() + duration.toNanos();
            for (int c = 0; c < clients; c++) {
                tasks.add(() -> readLoop(port, registers, deadline));
            }
            long t0 = System.nanoTime();
            long total = 0;
            for (Future<Long> f : pool.invokeAll(tasks)) {
                try {
                    total += f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("benchmark client failed: " + e.getCause(), e.getCause());
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Throughput(clients, total, seconds, total / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long readLoop(int port, int registers, long deadline) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
            byte[] request = { 0, 0, 0, 0, 0, 6, 1, 3, 0, 0, 0, (byte) registers };
            byte[] response = new byte[9 + 2 * registers];
            long count = 0;
            while (System.nanoTime() < deadline) {
                int tid = (int) (count & 0xFFFF);
                request[0] = (byte) (tid >>> 8);
                request[1] = (byte) tid;
                out.write(request);
                in.readFully(response);
                if (response[0] != request[0] || response[1] != request[1] || response[7] != 3
                        || (response[8] & 0xFF) != 2 * registers) {
                    throw new IOException("unexpected answer " + Arrays.toString(response));
                }
                count++;
            }
            return count;
        }
    }

    private static Latency writes(int port, int samples) throws IOException {
        double[] millis = new double[samples];
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
            byte[] response = new byte[12];
            for (int i = 0; i < samples; i++) {
                int bits = Float.floatToIntBits(i);
                byte[] request = { (byte) (i >>> 8), (byte) i, 0, 0, 0, 11, 1, 0x10, 0, 0, 0, 2, 4,
                        (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits };
                long t0 = System.nanoTime();
                out.write(request);
                in.readFully(response);
                millis[i] = (System.nanoTime() - t0) / 1e6;
                if (response[7] != 0x10 || response[0] != request[0] || response[1] != request[1]) {
                    throw new IOException("write refused: " + Arrays.toString(response));
                }
            }
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Latency(samples, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(Double.NaN));
    }

    /** Nearest-rank percentile of sorted samples. */
    public static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

}
