package org.twinstudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twinstudio.cli.Twinstudio;

/** {@code twinstudio serve --web} and {@code twinstudio bench-diagram} against the real diagram server. */
class DiagramCommandsTest {

    static final Pattern PAGE = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/diagram\\.html\\?token=([^&\\s]+)&source=\\S+)");

    @Test
    void serveWebGivesAPageWithATokenThatOpensTheModel(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(Twinstudio.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), "serve", "--web", model.toString())));
        serving.start();
        try {
            Matcher page = awaitPage(out);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(page.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, html.statusCode());
            assertTrue(html.body().contains("bundle.js"), html.body());
            URI base = URI.create(page.group(1)).resolve("/");
            HttpResponse<byte[]> script = http.send(HttpRequest.newBuilder(base.resolve("bundle.js")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, script.statusCode());
            assertTrue(script.body().length > 100_000, "the bundled client is served from the client bundle");
        } finally {
            serving.interrupt();
            serving.join(20_000);
        }
        assertEquals(0, exit.get(), () -> out + "\n" + err);
        assertTrue(err.toString().contains("stopped"), err::toString);
    }

    @Test
    void serveRefusesToStartWithoutAnythingToServe(@TempDir Path dir) throws Exception {
        Path model = Files.copy(Cli.HEATING_LINE, dir.resolve("line.twin"));
        Cli.Result r = Cli.run("serve", model.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("give --web"), r::toString);
        Cli.Result missing = Cli.run("serve", "--web", dir.resolve("missing.twin").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("no such file"), missing::toString);
    }

    @Test
    void benchDiagramMeasuresLayoutOpensAndMovesOfAGeneratedTwin() {
        Cli.Result r = Cli.run("bench-diagram", "--components", "60", "--connections", "80", "--opens", "2",
                "--moves", "3", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        Map<?, ?> root = (Map<?, ?>) JsonParser.parse(r.out());
        assertEquals(60.0, ((Number) root.get("components")).doubleValue());
        assertTrue(((Number) root.get("layoutMillis")).doubleValue() > 0);
        assertEquals(2, ((List<?>) root.get("openMillis")).size());
        assertEquals(3, ((List<?>) root.get("moveMillis")).size());
        for (Object move : (List<?>) root.get("moveMillis")) {
            assertTrue(((Number) move).doubleValue() > 0);
        }
    }

    private static Matcher awaitPage(StringWriter out) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = PAGE.matcher(out.toString());
            if (m.find()) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve printed no page address: " + out);
    }
}
