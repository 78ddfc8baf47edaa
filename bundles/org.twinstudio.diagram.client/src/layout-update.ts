import { Action, Command, CommandExecutionContext, GModelRoot, TYPES, isBoundsAware } from '@eclipse-glsp/client';
import { inject, injectable } from 'inversify';

interface XY {
    x: number;
    y: number;
}

/**
 * From the server: new places of some elements after a change that only moved things (move, resize, reroute,
 * auto-layout and their undo/redo). A few hundred bytes instead of the whole graph; the twin itself, and so its
 * markers, did not change.
 */
export interface TwinUpdateLayoutAction extends Action {
    kind: typeof TwinUpdateLayoutAction.KIND;
    /** The server's graph revision after the change. */
    revision: number;
    /** Nodes (after a resize also their ports) with their new top left corner (none: unplaced) and size. */
    nodes: { id: string; position?: XY; width: number; height: number }[];
    /** Edges with their new routing points (empty: routed by the client). */
    edges: { id: string; routingPoints: XY[] }[];
}

export namespace TwinUpdateLayoutAction {
    export const KIND = 'twinUpdateLayout';
}

/**
 * Puts the server's new places on the model in place: no new model, no diff of the whole graph, markers and
 * selection stay. Undo and redo are the server's (they come back as another update), so they leave the model.
 */
@injectable()
export class TwinUpdateLayoutCommand extends Command {
    static readonly KIND = TwinUpdateLayoutAction.KIND;

    constructor(@inject(TYPES.Action) protected readonly action: TwinUpdateLayoutAction) {
        super();
    }

    execute(context: CommandExecutionContext): GModelRoot {
        const root = context.root;
        for (const node of this.action.nodes) {
            const element = root.index.getById(node.id);
            if (element && isBoundsAware(element)) {
                element.bounds = {
                    x: node.position?.x ?? 0,
                    y: node.position?.y ?? 0,
                    width: node.width,
                    height: node.height
                };
            }
        }
        for (const edge of this.action.edges) {
            const element = root.index.getById(edge.id) as { routingPoints?: XY[] } | undefined;
            if (element && Array.isArray(element.routingPoints)) {
                element.routingPoints = edge.routingPoints.map(point => ({ x: point.x, y: point.y }));
            }
        }
        root.revision = this.action.revision;
        return root;
    }

    undo(context: CommandExecutionContext): GModelRoot {
        return context.root;
    }

    redo(context: CommandExecutionContext): GModelRoot {
        return context.root;
    }
}
