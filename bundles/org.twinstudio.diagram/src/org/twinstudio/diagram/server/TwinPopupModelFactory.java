package org.twinstudio.diagram.server;

import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.glsp.graph.DefaultTypes;
import org.eclipse.glsp.graph.GHtmlRoot;
import org.eclipse.glsp.graph.GModelElement;
import org.eclipse.glsp.graph.GPreRenderedElement;
import org.eclipse.glsp.graph.GraphFactory;
import org.eclipse.glsp.server.features.popup.PopupModelFactory;
import org.eclipse.glsp.server.features.popup.RequestPopupModelAction;
import org.twinstudio.diagram.ConnectionRules;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Parameter;
import org.twinstudio.model.Port;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

import com.google.inject.Inject;

/**
 * Hover popups: a port shows its name, direction, data type, unit and the type's description of it; a component
 * its type and parameter values; a connection its ends and units.
 */
public class TwinPopupModelFactory implements PopupModelFactory {

    @Inject
    private TwinModelState twin;
    @Inject
    private ComponentTypeRegistry types;

    @Override
    public Optional<GHtmlRoot> createPopupModel(GModelElement element, RequestPopupModelAction action) {
        EObject model = twin.elementOf(element.getId());
        String html;
        if (model instanceof Port port) {
            html = port(port);
        } else if (model instanceof Component component) {
            html = component(component);
        } else if (model instanceof Connection connection) {
            html = connection(connection);
        } else {
            return Optional.empty();
        }
        GHtmlRoot root = GraphFactory.eINSTANCE.createGHtmlRoot();
        root.setType(DefaultTypes.HTML);
        root.setId("popup:" + element.getId());
        GPreRenderedElement body = GraphFactory.eINSTANCE.createGPreRenderedElement();
        body.setType(DefaultTypes.PRE_RENDERED);
        body.setId("popup-body:" + element.getId());
        body.setCode(html);
        root.getChildren().add(body);
        return Optional.of(root);
    }

    /** Popup text of a port. */
    String port(Port port) {
        StringBuilder html = new StringBuilder("<div class=\"twin-popup\"><b>").append(esc(ConnectionRules.name(port)))
                .append("</b><br/>").append(port.getDirection().getLiteral()).append("put, ")
                .append(esc(port.getDataType().getLiteral()));
        if (port.getUnit() != null && !port.getUnit().isBlank()) {
            html.append(" [").append(esc(port.getUnit())).append(']');
        }
        if (port.getStart() != null && !port.getStart().isBlank()) {
            html.append("<br/>start ").append(esc(port.getStart()));
        }
        String typeId = port.getComponent() == null ? null : port.getComponent().getType();
        types.find(typeId).flatMap(t -> t.port(port.getName())).map(spec -> spec.description())
                .filter(text -> text != null && !text.isBlank())
                .ifPresent(text -> html.append("<br/><i>").append(esc(text)).append("</i>"));
        return html.append("</div>").toString();
    }

    /** Popup text of a component. */
    String component(Component component) {
        Optional<ComponentTypeDescriptor> type = types.find(component.getType());
        StringBuilder html = new StringBuilder("<div class=\"twin-popup\"><b>").append(esc(component.getName()))
                .append("</b>: ").append(esc(type.map(ComponentTypeDescriptor::label).orElse("unknown type")))
                .append(" (").append(esc(component.getType())).append(')');
        if (!component.getParameters().isEmpty()) {
            html.append("<table>");
            for (Parameter p : component.getParameters()) {
                html.append("<tr><td>").append(esc(p.getName())).append("</td><td>").append(esc(p.getValue()));
                if (p.getUnit() != null && !p.getUnit().isBlank()) {
                    html.append(' ').append(esc(p.getUnit()));
                }
                html.append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.append("</div>").toString();
    }

    private String connection(Connection connection) {
        return "<div class=\"twin-popup\"><b>" + esc(ConnectionRules.name(connection.getSource())) + " &#8594; "
                + esc(ConnectionRules.name(connection.getTarget())) + "</b></div>";
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
