package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.twinstudio.connect.TwinAccess;
import org.twinstudio.diagram.client.DiagramClientAssets;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.live.TwinValuesPublisher;
import org.twinstudio.diagram.server.FileTwinModelAccess;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.server.TwinModelAccess;
import org.twinstudio.diagram.web.DiagramWebServer;
import org.twinstudio.sim.SimulationException;

/** The diagram web server for {@link ServeCommand}, limited to the models named on the command line. */
final class WebDiagramHost implements AutoCloseable {

    private final DiagramWebServer server;
    private final List<LiveSimulation> simulations = new ArrayList<>();
    private final List<AutoCloseable> publishers = new ArrayList<>();

    private WebDiagramHost(DiagramWebServer server) {
        this.server = server;
    }

    /** A model that cannot be simulated: a usage error of {@code serve}. */
    static final class ModelFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ModelFailure(String message) {
            super(message);
        }
    }

    /**
     * Serves {@code models} and prints each one's page. With {@code live} set, the diagram of {@code models[0]} shows
     * that running twin's values; otherwise, with {@code realtimeFactor > 0}, each model is simulated at that pace
     * ({@link LiveSimulation}).
     */
    static WebDiagramHost start(List<Path> models, double realtimeFactor, TwinAccess live, PrintWriter out,
            PrintWriter err) throws Exception {
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
        WebDiagramHost host = new WebDiagramHost(
                DiagramWebServer.start(TwinDiagramModule.serverModule(access), DiagramClientAssets::find));
        try {
            if (live != null) {
                host.publishers.add(publish(live, models.get(0), LiveValues.getDefault()));
            } else if (realtimeFactor > 0) {
                for (Path model : models) {
                    try {
                        host.simulations.add(LiveSimulation.start(model, realtimeFactor, LiveValues.getDefault(), err));
                    } catch (SimulationException e) {
                        throw new ModelFailure("cannot simulate " + model + ": " + e.getMessage());
                    }
                }
                out.println("Simulating " + models.size() + (models.size() == 1 ? " model" : " models") + " at "
                        + realtimeFactor + " x real time; values show live in the editor.");
            }
            for (URI uri : served.keySet()) {
                out.println("Graphical editor for " + served.get(uri) + ": "
                        + host.server.pageUri(uri.toString(), null));
            }
            out.println("Graphical editor served on " + host.server.baseUri());
            out.flush();
            return host;
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    /** Publishes a running twin's port values to the diagrams of {@code model}; closing it ends the run there. */
    private static AutoCloseable publish(TwinAccess twin, Path model, LiveValues hub) {
        return TwinValuesPublisher.start(twin, model.toAbsolutePath().normalize().toUri().toString(), hub);
    }

    /** Stops the simulations and publishers, then the server. */
    @Override
    public void close() throws Exception {
        for (LiveSimulation simulation : simulations) {
            simulation.close();
        }
        simulations.clear();
        for (AutoCloseable p : publishers) {
            try {
                p.close();
            } catch (Exception e) {
                // the server still closes
            }
        }
        publishers.clear();
        server.close();
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
