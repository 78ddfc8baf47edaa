import 'reflect-metadata';

import {
    Action,
    BaseJsonrpcGLSPClient,
    DiagramLoader,
    EditorContextService,
    GLSPClient,
    GLSPWebSocketProvider,
    IActionDispatcher,
    IModelFactory,
    MessageAction,
    SelectAction,
    SelectionService,
    TYPES
} from '@eclipse-glsp/client';
import 'sprotty/css/edit-label.css';
import { Container } from 'inversify';
import './diagram.css';
import { createTwinDiagramContainer, noticeFor, PageHooks } from './di.config';
import { TwinTypes } from './model';
import { hideBanner, hideFatal, notify, showBanner, showFatal } from './notifications';
import { readParameters } from './parameters';

/** What end-to-end tests (and the IDE host) can reach on the page. */
export interface TwinstudioDiagramHook {
    /** Resolves once the first model is rendered; rejects when the diagram cannot be shown. */
    ready: Promise<void>;
    /** Dispatches an action through the diagram's action dispatcher (to the server where it belongs there). */
    dispatch(action: Action): Promise<void>;
    /** The current model as plain JSON (GLSP model schema: id, type, children, position, size, args, ...). */
    modelRoot(): unknown;
    /** Selects exactly the elements with these ids (ids the model does not have are left out). */
    select(ids: string[]): Promise<void>;
    /** The ids of the selected elements. */
    selection(): string[];
}

/**
 * What an embedding host (the IDE's browser editor) may define on the window to hear from the page:
 * `twinstudioHostSelectionChanged(idsJson)` after every selection change, with the selected ids as a JSON array.
 */
interface TwinstudioHost {
    twinstudioHostSelectionChanged?: (idsJson: string) => void;
}

type MessageConnection = Awaited<ReturnType<GLSPWebSocketProvider['listen']>>;
type ConnectionHandler = Parameters<GLSPWebSocketProvider['listen']>[0];

declare global {
    interface Window {
        twinstudioDiagram: TwinstudioDiagramHook;
    }
}

const parameters = readParameters();
let container: Container | undefined;
let glspClient: GLSPClient | undefined;
let modelShown = false;
let settleReady: { resolve(): void; reject(reason: Error): void };
const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
ready.catch(() => undefined); // a failure is shown in the page; tests that await it see it too

window.twinstudioDiagram = {
    ready,
    dispatch: async action => {
        if (!container) {
            throw new Error('The diagram is not loaded');
        }
        await container.get<IActionDispatcher>(TYPES.IActionDispatcher).dispatch(action);
    },
    modelRoot: () => {
        if (!container) {
            return undefined;
        }
        const root = container.get(EditorContextService).modelRoot;
        const schema = container.get<IModelFactory>(TYPES.IModelFactory).createSchema(root);
        return JSON.parse(JSON.stringify(schema));
    },
    select: async ids => {
        if (!container) {
            throw new Error('The diagram is not loaded');
        }
        const root = container.get(EditorContextService).modelRoot;
        const known = ids.filter(id => root.index.getById(id) !== undefined);
        await container.get<IActionDispatcher>(TYPES.IActionDispatcher).dispatch(SelectAction.setSelection(known));
    },
    selection: () => (container ? container.get(SelectionService).getSelectedElementIDs() : [])
};

/** Tells the embedding host, if there is one listening, what is selected now. */
function tellHostSelection(ids: string[]): void {
    const host = window as unknown as TwinstudioHost;
    if (typeof host.twinstudioHostSelectionChanged === 'function') {
        host.twinstudioHostSelectionChanged(JSON.stringify(ids));
    }
}

const hooks: PageHooks = {
    isFirstOpen: () => !modelShown,
    modelShown: () => {
        hideFatal();
        if (!modelShown) {
            modelShown = true;
            settleReady.resolve();
        }
    },
    serverMessage: action => {
        const isError = action.severity === 'ERROR' || action.severity === 'FATAL';
        if (MessageAction.is(action)) {
            if (!modelShown && isError) {
                fail('The diagram could not be opened', action.message, action.details);
            } else {
                noticeFor(action);
            }
        } else if (!modelShown && isError && !document.getElementById('twin-error')) {
            // A status line alone (GLSP's overlay shows it too) still means there is no diagram to show.
            fail('The diagram could not be opened', action.message);
        }
    }
};

