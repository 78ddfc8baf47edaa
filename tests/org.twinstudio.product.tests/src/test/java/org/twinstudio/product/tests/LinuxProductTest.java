package org.twinstudio.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Linux product as a user gets it: unpacked from its archive, started through its start script with the bundled
 * Java runtime.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinuxProductTest {

    private static final Pattern WINDOW_OPEN = Pattern.compile("Twinstudio workbench window open after (\\d+) ms");
    private static final int START_TIMEOUT_SECONDS = 90;
    /** An older Java on these machines, to check that the bundled runtime wins and that old ones are refused. */
    private static final Path OLD_JAVA_HOME = Paths.get("/usr/lib/jvm/java-17-openjdk-amd64");

    private static Path install;

    @BeforeAll
    static void unpack() throws Exception {
        install = Products.unpackLinux("linux-product");
    }

    @Test
    @Order(1)
    void bundledJavaRuntimeHasEveryModuleThePluginsUse() throws Exception {
        Path jdeps = Paths.get(System.getProperty("java.home"), "bin", "jdeps");
        assumeTrue(Files.isExecutable(jdeps), "no jdeps in the JDK running the tests");
        List<String> command = new ArrayList<>(List.of(jdeps.toString(), "--ignore-missing-deps", "--multi-release", "21", "--print-module-deps"));
        try (Stream<Path> jars = Files.list(install.resolve("plugins"))) {
            jars.filter(j -> j.toString().endsWith(".jar"))
                    // icu4j's javadoc taglets (jdk.javadoc) are build tooling, never loaded at run time
                    .filter(j -> !j.getFileName().toString().startsWith("com.ibm.icu_"))
                    .forEach(j -> command.add(j.toString()));
        }
        Products.Result deps = Products.run(command, install, Map.of(), 300);
        assertEquals(0, deps.exitCode(), deps.output());
        Set<String> needed = new TreeSet<>(Arrays.asList(deps.output().strip().split(",")));

        Products.Result list = Products.run(List.of(install.resolve("jre/bin/java").toString(), "--list-modules"), install, Map.of(), 60);
        assertEquals(0, list.exitCode(), list.output());
        Set<String> present = new TreeSet<>();
        list.output().lines().forEach(l -> present.add(l.replaceFirst("@.*", "").strip()));
        needed.removeAll(present);
        assertTrue(needed.isEmpty(), "modules used by the plugins but missing from jre/ (add them to twinstudio.jre.modules): " + needed);
    }

    @Test
    @Order(2)
    void startScriptRefusesJavaOlderThan21() throws Exception {
        assumeTrue(Files.isExecutable(OLD_JAVA_HOME.resolve("bin/java")), "no Java 17 at " + OLD_JAVA_HOME + " to check with");
        // The start script alone, without the bundled runtime: it must fall back to JAVA_HOME and refuse Java 17.
        Path bare = Products.testDir().resolve("bare-install");
        Products.deleteTree(bare);
        Files.createDirectories(bare.resolve("plugins"));
        Files.copy(install.resolve("twinstudio"), bare.resolve("twinstudio"));
        Files.createFile(bare.resolve("plugins/org.eclipse.equinox.launcher_1.0.0.jar"));
        Products.Result r = Products.run(List.of(bare.resolve("twinstudio").toString(), "--version"), bare,
                Map.of("JAVA_HOME", OLD_JAVA_HOME.toString()), 60);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("needs Java 21 or newer"), r.output());

        // No JAVA_HOME: the java on the PATH is taken, and refused the same way.
        Map<String, String> pathOnly = new HashMap<>();
        pathOnly.put("JAVA_HOME", null);
        pathOnly.put("PATH", OLD_JAVA_HOME.resolve("bin") + ":/usr/bin:/bin");
        Products.Result p = Products.run(List.of(bare.resolve("twinstudio").toString(), "--version"), bare, pathOnly, 60);
        assertEquals(1, p.exitCode(), p.output());
        assertTrue(p.output().contains(OLD_JAVA_HOME.resolve("bin/java").toString()) && p.output().contains("needs Java 21 or newer"), p.output());

        // TWINSTUDIO_JAVA_HOME comes before the bundled runtime.
        Products.Result o = Products.run(List.of(install.resolve("twinstudio").toString(), "--version"), install,
                Map.of("TWINSTUDIO_JAVA_HOME", OLD_JAVA_HOME.toString()), 60);
        assertEquals(1, o.exitCode(), o.output());
        assertTrue(o.output().contains(OLD_JAVA_HOME.resolve("bin/java").toString()), o.output());
    }

    @Test
    @Order(2)
    void startScriptChoosesBetweenIdeAndCommandLineTool() throws Exception {
        // The start script with a stand-in java that prints the arguments it gets.
        Path bare = Products.testDir().resolve("args-install");
        Products.deleteTree(bare);
        Files.createDirectories(bare.resolve("plugins"));
        Files.copy(install.resolve("twinstudio"), bare.resolve("twinstudio"));
        Files.createFile(bare.resolve("plugins/org.eclipse.equinox.launcher_1.0.0.jar"));
        Path fakeJava = Files.createDirectories(bare.resolve("fake-java/bin")).resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a; do printf '<%s>' \"$a\"; done; echo\n");
        fakeJava.toFile().setExecutable(true);
        Files.writeString(bare.resolve("fake-java/release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path folder = Files.createDirectories(bare.resolve("my plant"));
        Path model = Files.writeString(bare.resolve("line.twin"), "");
        Map<String, String> env = Map.of("TWINSTUDIO_JAVA_HOME", bare.resolve("fake-java").toString());
        String script = bare.resolve("twinstudio").toString();

        String ide = Products.run(List.of(script), bare, env, 30).output();
        assertTrue(ide.contains("<-Xmx2g>") && ide.endsWith(".jar>\n"), "no arguments: the IDE: " + ide);
        String open = Products.run(List.of(script, "my plant", "line.twin", "-data", "ws"), bare, env, 30).output();
        assertTrue(open.contains("<--open><" + folder + "><--open><" + model + "><-data><ws>"), "paths: the IDE opens them: " + open);
        String cli = Products.run(List.of(script, "validate", "line.twin"), bare, env, 30).output();
        assertTrue(cli.contains("<-application><org.twinstudio.cli.app>") && cli.contains("<validate><line.twin>"), "a command: the CLI: " + cli);
        assertTrue(cli.contains("<-nosplash>") && cli.contains("<-Djava.awt.headless=true>"), cli);
        String version = Products.run(List.of(script, "--version"), bare, env, 30).output();
        assertTrue(version.contains("<org.twinstudio.cli.app>") && version.contains("<--version>"), version);
        String options = Products.run(List.of(script, "-clean", "--open", "x"), bare, env, 30).output();
        assertFalse(options.contains("org.twinstudio.cli.app"), "workbench options: the IDE: " + options);
        String unknownWord = Products.run(List.of(script, "no-such-file"), bare, env, 30).output();
        assertTrue(unknownWord.contains("<org.twinstudio.cli.app><-data>"), "a word that is no path: the CLI: " + unknownWord);
    }

    @Test
    @Order(3)
    void workbenchStartsThroughTheStartScript() throws Exception {
        String display = System.getenv("DISPLAY");
        assertNotNull(display, "no DISPLAY: the workbench test needs an X display, run the build under `xvfb-run -a`");
        assertTrue(hasPlugin("org.twinstudio.ui_"), "org.twinstudio.ui is not in the product");

        Path workspace = Products.testDir().resolve("workspace");
        String loadBefore = loadAverage();
        Start cold = startWorkbench("cold", "-data", workspace.toString());
        // The start script has the JVM archive the loaded classes at exit (class data sharing) for the next start.
        assertTrue(Files.isRegularFile(install.resolve("configuration/.cds/ide.jsa")), "no class data sharing archive after the first start");
        assertTrue(Files.isDirectory(workspace.resolve(".metadata")), "the workbench did not use the workspace given with -data");
        // `twinstudio FOLDER ...`: the workbench opens the folder (here a copy of the example) as a project
        Path example = Products.testDir().resolve("example-heating-line");
        Products.deleteTree(example);
        Files.createDirectories(example);
        try (Stream<Path> files = Files.list(Products.examplesDir().resolve("heating-line"))) {
            for (Path f : files.toList()) {
                Files.copy(f, example.resolve(f.getFileName()));
            }
        }
        Start warm = startWorkbench("warm", example.toString(), "-data", workspace.toString());
        String report = String.format("""
                Twinstudio workbench start, Linux product from %s, through its start script with the bundled jre/
                DISPLAY=%s, %d processors, load average before/after: %s / %s (other processes slow the start down)
                cold (first start, empty configuration area): window open %d ms after process start (workbench: %d ms after JVM start)
                warm (second start, same installation and workspace, class data sharing archive from the first, opening the example): window open %d ms after process start (workbench: %d ms after JVM start)
                """, Products.archive("linux.gtk.x86_64", "tar.gz").getFileName(), display, Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(),
                cold.processMillis, cold.workbenchMillis, warm.processMillis, warm.workbenchMillis);
        Files.writeString(Products.testDir().resolve("startup.txt"), report);
        System.out.print(report);
    }

    private record Start(long processMillis, long workbenchMillis) {
    }

    /** The 1-minute load average (Linux), or "?". */
    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private Start startWorkbench(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(install.resolve("twinstudio").toString());
        command.addAll(Arrays.asList(args));
        command.add("-consoleLog");
        ProcessBuilder pb = new ProcessBuilder(command).directory(install.toFile()).redirectErrorStream(true);
        // SWT unpacks its native libraries under user.home: keep them in target/.
        pb.environment().put("TWINSTUDIO_VM_ARGS", "-Duser.home=" + Products.testDir().resolve("home"));
        if (Files.isExecutable(OLD_JAVA_HOME.resolve("bin/java"))) {
            // The bundled runtime must win over JAVA_HOME and PATH (this one is too old to start the product).
            pb.environment().put("JAVA_HOME", OLD_JAVA_HOME.toString());
            pb.environment().put("PATH", OLD_JAVA_HOME.resolve("bin") + ":" + pb.environment().get("PATH"));
        }
        StringBuffer output = new StringBuffer();
        CompletableFuture<Start> windowOpen = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher m = WINDOW_OPEN.matcher(line);
                    if (m.find()) {
                        long processMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        windowOpen.complete(new Start(processMillis, Long.parseLong(m.group(1))));
                    }
                }
            } catch (Exception e) {
                windowOpen.completeExceptionally(e);
            }
            windowOpen.completeExceptionally(new IllegalStateException("the product exited with " + exitCode(p)));
        }, "product-output-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            Start start = windowOpen.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String out = output.toString();
            assertFalse(out.contains("ClassNotFoundException") || out.contains("NoClassDefFoundError"),
                    "class loading errors while starting the workbench:\n" + out);
            assertFalse(out.contains("][error]") || out.contains("][warning]"), "the JVM reports problems (e.g. class data sharing):\n" + out);
            assertFalse(Pattern.compile("^!ENTRY \\S+ 4 ", Pattern.MULTILINE).matcher(out).find(), "errors in the platform log:\n" + out);
            return start;
        } catch (TimeoutException e) {
            fail("no '" + WINDOW_OPEN.pattern() + "' line within " + START_TIMEOUT_SECONDS + " s (" + name + " start). Output:\n" + output);
            throw e;
        } catch (ExecutionException e) {
            Thread.sleep(500); // let the reader take the last lines
            fail("the workbench did not open (" + name + " start): " + e.getCause().getMessage() + ". Output:\n" + output);
            throw e;
        } finally {
            Products.destroyTree(p);
            Files.writeString(Products.testDir().resolve("workbench-" + name + ".log"), output.toString());
        }
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    @Test
    @Order(4)
    void commandLineToolRunsHeadlessThroughTheStartScript() throws Exception {
        assumeTrue(hasPlugin("org.twinstudio.cli_"),
                "org.twinstudio.cli is not in the product yet: the command line checks wait for it (runtime feature)");
        Map<String, String> headless = new HashMap<>();
        headless.put("DISPLAY", null); // no display needed
        headless.put("TWINSTUDIO_VM_ARGS", "-Duser.home=" + Products.testDir().resolve("home"));
        String script = install.resolve("twinstudio").toString();

        Products.Result version = Products.run(List.of(script, "--version"), install, headless, 120);
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().contains(Products.VERSION.replace("-SNAPSHOT", "")), "no version in: " + version.output());
        assertEquals(1, version.output().strip().lines().count(), "--version prints one line, nothing else: " + version.output());
        // a second run uses the class data sharing archive the first one left: still nothing but the version
        Products.Result again = Products.run(List.of(script, "--version"), install, headless, 120);
        assertEquals(0, again.exitCode(), again.output());
        assertEquals(version.output(), again.output());

        Products.Result help = Products.run(List.of(script, "--help"), install, headless, 120);
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("validate"), "--help does not mention validate: " + help.output());

        Path example = Products.examplesDir().resolve("heating-line/heating-line.twin");
        assumeTrue(Files.isRegularFile(example), "no example model " + example);
        Products.Result valid = Products.run(List.of(script, "validate", example.toString()), install, headless, 120);
        assertEquals(0, valid.exitCode(), "validate of the example failed: " + valid.output());

        Path broken = Products.testDir().resolve("broken.twin");
        Files.writeString(broken, "<?xml version=\"1.0\"?>\n<twin:TwinModel this is not a model\n");
        Products.Result invalid = Products.run(List.of(script, "validate", broken.toString()), install, headless, 120);
        assertNotEquals(0, invalid.exitCode(), "validate of a broken file must fail: " + invalid.output());
    }

    @Test
    @Order(5)
    void pluginsCanBeInstalledWithP2() throws Exception {
        // A new plugin, published into a p2 repository and installed into the product, both with the product itself.
        Path work = Products.testDir().resolve("p2-install");
        Products.deleteTree(work);
        Path source = Files.createDirectories(work.resolve("source/plugins"));
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.twinstudio.sample.addon");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Name", "Sample add-on");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(source.resolve("org.twinstudio.sample.addon_1.0.0.jar")), manifest)) {
            // manifest only
        }
        Path repo = work.resolve("repository");
        Path java = install.resolve("jre/bin/java");
        Path launcher;
        try (Stream<Path> s = Files.list(install.resolve("plugins"))) {
            launcher = s.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst().orElseThrow();
        }
        List<String> base = List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-jar", launcher.toString(), "-nosplash",
                "-data", work.resolve("ws").toString());

        List<String> publish = new ArrayList<>(base);
        publish.addAll(List.of("-application", "org.eclipse.equinox.p2.publisher.FeaturesAndBundlesPublisher",
                "-source", work.resolve("source").toString(), "-metadataRepository", repo.toUri().toString(),
                "-artifactRepository", repo.toUri().toString(), "-publishArtifacts"));
        Products.Result published = Products.run(publish, install, Map.of(), 180);
        assertEquals(0, published.exitCode(), published.output());

        List<String> installIu = new ArrayList<>(base);
        installIu.addAll(List.of("-application", "org.eclipse.equinox.p2.director", "-repository", repo.toUri().toString(),
                "-installIU", "org.twinstudio.sample.addon", "-profile", "Twinstudio"));
        Products.Result installed = Products.run(installIu, install, Map.of(), 180);
        assertEquals(0, installed.exitCode(), installed.output());

        assertTrue(Files.isRegularFile(install.resolve("plugins/org.twinstudio.sample.addon_1.0.0.jar")), "plugin jar not installed");
        String bundlesInfo = Files.readString(install.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"));
        assertTrue(bundlesInfo.contains("org.twinstudio.sample.addon,1.0.0,"), "plugin not in bundles.info");

        List<String> roots = new ArrayList<>(base);
        roots.addAll(List.of("-application", "org.eclipse.equinox.p2.director", "-listInstalledRoots", "-profile", "Twinstudio"));
        Products.Result listed = Products.run(roots, install, Map.of(), 180);
        assertEquals(0, listed.exitCode(), listed.output());
        assertTrue(listed.output().contains("org.twinstudio.sample.addon/1.0.0"), listed.output());
        assertTrue(listed.output().contains("org.twinstudio.product/"), listed.output());
    }

    /**
     * {@code twinstudio serve --web} in the product: the printed page loads, the page's WebSocket answers GLSP with
     * the example's diagram (the product's Jetty, SPI Fly and SLF4J wiring, not the test runtime's), a client
     * without the token is refused, and TERM stops the server.
     */
    @Test
    @Order(6)
    void webEditorIsServedThroughTheStartScript() throws Exception {
        assumeTrue(hasPlugin("org.twinstudio.diagram.web_"), "the diagram web host is not in the product");
        Path example = Products.testDir().resolve("served.twin");
        Files.copy(Products.examplesDir().resolve("heating-line/heating-line.twin"), example,
                StandardCopyOption.REPLACE_EXISTING);
        Path out = Files.createTempFile(Products.testDir(), "serve", ".out");
        ProcessBuilder pb = new ProcessBuilder(install.resolve("twinstudio").toString(), "serve", "--web",
                example.toString()).directory(install.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().put("TWINSTUDIO_VM_ARGS", "-Duser.home=" + Products.testDir().resolve("home"));
        Process serve = pb.start();
        try {
            Matcher page = Pattern.compile("(http://127\\.0\\.0\\.1:(\\d+)/diagram\\.html\\?token=([^&\\s]+)&source=\\S+)")
                    .matcher("");
            long deadline = System.currentTimeMillis() + 120_000;
            while (!page.reset(Files.readString(out)).find()) {
                assertTrue(serve.isAlive(), "serve ended: " + Files.readString(out));
                assertTrue(System.currentTimeMillis() < deadline, "no page address printed: " + Files.readString(out));
                Thread.sleep(100);
            }
            HttpClient http = HttpClient.newHttpClient();
            URI pageUri = URI.create(page.group(1));
            assertEquals(200, http.send(HttpRequest.newBuilder(pageUri).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(pageUri.resolve("/bundle.js")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            String socket = "ws://127.0.0.1:" + page.group(2) + "/glsp";
            ExecutionException refused = assertThrows(
                    ExecutionException.class,
                    () -> http.newWebSocketBuilder().buildAsync(URI.create(socket + "?token=forged"),
                            new WebSocket.Listener() {
                            }).get(30, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());

            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(socket + "?token=" + page.group(3)), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                received.add(text.toString());
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"applicationId\":\"product-test\","
                    + "\"protocolVersion\":\"1.0.0\"}}", true).get(30, TimeUnit.SECONDS);
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initializeClientSession\",\"params\":{\"clientSessionId\":\"p\","
                    + "\"diagramType\":\"twin\",\"clientActionKinds\":[\"setModel\",\"updateModel\",\"requestBounds\"]}}", true)
                    .get(30, TimeUnit.SECONDS);
            ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"process\",\"params\":{\"clientId\":\"p\",\"action\":{\"kind\":"
                    + "\"requestModel\",\"options\":{\"sourceUri\":\"" + example.toUri() + "\",\"diagramType\":\"twin\"}}}}", true)
                    .get(30, TimeUnit.SECONDS);
            String model = null;
            long modelDeadline = System.currentTimeMillis() + 60_000;
            while (model == null && System.currentTimeMillis() < modelDeadline) {
                String message = received.poll(1, TimeUnit.SECONDS);
                if (message != null && message.contains("\"newRoot\"")) {
                    model = message;
                }
            }
            assertTrue(model != null, "no diagram received; server output: " + Files.readString(out));
            for (String component : List.of("inletValve", "tank", "heater", "sensorT", "sensorL", "controller")) {
                assertTrue(model.contains("\"id\":\"" + component + "\""), component + " missing in " + model);
            }
            ws.abort();
        } finally {
            serve.destroy(); // TERM to the start script, as a service manager would send it
            boolean stopped = serve.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                Products.destroyTree(serve);
            }
            assertTrue(stopped, "serve did not stop on TERM: " + Files.readString(out));
        }
        String output = Files.readString(out);
        assertTrue(output.contains("twinstudio serve: stopped"), "serve did not shut down cleanly: " + output);
        assertFalse(output.contains("INFO"), "serve logs only warnings and errors: " + output);
    }

    /**
     * Hardware in the loop between two processes of the product over OPC UA on loopback (examples/hil-over-opcua):
     * one serves the plant twin, the other runs the controller twin in HIL mode, reading the plant's temperature and
     * writing its heater command every cycle. Both at 100 x real time: within 40 simulated minutes the controller
     * brings the tank to its 60 degC setpoint, as the same PI controller does in one simulation.
     */
    @Test
    @Order(7)
    void hilLoopBetweenTwoProcessesOverOpcUa() throws Exception {
        assumeTrue(hasPlugin("org.twinstudio.connect.opcua_"), "the OPC UA connector is not in the product");
        Path dir = Files.createDirectories(Products.testDir().resolve("hil-over-opcua"));
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path examples = Products.examplesDir().resolve("hil-over-opcua");
        Path plant = Files.copy(examples.resolve("plant.twin"), dir.resolve("plant.twin"), StandardCopyOption.REPLACE_EXISTING);
        Path controller = dir.resolve("controller.twin");
        Files.writeString(controller, Files.readString(examples.resolve("controller.twin")).replace(":48410/", ":" + port + "/"));
        Path report = dir.resolve("timing.json");
        Files.deleteIfExists(report);

        Path serveOut = Files.createTempFile(dir, "serve", ".out");
        ProcessBuilder serveCommand = new ProcessBuilder(install.resolve("twinstudio").toString(), "serve", plant.toString(),
                "--opcua", String.valueOf(port), "--realtime-factor", "100").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(serveOut.toFile());
        serveCommand.environment().remove("DISPLAY");
        serveCommand.environment().put("TWINSTUDIO_VM_ARGS", "-Duser.home=" + Products.testDir().resolve("home"));
        Process serve = serveCommand.start();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.readString(serveOut).contains("opc.tcp://")) {
                assertTrue(serve.isAlive(), "serve ended: " + Files.readString(serveOut));
                assertTrue(System.currentTimeMillis() < deadline, "no OPC UA address printed: " + Files.readString(serveOut));
                Thread.sleep(100);
            }
            ProcessBuilder hilCommand = new ProcessBuilder(install.resolve("twinstudio").toString(), "hil",
                    controller.toString(), "--realtime-factor", "100", "--duration", "24s", "--report", report.toString())
                    .directory(dir.toFile()).redirectErrorStream(true);
            hilCommand.environment().remove("DISPLAY");
            hilCommand.environment().put("TWINSTUDIO_VM_ARGS", "-Duser.home=" + Products.testDir().resolve("home"));
            Path hilOut = Files.createTempFile(dir, "hil", ".out");
            Process hil = hilCommand.redirectOutput(hilOut.toFile()).start();
            boolean ended = hil.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                Products.destroyTree(hil);
            }
            assertTrue(ended, "hil did not end after its duration: " + Files.readString(hilOut));
            assertEquals(0, hil.exitValue(), "hil failed: " + Files.readString(hilOut) + "\nserve: " + Files.readString(serveOut));
            String json = Files.readString(report);
            Matcher measured = Pattern.compile("\"port\"\\s*:\\s*\"controller\\.measurement\"[^}]*?\"lastValue\"\\s*:\\s*([-0-9.eE]+)")
                    .matcher(json);
            assertTrue(measured.find(), "no status of the measurement binding in " + json);
            double temperature = Double.parseDouble(measured.group(1));
            assertTrue(temperature > 57 && temperature < 63,
                    "the plant's temperature read over OPC UA should have reached the 60 degC setpoint, was " + temperature
                            + " degC\n" + Files.readString(hilOut));
            assertFalse(json.contains("\"state\": \"FAILED\"") || json.contains("\"state\":\"FAILED\""), json);
        } finally {
            serve.destroy();
            boolean stopped = serve.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                Products.destroyTree(serve);
            }
            assertTrue(stopped, "serve did not stop on TERM: " + Files.readString(serveOut));
        }
    }

    private static boolean hasPlugin(String prefix) throws Exception {
        try (Stream<Path> s = Files.list(install.resolve("plugins"))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        }
    }
}
