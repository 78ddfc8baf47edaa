package org.twinstudio.diagram.server;

import java.util.Objects;

import org.eclipse.glsp.server.actions.ActionDispatcher;
import org.eclipse.glsp.server.actions.ActionHandler;
import org.eclipse.glsp.server.actions.ClientActionForwarder;
import org.eclipse.glsp.server.di.DiagramModule;
import org.eclipse.glsp.server.di.MultiBinding;
import org.eclipse.glsp.server.di.ServerModule;
import org.eclipse.glsp.server.diagram.DiagramConfiguration;
import org.eclipse.glsp.server.features.core.model.GModelFactory;
import org.eclipse.glsp.server.features.core.model.ModelSubmissionHandler;
import org.eclipse.glsp.server.features.core.model.SourceModelStorage;
import org.eclipse.glsp.server.features.directediting.LabelEditValidator;
import org.eclipse.glsp.server.features.popup.PopupModelFactory;
import org.eclipse.glsp.server.features.toolpalette.ToolPaletteItemProvider;
import org.eclipse.glsp.server.features.typehints.EdgeCreationChecker;
import org.eclipse.glsp.server.features.validation.ModelValidator;
import org.eclipse.glsp.server.gson.ServerGsonConfigurator;
import org.eclipse.glsp.server.gmodel.GModelCutOperationHandler;
import org.eclipse.glsp.server.model.GModelState;
import org.eclipse.glsp.server.operations.LayoutOperationHandler;
import org.eclipse.glsp.server.operations.OperationHandler;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.diagram.live.LiveValues;
import org.twinstudio.diagram.live.LiveValuesForwarder;
import org.twinstudio.diagram.live.LiveValuesSubscriber;
import org.twinstudio.model.types.ComponentTypeRegistry;

/**
 * The GLSP diagram module of a twin (diagram type {@link DiagramTypes#DIAGRAM}): every client session opens its
 * twin through the given {@link TwinModelAccess} and edits it with EMF commands on the document's command stack.
 */
public final class TwinDiagramModule extends DiagramModule {

    private final TwinModelAccess access;
    private final ComponentTypeRegistry componentTypes;
    private LiveValues liveValues = LiveValues.getDefault();

    /** A module over {@code access} with the product's component types. */
    public TwinDiagramModule(TwinModelAccess access) {
        this(access, null);
    }

    /** A module over {@code access} with the given component types ({@code null}: the product's registry). */
    public TwinDiagramModule(TwinModelAccess access, ComponentTypeRegistry componentTypes) {
        this.access = Objects.requireNonNull(access, "access");
        this.componentTypes = componentTypes;
    }

    /**
     * A GLSP server module serving twin diagrams over {@code access}: what a GLSP endpoint or launcher takes. Its
     * JSON setup writes GModel elements with {@link GModelJson}.
     */
    public static ServerModule serverModule(TwinModelAccess access) {
        return new ServerModule() {
            @Override
            protected Class<? extends ServerGsonConfigurator> bindGsonConfigurator() {
                return TwinGsonConfigurator.class;
            }
        }.configureDiagramModule(new TwinDiagramModule(access));
    }

    /** Live values come from {@code hub} instead of {@link LiveValues#getDefault()}; returns this module. */
    public TwinDiagramModule liveValues(LiveValues hub) {
        this.liveValues = Objects.requireNonNull(hub, "hub");
        return this;
    }

    @Override
    public String getDiagramType() {
        return DiagramTypes.DIAGRAM;
    }

    @Override
    protected void configureBase() {
        super.configureBase();
        bind(TwinModelAccess.class).toInstance(access);
        bind(ModelSubmissionHandler.class).to(TwinModelSubmissionHandler.class);
        bind(ComponentTypeRegistry.class).toProvider(
                () -> componentTypes != null ? componentTypes : ComponentTypeRegistry.getDefault());
        bind(LiveValues.class).toInstance(liveValues);
        bind(ClientActionForwarder.class).to(LiveValuesForwarder.class).in(com.google.inject.Singleton.class);
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
    protected void configureOperationHandlers(MultiBinding<OperationHandler<?>> binding) {
        super.configureOperationHandlers(binding);
        // GLSP's own layout and cut handlers change the GModel only; ours change the twin.
        binding.remove(LayoutOperationHandler.class);
        binding.remove(GModelCutOperationHandler.class);
        binding.add(CreateComponentHandler.class);
        binding.add(CreateConnectionHandler.class);
        binding.add(DeleteHandler.class);
        binding.add(CutHandler.class);
        binding.add(ChangeBoundsHandler.class);
        binding.add(ReconnectHandler.class);
        binding.add(ChangeRoutingPointsHandler.class);
        binding.add(ApplyLabelEditHandler.class);
        binding.add(LayoutHandler.class);
        binding.add(PasteHandler.class);
    }

    @Override
    protected Class<? extends ToolPaletteItemProvider> bindToolPaletteItemProvider() {
        return TwinToolPalette.class;
    }

    @Override
    protected Class<? extends EdgeCreationChecker> bindEdgeCreationChecker() {
        return TwinEdgeCreationChecker.class;
    }

    @Override
    protected Class<? extends LabelEditValidator> bindLabelEditValidator() {
        return TwinLabelEditValidator.class;
    }

    @Override
    protected Class<? extends ModelValidator> bindModelValidator() {
        return TwinDiagramValidator.class;
    }

    @Override
    protected Class<? extends PopupModelFactory> bindPopupModelFactory() {
        return TwinPopupModelFactory.class;
    }

    @Override
    protected Class<? extends ActionDispatcher> bindActionDispatcher() {
        return TwinActionDispatcher.class;
    }

    @Override
    protected void configureActionHandlers(MultiBinding<ActionHandler> binding) {
        super.configureActionHandlers(binding);
        binding.add(TwinModelChangedAction.Handler.class);
        binding.add(TwinValidateAction.Handler.class);
        binding.add(ConnectionTargetsAction.Handler.class);
        binding.add(RequestClipboardDataHandler.class);
        binding.add(LiveValuesSubscriber.class);
    }
}
