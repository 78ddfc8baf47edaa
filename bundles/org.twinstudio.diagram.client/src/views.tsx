/** @jsx svg */
import {
    Dimension,
    GEdgeView,
    GLabel,
    GLabelView,
    GModelElement,
    GNode,
    Point,
    RenderingContext,
    ShapeView,
    angleOfPoint,
    isViewport,
    svg,
    toDegrees
} from '@eclipse-glsp/client';
import { injectable } from 'inversify';
import { VNode } from 'snabbdom';
import { CONNECTABLE } from './connection-targets';
import { glyphFor } from './icons';
import { ComponentNode, ConnectionEdge, DataType, HEADER_HEIGHT, TYPE_POSITION, TwinPort, TwinTypes } from './model';

const CORNER = 6;

/**
 * Below this zoom a component's text is under 4 px high: components are drawn as their boxes and connections as
 * bare lines. An overview of a large twin then draws a few elements per component instead of dozens.
 */
export const DETAIL_ZOOM = 0.4;

/**
 * True while the canvas has not been measured: sprotty's first render of a new model happens before that and would
 * draw every element (its visibility check gives up without canvas bounds), only to be replaced by the culled render
 * that follows at once; for a large twin that first render and the layout it forces cost more than the rest of the
 * opening. Drawing nothing until then loses nothing.
 */
function beforeCanvasKnown(element: Readonly<GModelElement>, context: RenderingContext): boolean {
    const root = element.root;
    return context.targetKind !== 'hidden' && isViewport(root) && !Dimension.isValid(root.canvasBounds);
}

function coarse(element: Readonly<GModelElement>, context: RenderingContext): boolean {
    const root = element.root;
    return context.targetKind !== 'hidden' && isViewport(root) && root.zoom < DETAIL_ZOOM;
}

/**
 * A component: white rounded box, a tinted header with the type's glyph, the name (editable) and the type below
 * it, then one row per port. The body rectangle alone gives the node its bounds, so ports on the border do not
 * widen the node when the client reports bounds to the server.
 */
@injectable()
export class ComponentNodeView extends ShapeView {
    render(node: Readonly<ComponentNode>, context: RenderingContext): VNode | undefined {
        if (beforeCanvasKnown(node, context) || !this.isVisible(node, context)) {
            return undefined;
        }
        const width = Math.max(node.size.width, 40);
        const height = Math.max(node.size.height, HEADER_HEIGHT);
        const header = Math.min(HEADER_HEIGHT, height);
        const glyph = glyphFor(node.componentType);
        if (coarse(node, context)) {
            return (
                <g class-twin-component={true} class-twin-coarse={true} class-selected={node.selected}>
                    <rect class-twin-halo={true} x={-4} y={-4} width={width + 8} height={height + 8} rx={CORNER + 4} />
                    <rect class-sprotty-node={true} class-twin-body={true} x={0} y={0} width={width} height={height} rx={CORNER} bboxElement={true} />
                    <rect x={0} y={0} width={width} height={header} rx={CORNER} fill={glyph.accent} />
                </g>
            );
        }
        const labels = node.children.filter(child => child instanceof GLabel);
        const others = node.children.filter(child => !(child instanceof GLabel));
        return (
            <g
                class-twin-component={true}
                class-selected={node.selected}
                class-mouseover={node.hoverFeedback}
                {...{ [`class-twin-type-${cssSafe(node.componentType)}`]: true }}
            >
                <rect class-twin-halo={true} x={-4} y={-4} width={width + 8} height={height + 8} rx={CORNER + 4} />
                <rect class-sprotty-node={true} class-twin-body={true} x={0} y={0} width={width} height={height} rx={CORNER} bboxElement={true} />
                <path
                    class-twin-header={true}
                    d={`M0,${header} V${CORNER} Q0,0 ${CORNER},0 H${width - CORNER} Q${width},0 ${width},${CORNER} V${header} Z`}
                    fill={glyph.accent}
                />
                <line class-twin-header-rule={true} x1={0} y1={header} x2={width} y2={header} stroke={glyph.accent} />
                <g class-twin-glyph={true} transform='translate(10 10)' stroke={glyph.accent}>
                    <path d={glyph.path} />
                </g>
                <rect class-twin-frame={true} x={0} y={0} width={width} height={height} rx={CORNER} />
                {labels.map(label => context.renderElement(label))}
                {typeText(node, width)}
                {others.map(child => context.renderElement(child))}
            </g>
        );
    }
}

