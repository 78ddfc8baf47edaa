import {
    DefaultAnchors,
    GLSPManhattanEdgeRouter,
    GNode,
    GRoutableElement,
    ManhattanRectangularAnchor,
    ManhattanRouterOptions,
    Point,
    RECTANGULAR_ANCHOR_KIND
} from '@eclipse-glsp/client';
import { injectable } from 'inversify';
import { TWIN_ROUTER_KIND, TwinPort } from './model';

/** How far a connection runs straight out of a port before it turns. */
const STUB = 16;
/** Clearance around components for connections that loop back. */
const CLEARANCE = 20;

/**
 * Orthogonal routing from port to port. Without bend points from the server, a connection leaves its output
 * straight out of the component, turns once half way and enters the input straight; when the input lies behind
 * the output (a feedback loop) it goes around above or below both components instead of through them. Bend points
 * the server sends (or the user drags) are kept, as GLSP's Manhattan router does.
 */
@injectable()
export class TwinEdgeRouter extends GLSPManhattanEdgeRouter {
    override get kind(): string {
        return TWIN_ROUTER_KIND;
    }

    protected override calculateDefaultCorners(
        edge: GRoutableElement,
        sourceAnchors: DefaultAnchors,
        targetAnchors: DefaultAnchors,
        options: ManhattanRouterOptions
    ): Point[] {
        const source = edge.source;
        const target = edge.target;
        if (!(source instanceof TwinPort) || !(target instanceof TwinPort)) {
            return super.calculateDefaultCorners(edge, sourceAnchors, targetAnchors, options);
        }
        const sourceSide = horizontalSide(source);
        const targetSide = horizontalSide(target);
        if (!sourceSide || !targetSide) {
            return super.calculateDefaultCorners(edge, sourceAnchors, targetAnchors, options);
        }
        const from = sourceSide === 'east' ? sourceAnchors.right : sourceAnchors.left;
        const to = targetSide === 'east' ? targetAnchors.right : targetAnchors.left;
        const out = sourceSide === 'east' ? 1 : -1;
        const into = targetSide === 'east' ? 1 : -1;
        const fromStub = from.x + out * STUB;
        const toStub = to.x + into * STUB;
        // Facing each other with room between: one vertical run half way.
        if (out === 1 && into === -1 && toStub >= fromStub) {
            if (Math.abs(from.y - to.y) < 0.5) {
                return [];
            }
            const midX = (from.x + to.x) / 2;
            return [
                { x: midX, y: from.y },
                { x: midX, y: to.y }
            ];
        }
        // Otherwise around both components, on the side that makes the shorter detour.
        const boxes = [componentBounds(source, edge), componentBounds(target, edge)];
        const below = Math.max(...boxes.map(b => b.y + b.height)) + CLEARANCE;
        const above = Math.min(...boxes.map(b => b.y)) - CLEARANCE;
        const detourY = Math.abs(from.y - below) + Math.abs(to.y - below) <= Math.abs(from.y - above) + Math.abs(to.y - above) ? below : above;
        return [
            { x: fromStub, y: from.y },
            { x: fromStub, y: detourY },
            { x: toStub, y: detourY },
            { x: toStub, y: to.y }
        ];
    }
}

/** Anchors on a port's box for {@link TwinEdgeRouter} (the Manhattan ones, registered under its kind). */
@injectable()
export class TwinRectangularAnchor extends ManhattanRectangularAnchor {
    override get kind(): string {
        return TWIN_ROUTER_KIND + ':' + RECTANGULAR_ANCHOR_KIND;
    }
}

function horizontalSide(port: TwinPort): 'east' | 'west' | undefined {
    const node = port.parent;
    if (!(node instanceof GNode)) {
        return undefined;
    }
    const centreX = port.position.x + port.size.width / 2;
    const centreY = port.position.y + port.size.height / 2;
    const toWest = Math.abs(centreX);
    const toEast = Math.abs(node.size.width - centreX);
    const toVertical = Math.min(Math.abs(centreY), Math.abs(node.size.height - centreY));
    if (Math.min(toWest, toEast) > toVertical) {
        return undefined;
    }
    return toWest <= toEast ? 'west' : 'east';
}

/** The bounds of a port's component in the edge's parent's coordinates (components sit on the graph). */
function componentBounds(port: TwinPort, edge: GRoutableElement): { x: number; y: number; width: number; height: number } {
    const node = port.parent as GNode;
    if (node.parent === edge.parent) {
        return node.bounds;
    }
    return { ...port.bounds, x: port.bounds.x + node.bounds.x, y: port.bounds.y + node.bounds.y };
}
