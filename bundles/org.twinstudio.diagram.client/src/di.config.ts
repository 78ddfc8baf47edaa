import {
    Action,
    Bounds,
    ConsoleLogger,
    DefaultTypes,
    EdgeRouterRegistry,
    EditMode,
    EditorContextService,
    FeatureModule,
    GGraph,
    GlspHoverMouseListener,
    IActionDispatcher,
    IActionHandler,
    IDiagramOptions,
    IDiagramStartup,
    IGridManager,
    InitializeCanvasBoundsAction,
    LayoutKeyListener,
    LogLevel,
    MessageAction,
    STANDALONE_MODULE_CONFIG,
    StatusAction,
    ToolPalette,
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
    overrideModelElement
} from '@eclipse-glsp/client';
import { Container, inject, injectable, optional } from 'inversify';
import {
    ComponentNameLabel,
    ComponentNode,
    ConnectionEdge,
    TwinPort,
    TwinTypes
} from './model';
import { liveValuesModule } from './live-values';
import { notify } from './notifications';
import { ComponentLabelView, ComponentNodeView, ConnectionEdgeView, PortView } from './views';
import { TwinHoverMouseListener } from './hover';
import { TwinToolPalette } from './palette';
import { TwinEdgeRouter, TwinRectangularAnchor } from './router';
import { viewportToShowAll } from './viewport';
import { TwinLayoutKeyListener, ZoomKeyListener } from './zoom-keys';
import { TwinUpdateLayoutCommand } from './layout-update';
import { ConnectionTargetsFeedback, SET_CONNECTION_TARGETS } from './connection-targets';
import { TwinEdgeRouterRegistry } from './edge-routing';
import { TwinProjectionView } from './projection-view';

/** Callbacks of the page around the diagram (test hook, error panel). */
export const PageHooks = Symbol('PageHooks');
export interface PageHooks {
    /** True until the page has shown its first model (a reconnect keeps the user's viewport). */
    isFirstOpen(): boolean;
    /** The first model of this container is rendered. */
    modelShown(): void;
    /** The server reported an error or warning (a message, or a status line without details). */
    serverMessage(action: MessageAction | StatusAction): void;
}

/**
 * Shows the grid from the start, fits the first model into view and tells the page once it is on screen.
 *
 * The first view is chosen the moment the canvas is measured (its InitializeCanvasBoundsAction), so the browser
 * draws the model once at its first viewport: choosing it only after the model was initialized drew the model at
 * 100 % first and again at the chosen viewport one frame later.
 */
@injectable()
export class TwinStartup implements IDiagramStartup, IActionHandler {
    rank = 10;

    @inject(TYPES.IGridManager) @optional() protected gridManager?: IGridManager;
    @inject(PageHooks) protected hooks: PageHooks;
    @inject(TYPES.IActionDispatcher) protected actionDispatcher: IActionDispatcher;
    @inject(EditorContextService) protected editorContext: EditorContextService;
    protected firstViewportSet = false;

    /** At 100 % from the top left corner when the diagram fits (not centred under the palette), else fitted. */
    protected initialViewport(canvas?: Bounds): Action | undefined {
        return viewportToShowAll(this.editorContext.modelRoot, { topLeftAtFullSize: true, canvas });
    }

    preRequestModel(): void {
        this.gridManager?.setGridVisible(true);
    }

    handle(action: Action): void {
        if (!this.firstViewportSet && action.kind === InitializeCanvasBoundsAction.KIND && this.hooks.isFirstOpen()) {
            const viewport = this.initialViewport((action as InitializeCanvasBoundsAction).newCanvasBounds);
            if (viewport) {
                this.firstViewportSet = true;
                // Queued right behind the canvas bounds: both land before the next frame is drawn.
                this.actionDispatcher.dispatch(viewport);
            }
        }
    }

