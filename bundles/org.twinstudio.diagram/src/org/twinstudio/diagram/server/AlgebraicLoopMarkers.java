package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.glsp.server.features.validation.Marker;
import org.eclipse.glsp.server.features.validation.MarkerKind;
import org.twinstudio.model.Component;
import org.twinstudio.model.TwinModel;
import org.twinstudio.sim.Simulation;
import org.twinstudio.sim.SimulationException;

/**
 * Points at the algebraic loops the simulation runtime finds in a twin: every connection of a loop of feedthrough
 * outputs gets an info marker naming the whole loop, so that a modeler sees where the runtime will iterate at every
 * step (and where a missing delay or state would break the loop).
 *
 * <p>The loops are the simulation master's own (its build orders the outputs and finds the strongly connected
 * sets), not a second analysis that could disagree with it. Twins with errors are left to the model validator, and
 * twins with FMUs are not built here: that would load their binaries while editing.
 */
final class AlgebraicLoopMarkers {

    /** A marker's label; the client shows it in the hover. */
    static final String LABEL = "Algebraic loop";

    private AlgebraicLoopMarkers() {
    }

    /** Markers for the connections (by their graph ids) among {@code edgeIds} that lie on an algebraic loop. */
    static List<Marker> of(TwinModel model, Set<String> edgeIds) {
        for (Component component : model.getComponents()) {
            if ("fmu".equals(component.getType())) {
                return List.of();
            }
        }
        List<List<String>> loops;
        try {
            loops = Simulation.builder(model).build().algebraicLoopConnections();
        } catch (SimulationException | RuntimeException e) {
            return List.of(); // not buildable: the validator's findings say why
        }
        List<Marker> markers = new ArrayList<>();
        for (List<String> loop : loops) {
            String description = "On an algebraic loop, solved by iteration at every step: " + String.join(", ", loop);
            for (String connection : loop) {
                String edgeId = connection.replace(" -> ", "->"); // the diagram's edge id: source->target
                if (edgeIds.contains(edgeId)) {
                    markers.add(new Marker(LABEL, description, edgeId, MarkerKind.INFO));
                }
            }
        }
        return markers;
    }
}