/** The component name: bold, clipped with an ellipsis when longer than the header. */
@injectable()
export class ComponentLabelView extends GLabelView {
    override render(label: Readonly<GLabel>, context: RenderingContext): VNode | undefined {
        if (!this.isVisible(label, context)) {
            return undefined;
        }
        const node = label.parent instanceof GNode ? label.parent : undefined;
        const room = node ? node.size.width - label.position.x - 8 : 200;
        const isName = label.type === TwinTypes.LABEL_NAME;
        const text = fit(label.text, room, isName ? 7.4 : 6.2);
        const vnode = (
            <text class-sprotty-label={true} class-twin-name={isName} class-twin-type={!isName} class-twin-anchor-start={true}>
                {text}
            </text>
        );
        if (text !== label.text) {
            vnode.children?.push(<title>{label.text}</title>);
        }
        return vnode;
    }
}

/**
 * A port: a small shape on the border. Shape and colour tell the data type (filled for numbers: triangle real,
 * pentagon integer; hollow for the rest: triangle boolean, pentagon string); it points into the component for an
 * input and out of it for an output. The port name is written inside the component next to it.
 */
@injectable()
export class PortView extends ShapeView {
    render(port: Readonly<TwinPort>, context: RenderingContext): VNode | undefined {
        if (!this.isVisible(port, context)) {
            return undefined;
        }
        const w = port.size.width > 0 ? port.size.width : 8;
        const h = port.size.height > 0 ? port.size.height : 8;
        const side = borderSide(port);
        const pointsInward = port.isInput;
        // The shape is drawn pointing east and rotated to face into or out of the component.
        const outward = { west: 180, east: 0, north: 270, south: 90 }[side];
        const angle = pointsInward ? (outward + 180) % 360 : outward;
        const label = labelPlacement(side, w, h);
        return (
            <g
                class-twin-port={true}
                class-selected={port.selected}
                class-mouseover={port.hoverFeedback}
                {...{ [`class-twin-${port.dataType}`]: true }}
                class-twin-in={port.isInput}
                class-twin-out={!port.isInput}
                class-twin-connectable={port.cssClasses?.includes(CONNECTABLE) ?? false}
            >
                <rect class-twin-port-hit={true} x={0} y={0} width={w} height={h} bboxElement={true} />
                <path
                    class-twin-port-shape={true}
                    d={portShape(port.dataType)}
                    transform={`translate(${w / 2} ${h / 2}) rotate(${angle})`}
                />
                <text class-twin-port-label={true} {...{ [`class-twin-anchor-${label.anchor}`]: true }} x={label.x} y={label.y}>
                    {port.portName}
                </text>
            </g>
        );
    }
}

/**
 * How far a route may stray from the box around its two components and bend points: the stub out of a port, the
 * clearance of a loop around the components (router.ts) and the arrow head, with room to spare.
 */
const ROUTE_MARGIN = 100;

/** A connection: orthogonal polyline coloured by data type, with an arrow head at the input it feeds. */
@injectable()
export class ConnectionEdgeView extends GEdgeView {
    override render(edge: Readonly<ConnectionEdge>, context: RenderingContext): VNode {
        // Out of view: neither routed nor drawn (GLSP's edge view routes and draws every edge on every update).
        if (beforeCanvasKnown(edge, context) || (context.targetKind !== 'hidden' && edge.children.length === 0 && clearlyOutOfView(edge))) {
            // sprotty's renderer leaves out elements whose view draws nothing, as its shape views do out of view.
            return undefined as unknown as VNode;
        }
        return super.render(edge, context);
    }

    protected override additionalClasses(edge: Readonly<ConnectionEdge>): Record<string, boolean> {
        // Spread into the element's JSX props, hence the `class-` prefix.
        return { 'class-twin-connection': true, [`class-twin-${edge.dataType}`]: true };
    }

    protected override renderLine(_edge: ConnectionEdge, segments: Point[]): VNode {
        return <path class-twin-line={true} d={this.createPathForSegments(segments)} />;
    }

    protected override renderAdditionals(edge: ConnectionEdge, segments: Point[], context: RenderingContext): VNode[] {
        if (coarse(edge, context) && !edge.selected) {
            return [];
        }
        const additionals = super.renderAdditionals(edge, segments, context);
        // A wide transparent twin of the line makes thin edges easy to hover and select.
        additionals.push(<path class-twin-edge-hit={true} d={this.createPathForSegments(segments)} />);
        const tip = segments[segments.length - 1];
        const before = segments[segments.length - 2];
        if (tip && before) {
            const angle = toDegrees(angleOfPoint(Point.subtract(before, tip)));
            additionals.push(
                <path
                    class-twin-arrow={true}
                    d='M0,0 L7,-3.5 L7,3.5 Z'
                    transform={`translate(${tip.x} ${tip.y}) rotate(${angle})`}
                />
            );
        }
        return additionals;
    }
}

