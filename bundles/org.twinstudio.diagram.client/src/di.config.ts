import {
    Action,
    Bounds,
    ConsoleLogger,
    DefaultTypes,
    EdgeRouterRegistry,
    EditMode,
    EditorContextService,
    FitToScreenAction,
    FeatureModule,
    GGraph,
    GModelRoot,
    IActionDispatcher,
    IActionHandler,
    IDiagramOptions,
    IDiagramStartup,
    IGridManager,
    LogLevel,
    MessageAction,
    STANDALONE_MODULE_CONFIG,
    SetViewportAction,
    TYPES,
    bindAsService,
    bindOrRebind,
    configureActionHandler,
    configureCommand,
    configureDefaultModelElements,
    configureModelElement,
    createDiagramOptionsModule,
    editLabelFeature,
    gridModule,
    initializeDiagramContainer,
    isBoundsAware,
    isViewport,
    overrideModelElement
} from '@eclipse-glsp/client';
import { Container, inject, injectable, optional } from 'inversify';
import {
    ComponentNameLabel,
    ComponentNode,
    ComponentTypeLabel,
    ConnectionEdge,
    TwinPort,
    TwinTypes
} from './model';
import { notify } from './notifications';
import { ComponentLabelView, ComponentNodeView, ConnectionEdgeView, PortView } from './views';
import { TwinEdgeRouter, TwinRectangularAnchor } from './router';
import { ZoomKeyListener } from './zoom-keys';
import { TwinUpdateLayoutCommand } from './layout-update';
import { TwinEdgeRouterRegistry } from './edge-routing';
import { TwinProjectionView } from './projection-view';

/** Callbacks of the page around the diagram (test hook, error panel). */
export const PageHooks = Symbol('PageHooks');
export interface PageHooks {
    /** True until the page has shown its first model (a reconnect keeps the user's viewport). */
    isFirstOpen(): boolean;
    /** The first model of this container is rendered. */
    modelShown(): void;
    /** The server reported an error or warning. */
    serverMessage(action: MessageAction): void;
}

/** Shows the grid from the start, fits the first model into view and tells the page once it is on screen. */
@injectable()
export class TwinStartup implements IDiagramStartup {
    rank = 10;

    @inject(TYPES.IGridManager) @optional() protected gridManager?: IGridManager;
    @inject(PageHooks) protected hooks: PageHooks;
    @inject(TYPES.IActionDispatcher) protected actionDispatcher: IActionDispatcher;
    @inject(EditorContextService) protected editorContext: EditorContextService;

    protected initialViewport(): Action {
        return initialViewportOf(this.editorContext.modelRoot);
    }

    preRequestModel(): void {
        this.gridManager?.setGridVisible(true);
    }

    async postModelInitialization(): Promise<void> {
        if (this.hooks.isFirstOpen()) {
            await this.actionDispatcher.dispatch(this.initialViewport());
        }
        // The model is set and the canvas measured; wait for the browser to paint it.
        requestAnimationFrame(() => requestAnimationFrame(() => this.hooks.modelShown()));
    }
}

/**
 * The first view of a diagram: at 100 % from its top left corner when it fits the window (so it does not sit
 * centred under the tool palette), else zoomed out to fit.
 */
function initialViewportOf(root: Readonly<GModelRoot>): Action {
    const fit = FitToScreenAction.create([], { padding: 30, maxZoom: 1, animate: false });
    if (!isViewport(root)) {
        return fit;
    }
    const boxes = root.children.flatMap(child => (isBoundsAware(child) && Bounds.isValid(child.bounds) ? [child.bounds] : []));
    if (boxes.length === 0) {
        return fit;
    }
    const all = boxes.reduce((a, b) => Bounds.combine(a, b));
    const canvas = root.canvasBounds;
    if (all.width + 80 > canvas.width || all.height + 80 > canvas.height) {
        return fit;
    }
    return SetViewportAction.create(root.id, { scroll: { x: all.x - 40, y: all.y - 40 }, zoom: 1 }, { animate: false });
}

/** Server messages (load and save failures, refused operations) as notices instead of console lines. */
@injectable()
export class ServerMessageHandler implements IActionHandler {
    @inject(PageHooks) protected hooks: PageHooks;

    handle(action: Action): void {
        if (MessageAction.is(action)) {
            this.hooks.serverMessage(action);
        }
    }
}

export const twinDiagramModule = new FeatureModule(
    (bind, unbind, isBound, rebind) => {
        const context = { bind, unbind, isBound, rebind };
        bindOrRebind(context, TYPES.ILogger).to(ConsoleLogger).inSingletonScope();
        bindOrRebind(context, TYPES.LogLevel).toConstantValue(LogLevel.warn);
        // Port rows are 20 px apart: a 20 px grid keeps connections between aligned components straight.
        bindOrRebind(context, TYPES.Grid).toConstantValue({ x: 20, y: 20 });
        bind(TYPES.IMarqueeBehavior).toConstantValue({ entireEdge: false, entireElement: false });

        configureDefaultModelElements(context);
        overrideModelElement(context, DefaultTypes.GRAPH, GGraph, TwinProjectionView);
        configureModelElement(context, TwinTypes.COMPONENT, ComponentNode, ComponentNodeView);
        configureModelElement(context, TwinTypes.LABEL_NAME, ComponentNameLabel, ComponentLabelView, { enable: [editLabelFeature] });
        configureModelElement(context, TwinTypes.LABEL_TYPE, ComponentTypeLabel, ComponentLabelView);
        configureModelElement(context, TwinTypes.PORT_IN, TwinPort, PortView);
        configureModelElement(context, TwinTypes.PORT_OUT, TwinPort, PortView);
        configureModelElement(context, TwinTypes.CONNECTION, ConnectionEdge, ConnectionEdgeView);

        bindAsService(context, TYPES.IEdgeRouter, TwinEdgeRouter);
        bind(TwinEdgeRouterRegistry).toSelf().inSingletonScope();
        rebind(EdgeRouterRegistry).toService(TwinEdgeRouterRegistry);
        bindAsService(context, TYPES.IAnchorComputer, TwinRectangularAnchor);
        bindAsService(context, TYPES.KeyListener, ZoomKeyListener);
        bindAsService(context, TYPES.IDiagramStartup, TwinStartup);
        bind(ServerMessageHandler).toSelf().inSingletonScope();
        configureActionHandler(context, MessageAction.KIND, ServerMessageHandler);
        // Layout-only changes arrive as patches of the shown model, not as a new model.
        configureCommand(context, TwinUpdateLayoutCommand);
    },
    { featureId: Symbol('twinDiagram'), requires: gridModule }
);

export function createTwinDiagramContainer(
    options: IDiagramOptions,
    hooks: PageHooks,
    page: { widgetId: string; readonly: boolean }
): Container {
    if (page.readonly) {
        options.editMode = EditMode.READONLY;
    }
    const container = new Container();
    container.bind(PageHooks).toConstantValue(hooks);
    return initializeDiagramContainer(
        container,
        // GLSP draws into the element named by the widget id (by default it would use the client id).
        createDiagramOptionsModule(options, { baseDiv: page.widgetId, hiddenDiv: page.widgetId + '_hidden' }),
        gridModule,
        twinDiagramModule,
        STANDALONE_MODULE_CONFIG
    );
}

/** Server messages the page shows; INFO and below stay in the status line. */
export function noticeFor(action: MessageAction): void {
    const severity = action.severity === 'ERROR' || action.severity === 'FATAL' ? 'error' : action.severity === 'WARNING' ? 'warning' : undefined;
    if (severity) {
        notify(severity, action.message, action.details);
    }
}