function fail(title: string, detail: string, technical?: string): void {
    showFatal(title, detail, technical);
    settleReady.reject(new Error(`${title}: ${detail}`));
}

function diagramElement(): HTMLElement {
    let element = document.getElementById(parameters.widgetId);
    if (!element) {
        element = document.createElement('div');
        element.id = parameters.widgetId;
        element.className = 'twin-diagram';
        document.body.appendChild(element);
    }
    return element;
}

/** A diagram container and the way to hand it its client once the connection is up. */
interface PreparedContainer {
    container: Container;
    connect(client: GLSPClient): void;
}

/**
 * The container for the first connection, built while the WebSocket connects: building it (GLSP's dependency
 * injection) takes about as long as connecting, so the page no longer does one after the other.
 */
let firstContainer: PreparedContainer | undefined;

function prepareContainer(): PreparedContainer {
    let connect!: (client: GLSPClient) => void;
    const connected = new Promise<GLSPClient>(resolve => (connect = resolve));
    const prepared = createTwinDiagramContainer(
        {
            clientId: parameters.clientId,
            diagramType: TwinTypes.DIAGRAM,
            glspClientProvider: () => connected,
            sourceUri: parameters.source
        },
        hooks,
        parameters
    );
    prepared.get(SelectionService).onSelectionChanged(change => tellHostSelection(change.selectedElements));
    return { container: prepared, connect };
}

async function open(connection: MessageConnection, isReconnecting: boolean): Promise<void> {
    diagramElement();
    glspClient = new BaseJsonrpcGLSPClient({ id: TwinTypes.DIAGRAM, connectionProvider: connection });
    const prepared = !isReconnecting && firstContainer ? firstContainer : prepareContainer();
    firstContainer = undefined;
    container = prepared.container;
    prepared.connect(glspClient);
    try {
        await container.get(DiagramLoader).load({ requestModelOptions: { isReconnecting } });
        if (isReconnecting) {
            hideBanner();
            notify('info', 'Connection to the diagram server re-established.');
        }
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        fail('The diagram could not be opened', 'The diagram server refused to start the session.', message);
    }
}

/** GLSP's provider with the page's error reporting and a patient reconnect (it gives up after one failed try). */
class TwinWebSocketProvider extends GLSPWebSocketProvider {
    protected everConnected = false;
    protected retries = 0;
    protected handler?: ConnectionHandler;

    override listen(handler: ConnectionHandler, isReconnecting = false): Promise<MessageConnection> {
        this.handler = handler;
        return super.listen(handler, isReconnecting);
    }

    protected override createWebSocket(url: string): WebSocket {
        const socket = super.createWebSocket(url);
        let opened = false;
        socket.addEventListener('open', () => {
            opened = true;
            this.everConnected = true;
            this.retries = 0;
        });
        socket.addEventListener('close', event => {
            if (!this.everConnected) {
                fail(
                    'Cannot reach the diagram server',
                    `The page could not connect to ${redact(url)}. The server may have stopped, or this link is no longer valid ` +
                        '(links carry an access token that changes when the server restarts).',
                    `WebSocket closed with code ${event.code}${event.reason ? ': ' + event.reason : ''}`
                );
            } else if (opened) {
                showBanner('Connection to the diagram server lost. Reconnecting\u2026');
            } else {
                this.retryLater();
            }
        });
        return socket;
    }

    protected retryLater(): void {
        clearInterval(this.reconnectTimer);
        if (this.retries >= 30) {
            fail('Connection to the diagram server lost', 'The server did not come back. Reload the page once it runs again.');
            return;
        }
        const delay = Math.min(10000, 1000 * 2 ** Math.min(this.retries, 4));
        this.retries++;
        setTimeout(() => this.handler && this.listen(this.handler, true), delay);
    }
}

function redact(url: string): string {
    return url.replace(/token=[^&]*/, 'token=\u2026');
}

function start(): void {
    if (!window.location.host) {
        fail('Open the diagram through its server', 'This page needs the Twinstudio diagram server; it cannot be opened as a file.');
        return;
    }
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}/glsp?token=${encodeURIComponent(parameters.token)}`;
    const provider = new TwinWebSocketProvider(url);
    provider.listen({
        onConnection: connection => open(connection, false),
        onReconnect: connection => {
            glspClient?.stop();
            return open(connection, true);
        },
        logger: console
    });
    // The socket connects in the background meanwhile.
    diagramElement();
    firstContainer = prepareContainer();
}

start();
