package org.twinstudio.ui.internal.editor;

import java.net.URL;

import org.eclipse.jface.resource.ImageDescriptor;
import org.twinstudio.model.types.ComponentTypeDescriptor;

/** Icons of component types, as the component type registry declares them. */
final class ComponentIcons {

    private ComponentIcons() {
    }

    static ImageDescriptor descriptor(ComponentTypeDescriptor type) {
        URL icon = type == null ? null : type.icon();
        return icon == null ? null : ImageDescriptor.createFromURL(icon);
    }
}
