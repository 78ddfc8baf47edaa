import {
    Action,
    GModelElement,
    KeyListener,
    LayoutKeyListener,
    LayoutOperation,
    SelectionService,
    SetViewportAction,
    Viewport,
    isViewport,
    matchesKeystroke
} from '@eclipse-glsp/client';
import { inject, injectable } from 'inversify';
import { TwinTypes } from './model';
import { MIN_ZOOM, viewportToShowAll } from './viewport';

export const ZOOM_STEP = 1.2;

/**
 * Keyboard zoom: `+` / `-` zoom about the centre of the view, `0` shows the whole diagram (at most 100 %). (Ctrl+Shift+F fit and
 * Ctrl+Shift+C centre come with GLSP's standalone viewport module.)
 */
@injectable()
export class ZoomKeyListener extends KeyListener {
    override keyDown(element: GModelElement, event: KeyboardEvent): Action[] {
        if (event.ctrlKey || event.metaKey || event.altKey || isTextInput(event.target)) {
            return [];
        }
        const root = element.root;
        if (!isViewport(root)) {
            return [];
        }
        if (event.key === '+' || event.key === '=' || event.code === 'NumpadAdd') {
            return [zoomAboutCentre(root.id, root, root.canvasBounds, ZOOM_STEP)];
        }
        if (event.key === '-' || event.code === 'NumpadSubtract') {
            return [zoomAboutCentre(root.id, root, root.canvasBounds, 1 / ZOOM_STEP)];
        }
        if (event.key === '0' || event.code === 'Numpad0') {
            const showAll = viewportToShowAll(root, { topLeftAtFullSize: false });
            return showAll ? [showAll] : [];
        }
        return [];
    }
}

/** The viewport after zooming by `factor` while the point in the middle of the canvas stays where it is. */
export function zoomAboutCentre(
    rootId: string,
    viewport: Viewport,
    canvas: { width: number; height: number },
    factor: number
): SetViewportAction {
    const zoom = Math.min(20, Math.max(MIN_ZOOM, viewport.zoom * factor));
    const centre = {
        x: viewport.scroll.x + canvas.width / 2 / viewport.zoom,
        y: viewport.scroll.y + canvas.height / 2 / viewport.zoom
    };
    const scroll = { x: centre.x - canvas.width / 2 / zoom, y: centre.y - canvas.height / 2 / zoom };
    return SetViewportAction.create(rootId, { scroll, zoom }, { animate: true });
}

function isTextInput(target: EventTarget | null): boolean {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/**
 * Ctrl+Shift+L lays out the twin, or, with two or more components selected, only those (the server keeps the
 * group's top left corner). GLSP's own listener always asks for the whole diagram.
 */
@injectable()
export class TwinLayoutKeyListener extends LayoutKeyListener {
    @inject(SelectionService) protected selection: SelectionService;

    override keyDown(element: GModelElement, event: KeyboardEvent): Action[] {
        if (!matchesKeystroke(event, 'KeyL', 'ctrlCmd', 'shift')) {
            return [];
        }
        const root = element.root;
        const components = this.selection
            .getSelectedElementIDs()
            .filter(id => root.index.getById(id)?.type === TwinTypes.COMPONENT);
        return [LayoutOperation.create(components.length >= 2 ? components : undefined)];
    }
}
