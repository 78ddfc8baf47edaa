package org.twinstudio.ui.internal.editor;

import java.net.URL;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.resource.ImageDescriptor;
import org.osgi.framework.Bundle;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

/** Icons of component types: the type's {@code iconPath}, looked up in the model bundle that registers the types. */
final class ComponentIcons {

    private static final String TYPES_BUNDLE = "org.twinstudio.model";

    private ComponentIcons() {
    }

    static ImageDescriptor descriptor(ComponentTypeDescriptor type) {
        String path = type == null ? null : type.iconPath();
        if (path == null || path.isBlank()) {
            return null;
        }
        Bundle bundle = Platform.getBundle(TYPES_BUNDLE);
        URL url = bundle == null ? null : FileLocator.find(bundle, IPath.fromPortableString(path), null);
        return url == null ? null : ImageDescriptor.createFromURL(url);
    }

    static ImageDescriptor descriptor(String typeId) {
        return typeId == null ? null
                : ComponentTypeRegistry.getDefault().find(typeId).map(ComponentIcons::descriptor).orElse(null);
    }
}
