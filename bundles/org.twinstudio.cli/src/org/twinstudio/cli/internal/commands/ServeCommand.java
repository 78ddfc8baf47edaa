package org.twinstudio.cli.internal.commands;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.twinstudio.cli.CliCommand;
import org.twinstudio.cli.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinstudio serve MODEL.twin [--opcua PORT] [--modbus PORT] [--mqtt URL|embedded] [--web [--simulate]]}:
 * serves a twin until stopped. Protocol servers expose one live session of the model (SERVE mode, paced to the
 * wall clock) through the {@code TwinServerProvider} registered for each protocol; {@code --web} opens the models in
 * the graphical editor in any browser. The runtime and diagram classes are used only from {@link LiveServing} and
 * {@link WebDiagramHost}, so this command still loads where either is missing.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = org.twinstudio.cli.internal.RootCommand.Version.class,
        description = { "Serve a twin until stopped (Ctrl-C or TERM).",
                "--opcua, --modbus, --mqtt, --server: run the model live, paced to the wall clock, and expose it",
                "through each protocol's server: peers (a PLC under test) read its outputs and write its inputs.",
                "These serve one MODEL; each server's address is printed when it listens.",
                "--web: the graphical editor in a web browser, on 127.0.0.1 at a port the system picks. The printed",
                "address carries a secret token: anyone with it can edit the models; edits are saved to the files",
                "when saved in the editor (Ctrl+S).",
                "--simulate: show port values live on the diagram: those of the served twin, or without protocol",
                "servers a simulation of each model paced to the wall clock." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:stopped (Ctrl-C, TERM or the end of --duration)",
                "2:usage error, a MODEL that cannot be read or simulated, or a server that cannot listen",
                "3:internal error; also: a requested protocol server or the graphical editor is not installed",
                "4:the live twin failed while serving (NaN or infinite values, a behaviour failed)" })
