import { GModelElement, GRoutableElement, GlspHoverMouseListener } from '@eclipse-glsp/client';
import { injectable } from 'inversify';

/**
 * GLSP's hover listener, with popups of connections placed at the mouse pointer: the bounds of a connection come
 * from its bend points only, so placing the popup beside them would put it at the left edge of the canvas.
 */
@injectable()
export class TwinHoverMouseListener extends GlspHoverMouseListener {
    protected override allowSidePosition(target: GModelElement, side: 'above' | 'below' | 'left' | 'right', distance: number): boolean {
        return !(target instanceof GRoutableElement) && super.allowSidePosition(target, side, distance);
    }
}
