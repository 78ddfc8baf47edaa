import {
    Action,
    EditorContextService,
    FeatureModule,
    GModelElement,
    IActionHandler,
    IViewerProvider,
    IVNodePostprocessor,
    TYPES,
    configureActionHandler,
    setClass,
    svg
} from '@eclipse-glsp/client';
import { inject, injectable } from 'inversify';
import { VNode } from 'snabbdom';
import './live-values.css';
import { ComponentNode, DataType, TwinPort } from './model';

/**
 * Live values of a running simulation or live session (org.twinstudio.diagram.live.LiveValuesAction): the ports
 * that changed since the previous batch, keyed by port id ({@code component.port}); {@code running: false} ends the
 * run and clears them.
 */
export interface LiveValuesAction extends Action {
    kind: typeof LiveValuesAction.KIND;
    time: number;
    values: Record<string, number | boolean | string>;
    running: boolean;
}

export namespace LiveValuesAction {
    export const KIND = 'twinstudio.liveValues';

    export function is(action: unknown): action is LiveValuesAction {
        return typeof action === 'object' && action !== null && (action as Action).kind === KIND;
    }
}

/** What the page shows: the latest value per port and the run's simulated time. */
@injectable()
export class LiveValuesStore {
    readonly values = new Map<string, number | boolean | string>();
    time = 0;
    running = false;
    /** Cost figures for tests: batches handled, milliseconds of the last one, re-renders requested. */
    readonly stats = { batches: 0, lastBatchMillis: 0, renders: 0 };

    constructor() {
        // Test and host hook: window.twinstudioDiagram.liveValues()
        const hook = (window as unknown as { twinstudioDiagram?: Record<string, unknown> }).twinstudioDiagram;
        if (hook) {
            hook.liveValues = () => ({
                time: this.time,
                running: this.running,
                values: Object.fromEntries(this.values),
                stats: { ...this.stats }
            });
        }
    }
}

/**
 * Shows live values next to their ports and marks the components of a running twin. Cheap for large diagrams: only
 * ports on screen have a label (text changes cost layout even off screen); a batch rewrites the text of those
 * labels, once per frame; the diagram is rendered again (no model rebuild) only when a port on screen gets its
 * first value, or a run starts or ends. Ports scrolling into view get their label from the stored values as part of
 * the rendering that scrolls them in.
 */
@injectable()
export class LiveValuesView implements IActionHandler, IVNodePostprocessor {
    @inject(LiveValuesStore) protected store: LiveValuesStore;
    @inject(EditorContextService) protected editorContext: EditorContextService;
    @inject(TYPES.IViewerProvider) protected viewers: IViewerProvider;

    /** The value text element of each port whose label is in the DOM. */
    protected readonly labels = new Map<string, Element>();
    /** The part of the diagram on screen during the rendering under way (model coordinates). */
    protected renderArea?: Area | null;
    /** Ports the last rendering drew (the renderer leaves out those outside the canvas), and the one under way. */
    protected drawnPorts = new Set<string>();
    protected drawingPorts = new Set<string>();
    protected renderPending = false;
    /** Ports whose label text is to be rewritten on the next frame. */
    protected readonly pendingTexts = new Set<string>();
    protected textsPending = false;
    protected status?: HTMLElement;

    handle(action: Action): void {
        if (!LiveValuesAction.is(action)) {
            return;
        }
        const store = this.store;
        if (!action.running) {
            const hadValues = store.running || store.values.size > 0;
            store.values.clear();
            store.running = false;
            this.showStatus();
            if (hadValues) {
                this.renderSoon();
            }
            return;
        }
        const started = performance.now();
        let needsRender = !store.running;
        store.running = true;
        store.time = action.time;
        const root = this.editorContext.modelRoot;
        const area = visibleArea(root);
        for (const [id, value] of Object.entries(action.values ?? {})) {
            store.values.set(id, value);
            if (this.labels.has(id)) {
                this.pendingTexts.add(id);
            } else if (!needsRender && this.drawnPorts.has(id)) {
                const port = root.index.getById(id);
                needsRender = port instanceof TwinPort && onScreen(port, area);
            }
        }
        if (needsRender) {
            this.renderSoon();
        } else {
            this.writeTextsSoon(); // the texts and the time in the status chip
        }
        store.stats.batches++;
        store.stats.lastBatchMillis = performance.now() - started;
    }

