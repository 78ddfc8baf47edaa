import { Action, Bounds, GModelRoot, SetViewportAction, isBoundsAware, isViewport } from '@eclipse-glsp/client';

/** GLSP's zoom limits (configureDiagramOptions). */
export const MIN_ZOOM = 0.1;
const PADDING = 40;

/**
 * The viewport that shows the whole diagram: at most 100 %, centred when it fits the window, else zoomed out to
 * fit. A diagram too large even at the smallest zoom starts at its leftmost component (GLSP's
 * fit-to-screen would clamp the zoom but keep the centre it computed for the smaller zoom, showing the diagram off
 * to one side).
 * `canvas` stands for the root's canvas bounds when they are about to be set.
 * `undefined` when the model has nothing to show yet.
 */
export function viewportToShowAll(
    root: Readonly<GModelRoot>,
    options: { topLeftAtFullSize: boolean; canvas?: Bounds }
): Action | undefined {
    if (!isViewport(root)) {
        return undefined;
    }
    const boxes = root.children.flatMap(child => (isBoundsAware(child) && Bounds.isValid(child.bounds) ? [child.bounds] : []));
    const canvas = options.canvas ?? root.canvasBounds;
    if (boxes.length === 0 || canvas.width <= 0 || canvas.height <= 0) {
        return undefined;
    }
    const all = boxes.reduce((a, b) => Bounds.combine(a, b));
    const wanted = Math.min(canvas.width / (all.width + 2 * PADDING), canvas.height / (all.height + 2 * PADDING), 1);
    const zoom = Math.max(MIN_ZOOM, wanted);
    let scroll;
    if (wanted < MIN_ZOOM) {
        // Too large even at the smallest zoom: start where the flow starts, at the leftmost component (the top one of
        // several), at the left border and halfway down; the corner of the whole box may well be empty.
        const first = boxes.reduce((a, b) => (b.x < a.x || (b.x === a.x && b.y < a.y) ? b : a));
        scroll = { x: first.x - PADDING, y: first.y + first.height / 2 - canvas.height / 2 / zoom };
    } else if (zoom === 1 && options.topLeftAtFullSize) {
        scroll = { x: all.x - PADDING, y: all.y - PADDING };
    } else {
        const centre = Bounds.center(all);
        scroll = { x: centre.x - canvas.width / 2 / zoom, y: centre.y - canvas.height / 2 / zoom };
    }
    return SetViewportAction.create(root.id, { scroll, zoom }, { animate: !options.topLeftAtFullSize });
}
