package org.twinstudio.ui.internal.editor;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.graphics.Image;
import org.twinstudio.model.Component;
import org.twinstudio.ui.emf.ItemImageCache;
import org.twinstudio.ui.emf.ItemProviderLabelProvider;

/** Item provider labels, with components shown by the icon of their component type when it has one. */
final class TwinLabelProvider extends ItemProviderLabelProvider {

    private final LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources());

    TwinLabelProvider(AdapterFactory adapterFactory, ItemImageCache images) {
        super(adapterFactory, images);
    }

    @Override
    public Image getImage(Object element) {
        if (element instanceof Component component) {
            ImageDescriptor icon = ComponentIcons.descriptor(component.getType());
            if (icon != null) {
                return resources.create(icon);
            }
        }
        return super.getImage(element);
    }

    @Override
    public void dispose() {
        resources.dispose();
        super.dispose();
    }
}
