package org.twinstudio.ui.emf;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.edit.provider.IItemPropertySource;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.IPropertySourceProvider;

/** Supplies the Properties view with {@link IPropertySource}s built from EMF.Edit {@link IItemPropertySource}s. */
public class ItemPropertySourceProvider implements IPropertySourceProvider {

    private final AdapterFactory adapterFactory;
    private final ItemImageCache images;

    public ItemPropertySourceProvider(AdapterFactory adapterFactory, ItemImageCache images) {
        this.adapterFactory = adapterFactory;
        this.images = images;
    }

    @Override
    public IPropertySource getPropertySource(Object object) {
        if (object instanceof IPropertySource source) {
            return source;
        }
        Object adapter = adapterFactory.adapt(object, IItemPropertySource.class);
        return adapter instanceof IItemPropertySource itemSource ? new ItemPropertySource(object, itemSource, images)
                : null;
    }
}
