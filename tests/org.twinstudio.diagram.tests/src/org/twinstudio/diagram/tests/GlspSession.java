package org.twinstudio.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.glsp.server.actions.Action;
import org.eclipse.glsp.server.actions.ActionMessage;
import org.eclipse.glsp.server.actions.SetDirtyStateAction;
import org.eclipse.glsp.server.features.core.model.ComputedBoundsAction;
import org.eclipse.glsp.server.features.core.model.RequestBoundsAction;
import org.eclipse.glsp.server.features.core.model.RequestModelAction;
import org.eclipse.glsp.server.features.core.model.SetModelAction;
import org.eclipse.glsp.server.features.core.model.UpdateModelAction;
import org.eclipse.glsp.server.protocol.DefaultGLSPServer;
import org.eclipse.glsp.server.protocol.GLSPClient;
import org.eclipse.glsp.server.protocol.GLSPServer;
import org.eclipse.glsp.server.protocol.InitializeClientSessionParameters;
import org.eclipse.glsp.server.protocol.InitializeParameters;
import org.eclipse.glsp.server.protocol.DisposeClientSessionParameters;
import org.eclipse.glsp.server.session.ClientSession;
import org.eclipse.glsp.server.session.ClientSessionManager;
import org.twinstudio.diagram.server.TwinDiagramModule;
import org.twinstudio.diagram.server.TwinModelAccess;
import org.twinstudio.diagram.server.TwinModelState;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * A GLSP server with the twin diagram module, and one client session on it, in this JVM: the client records every
 * action the server sends and, like the browser client, answers a bounds request with computed bounds (here: none,
 * the server's sizes stand) on its own thread.
 */
final class GlspSession implements AutoCloseable {

    static final String CLIENT_ID = "test-client";
    /** What a GLSP 2.3 client announces it handles. */
    static final List<String> CLIENT_ACTION_KINDS = List.of(RequestBoundsAction.KIND, SetModelAction.KIND,
            UpdateModelAction.KIND, SetDirtyStateAction.KIND, "status", "message", "setMarkers", "deleteMarkers",
            "startProgress", "updateProgress", "endProgress", "setPopupModel", "setEditValidationResult",
            "setTypeHints", "setContextActions", "checkEdgeResult", "setClipboardData", "selectAll", "elementSelected",
            "setEditMode", "navigateToExternalTarget", "setNavigationTargets", "triggerNodeCreation",
            "triggerEdgeCreation", "centerElements", "fit", "setViewport",
            org.twinstudio.diagram.server.ConnectionTargetsAction.Response.KIND);
    private static final long TIMEOUT_SECONDS = 20;

    final Path file;
    final Injector injector;
    final GLSPServer server;
    final ClientSession session;
    final LinkedBlockingQueue<Action> received = new LinkedBlockingQueue<>();
    /** Every action the server sent, in order. */
    final List<Action> history = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService clientThread = Executors.newSingleThreadExecutor();

    private GlspSession(Path file, TwinModelAccess access, List<String> clientActionKinds) throws Exception {
        this.file = file;
        injector = Guice.createInjector(TwinDiagramModule.serverModule(access));
        server = injector.getInstance(GLSPServer.class);
        server.connect(new RecordingClient());
        InitializeParameters init = new InitializeParameters();
        init.setApplicationId("twinstudio-tests");
        init.setProtocolVersion(DefaultGLSPServer.PROTOCOL_VERSION);
        server.initialize(init).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        server.initializeClientSession(new InitializeClientSessionParameters(CLIENT_ID, "twin", clientActionKinds))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        session = injector.getInstance(ClientSessionManager.class).getSession(CLIENT_ID).orElseThrow();
    }

    /** A session on a copy of {@code twin} in {@code dir}. */
    static GlspSession open(Path twin, Path dir, TwinModelAccess access) throws Exception {
        return open(twin, dir, access, List.of());
    }

    /** A session on a copy of {@code twin} whose client also handles {@code extraKinds}. */
    static GlspSession open(Path twin, Path dir, TwinModelAccess access, List<String> extraKinds) throws Exception {
        Path copy = dir.resolve(twin.getFileName());
        Files.copy(twin, copy);
        List<String> kinds = new ArrayList<>(CLIENT_ACTION_KINDS);
        kinds.addAll(extraKinds);
        return new GlspSession(copy, access, kinds);
    }

    /** Requests the model of the session's file, as the client does on start, and returns the model sent. */
    SetModelAction requestModel(String sourceUri) {
        send(new RequestModelAction(Map.of("sourceUri", sourceUri, "diagramType", "twin")));
        return await(SetModelAction.class);
    }

    /** Sends an action the way the client does (a message for this client id). */
    void send(Action action) {
        server.process(new ActionMessage(CLIENT_ID, action));
    }

    /** Sends an operation and waits for the model update it causes. */
    UpdateModelAction apply(Action operation) {
        received.clear();
        send(operation);
        return await(UpdateModelAction.class);
    }

    /** The next action of {@code type} the server sends (others are skipped), or a failure after the timeout. */
    <A extends Action> A await(Class<A> type) {
        List<String> skipped = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try {
            while (System.nanoTime() < end) {
                Action next = received.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (type.isInstance(next)) {
                    return type.cast(next);
                }
                if (next != null) {
                    skipped.add(next.getKind() + describe(next));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fail("no " + type.getSimpleName() + " from the server; received " + skipped);
    }

    /** The last action of {@code type} the server sent so far. */
    <A extends Action> A last(Class<A> type) {
        synchronized (history) {
            for (int i = history.size() - 1; i >= 0; i--) {
                if (type.isInstance(history.get(i))) {
                    return type.cast(history.get(i));
                }
            }
        }
        return fail("the server sent no " + type.getSimpleName());
    }

    /** Waits until the action dispatcher has handled everything queued before. */
    void sync() throws Exception {
        session.getActionDispatcher().dispatch(new org.eclipse.glsp.server.internal.actions.DefaultActionDispatcher.JoinAction())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    TwinModelState state() {
        return session.getInjector().getInstance(TwinModelState.class);
    }

    private static String describe(Action action) {
        if (action instanceof org.eclipse.glsp.server.actions.MessageAction m) {
            return "(" + m.getSeverity() + ": " + m.getMessage() + " " + m.getDetails() + ")";
        }
        if (action instanceof org.eclipse.glsp.server.actions.StatusAction s) {
            return "(" + s.getSeverity() + ": " + s.getMessage() + ")";
        }
        return "";
    }

    @Override
    public void close() throws Exception {
        DisposeClientSessionParameters dispose = new DisposeClientSessionParameters();
        dispose.setClientSessionId(CLIENT_ID);
        server.disposeClientSession(dispose).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        server.shutdown();
        clientThread.shutdownNow();
    }

    private final class RecordingClient implements GLSPClient {
        @Override
        public void process(ActionMessage message) {
            assertEquals(CLIENT_ID, message.getClientId());
            Action action = message.getAction();
            history.add(action);
            received.add(action);
            if (action instanceof RequestBoundsAction request) {
                // Like the browser: measure on its own thread, answer with the root's revision.
                clientThread.execute(() -> {
                    ComputedBoundsAction bounds = new ComputedBoundsAction();
                    bounds.setBounds(List.of());
                    bounds.setAlignments(List.of());
                    bounds.setRevision(request.getNewRoot().getRevision());
                    send(bounds);
                });
            }
        }
    }
}
