package org.twinstudio.diagram.server;

import java.util.Map;

import org.eclipse.glsp.server.actions.ActionRegistry;
import org.eclipse.glsp.server.di.ServerModule;
import org.eclipse.glsp.server.internal.gson.DefaultServerGsonConfigurator;
import org.eclipse.glsp.server.session.ClientSessionManager;

import com.google.gson.GsonBuilder;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.name.Named;

/** GLSP's JSON setup for messages, with GModel elements written by {@link GModelJson}. */
public class TwinGsonConfigurator extends DefaultServerGsonConfigurator {

    @Inject
    public TwinGsonConfigurator(Injector serverInjector, @Named(ServerModule.DIAGRAM_MODULES) Map<String, Module> diagramModules,
            ActionRegistry actionRegistry, ClientSessionManager sessionManager) {
        super(serverInjector, diagramModules, actionRegistry, sessionManager);
    }

    @Override
    public GsonBuilder configureGsonBuilder(GsonBuilder gsonBuilder) {
        return GModelJson.register(super.configureGsonBuilder(gsonBuilder));
    }
}