/**
 * True when the box around a connection's two components and its bend points, widened by {@link ROUTE_MARGIN}, lies
 * outside the part of the diagram in view: its route lies within that box. False when unsure (ends not ports of
 * top-level components, e.g. while reconnecting).
 */
function clearlyOutOfView(edge: Readonly<ConnectionEdge>): boolean {
    const root = edge.root;
    const source = edge.source;
    const target = edge.target;
    if (!isViewport(root) || !Dimension.isValid(root.canvasBounds) || root.zoom <= 0) {
        return false;
    }
    if (!(source instanceof TwinPort) || !(target instanceof TwinPort)) {
        return false;
    }
    const from = source.parent;
    const to = target.parent;
    if (!(from instanceof GNode) || !(to instanceof GNode) || from.parent !== root || to.parent !== root) {
        return false;
    }
    let minX = Math.min(from.position.x, to.position.x);
    let minY = Math.min(from.position.y, to.position.y);
    let maxX = Math.max(from.position.x + from.size.width, to.position.x + to.size.width);
    let maxY = Math.max(from.position.y + from.size.height, to.position.y + to.size.height);
    for (const point of edge.routingPoints) {
        minX = Math.min(minX, point.x);
        minY = Math.min(minY, point.y);
        maxX = Math.max(maxX, point.x);
        maxY = Math.max(maxY, point.y);
    }
    const left = root.scroll.x;
    const top = root.scroll.y;
    const right = left + root.canvasBounds.width / root.zoom;
    const bottom = top + root.canvasBounds.height / root.zoom;
    return maxX + ROUTE_MARGIN < left || minX - ROUTE_MARGIN > right || maxY + ROUTE_MARGIN < top || minY - ROUTE_MARGIN > bottom;
}

type Side = 'west' | 'east' | 'north' | 'south';

/** The side of its component a port sits on, from its position relative to the component's box. */
function borderSide(port: Readonly<TwinPort>): Side {
    const node = port.parent instanceof GNode ? port.parent : undefined;
    if (!node) {
        return port.isInput ? 'west' : 'east';
    }
    const cx = port.position.x + port.size.width / 2;
    const cy = port.position.y + port.size.height / 2;
    const distances: [Side, number][] = [
        ['west', Math.abs(cx)],
        ['east', Math.abs(node.size.width - cx)],
        ['north', Math.abs(cy)],
        ['south', Math.abs(node.size.height - cy)]
    ];
    distances.sort((a, b) => a[1] - b[1]);
    return distances[0][0];
}

function labelPlacement(side: Side, w: number, h: number): { x: number; y: number; anchor: string } {
    switch (side) {
        case 'west':
            return { x: w + 6, y: h / 2 + 3.5, anchor: 'start' };
        case 'east':
            return { x: -6, y: h / 2 + 3.5, anchor: 'end' };
        case 'north':
            return { x: w / 2, y: h + 12, anchor: 'middle' };
        case 'south':
            return { x: w / 2, y: -5, anchor: 'middle' };
    }
}

function portShape(dataType: DataType): string {
    // Pointing east, centred on the port.
    return dataType === 'real' || dataType === 'boolean' ? 'M-4,-5 L5,0 L-4,5 Z' : 'M-4,-4.5 L1,-4.5 L5,0 L1,4.5 L-4,4.5 Z';
}

/** The type under the name, where a label of its own would sit. */
function typeText(node: Readonly<ComponentNode>, width: number): VNode {
    const type = node.componentType;
    const shown = fit(type, width - TYPE_POSITION.x - 8, 6.2);
    const vnode = (
        <text
            class-sprotty-label={true}
            class-twin-type={true}
            class-twin-anchor-start={true}
            transform={`translate(${TYPE_POSITION.x} ${TYPE_POSITION.y})`}
        >
            {shown}
        </text>
    );
    if (shown !== type) {
        vnode.children?.push(<title>{type}</title>);
    }
    return vnode;
}

function fit(text: string, room: number, charWidth: number): string {
    const max = Math.floor(room / charWidth);
    return text.length <= max || max < 2 ? text : text.substring(0, max - 1) + '\u2026';
}

function cssSafe(text: string): string {
    return text.replace(/[^A-Za-z0-9_-]/g, '_') || 'unknown';
}
