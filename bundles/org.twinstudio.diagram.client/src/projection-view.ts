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

/**
 * GLSP's projection bars (the overview at the borders) with one projection per component, coloured by the worst
 * issue on it or its ports, instead of one more per issue marker, and neighbours merged into runs. A twin of 2,000
 * components with thousands of markers had as many projections, laid out by the browser on every update (a move, a
 * hover); now it has a few dozen runs, drawn afresh each time.
 */
@injectable()
export class TwinProjectionView extends GLSPProjectionView {
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
        const canvas = model.canvasBounds;
        return [
            this.renderProjectionBar(mergeRuns(projections, 'vertical', canvas.height / modelBounds.height), model, modelBounds, 'vertical'),
            this.renderProjectionBar(mergeRuns(projections, 'horizontal', canvas.width / modelBounds.width), model, modelBounds, 'horizontal')
        ];
    }
}

/**
 * The projections of one bar with those of the same classes that touch or overlap on the bar (less than a pixel
 * apart at {@code factor} pixels per model unit) merged into one run. The bar looks the same, but a twin of 2,000
 * components has a few dozen runs instead of 2,000 elements per bar, which the browser had to lay out on every
 * render.
 */
function mergeRuns(projections: ViewProjection[], orientation: 'horizontal' | 'vertical', factor: number): ViewProjection[] {
    if (!(factor > 0) || !Number.isFinite(factor)) {
        return projections;
    }
    const horizontal = orientation === 'horizontal';
    const gap = 1 / factor;
    const groups = new Map<string, ViewProjection[]>();
    for (const projection of projections) {
        const key = projection.cssClasses.join(' ');
        const group = groups.get(key);
        if (group) {
            group.push(projection);
        } else {
            groups.set(key, [projection]);
        }
    }
    const runs: ViewProjection[] = [];
    for (const [key, group] of groups) {
        const start = (p: ViewProjection): number => (horizontal ? p.projectedBounds.x : p.projectedBounds.y);
        const size = (p: ViewProjection): number => (horizontal ? p.projectedBounds.width : p.projectedBounds.height);
        group.sort((a, b) => start(a) - start(b));
        let from = start(group[0]);
        let to = from + size(group[0]);
        const flush = (): void => {
            const bounds = horizontal ? { x: from, y: 0, width: to - from, height: 0 } : { x: 0, y: from, width: 0, height: to - from };
            runs.push({ elementId: `${orientation}:${key}:${runs.length}`, projectedBounds: bounds, cssClasses: group[0].cssClasses });
        };
        for (let i = 1; i < group.length; i++) {
            const s = start(group[i]);
            if (s <= to + gap) {
                to = Math.max(to, s + size(group[i]));
            } else {
                flush();
                from = s;
                to = s + size(group[i]);
            }
        }
        flush();
    }
    return runs;
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
