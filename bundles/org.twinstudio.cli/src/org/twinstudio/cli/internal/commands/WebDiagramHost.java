package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.twinstudio.cli.ExitCodes;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.server.TwinModelAccess;
import org.twinstudio.diagram.client.DiagramClientAssets;
import org.twinstudio.diagram.web.DiagramWebServer;
import org.twinstudio.sim.SimulationException;

/** The diagram web server for {@link ServeCommand}, limited to the models named on the command line. */
final class WebDiagramHost {

    private WebDiagramHost() {
    }

    /** Serves {@code models}; with {@code realtimeFactor > 0} also simulates each at that pace ({@link LiveSimulation}). */
    static int serve(List<Path> models, double realtimeFactor, PrintWriter out, PrintWriter err, CountDownLatch stop)
            throws Exception {
        Map<URI, Path> served = new LinkedHashMap<>();
        for (Path model : models) {
            served.put(model.toAbsolutePath().normalize().toUri(), model);
        }
        // Loaded once here, before the first browser asks; each client edits its own copy.
        FileTwinModelAccess files = FileTwinModelAccess.keepingLoadedFiles();
        for (Path model : served.values()) {
            try {
                files.preload(model);
            } catch (IOException e) {
                // the client that asks gets the error page with this message
            }
        }
        // The token already keeps strangers out; this keeps a client to the files the user chose to serve.
        TwinModelAccess access = sourceUri -> {
            if (!served.containsKey(normalize(sourceUri))) {
                throw new IOException("Not served here: " + sourceUri);
            }
            return files.open(sourceUri);
        };
        List<LiveSimulation> simulations = new ArrayList<>();
        try (DiagramWebServer server = DiagramWebServer.start(TwinDiagramModule.serverModule(access),
                DiagramClientAssets::find)) {
            if (realtimeFactor > 0) {
                for (Path model : models) {
                    try {
                        simulations.add(LiveSimulation.start(model, realtimeFactor, LiveValues.getDefault(), err));
                    } catch (SimulationException e) {
                        err.println("twinstudio serve: cannot simulate " + model + ": " + e.getMessage());
                        stopAll(simulations);
                        return ExitCodes.USAGE;
                    }
                }
                out.println("Simulating " + models.size() + (models.size() == 1 ? " model" : " models") + " at "
                        + realtimeFactor + " x real time; values show live in the editor.");
            }
            Thread hook = new Thread(stop::countDown, "twinstudio-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            for (URI uri : served.keySet()) {
                out.println("Graphical editor for " + served.get(uri) + ": " + server.pageUri(uri.toString(), null));
            }
            out.println("Serving on " + server.baseUri() + " until Ctrl-C.");
            out.flush();
            boolean interrupted = false;
            try {
                stop.await();
            } catch (InterruptedException e) {
                interrupted = true; // an embedding caller stops us this way; close the server first
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by Ctrl-C: the hook is running
            }
            stopAll(simulations);
            if (interrupted) {
                server.close();
                Thread.currentThread().interrupt();
            }
        }
        err.println("twinstudio serve: stopped");
        return ExitCodes.OK;
    }

    private static void stopAll(List<LiveSimulation> simulations) throws InterruptedException {
        for (LiveSimulation simulation : simulations) {
            simulation.close();
        }
        simulations.clear();
    }

    private static URI normalize(String sourceUri) {
        try {
            URI uri = URI.create(sourceUri);
            Path path = uri.getScheme() == null ? Path.of(sourceUri) : Path.of(uri);
            return path.toAbsolutePath().normalize().toUri();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return URI.create("invalid:" + sourceUri.hashCode());
        }
    }
}
