package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.ExitCodes;

/** {@code twinstudio hil} and {@code bench-hil}: the HIL loop's live status, summary, report and exit codes. */
class HilCommandTest {

    /** The heating line without its endpoints and bindings: a HIL loop that needs no peer. */
    static Path unbound(Path dir) throws Exception {
        String text = Cli.example().replaceAll("\\s*<(endpoints|bindings)\\b[^>]*/>", "");
        assertTrue(!text.contains("<bindings") && !text.contains("<endpoints"));
        return Files.writeString(dir.resolve("unbound.twin"), text, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aTimedRunPrintsStatusAndSummaryAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path model = unbound(dir);
        Path report = dir.resolve("out/timing.json");
        long start = System.nanoTime();
        Cli.Result r = Cli.run("hil", model.toString(), "--cycle", "10ms", "--duration", "1.5s", "--progress",
                "--report", report.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(seconds >= 1.49, "ran " + seconds + " s");
        // 1.5 s at a 10 ms cycle in real time: 150 cycles
        assertTrue(r.out().contains("heating_line: 150 cycles of 10 ms"), r.out());
        for (String row : List.of("read", "step", "write", "total", "jitter")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row + " ")), "no " + row + " row: " + r.out());
        }
        assertTrue(r.err().lines().anyMatch(l -> l.matches("t = [0-9.]+ s  cycles \\d+  overruns \\d+ \\(\\+\\d+\\)  cycle "
                + "p50 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms  jitter p50 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms")),
                "no status line: " + r.err());
        assertTrue(r.err().contains("twinstudio hil: ended after 150 cycles"), r.err());

        Map<String, Object> json = (Map<String, Object>) JsonParser.parse(Files.readString(report));
        Map<String, Object> options = (Map<String, Object>) json.get("options");
        assertEquals(0.01, ((Number) options.get("cycleSeconds")).doubleValue(), 1e-12);
        assertEquals(1.5, ((Number) options.get("durationSeconds")).doubleValue(), 1e-12);
        Map<String, Object> result = (Map<String, Object>) json.get("result");
        assertEquals("ENDED", result.get("state"));
        assertEquals(150, ((Number) result.get("cycles")).intValue());
        assertEquals(1.5, ((Number) result.get("simulatedSeconds")).doubleValue(), 1e-9);
        long overruns = ((Number) result.get("overruns")).longValue();
        assertTrue(overruns >= 0 && overruns <= 150);
        Map<String, Object> phases = (Map<String, Object>) json.get("phases");
        Map<String, Object> step = (Map<String, Object>) phases.get("step");
        Map<String, Object> total = (Map<String, Object>) phases.get("total");
        double stepP50 = ((Number) step.get("p50")).doubleValue();
        assertTrue(stepP50 > 0 && stepP50 <= ((Number) step.get("max")).doubleValue());
        assertTrue(((Number) total.get("max")).doubleValue() >= ((Number) step.get("max")).doubleValue());
        Map<String, Object> jitter = (Map<String, Object>) json.get("jitter");
        assertTrue(((Number) jitter.get("p99")).doubleValue() <= ((Number) jitter.get("max")).doubleValue());
        assertEquals(List.of(), json.get("bindings"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aStopEndsTheSessionWithItsSummaryAndReport(@TempDir Path dir) throws Exception {
        Path model = unbound(dir);
        Path report = dir.resolve("timing.json");
        try (ServeProtocolTest.Serving hil = new ServeProtocolTest.Serving("hil", model.toString(), "--report",
                report.toString(), "--realtime-factor", "5")) {
            Thread.sleep(800);
            assertEquals(ExitCodes.OK, hil.stop(), hil::toString);
            assertTrue(hil.err.toString().contains("twinstudio hil: stopped after"), hil::toString);
            assertTrue(hil.out.toString().contains("jitter"), hil::toString);
        }
        Map<String, Object> result = (Map<String, Object>) ((Map<String, Object>) JsonParser.parse(
                Files.readString(report))).get("result");
        assertEquals(Boolean.TRUE, result.get("stopped"));
        assertTrue(((Number) result.get("cycles")).intValue() > 0);
    }

    @Test
    void anEndpointWithoutConnectorAndBadDurationsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        Cli.Result r = Cli.run("hil", model.toString(), "--duration", "1s");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        // the example's MQTT endpoint has no connector here (and its OPC UA and Modbus ones none without those bundles)
        assertTrue(r.err().matches("(?s).*endpoint '(plc|remoteIo|telemetry)': no connector is installed for .*"), r.err());
        Cli.Result bad = Cli.run("hil", model.toString(), "--cycle", "10 parsecs");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("'10 parsecs' is not a duration"), bad.err());
        Cli.Result help = Cli.run("hil", "--help");
        assertTrue(help.out().contains("Overruns alone do not fail"), help.out());
    }

