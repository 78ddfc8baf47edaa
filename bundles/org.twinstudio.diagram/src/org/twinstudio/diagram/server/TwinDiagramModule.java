package org.twinstudio.diagram.server;

import java.util.Objects;

import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.actions.ActionHandler;
import org.eclipse.glsp.server.di.DiagramModule;
import org.eclipse.glsp.server.di.MultiBinding;
import org.eclipse.glsp.server.di.ServerModule;
import org.eclipse.glsp.server.diagram.DiagramConfiguration;
import org.eclipse.glsp.server.features.core.model.GModelFactory;
import org.eclipse.glsp.server.features.core.model.SourceModelStorage;
import org.eclipse.glsp.server.model.GModelState;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.model.types.ComponentTypeRegistry;

/**
 * The GLSP diagram module of a twin (diagram type {@link DiagramTypes#DIAGRAM}): every client session opens its
 * twin through the given {@link TwinModelAccess} and edits it with EMF commands on the document's command stack.
 */
public final class TwinDiagramModule extends DiagramModule {

    private final TwinModelAccess access;
    private final ComponentTypeRegistry componentTypes;

    /** A module over {@code access} with the product's component types. */
    public TwinDiagramModule(TwinModelAccess access) {
        this(access, null);
    }

    /** A module over {@code access} with the given component types ({@code null}: the product's registry). */
    public TwinDiagramModule(TwinModelAccess access, ComponentTypeRegistry componentTypes) {
        this.access = Objects.requireNonNull(access, "access");
        this.componentTypes = componentTypes;
    }

    /** A GLSP server module serving twin diagrams over {@code access}: what a GLSP endpoint or launcher takes. */
    public static ServerModule serverModule(TwinModelAccess access) {
        return new ServerModule().configureDiagramModule(new TwinDiagramModule(access));
    }

    @Override
    public String getDiagramType() {
        return DiagramTypes.DIAGRAM;
    }

    @Override
    protected void configureBase() {
        super.configureBase();
        bind(TwinModelAccess.class).toInstance(access);
        bind(ComponentTypeRegistry.class).toProvider(
                () -> componentTypes != null ? componentTypes : ComponentTypeRegistry.getDefault());
    }

    @Override
    protected Class<? extends DiagramConfiguration> bindDiagramConfiguration() {
        return TwinDiagramConfiguration.class;
    }

    @Override
    protected Class<? extends GModelState> bindGModelState() {
        return TwinModelState.class;
    }

    @Override
    protected Class<? extends SourceModelStorage> bindSourceModelStorage() {
        return TwinSourceModelStorage.class;
    }

    @Override
    protected Class<? extends GModelFactory> bindGModelFactory() {
        return TwinGModelFactoryAdapter.class;
    }

    @Override
    protected Class<? extends ActionDispatcher> bindActionDispatcher() {
        return TwinActionDispatcher.class;
    }

    @Override
    protected void configureActionHandlers(MultiBinding<ActionHandler> binding) {
        super.configureActionHandlers(binding);
        binding.add(TwinModelChangedAction.Handler.class);
    }
}
