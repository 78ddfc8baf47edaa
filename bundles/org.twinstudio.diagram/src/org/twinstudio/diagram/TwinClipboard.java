package org.twinstudio.diagram;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.notation.Diagram;
import org.twinstudio.model.notation.NodeLayout;
import org.twinstudio.model.notation.NotationFactory;
import org.twinstudio.model.resource.TwinModels;

/**
 * Copied components as text: a small {@code .twin} document holding copies of the components, the connections
 * among them and their node layouts. Pasting reads it back as a detached model whose parts can be moved into a twin.
 */
public final class TwinClipboard {

    /** The key of the clipboard data map under which the text travels. */
    public static final String MIME_TYPE = "application/x-twinstudio-twin+xml";

    private TwinClipboard() {
    }

    /** The text for {@code components} of {@code model}, with the connections that run between them. */
    public static String copy(TwinModel model, Collection<Component> components) throws IOException {
        EcoreUtil.Copier copier = new EcoreUtil.Copier();
        TwinModel clip = TwinModels.createModel("clipboard");
        clip.setSimulation(null);
        List<Component> copies = new ArrayList<>();
        for (Component c : components) {
            copies.add((Component) copier.copy(c));
        }
        Set<Component> chosen = Set.copyOf(components);
        List<Connection> connections = new ArrayList<>();
        for (Connection c : model.getConnections()) {
            if (c.getSource() != null && c.getTarget() != null && chosen.contains(c.getSource().getComponent())
                    && chosen.contains(c.getTarget().getComponent())) {
                connections.add((Connection) copier.copy(c));
            }
        }
        copier.copyReferences();
        clip.getComponents().addAll(copies);
        clip.getConnections().addAll(connections);
        Diagram diagram = NotationFactory.eINSTANCE.createDiagram();
        diagram.setSemanticElement(clip);
        for (Component c : components) {
            NodeLayout layout = Notation.nodeLayout(model, c);
            if (layout != null) {
                NodeLayout copy = EcoreUtil.copy(layout);
                copy.setSemanticElement(copier.get(c));
                diagram.getNodes().add(copy);
            }
        }
        Resource resource = TwinModels.newResourceSet().createResource(URI.createURI("clipboard.twin"));
        resource.getContents().add(clip);
        resource.getContents().add(diagram);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource.save(out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The copied model read back from {@link #copy}'s text, in a resource of its own. */
    public static TwinModel read(String text) throws IOException {
        Resource resource = TwinModels.newResourceSet().createResource(URI.createURI("clipboard.twin"));
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof TwinModel model)) {
            throw new IOException("the clipboard holds no twin components");
        }
        return model;
    }
}
