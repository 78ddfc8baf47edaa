package org.twinstudio.diagram;

/** GLSP type ids and argument keys of the twin diagram; the client picks its views by these. */
public final class DiagramTypes {

    /** The diagram type the GLSP client asks for. */
    public static final String DIAGRAM = "twin";
    public static final String GRAPH = "graph";
    public static final String COMPONENT = "node:component";
    public static final String PORT_IN = "port:in";
    public static final String PORT_OUT = "port:out";
    public static final String CONNECTION = "edge:connection";
    public static final String LABEL_NAME = "label:name";
    /** The component type shown on the node; the client may show an icon for it instead. */

    public static final String ARG_COMPONENT_TYPE = "componentType";
    public static final String ARG_DATA_TYPE = "dataType";
    public static final String ARG_UNIT = "unit";
    /** A port's name: an argument rather than a label child, which would add an element per port to every model. */
    public static final String ARG_PORT_NAME = "name";

    /** Default node geometry when the notation has none (also the sizes the layout uses). */
    public static final double NODE_WIDTH = 160;
    public static final double NODE_HEADER = 40;
    public static final double PORT_PITCH = 20;
    public static final double PORT_SIZE = 8;

    private DiagramTypes() {
    }

    /** Height that gives every port on the busier side its own slot below the header. */
    public static double nodeHeight(int inputs, int outputs) {
        return NODE_HEADER + Math.max(1, Math.max(inputs, outputs)) * PORT_PITCH;
    }
}
