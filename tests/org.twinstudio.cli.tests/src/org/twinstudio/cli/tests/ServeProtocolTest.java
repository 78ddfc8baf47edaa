package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;
import org.twinstudio.cli.Twinstudio;
import org.twinstudio.connect.Connectors;
import org.twinstudio.diagram.web.DiagramSocketClient;

import com.google.gson.JsonObject;

/**
 * {@code twinstudio serve --server/--opcua/--modbus/--mqtt}: one live session of the twin served through the
 * protocol servers installed, here a real line-based TCP server registered by the test ({@link LineServerProvider}).
 */
class ServeProtocolTest {

    static final Pattern ADDRESS = Pattern.compile(LineServerProvider.PROTOCOL + " server: (127\\.0\\.0\\.1):(\\d+)");

    /** A running {@code serve} in a thread of this JVM. */
    static final class Serving implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Serving(String... args) {
            thread = new Thread(() -> exit.set(Twinstudio.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                    args)), "serve under test");
            thread.start();
        }

        Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                Matcher m = pattern.matcher(out.toString());
                if (m.find()) {
                    return m;
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("serve printed no " + pattern + ":\n" + this);
        }

        /** Stops serve as an embedding caller does (interrupt) and waits for its exit code. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            return exit.get();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }

        @Override
        public String toString() {
            return "exit " + exit.get() + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A client of the line server. */
    static final class Peer implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final PrintWriter out;

        Peer(String host, int port) throws IOException {
            socket = new Socket(host, port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String ask(String request) throws IOException {
            out.println(request);
            return in.readLine();
        }

        double number(String request) throws IOException {
            return Double.parseDouble(ask(request));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static LineServerProvider register() {
        LineServerProvider provider = new LineServerProvider();
        Connectors.getDefault().register(provider);
        return provider;
    }

    @Test
    void peersDriveTheServedTwinAndServeStopsCleanly(@TempDir Path dir) throws Exception {
        LineServerProvider provider = register();
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        int exit;
        String host;
        int port;
        try (Serving serve = new Serving("serve", model.toString(), "--server", LineServerProvider.PROTOCOL + "=0",
                "--realtime-factor", "20")) {
            Matcher address = serve.await(ADDRESS);
            serve.await(Pattern.compile("Serving .*line\\.twin \\(heating_line\\) at 20 x real time"));
            host = address.group(1);
            port = Integer.parseInt(address.group(2));
            try (Peer peer = new Peer(host, port)) {
                // the twin runs: its clock advances at 20 x real time
                double t0 = peer.number("time");
                Thread.sleep(200);
                double t1 = peer.number("time");
                assertTrue(t1 > t0, "time " + t0 + " -> " + t1);
                double level = peer.number("get tank.level");
                assertEquals("ok", peer.ask("set inletValve.open 1"));
                awaitAbove(peer, "get tank.level", level + 1e-6);
                assertTrue(peer.ask("set tank.level 1").startsWith("error 'tank.level' is an output"));
            }
            exit = serve.stop();
            assertEquals(ExitCodes.OK, exit, serve::toString);
            assertTrue(serve.err.toString().contains("twinstudio serve: stopped"), serve::toString);
        }
        assertEquals(1, provider.servers.size());
        assertTrue(provider.servers.get(0).closed, "the server was closed");
        assertThrows(ConnectException.class, () -> new Socket(host, port).close(), "nothing listens any more");
    }

    private static void awaitAbove(Peer peer, String request, double bound) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        double v;
        while ((v = peer.number(request)) <= bound) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(request + " stayed at " + v + ", not above " + bound);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void durationEndsServingByItself(@TempDir Path dir) throws Exception {
        register();
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        long start = System.nanoTime();
        Cli.Result r = Cli.run("serve", model.toString(), "--server", LineServerProvider.PROTOCOL, "--duration", "400ms",
                "--realtime-factor", "10");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(ADDRESS.matcher(r.out()).find(), r.toString());
        assertTrue(r.err().contains("twinstudio serve: stopped"), r.toString());
        assertTrue(seconds >= 0.39 && seconds < 20, "served for " + seconds + " s");
    }

    @Test
    void aServerThatIsNotInstalledIsNamed(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        Cli.Result r = Cli.run("serve", model.toString(), "--server", "no-such-protocol=0");
        assertEquals(ExitCodes.INTERNAL, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no server for protocol 'no-such-protocol' is installed"), r.err());
    }

    @Test
    void badServerOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        register();
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        Cli.Result url = Cli.run("serve", model.toString(), "--mqtt", "not a url");
        assertEquals(ExitCodes.USAGE, url.exitCode(), url.toString());
        assertTrue(url.err().contains("--mqtt 'not a url'"), url.err());
        Cli.Result port = Cli.run("serve", model.toString(), "--opcua", "70000");
        assertEquals(ExitCodes.USAGE, port.exitCode(), port.toString());
        assertTrue(port.err().contains("--opcua 70000"), port.err());
        Cli.Result two = Cli.run("serve", model.toString(), model.toString(), "--server", LineServerProvider.PROTOCOL);
        assertEquals(ExitCodes.USAGE, two.exitCode(), two.toString());
        assertTrue(two.err().contains("protocol servers serve one model"), two.err());
        Cli.Result nothing = Cli.run("serve", model.toString());
        assertEquals(ExitCodes.USAGE, nothing.exitCode(), nothing.toString());
        Cli.Result setting = Cli.run("serve", model.toString(), "--server", LineServerProvider.PROTOCOL,
                "--server-setting", "modbus.wordOrder=little");
        assertEquals(ExitCodes.USAGE, setting.exitCode(), setting.toString());
        assertTrue(setting.err().contains("no modbus server is asked for"), setting.err());
        Path broken = Cli.brokenCopy(dir.resolve("broken.twin"), "type=\"tank\"", "type=\"no-such-type\"");
        Cli.Result invalid = Cli.run("serve", broken.toString(), "--server", LineServerProvider.PROTOCOL);
        assertEquals(ExitCodes.USAGE, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.err().contains("cannot run"), invalid.err());
    }

    /** With --web --simulate the diagram shows the values of the very session the peers drive. */
    @Test
    void theDiagramShowsTheServedSession(@TempDir Path dir) throws Exception {
        register();
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        try (Serving serve = new Serving("serve", model.toString(), "--server", LineServerProvider.PROTOCOL,
                "--web", "--simulate", "--realtime-factor", "50")) {
            Matcher address = serve.await(ADDRESS);
            Matcher page = serve.await(DiagramCommandsTest.PAGE);
            URI pageUri = URI.create(page.group(1));
            URI socket = URI.create("ws://" + pageUri.getAuthority() + "/glsp?token=" + page.group(2));
            try (Peer peer = new Peer(address.group(1), Integer.parseInt(address.group(2)));
                    DiagramSocketClient client = DiagramSocketClient.connect(socket)) {
                assertEquals("ok", peer.ask("set controller.setpoint 42.5"));
                client.initialize();
                client.openSession("live");
                client.requestModel("live", model.toUri().toString());
                // the setpoint a peer wrote shows on the diagram: same twin
                long deadline = System.currentTimeMillis() + 20_000;
                boolean seen = false;
                while (!seen && System.currentTimeMillis() < deadline) {
                    JsonObject batch = client.awaitAction("twinstudio.liveValues");
                    JsonObject values = batch.getAsJsonObject("values");
                    seen = values != null && values.has("controller.setpoint")
                            && values.get("controller.setpoint").getAsDouble() == 42.5;
                }
                assertTrue(seen, "the diagram never showed the setpoint the peer wrote");
            }
            assertEquals(ExitCodes.OK, serve.stop(), serve::toString);
        }
    }

    /** The built-in OPC UA server through --opcua (the connector bundle is in this test runtime). */
    @Test
    void opcuaServesTheTwinAndPrintsItsAddress(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        Cli.Result r = Cli.run("serve", model.toString(), "--opcua", "0", "--duration", "1s", "--server-setting",
                "opcua.path=/line");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(Pattern.compile("opcua server: opc\\.tcp://127\\.0\\.0\\.1:\\d+/line").matcher(r.out()).find(),
                r.toString());
        assertTrue(r.err().contains("twinstudio serve: stopped"), r.toString());
    }
}
