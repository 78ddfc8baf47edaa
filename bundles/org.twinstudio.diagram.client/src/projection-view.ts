import {
    GIssueMarker,
    GLSPProjectionView,
    GModelElement,
    GParentElement,
    GViewportRootElement,
    IViewArgs,
    RenderingContext,
    ViewProjection,
    getModelBounds,
    getProjectedBounds,
    isProjectable
} from '@eclipse-glsp/client';
import { injectable } from 'inversify';
import { VNode } from 'snabbdom';

/** The worst first: the class a projection gets for the issues under its element. */
const SEVERITIES = ['error', 'warning', 'info'];

type ProjectionParams = Parameters<GLSPProjectionView['renderProjection']>[2];

/** What a projection's drawing depends on. */
interface Drawn {
    factor: number;
    modelX: number;
    modelY: number;
    canvasWidth: number;
    canvasHeight: number;
    x: number;
    y: number;
    width: number;
    height: number;
    cssClasses: string[];
    vnode: VNode;
}

/**
 * GLSP's projection bars (the overview at the borders) with one projection per component, coloured by the worst
 * issue on it or its ports, instead of one more per issue marker; and a projection is drawn again only when its place
 * on the bar changed. A twin of 2,000 components with thousands of markers had as many projections, rebuilt for every
 * update (a move, a hover): that took longer than the rest of the render.
 */
@injectable()
export class TwinProjectionView extends GLSPProjectionView {
    protected drawn = { vertical: new Map<string, Drawn>(), horizontal: new Map<string, Drawn>() };

    override renderProjections(model: Readonly<GViewportRootElement>, _context: RenderingContext, _args?: IViewArgs): VNode[] {
        if (model.zoom <= 0) {
            return [];
        }
        const modelBounds = getModelBounds(model as GViewportRootElement);
        if (!modelBounds) {
            return [];
        }
        const projections: ViewProjection[] = [];
        for (const child of model.children) {
            if (isProjectable(child) && child.projectionCssClasses.length > 0) {
                const projectedBounds = getProjectedBounds(child);
                if (projectedBounds) {
                    const severity = child instanceof GIssueMarker ? undefined : worstIssue(child);
                    const cssClasses = severity ? [...child.projectionCssClasses, 'sprotty-issue', `sprotty-${severity}`] : child.projectionCssClasses;
                    projections.push({ elementId: child.id, projectedBounds, cssClasses });
                }
            }
        }
        return [
            this.renderProjectionBar(projections, model, modelBounds, 'vertical'),
            this.renderProjectionBar(projections, model, modelBounds, 'horizontal')
        ];
    }

    override renderProjection(projection: ViewProjection, model: Readonly<GViewportRootElement>, params: ProjectionParams): VNode {
        const bounds = projection.projectedBounds;
        const cache = params.orientation === 'horizontal' ? this.drawn.horizontal : this.drawn.vertical;
        const known = cache.get(projection.elementId);
        if (
            known &&
            known.factor === params.factor &&
            known.modelX === params.modelBounds.x &&
            known.modelY === params.modelBounds.y &&
            known.canvasWidth === model.canvasBounds.width &&
            known.canvasHeight === model.canvasBounds.height &&
            known.x === bounds.x &&
            known.y === bounds.y &&
            known.width === bounds.width &&
            known.height === bounds.height &&
            sameClasses(known.cssClasses, projection.cssClasses)
        ) {
            return known.vnode;
        }
        const vnode = super.renderProjection(projection, model, params);
        cache.set(projection.elementId, {
            factor: params.factor,
            modelX: params.modelBounds.x,
            modelY: params.modelBounds.y,
            canvasWidth: model.canvasBounds.width,
            canvasHeight: model.canvasBounds.height,
            x: bounds.x,
            y: bounds.y,
            width: bounds.width,
            height: bounds.height,
            cssClasses: [...projection.cssClasses],
            vnode
        });
        return vnode;
    }
}

/** The worst severity of the issue markers on {@code element} and its descendants, if any. */
function worstIssue(element: Readonly<GModelElement>): string | undefined {
    let worst = SEVERITIES.length;
    const visit = (parent: Readonly<GModelElement>): void => {
        if (!(parent instanceof GParentElement)) {
            return;
        }
        for (const child of parent.children) {
            if (child instanceof GIssueMarker) {
                for (const issue of child.issues) {
                    worst = Math.min(worst, SEVERITIES.indexOf(issue.severity) < 0 ? worst : SEVERITIES.indexOf(issue.severity));
                }
            } else {
                visit(child);
            }
        }
    };
    visit(element);
    return SEVERITIES[worst];
}

function sameClasses(a: string[], b: string[]): boolean {
    if (a.length !== b.length) {
        return false;
    }
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
            return false;
        }
    }
    return true;
}
