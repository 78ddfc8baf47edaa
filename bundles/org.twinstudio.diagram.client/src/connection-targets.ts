import { Action, IActionDispatcher, IActionHandler, ModifyCSSFeedbackAction, TYPES } from '@eclipse-glsp/client';
import { inject, injectable } from 'inversify';

/** The server's action kinds (org.twinstudio.diagram.server.ConnectionTargetsAction). */
export const REQUEST_CONNECTION_TARGETS = 'twinRequestConnectionTargets';
export const SET_CONNECTION_TARGETS = 'twinSetConnectionTargets';
/** GLSP's edge creation feedback: a source was picked, the dangling edge is drawn; and its end. */
const DRAW_FEEDBACK_EDGE = 'drawFeedbackEdge';
const REMOVE_FEEDBACK_EDGE = 'removeFeedbackEdge';

/** The class the valid target ports carry while a connection is being drawn. */
export const CONNECTABLE = 'twin-connectable';

interface ConnectionTargets extends Action {
    sourceId: string;
    targetIds: string[];
}

/**
 * Marks the input ports a new connection may end at, as soon as its source is picked: the server answers with the
 * ports its connection rules allow (direction, data type, units, not yet driven), so the user sees where the
 * connection can go before moving the pointer over each port. The marks go when the connection is made or dropped.
 */
@injectable()
export class ConnectionTargetsFeedback implements IActionHandler {
    @inject(TYPES.IActionDispatcher) protected dispatcher: IActionDispatcher;
    /** The source whose targets are asked for or shown; answers for another one come too late and are dropped. */
    protected source?: string;
    protected marked: string[] = [];

    handle(action: Action): void {
        if (action.kind === DRAW_FEEDBACK_EDGE) {
            const sourceId = (action as Action & { sourceId?: string }).sourceId;
            this.clear();
            this.source = sourceId;
            if (sourceId) {
                // No request id: the answer is handled here like any action, whenever it comes.
                this.dispatcher.dispatch({ kind: REQUEST_CONNECTION_TARGETS, sourceId, requestId: '' } as Action);
            }
        } else if (action.kind === SET_CONNECTION_TARGETS) {
            const answer = action as ConnectionTargets;
            if (answer.sourceId !== this.source || !Array.isArray(answer.targetIds)) {
                return;
            }
            this.clear();
            this.marked = answer.targetIds;
            if (this.marked.length > 0) {
                this.dispatcher.dispatch(ModifyCSSFeedbackAction.create({ elements: this.marked, add: [CONNECTABLE] }));
            }
        } else if (action.kind === REMOVE_FEEDBACK_EDGE) {
            this.source = undefined;
            this.clear();
        }
    }

    protected clear(): void {
        if (this.marked.length > 0) {
            this.dispatcher.dispatch(ModifyCSSFeedbackAction.create({ elements: this.marked, remove: [CONNECTABLE] }));
        }
        this.marked = [];
    }
}