public final class ServeCommand implements CliCommand {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "The .twin files to serve")
    List<Path> models;

    @Option(names = "--opcua", paramLabel = "PORT", description = "Serve the twin as an OPC UA server on PORT (0: a free port).")
    Integer opcua;

    @Option(names = "--modbus", paramLabel = "PORT", description = "Serve the twin as a Modbus TCP slave on PORT (0: a free port).")
    Integer modbus;

    @Option(names = "--mqtt", paramLabel = "URL|embedded[:PORT]",
            description = "Publish the twin to the MQTT broker at URL (tcp://host:1883), or to an embedded broker.")
    String mqtt;

    @Option(names = "--server", paramLabel = "PROTOCOL[=PORT|TARGET]",
            description = "Serve through any installed server by its protocol id (repeatable), e.g. a third-party one.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--server-setting", paramLabel = "PROTOCOL.NAME=VALUE",
            description = "A setting for one protocol's server (repeatable), e.g. modbus.wordOrder=little, "
                    + "opcua.security=Basic256Sha256; given to the server as NAME and as PROTOCOL.NAME.")
    List<String> serverSettings = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address protocol servers listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--web", description = "Serve the graphical editor to web browsers.")
    boolean web;

    @Option(names = "--simulate", description = "Show the twin's values live in the editor.")
    boolean simulate;

    @Option(names = "--realtime-factor", paramLabel = "F", defaultValue = "1",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}, real time).")
    double realtimeFactor;

    @Option(names = "--duration", paramLabel = "D", converter = DurationOption.class,
            description = "Stop after D of wall-clock time (e.g. 30s, 10min); default: until stopped.")
    Double duration;

    /** Released by tests to stop the server; the product's start script stops it with Ctrl-C or TERM. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** One protocol server asked for: a port to listen on, or a target such as a broker URL. */
    record ServerRequest(String protocol, int port, String target, Map<String, String> settings) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ServerRequest> requests;
        try {
            requests = requests();
        } catch (IllegalArgumentException e) {
            err.println("twinstudio serve: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!web && requests.isEmpty()) {
            err.println("twinstudio serve: nothing to serve; give --web, --opcua, --modbus, --mqtt or --server");
            return ExitCodes.USAGE;
        }
        if (!requests.isEmpty() && models.size() != 1) {
            err.println("twinstudio serve: protocol servers serve one model; " + models.size() + " given");
            return ExitCodes.USAGE;
        }
        if (!(realtimeFactor > 0) || Double.isInfinite(realtimeFactor)) {
            err.println("twinstudio serve: --realtime-factor must be a positive number, not " + realtimeFactor);
            return ExitCodes.USAGE;
        }
        for (Path model : models) {
            if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
                err.println("twinstudio serve: " + model + ": "
                        + (Files.exists(model) ? "not a readable file" : "no such file"));
                return ExitCodes.USAGE;
            }
        }
        try (StopSignal signal = new StopSignal(stop, "serve")) {
            if (!requests.isEmpty()) {
                try {
                    return LiveServing.serve(this, requests, signal, out, err);
                } catch (NoClassDefFoundError e) {
                    err.println("twinstudio serve: the live runtime is not available in this installation (bundles "
                            + "org.twinstudio.runtime and org.twinstudio.connect): " + e.getMessage());
                    return ExitCodes.INTERNAL;
                }
            }
            return serveWeb(signal, out, err);
        }
    }

    private int serveWeb(StopSignal signal, PrintWriter out, PrintWriter err) throws Exception {
        WebDiagramHost host;
        try {
            host = WebDiagramHost.start(models, simulate ? realtimeFactor : 0, null, out, err);
        } catch (NoClassDefFoundError e) {
            err.println("twinstudio serve: the graphical editor is not available in this installation (bundles "
                    + "org.twinstudio.diagram, .diagram.web and .diagram.client): " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (WebDiagramHost.ModelFailure e) {
            err.println("twinstudio serve: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (host) {
            out.println("Serving until Ctrl-C" + (duration == null ? "." : " or for " + DurationOption.format(duration) + "."));
            out.flush();
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + (long) (duration * 1e9);
            signal.await(() -> System.nanoTime() - end >= 0);
        }
        err.println("twinstudio serve: stopped");
        return ExitCodes.OK;
    }

    /** The protocol servers the options ask for, in the order opcua, modbus, mqtt, then --server in order. */
    List<ServerRequest> requests() {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String s : serverSettings) {
            int dot = s.indexOf('.');
            int eq = s.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new IllegalArgumentException("--server-setting '" + s + "': expected PROTOCOL.NAME=VALUE");
            }
            // servers name their settings with or without the protocol prefix (opcua.path, wordOrder): pass both
            Map<String, String> forProtocol = settings.computeIfAbsent(s.substring(0, dot), p -> new LinkedHashMap<>());
            forProtocol.put(s.substring(dot + 1, eq), s.substring(eq + 1));
            forProtocol.put(s.substring(0, eq), s.substring(eq + 1));
        }
        List<ServerRequest> list = new ArrayList<>();
        if (opcua != null) {
            list.add(new ServerRequest("opcua", port("--opcua", opcua), null, settings.getOrDefault("opcua", Map.of())));
        }
        if (modbus != null) {
            list.add(new ServerRequest("modbus", port("--modbus", modbus), null, settings.getOrDefault("modbus", Map.of())));
        }
        if (mqtt != null) {
            Map<String, String> s = settings.getOrDefault("mqtt", Map.of());
            if (mqtt.equals("embedded")) {
                list.add(new ServerRequest("mqtt", 0, "embedded", s));
            } else if (mqtt.startsWith("embedded:")) {
                list.add(new ServerRequest("mqtt", port("--mqtt embedded:PORT", number(mqtt.substring(9), "--mqtt")),
                        "embedded", s));
            } else {
                URI uri;
                try {
                    uri = URI.create(mqtt);
                } catch (IllegalArgumentException e) {
                    uri = null;
                }
                if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("--mqtt '" + mqtt
                            + "': expected a broker URL such as tcp://localhost:1883, or embedded[:PORT]");
                }
                list.add(new ServerRequest("mqtt", 0, mqtt, s));
            }
        }
        for (String s : servers) {
            int eq = s.indexOf('=');
            String protocol = eq < 0 ? s : s.substring(0, eq);
            if (protocol.isBlank()) {
                throw new IllegalArgumentException("--server '" + s + "': expected PROTOCOL[=PORT|TARGET]");
            }
            String rest = eq < 0 ? null : s.substring(eq + 1);
            Map<String, String> st = settings.getOrDefault(protocol, Map.of());
            if (rest != null && rest.matches("\\d+")) {
                list.add(new ServerRequest(protocol, port("--server " + protocol, number(rest, "--server")), null, st));
            } else {
                list.add(new ServerRequest(protocol, 0, rest, st));
            }
        }
        for (String p : settings.keySet()) {
            if (list.stream().noneMatch(r -> r.protocol().equals(p))) {
                throw new IllegalArgumentException("--server-setting for '" + p + "', but no " + p + " server is asked for");
            }
        }
        return list;
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "': not a port number");
        }
    }

    private static int port(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " " + port + ": a port is 0 (any free port) to 65535");
        }
        return port;
    }
}
