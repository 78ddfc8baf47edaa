package org.twinstudio.ui.emf;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.edit.provider.IItemPropertyDescriptor;
import org.eclipse.emf.edit.provider.IItemPropertySource;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;

/**
 * An {@link IPropertySource} over an EMF.Edit {@link IItemPropertySource}. Values are set through the item property
 * descriptors, which execute undoable commands on the object's editing domain.
 */
public class ItemPropertySource implements IPropertySource {

    private final Object object;
    private final IItemPropertySource itemPropertySource;
    private final ItemImageCache images;

    public ItemPropertySource(Object object, IItemPropertySource itemPropertySource, ItemImageCache images) {
        this.object = object;
        this.itemPropertySource = itemPropertySource;
        this.images = images;
    }

    @Override
    public Object getEditableValue() {
        return itemPropertySource.getEditableValue(object);
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        List<IPropertyDescriptor> result = new ArrayList<>();
        List<IItemPropertyDescriptor> descriptors = itemPropertySource.getPropertyDescriptors(object);
        if (descriptors != null) {
            for (IItemPropertyDescriptor descriptor : descriptors) {
                result.add(new ItemPropertyDescriptorAdapter(object, descriptor, images));
            }
        }
        return result.toArray(new IPropertyDescriptor[0]);
    }

    private IItemPropertyDescriptor find(Object id) {
        IItemPropertyDescriptor descriptor = itemPropertySource.getPropertyDescriptor(object, id);
        if (descriptor == null) {
            throw new IllegalArgumentException("No property " + id + " on " + object);
        }
        return descriptor;
    }

    @Override
    public Object getPropertyValue(Object id) {
        Object value = find(id).getPropertyValue(object);
        // Item providers wrap values so they can be shown as nested property sources; show the plain value.
        return value instanceof IItemPropertySource wrapper ? wrapper.getEditableValue(object) : value;
    }

    @Override
    public boolean isPropertySet(Object id) {
        return find(id).isPropertySet(object);
    }

    @Override
    public void resetPropertyValue(Object id) {
        find(id).resetPropertyValue(object);
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        find(id).setPropertyValue(object, value);
    }
}
