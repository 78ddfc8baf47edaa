/** The query parameters of diagram.html (see the bundle README). */
export interface PageParameters {
    /** Access token the diagram server checks in the WebSocket handshake. */
    token: string;
    /** URI of the twin model to show (the server resolves it). */
    source: string;
    /** GLSP client session id; the IDE passes its editor's id, a browser gets a fresh one. */
    clientId: string;
    /** DOM id of the element the diagram is drawn into. */
    widgetId: string;
    /** Show the diagram without editing tools. */
    readonly: boolean;
}

export function readParameters(search: string = window.location.search): PageParameters {
    const params = new URLSearchParams(search);
    const clientId = params.get('client') || generateClientId();
    return {
        token: params.get('token') ?? '',
        source: params.get('source') ?? '',
        clientId,
        widgetId: sanitiseId(params.get('widget') || 'twin-diagram-' + clientId),
        readonly: params.get('readonly') === 'true'
    };
}

function generateClientId(): string {
    const random = new Uint32Array(2);
    crypto.getRandomValues(random);
    return 'web-' + Array.from(random, n => n.toString(36)).join('');
}

/** The widget id becomes a DOM id and part of CSS selectors: keep it to safe characters. */
function sanitiseId(id: string): string {
    return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
