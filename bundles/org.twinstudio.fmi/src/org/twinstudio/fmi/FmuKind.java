package org.twinstudio.fmi;

/** The FMI interface types an FMU may implement. */
public enum FmuKind {
    /** The FMU brings its own solver; the importer advances it with doStep. */
    CO_SIMULATION("CoSimulation"),
    /** The FMU gives derivatives and event indicators; the importer integrates and handles events. */
    MODEL_EXCHANGE("ModelExchange");

    private final String element;

    FmuKind(String element) {
        this.element = element;
    }

    /** The modelDescription.xml element that declares this kind. */
    public String element() {
        return element;
    }
}
