package org.twinstudio.connect.mqtt.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's mosquitto broker (package {@code mosquitto}), started by a test on 127.0.0.1 with a free port, anonymous
 * access and persistence in the test's directory. Without the binary the test fails when the environment variable
 * CI is "true" (the CI machine must have it) and is skipped otherwise.
 */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path directory;
    private final int port;
    private final Path passwordFile;
    /** The TLS listener's port, 0 without one. */
    private int tlsPort;
    private Path caCertificate;
    private Process process;

    private Mosquitto(Path directory, int port, Path passwordFile) {
        this.directory = directory;
        this.port = port;
        this.passwordFile = passwordFile;
    }

    /** Starts mosquitto on a free port, or skips/fails the test when it is not installed. */
    static Mosquitto start(Path directory) throws IOException, InterruptedException {
        return start(directory, null, null);
    }

    /** With a user: anonymous clients are refused and only that user and password are accepted. */
    static Mosquitto start(Path directory, String user, String password) throws IOException, InterruptedException {
        requireBinary();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path passwords = null;
        if (user != null) {
            passwords = directory.resolve("passwords");
            Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwords.toString(), user,
                    password).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("mosquitto_passwd failed: " + out);
            }
        }
        Mosquitto m = new Mosquitto(directory, port, passwords);
        m.restart();
        return m;
    }

    /**
     * With a TLS listener too, on a port of its own: a certificate for 127.0.0.1 signed by a CA made for the test
     * (openssl), besides the plain listener of {@link #url()}.
     */
    static Mosquitto startTls(Path directory) throws IOException, InterruptedException {
        requireBinary();
        Path ca = directory.resolve("ca.pem");
        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Twinstudio test plant CA");
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(directory.resolve("broker.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(directory, "x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "broker.pem", "-days", "2", "-extfile", "broker.ext");
        Mosquitto m = new Mosquitto(directory, freePort(), null);
        m.tlsPort = freePort();
        m.caCertificate = ca;
        m.restart();
        return m;
    }

    private static void openssl(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + args[0] + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The CA that signed the TLS listener's certificate (PEM). */
    Path caCertificate() {
        return caCertificate;
    }

    /** {@code ssl://127.0.0.1:PORT} of the TLS listener. */
    String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    static void requireBinary() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = BINARY + " is missing: install Debian's mosquitto package (releng/scripts/install-debian-deps.sh)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message + "; mosquitto tests skipped");
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** (Re)starts the broker on the same port; sessions and queued messages persist across restarts. */
    void restart() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto is running");
        }
        Path conf = directory.resolve("mosquitto.conf");
        StringBuilder c = new StringBuilder();
        c.append("listener ").append(port).append(" 127.0.0.1\n");
        if (tlsPort != 0) {
            c.append("listener ").append(tlsPort).append(" 127.0.0.1\n");
            c.append("cafile ").append(caCertificate.toAbsolutePath()).append('\n');
            c.append("certfile ").append(directory.resolve("broker.pem").toAbsolutePath()).append('\n');
            c.append("keyfile ").append(directory.resolve("broker.key").toAbsolutePath()).append('\n');
        }
        if (passwordFile != null) {
            c.append("allow_anonymous false\n");
            c.append("password_file ").append(passwordFile.toAbsolutePath()).append('\n');
        } else {
            c.append("allow_anonymous true\n");
        }
        c.append("persistence true\n");
        // By default mosquitto drops QoS 1 messages beyond 1000 queued for a slow subscriber; the tests count every one.
        c.append("max_queued_messages 0\n");
        c.append("persistence_location ").append(directory.toAbsolutePath()).append("/\n");
        c.append("log_dest stderr\n");
        c.append("log_type error\n");
        c.append("log_type warning\n");
        // Started as root, mosquitto would switch to its own user, which cannot write the test's directory.
        c.append("user ").append(System.getProperty("user.name")).append('\n');
        Files.writeString(conf, c.toString());
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited with " + process.exitValue() + ": "
                            + Files.readString(directory.resolve("mosquitto.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not listen on port " + port + " within 10 s");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Stops the broker as an operator would (SIGTERM): it saves its persistent state and exits. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
