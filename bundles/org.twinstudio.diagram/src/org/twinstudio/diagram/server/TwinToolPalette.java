package org.twinstudio.diagram.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.glsp.server.actions.TriggerEdgeCreationAction;
import org.eclipse.glsp.server.actions.TriggerNodeCreationAction;
import org.eclipse.glsp.server.features.toolpalette.PaletteItem;
import org.eclipse.glsp.server.features.toolpalette.ToolPaletteItemProvider;
import org.twinstudio.diagram.DiagramTypes;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

import com.google.inject.Inject;

/**
 * The palette: one group per component type category (in the registry's order), each entry creating a component of
 * that type (FMU included, under its category), and a group with the connection tool.
 */
public class TwinToolPalette implements ToolPaletteItemProvider {

    /** Palette group id of a category: {@code category:<name>}. */
    public static final String GROUP_PREFIX = "category:";
    public static final String CONNECTIONS_GROUP = "connections";

    @Inject
    private ComponentTypeRegistry types;

    @Override
    public List<PaletteItem> getItems(Map<String, String> args) {
        Map<String, List<PaletteItem>> byCategory = new LinkedHashMap<>();
        for (ComponentTypeDescriptor type : types.all()) {
            TriggerNodeCreationAction trigger = new TriggerNodeCreationAction(DiagramTypes.COMPONENT,
                    Map.of(DiagramTypes.ARG_COMPONENT_TYPE, type.id()));
            PaletteItem item = new PaletteItem("type:" + type.id(), type.label(), trigger, null, type.label());
            byCategory.computeIfAbsent(type.category(), c -> new ArrayList<>()).add(item);
        }
        List<PaletteItem> groups = new ArrayList<>();
        PaletteItem connect = new PaletteItem("tool:connection", "Connection",
                new TriggerEdgeCreationAction(DiagramTypes.CONNECTION), null, "0");
        groups.add(PaletteItem.createPaletteGroup(CONNECTIONS_GROUP, "Connections", List.of(connect), null, "0"));
        int order = 1;
        for (Map.Entry<String, List<PaletteItem>> category : byCategory.entrySet()) {
            groups.add(PaletteItem.createPaletteGroup(GROUP_PREFIX + category.getKey(), category.getKey(),
                    category.getValue(), null, String.format("%03d", order++)));
        }
        return groups;
    }
}
