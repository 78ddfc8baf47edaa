package org.twinstudio.ui.emf;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.edit.provider.IItemLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;

/** A JFace label provider over EMF.Edit {@link IItemLabelProvider}s; images come from an {@link ItemImageCache}. */
public class ItemProviderLabelProvider extends LabelProvider {

    private final AdapterFactory adapterFactory;
    private final ItemImageCache images;

    public ItemProviderLabelProvider(AdapterFactory adapterFactory, ItemImageCache images) {
        this.adapterFactory = adapterFactory;
        this.images = images;
    }

    @Override
    public String getText(Object element) {
        Object adapter = adapterFactory.adapt(element, IItemLabelProvider.class);
        if (adapter instanceof IItemLabelProvider provider) {
            return provider.getText(element);
        }
        return element == null ? "" : element.toString();
    }

    @Override
    public Image getImage(Object element) {
        Object adapter = adapterFactory.adapt(element, IItemLabelProvider.class);
        return adapter instanceof IItemLabelProvider provider ? images.get(provider.getImage(element)) : null;
    }
}
