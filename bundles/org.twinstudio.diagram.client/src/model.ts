import {
    Args,
    ArgsAware,
    EditableLabel,
    GChildElement,
    GEdge,
    GLabel,
    GNode,
    GPort,
    Nameable,
    WithEditableLabel,
    argsFeature,
    isEditableLabel,
    nameFeature,
    popupFeature,
    withEditLabelFeature
} from '@eclipse-glsp/client';

/** The GLSP type ids and argument keys the Twinstudio diagram server sends (org.twinstudio.diagram.DiagramTypes). */
export namespace TwinTypes {
    export const DIAGRAM = 'twin';
    export const GRAPH = 'graph';
    export const COMPONENT = 'node:component';
    export const PORT_IN = 'port:in';
    export const PORT_OUT = 'port:out';
    export const CONNECTION = 'edge:connection';
    export const LABEL_NAME = 'label:name';
    export const ARG_COMPONENT_TYPE = 'componentType';
    export const ARG_DATA_TYPE = 'dataType';
    export const ARG_UNIT = 'unit';
    export const ARG_PORT_NAME = 'name';
}

export type DataType = 'real' | 'integer' | 'boolean' | 'string';

export function dataTypeOf(args: Args | undefined): DataType {
    const value = args?.[TwinTypes.ARG_DATA_TYPE];
    return value === 'integer' || value === 'boolean' || value === 'string' ? value : 'real';
}

/** Where the name and type texts sit in a component's header (the header is 40 px, as the server lays out ports). */
export const HEADER_HEIGHT = 40;
export const NAME_POSITION = { x: 38, y: 6 };
export const TYPE_POSITION = { x: 38, y: 22 };

/** A twin component: a node with a name label, its type (an argument) and ports on its border. */
export class ComponentNode extends GNode implements Nameable, WithEditableLabel, ArgsAware {
    static override readonly DEFAULT_FEATURES = [...GNode.DEFAULT_FEATURES, nameFeature, withEditLabelFeature, argsFeature];

    args?: Args;
    /** Shown as a bar in the scroll bars (GLSP projection view), a cheap overview of where components are. */
    projectionCssClasses = ['twin-component-projection'];

    get componentType(): string {
        const type = this.args?.[TwinTypes.ARG_COMPONENT_TYPE];
        return typeof type === 'string' ? type : '';
    }

    get editableLabel(): (GChildElement & EditableLabel) | undefined {
        const label = this.children.find(child => child.type === TwinTypes.LABEL_NAME);
        return label && isEditableLabel(label) ? label : undefined;
    }

    get name(): string {
        const label = this.children.find(child => child.type === TwinTypes.LABEL_NAME);
        return label instanceof GLabel ? label.text : this.id;
    }
}

/**
 * The name of a component, editable in place. The server leaves its position open; the header places it, so the
 * label keeps its place whether or not the server sends back the bounds the client computed. (The type below it is
 * drawn from the node's arguments: one element fewer per component.)
 */
export class ComponentNameLabel extends GLabel {
    override position = { ...NAME_POSITION };
}

/** A port on a component's border; its data type and unit come as args. */
export class TwinPort extends GPort implements ArgsAware {
    static override readonly DEFAULT_FEATURES = [...GPort.DEFAULT_FEATURES, popupFeature, argsFeature];

    args?: Args;

    get dataType(): DataType {
        return dataTypeOf(this.args);
    }

    get unit(): string {
        const unit = this.args?.[TwinTypes.ARG_UNIT];
        return typeof unit === 'string' ? unit : '';
    }

    get isInput(): boolean {
        return this.type === TwinTypes.PORT_IN;
    }

    get portName(): string {
        const name = this.args?.[TwinTypes.ARG_PORT_NAME];
        return typeof name === 'string' ? name : this.id.substring(this.id.lastIndexOf('.') + 1);
    }
}

/** The kind of the orthogonal port-to-port router (router.ts). */
export const TWIN_ROUTER_KIND = 'twin-orthogonal';

/** A connection from an output port to an input port; routed orthogonally and typed by its source port. */
export class ConnectionEdge extends GEdge {
    static override readonly DEFAULT_FEATURES = [...GEdge.DEFAULT_FEATURES, popupFeature];

    override routerKind = TWIN_ROUTER_KIND;

    get dataType(): DataType {
        const source = this.source;
        const target = this.target;
        if (source instanceof TwinPort) {
            return source.dataType;
        }
        return target instanceof TwinPort ? target.dataType : 'real';
    }
}
