package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.glsp.server.operations.ChangeBoundsOperation;
import org.eclipse.glsp.server.types.ElementAndBounds;
import org.twinstudio.diagram.Notation;
import org.twinstudio.model.Component;
import org.twinstudio.model.notation.NodeLayout;

/**
 * Moves and resizes components: the new position (and size, when given) goes into the component's
 * {@link NodeLayout}; a component without one gets one, with its current size from the GModel.
 */
public class ChangeBoundsHandler extends TwinOperationHandler<ChangeBoundsOperation> {

    @Override
    public String getLabel() {
        return "Move or resize";
    }

    @Override
    public Optional<Command> createCommand(ChangeBoundsOperation operation) {
        record Change(Component component, ElementAndBounds bounds, double width, double height) {
        }
        List<Change> changes = new ArrayList<>();
        for (ElementAndBounds bounds : operation.getNewBounds()) {
            Optional<Component> component = element(bounds.getElementId(), Component.class);
            if (component.isEmpty() || bounds.getNewPosition() == null) {
                continue;
            }
            double width = bounds.getNewSize() != null ? bounds.getNewSize().getWidth() : currentSize(bounds.getElementId(), true);
            double height = bounds.getNewSize() != null ? bounds.getNewSize().getHeight() : currentSize(bounds.getElementId(), false);
            changes.add(new Change(component.get(), bounds, width, height));
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        boolean resized = changes.stream().anyMatch(c -> c.bounds().getNewSize() != null);
        return command(resized ? "Resize" : "Move", () -> {
            for (Change change : changes) {
                NodeLayout layout = Notation.ensureNodeLayout(model(), change.component());
                layout.setX(change.bounds().getNewPosition().getX());
                layout.setY(change.bounds().getNewPosition().getY());
                if (change.width() > 0 && change.height() > 0) {
                    layout.setWidth(change.width());
                    layout.setHeight(change.height());
                }
            }
        });
    }

    private double currentSize(String nodeId, boolean width) {
        return twin.getIndex().get(nodeId)
                .filter(org.eclipse.glsp.graph.GBoundsAware.class::isInstance)
                .map(e -> ((org.eclipse.glsp.graph.GBoundsAware) e).getSize())
                .map(size -> width ? size.getWidth() : size.getHeight())
                .orElse(0.0);
    }
}
