import { PaletteItem, ToolPalette, TriggerEdgeCreationAction, TriggerNodeCreationAction } from '@eclipse-glsp/client';
import { injectable } from 'inversify';
import { glyphFor } from './icons';
import { TwinTypes } from './model';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CONNECTION_GLYPH = { path: 'M2 15h6V5h6 M11 2l3 3-3 3', accent: '#1f6fb2' };

/** GLSP's tool palette with the diagram's type glyphs in front of the server's palette entries. */
@injectable()
export class TwinToolPalette extends ToolPalette {
    protected override createToolButton(item: PaletteItem, index: number): HTMLElement {
        const button = super.createToolButton(item, index);
        const glyph = glyphOf(item);
        if (glyph && !item.icon) {
            button.prepend(glyphElement(glyph.path, glyph.accent));
        }
        return button;
    }
}

function glyphOf(item: PaletteItem): { path: string; accent: string } | undefined {
    const trigger = PaletteItem.getTriggerAction(item);
    if (TriggerNodeCreationAction.is(trigger)) {
        const type = trigger.args?.[TwinTypes.ARG_COMPONENT_TYPE];
        return typeof type === 'string' ? glyphFor(type) : undefined;
    }
    return TriggerEdgeCreationAction.is(trigger) ? CONNECTION_GLYPH : undefined;
}

function glyphElement(path: string, colour: string): SVGElement {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 20 20');
    svg.setAttribute('width', '16');
    svg.setAttribute('height', '16');
    svg.setAttribute('aria-hidden', 'true');
    svg.classList.add('twin-palette-glyph');
    const shape = document.createElementNS(SVG_NS, 'path');
    shape.setAttribute('d', path);
    shape.setAttribute('stroke', colour);
    svg.appendChild(shape);
    return svg;
}
