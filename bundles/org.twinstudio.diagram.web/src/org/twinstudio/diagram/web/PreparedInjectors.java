package org.twinstudio.diagram.web;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.glsp.server.di.ServerModule;
import org.eclipse.glsp.server.gson.ServerGsonConfigurator;
import org.eclipse.glsp.server.protocol.GLSPServer;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * Builds the injector of the next connection's GLSP server ahead of time, on a thread of its own. Building one
 * (Guice over GLSP's few hundred bindings, then a throw-away client session to register the diagram's actions) took
 * a good part of a diagram's opening when the page had to wait for it after connecting; now the page finds one
 * ready. Always one in stock: taking one orders the next.
 */
final class PreparedInjectors implements AutoCloseable {

    private final ServerModule module;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "twinstudio-diagram-injector");
        t.setDaemon(true);
        return t;
    });
    private Future<Injector> next;

    PreparedInjectors(ServerModule module) {
        this.module = module;
        this.next = builder.submit(this::build);
    }

    private Injector build() {
        Injector injector = Guice.createInjector(module);
        // Its singletons that every connection needs first: the GLSP server and the Gson setup, which builds a
        // throw-away client session to learn the diagram's actions (the costliest part).
        injector.getInstance(GLSPServer.class);
        injector.getInstance(ServerGsonConfigurator.class);
        return injector;
    }

    /** An injector nobody has used; built now if the one in stock failed. */
    synchronized Injector take() {
        Future<Injector> ready = next;
        next = builder.isShutdown() ? null : builder.submit(this::build);
        if (ready != null) {
            try {
                return ready.get();
            } catch (ExecutionException e) {
                // built again below, so the connection gets the error itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return build();
    }

    @Override
    public synchronized void close() {
        builder.shutdownNow();
    }
}
