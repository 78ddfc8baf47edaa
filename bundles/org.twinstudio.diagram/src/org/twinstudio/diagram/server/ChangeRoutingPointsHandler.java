package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.graph.GPoint;
import org.eclipse.glsp.server.operations.ChangeRoutingPointsOperation;
import org.eclipse.glsp.server.types.ElementAndRoutingPoints;
import org.twinstudio.diagram.Notation;
import org.twinstudio.model.Connection;
import org.twinstudio.model.notation.NotationFactory;
import org.twinstudio.model.notation.Point;

/** Stores a connection's new bend points (absolute diagram coordinates) in its {@code EdgeLayout}. */
public class ChangeRoutingPointsHandler extends TwinOperationHandler<ChangeRoutingPointsOperation> {

    @Override
    public String getLabel() {
        return "Change route";
    }

    @Override
    public Optional<Command> createCommand(ChangeRoutingPointsOperation operation) {
        record Route(Connection connection, List<GPoint> points) {
        }
        List<Route> routes = new ArrayList<>();
        for (ElementAndRoutingPoints change : operation.getNewRoutingPoints()) {
            element(change.getElementId(), Connection.class).ifPresent(c -> routes.add(new Route(c,
                    change.getNewRoutingPoints() == null ? List.of() : List.copyOf(change.getNewRoutingPoints()))));
        }
        if (routes.isEmpty()) {
            return Optional.empty();
        }
        return command("Change route", () -> {
            for (Route route : routes) {
                List<Point> bends = new ArrayList<>();
                for (GPoint p : route.points()) {
                    Point bend = NotationFactory.eINSTANCE.createPoint();
                    bend.setX(p.getX());
                    bend.setY(p.getY());
                    bends.add(bend);
                }
                var layout = Notation.ensureEdgeLayout(model(), route.connection());
                layout.getBendPoints().clear();
                layout.getBendPoints().addAll(bends);
            }
        });
    }
}