    decorate(vnode: VNode, element: GModelElement): VNode {
        if (element instanceof TwinPort) {
            this.drawingPorts.add(element.id);
            const value = this.store.values.get(element.id);
            if (this.renderArea === undefined) {
                this.renderArea = visibleArea(element.root);
            }
            // Only ports on screen get a label: text changes cost layout even off screen.
            if (value !== undefined && onScreen(element, this.renderArea)) {
                (vnode.children ??= []).push(this.valueLabel(element, value));
            }
        } else if (element instanceof ComponentNode) {
            const live = this.store.running && element.children.some(child => this.store.values.has(child.id));
            setClass(vnode, 'twin-live', live);
        }
        return vnode;
    }

    postUpdate(): void {
        this.renderArea = undefined;
        this.drawnPorts = this.drawingPorts;
        this.drawingPorts = new Set();
    }

    /** The value label: outside the component, above the port, so connections leaving the port stay readable. */
    protected valueLabel(port: TwinPort, value: number | boolean | string): VNode {
        const width = port.size.width > 0 ? port.size.width : 8;
        const parent = port.parent as unknown as { size?: { width: number; height: number } };
        const parentWidth = parent.size?.width ?? 0;
        const west = port.position.x + width / 2 < parentWidth / 2;
        const labels = this.labels;
        const id = port.id;
        return svg(
            'text',
            {
                'class-twin-live-value': true,
                'class-twin-anchor-end': west,
                'class-twin-anchor-start': !west,
                x: west ? -3 : width + 3,
                y: -3,
                hook: {
                    insert: (node: VNode) => node.elm && labels.set(id, node.elm as Element),
                    update: (_old: VNode, node: VNode) => node.elm && labels.set(id, node.elm as Element),
                    destroy: (node: VNode) => {
                        if (labels.get(id) === node.elm) {
                            labels.delete(id);
                        }
                    }
                }
            },
            formatValue(value, port)
        );
    }

    /**
     * Rewrites the changed label texts on the next frame: batches that arrive while the browser is busy are merged,
     * and the text is written once per frame at most.
     */
    protected writeTextsSoon(): void {
        if (this.textsPending) {
            return;
        }
        this.textsPending = true;
        requestAnimationFrame(() => {
            this.textsPending = false;
            const root = this.editorContext.modelRoot;
            for (const id of this.pendingTexts) {
                const label = this.labels.get(id);
                const value = this.store.values.get(id);
                if (label && value !== undefined) {
                    const port = root.index.getById(id);
                    setText(label, formatValue(value, port instanceof TwinPort ? port : undefined));
                }
            }
            this.pendingTexts.clear();
            this.showStatus();
        });
    }

    /** Renders the current model again on the next frame (at most once per frame). */
    protected renderSoon(): void {
        if (this.renderPending) {
            return;
        }
        this.renderPending = true;
        this.store.stats.renders++;
        requestAnimationFrame(() => {
            this.renderPending = false;
            this.pendingTexts.clear(); // the rendering writes every label
            this.viewers.modelViewer.update(this.editorContext.modelRoot);
            this.showStatus();
        });
    }

    /** A small chip in the corner: running, and the simulated time. */
    protected showStatus(): void {
        if (!this.status) {
            this.status = document.createElement('div');
            this.status.className = 'twin-live-status';
            document.body.appendChild(this.status);
        }
        this.status.hidden = !this.store.running;
        const text = `\u25B6 live  t = ${formatTime(this.store.time)}`;
        if (this.status.textContent !== text) {
            this.status.textContent = text;
        }
    }
}

interface Area {
    x: number;
    y: number;
    width: number;
    height: number;
}

/** Below this zoom the 9 px labels would be under 4 px: unreadable, so none are drawn (the frames still show the run). */
const MIN_LABEL_ZOOM = 0.45;
const NOWHERE: Area = { x: Number.POSITIVE_INFINITY, y: Number.POSITIVE_INFINITY, width: 0, height: 0 };