    async postModelInitialization(): Promise<void> {
        const viewport = this.hooks.isFirstOpen() && !this.firstViewportSet ? this.initialViewport() : undefined;
        if (viewport) {
            this.firstViewportSet = true;
            await this.actionDispatcher.dispatch(viewport);
        }
        // The model is set and the canvas measured; tell the page once the browser has painted it: a task posted
        // from the next frame's callback runs after that frame is drawn (a second frame callback would wait a
        // whole frame longer).
        requestAnimationFrame(() => afterThisFrame(() => this.hooks.modelShown()));
    }
}

/** Runs `callback` in a task of its own after the current frame (called from a frame callback: after its paint). */
function afterThisFrame(callback: () => void): void {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
        channel.port1.close();
        callback();
    };
    channel.port2.postMessage(undefined);
}

/** Server messages (load and save failures, refused operations) as notices instead of console lines. */
@injectable()
export class ServerMessageHandler implements IActionHandler {
    @inject(PageHooks) protected hooks: PageHooks;

    handle(action: Action): void {
        if (MessageAction.is(action) || StatusAction.is(action)) {
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
        configureModelElement(context, TwinTypes.PORT_IN, TwinPort, PortView);
        configureModelElement(context, TwinTypes.PORT_OUT, TwinPort, PortView);
        configureModelElement(context, TwinTypes.CONNECTION, ConnectionEdge, ConnectionEdgeView);

        bindAsService(context, TYPES.IEdgeRouter, TwinEdgeRouter);
        bind(TwinEdgeRouterRegistry).toSelf().inSingletonScope();
        rebind(EdgeRouterRegistry).toService(TwinEdgeRouterRegistry);
        bindAsService(context, TYPES.IAnchorComputer, TwinRectangularAnchor);
        if (isBound(GlspHoverMouseListener)) {
            rebind(GlspHoverMouseListener).to(TwinHoverMouseListener).inSingletonScope();
        }
        if (isBound(ToolPalette)) {
            rebind(ToolPalette).to(TwinToolPalette).inSingletonScope();
        }
        bindAsService(context, TYPES.KeyListener, ZoomKeyListener);
        bindAsService(context, TYPES.IDiagramStartup, TwinStartup);
        configureActionHandler(context, InitializeCanvasBoundsAction.KIND, TwinStartup);
        bind(ServerMessageHandler).toSelf().inSingletonScope();
        bind(ConnectionTargetsFeedback).toSelf().inSingletonScope();
        configureActionHandler(context, 'drawFeedbackEdge', ConnectionTargetsFeedback);
        configureActionHandler(context, 'removeFeedbackEdge', ConnectionTargetsFeedback);
        configureActionHandler(context, SET_CONNECTION_TARGETS, ConnectionTargetsFeedback);
        configureActionHandler(context, MessageAction.KIND, ServerMessageHandler);
        configureActionHandler(context, StatusAction.KIND, ServerMessageHandler);
        // Layout-only changes arrive as patches of the shown model, not as a new model.
        configureCommand(context, TwinUpdateLayoutCommand);
    },
    { featureId: Symbol('twinDiagram') }
);

/** Loaded after GLSP's standalone modules, which bind the layout key listener this one replaces. */
export const twinLayoutKeysModule = new FeatureModule(
    (bind, unbind, isBound, rebind) => {
        if (isBound(LayoutKeyListener)) {
            rebind(LayoutKeyListener).to(TwinLayoutKeyListener).inSingletonScope();
        }
    },
    { featureId: Symbol('twinLayoutKeys') }
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
        liveValuesModule,
        STANDALONE_MODULE_CONFIG,
        twinLayoutKeysModule
    );
}

/** Server messages the page shows; INFO and below stay in the status line. */
export function noticeFor(action: MessageAction): void {
    const severity = action.severity === 'ERROR' || action.severity === 'FATAL' ? 'error' : action.severity === 'WARNING' ? 'warning' : undefined;
    if (severity) {
        notify(severity, action.message, action.details);
    }
}
