package org.twinstudio.diagram.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.graph.GPoint;
import org.eclipse.glsp.server.operations.PasteOperation;
import org.twinstudio.diagram.ComponentNames;
import org.twinstudio.diagram.Notation;
import org.twinstudio.diagram.TwinClipboard;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.NodeLayout;

/**
 * Paste: the copied components get free names (a copy of {@code heater1} becomes the next free {@code heaterN}) and
 * come with the connections among them. Placed copies keep their arrangement, with their top-left corner at the
 * mouse if the client says where it is, else {@value #OFFSET} units right and down of the originals.
 */
public class PasteHandler extends TwinOperationHandler<PasteOperation> {

    static final double OFFSET = 20;

    @Override
    public String getLabel() {
        return "Paste";
    }

    @Override
    public Optional<Command> createCommand(PasteOperation operation) {
        Map<String, String> data = operation.getClipboardData();
        String text = data == null ? null : data.get(TwinClipboard.MIME_TYPE);
        if (text == null) {
            return Optional.empty();
        }
        TwinModel clip;
        try {
            clip = TwinClipboard.read(text);
        } catch (IOException | RuntimeException e) {
            return refuse("cannot paste: the clipboard does not hold twin components (" + e.getMessage() + ")");
        }
        if (clip.getComponents().isEmpty()) {
            return Optional.empty();
        }
        List<NodeLayout> layouts = new ArrayList<>();
        for (Component c : clip.getComponents()) {
            NodeLayout layout = Notation.nodeLayout(clip, c);
            if (layout != null) {
                layouts.add(layout);
            }
        }
        double dx = OFFSET;
        double dy = OFFSET;
        Optional<GPoint> mouse = operation.getEditorContext() == null ? Optional.empty()
                : operation.getEditorContext().getLastMousePosition();
        if (mouse.isPresent() && !layouts.isEmpty()) {
            dx = mouse.get().getX() - layouts.stream().mapToDouble(NodeLayout::getX).min().orElse(0);
            dy = mouse.get().getY() - layouts.stream().mapToDouble(NodeLayout::getY).min().orElse(0);
        }
        double shiftX = dx;
        double shiftY = dy;
        List<Component> components = List.copyOf(clip.getComponents());
        List<Connection> connections = List.copyOf(clip.getConnections());
        return command("Paste", List.<EObject>copyOf(components), () -> {
            TwinModel model = model();
            for (Component c : components) {
                String base = c.getName() == null ? c.getType() : c.getName().replaceAll("\\d+$", "");
                String name = c.getName() != null && ComponentNames.check(model, null, c.getName()).isEmpty()
                        ? c.getName() : ComponentNames.unique(model, base.isEmpty() ? c.getType() : base);
                NodeLayout copied = Notation.nodeLayout(clip, c);
                c.setName(name);
                model.getComponents().add(c);
                if (copied != null) {
                    NodeLayout layout = Notation.ensureNodeLayout(model, c);
                    layout.setX(copied.getX() + shiftX);
                    layout.setY(copied.getY() + shiftY);
                    layout.setWidth(copied.getWidth());
                    layout.setHeight(copied.getHeight());
                }
            }
            model.getConnections().addAll(connections);
        });
    }
}