/**
 * The diagram area on screen, with a margin, in model coordinates; nowhere when zoomed out too far to read labels;
 * null when unknown (then everything counts as shown).
 */
function visibleArea(root: Readonly<GModelElement>): Area | null {
    const viewport = root as unknown as { scroll?: { x: number; y: number }; zoom?: number; canvasBounds?: { width: number; height: number } };
    const canvas = viewport.canvasBounds;
    if (!viewport.scroll || !viewport.zoom || !canvas || !(canvas.width > 0) || !(canvas.height > 0)) {
        return null;
    }
    if (viewport.zoom < MIN_LABEL_ZOOM) {
        return NOWHERE;
    }
    const margin = 100 / viewport.zoom;
    return {
        x: viewport.scroll.x - margin,
        y: viewport.scroll.y - margin,
        width: canvas.width / viewport.zoom + 2 * margin,
        height: canvas.height / viewport.zoom + 2 * margin
    };
}

/** Whether the component of {@code port} overlaps {@code area}. */
function onScreen(port: TwinPort, area: Area | null): boolean {
    if (!area) {
        return true;
    }
    const component = port.parent as unknown as { position?: { x: number; y: number }; size?: { width: number; height: number } };
    const at = component.position;
    if (!at) {
        return true;
    }
    const width = component.size?.width ?? 0;
    const height = component.size?.height ?? 0;
    return at.x + width >= area.x && at.x <= area.x + area.width && at.y + height >= area.y && at.y <= area.y + area.height;
}

function setText(label: Element, text: string): void {
    // Keep the text node the renderer knows, so its next patch applies to what is on screen.
    const node = label.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue !== text) {
            node.nodeValue = text;
        }
    } else {
        label.textContent = text;
    }
}

const UNIT_SYMBOLS: Record<string, string> = { degC: '\u00B0C', degF: '\u00B0F', percent: '%', m2: 'm\u00B2', m3: 'm\u00B3', 'm3/s': 'm\u00B3/s', 'm3/h': 'm\u00B3/h' };

/**
 * A value as shown next to its port: numbers with 4 significant digits (exponent below 0.001 and from 10^6), integers
 * whole, booleans on/off, strings as they are (shortened), followed by the port's unit.
 */
export function formatValue(value: number | boolean | string, port?: { dataType: DataType; unit: string }): string {
    const dataType = port?.dataType ?? 'real';
    if (typeof value === 'boolean' || dataType === 'boolean') {
        return value === true || value === 1 || value === 'true' ? 'on' : 'off';
    }
    if (typeof value === 'string') {
        return value.length > 24 ? value.substring(0, 23) + '\u2026' : value;
    }
    let text: string;
    if (!Number.isFinite(value)) {
        text = String(value);
    } else if (dataType === 'integer') {
        text = String(Math.round(value));
    } else {
        const magnitude = Math.abs(value);
        text = magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
    }
    const unit = port?.unit ?? '';
    if (unit === '' || unit === '1' || unit === '-') {
        return text;
    }
    const symbol = UNIT_SYMBOLS[unit] ?? unit;
    return symbol === '%' ? text + symbol : `${text} ${symbol}`;
}

function formatTime(seconds: number): string {
    if (seconds >= 3600) {
        const h = Math.floor(seconds / 3600);
        const m = Math.floor((seconds % 3600) / 60);
        return `${h} h ${String(m).padStart(2, '0')} min`;
    }
    return `${seconds.toFixed(1)} s`;
}

/** Live values on the diagram: the action handler and the renderer's decoration. */
export const liveValuesModule = new FeatureModule(
    (bind, unbind, isBound, rebind) => {
        const context = { bind, unbind, isBound, rebind };
        bind(LiveValuesStore).toSelf().inSingletonScope();
        bind(LiveValuesView).toSelf().inSingletonScope();
        bind(TYPES.IVNodePostprocessor).toService(LiveValuesView);
        configureActionHandler(context, LiveValuesAction.KIND, LiveValuesView);
    },
    { featureId: Symbol('twinLiveValues') }
);