    @SuppressWarnings("unchecked")
    @Test
    void benchHilReportsJitterAndOverruns(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("bench-hil", Cli.HEATING_LINE.toString(), "--without-bindings", "--cycle", "10ms",
                "--duration", "500ms", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Map<String, Object> json = (Map<String, Object>) JsonParser.parse(r.out());
        assertEquals(50, ((Number) json.get("cycles")).intValue());
        assertEquals(0, ((Number) json.get("bindings")).intValue());
        Map<String, Object> jitter = (Map<String, Object>) json.get("jitter");
        double p99 = ((Number) jitter.get("p99")).doubleValue();
        boolean goal = p99 <= 1.0 && ((Number) json.get("overruns")).longValue() == 0;
        assertEquals(goal, json.get("goalMet"));
    }

    /**
     * A HIL loop over a real socket: a served plant (line server) and a HIL session whose Modbus endpoint 'rig' is
     * served by the test's line connector. The HIL twin writes its tank temperature into the plant's setpoint and
     * reads that setpoint back: afterwards the plant's setpoint, set to 42.5 by a peer before, holds the HIL twin's
     * temperature (18 degC at the start, warming by at most 0.03 K/s), and the read binding saw the same.
     */
    @SuppressWarnings("unchecked")
    @Test
    void aHilLoopExchangesItsBindingsWithARealPeer(@TempDir Path dir) throws Exception {
        ServeProtocolTest.register();
        org.twinstudio.connect.Connectors.getDefault().register(new LineConnectorProvider());
        Path plant = Files.copy(Cli.HEATING_LINE, dir.resolve("plant.twin"));
        try (ServeProtocolTest.Serving serve = new ServeProtocolTest.Serving("serve", plant.toString(), "--server",
                LineServerProvider.PROTOCOL)) {
            java.util.regex.Matcher address = serve.await(ServeProtocolTest.ADDRESS);
            String host = address.group(1);
            int port = Integer.parseInt(address.group(2));
            int setpoint;
            try (ServeProtocolTest.Peer peer = new ServeProtocolTest.Peer(host, port)) {
                setpoint = Integer.parseInt(peer.ask("index controller.setpoint"));
                assertEquals("ok", peer.ask("set controller.setpoint 42.5"));
            }
            String rig = "  <endpoints xsi:type=\"twin:ModbusTcpEndpoint\" name=\"rig\" host=\"" + host + "\" port=\""
                    + port + "\"/>\n"
                    + "  <bindings xsi:type=\"twin:ModbusBinding\" port=\"controller.setpoint\" endpoint=\"rig\" address=\""
                    + setpoint + "\" valueType=\"float32\"/>\n"
                    + "  <bindings xsi:type=\"twin:ModbusBinding\" port=\"tank.temperature\" endpoint=\"rig\" direction=\"write\""
                    + " address=\"" + setpoint + "\" valueType=\"float32\"/>\n";
            String text = Cli.example().replaceAll("\\s*<(endpoints|bindings)\\b[^>]*/>", "");
            int at = text.indexOf("  <alertRules");
            Path controller = Files.writeString(dir.resolve("controller.twin"), text.substring(0, at) + rig
                    + text.substring(at), StandardCharsets.UTF_8);
            Path report = dir.resolve("hil.json");
            Cli.Result r = Cli.run("hil", controller.toString(), "--duration", "1.5s", "--progress", "--report",
                    report.toString());
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.err().lines().anyMatch(l -> l.contains("cycles") && l.endsWith("rig CONNECTED")), r.err());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("controller.setpoint") && l.contains("rig")
                    && l.contains("CONNECTED")), r.out());
            Map<String, Object> json = (Map<String, Object>) JsonParser.parse(Files.readString(report));
            List<Object> bindings = (List<Object>) json.get("bindings");
            assertEquals(2, bindings.size(), json::toString);
            Map<String, Object> read = (Map<String, Object>) bindings.get(0);
            Map<String, Object> write = (Map<String, Object>) bindings.get(1);
            assertEquals("controller.setpoint", read.get("port"));
            assertEquals("read", read.get("direction"));
            assertEquals("write", write.get("direction"));
            assertEquals("CONNECTED", read.get("state"));
            double readBack = ((Number) read.get("lastValue")).doubleValue();
            assertTrue(readBack >= 18 && readBack < 19, "read back " + readBack);
            try (ServeProtocolTest.Peer peer = new ServeProtocolTest.Peer(host, port)) {
                double plantSetpoint = Double.parseDouble(peer.ask("get controller.setpoint"));
                assertTrue(plantSetpoint >= 18 && plantSetpoint < 19, "the plant's setpoint is " + plantSetpoint);
            }
            Map<String, Object> endpoint = (Map<String, Object>) ((List<Object>) json.get("endpoints")).get(0);
            assertEquals("rig", endpoint.get("endpoint"));
        }
    }
}
