package org.twinstudio.ui.emf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.provider.IItemLabelProvider;
import org.eclipse.emf.edit.provider.IItemPropertyDescriptor;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.CheckboxCellEditor;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.ILabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.properties.IPropertyDescriptor;

/**
 * An {@link IPropertyDescriptor} over an EMF.Edit {@link IItemPropertyDescriptor}: a check box for booleans, a combo
 * for enumerations and references (the descriptor's choice of values), and a text editor for other data types that
 * converts through the data type's factory (invalid text is refused with a message).
 */
public class ItemPropertyDescriptorAdapter implements IPropertyDescriptor {

    private final Object object;
    private final IItemPropertyDescriptor descriptor;
    private final ItemImageCache images;

    public ItemPropertyDescriptorAdapter(Object object, IItemPropertyDescriptor descriptor, ItemImageCache images) {
        this.object = object;
        this.descriptor = descriptor;
        this.images = images;
    }

    public IItemPropertyDescriptor getItemPropertyDescriptor() {
        return descriptor;
    }

    @Override
    public CellEditor createPropertyEditor(Composite parent) {
        if (!descriptor.canSetProperty(object)) {
            return null;
        }
        Object feature = descriptor.getFeature(object);
        if (feature instanceof EStructuralFeature structural && structural.isMany()) {
            return null; // lists are edited in the tree, not in a cell
        }
        Collection<?> choices = descriptor.getChoiceOfValues(object);
        if (choices != null && !choices.isEmpty()) {
            return new ChoiceCellEditor(parent, new ArrayList<>(choices), getLabelProvider());
        }
        if (feature instanceof EAttribute attribute) {
            EDataType type = attribute.getEAttributeType();
            Class<?> instanceClass = type.getInstanceClass();
            if (instanceClass == boolean.class || instanceClass == Boolean.class) {
                return new CheckboxCellEditor(parent);
            }
            return new DataTypeCellEditor(parent, type, descriptor.isMultiLine(object));
        }
        if (descriptor.isMultiLine(object)) {
            return new TextCellEditor(parent, SWT.MULTI | SWT.WRAP);
        }
        return new TextCellEditor(parent);
    }

    @Override
    public String getCategory() {
        return descriptor.getCategory(object);
    }

    @Override
    public String getDescription() {
        return descriptor.getDescription(object);
    }

    @Override
    public String getDisplayName() {
        return descriptor.getDisplayName(object);
    }

    @Override
    public String[] getFilterFlags() {
        return descriptor.getFilterFlags(object);
    }

    @Override
    public Object getHelpContextIds() {
        return descriptor.getHelpContextIds(object);
    }

    @Override
    public Object getId() {
        return descriptor.getId(object);
    }

    @Override
    public ILabelProvider getLabelProvider() {
        IItemLabelProvider itemLabels = descriptor.getLabelProvider(object);
        return new LabelProvider() {
            @Override
            public String getText(Object value) {
                return itemLabels.getText(value);
            }

            @Override
            public Image getImage(Object value) {
                return images.get(itemLabels.getImage(value));
            }
        };
    }

    @Override
    public boolean isCompatibleWith(IPropertyDescriptor other) {
        return false;
    }

    /** A read-only combo whose value is one of the choices (an enum literal, a referenced object or null). */
    static final class ChoiceCellEditor extends ComboBoxCellEditor {
        private final List<Object> choices;

        ChoiceCellEditor(Composite parent, List<Object> choices, ILabelProvider labels) {
            super(parent, labels(choices, labels), SWT.READ_ONLY);
            this.choices = choices;
        }

        private static String[] labels(List<Object> choices, ILabelProvider labels) {
            String[] items = new String[choices.size()];
            for (int i = 0; i < items.length; i++) {
                Object choice = choices.get(i);
                items[i] = choice == null ? "" : labels.getText(choice);
            }
            return items;
        }

        @Override
        protected Object doGetValue() {
            int index = (Integer) super.doGetValue();
            return index >= 0 && index < choices.size() ? choices.get(index) : null;
        }

        @Override
        protected void doSetValue(Object value) {
            int index = -1;
            for (int i = 0; i < choices.size(); i++) {
                if (Objects.equals(choices.get(i), value)) {
                    index = i;
                    break;
                }
            }
            super.doSetValue(index);
        }
    }

    /** A text editor whose value is an instance of an EMF data type, converted with the type's factory. */
    static final class DataTypeCellEditor extends TextCellEditor {
        private final EDataType type;

        DataTypeCellEditor(Composite parent, EDataType type, boolean multiLine) {
            super(parent, multiLine ? SWT.MULTI | SWT.WRAP : SWT.SINGLE);
            this.type = type;
            // Called with the typed text while editing and with the data type's value when the editor is filled.
            setValidator(value -> {
                if (!(value instanceof String text)) {
                    return null;
                }
                try {
                    EcoreUtil.createFromString(type, text);
                    return null;
                } catch (RuntimeException e) {
                    return "'" + text + "' is not a valid " + type.getName() + " value";
                }
            });
        }

        @Override
        protected Object doGetValue() {
            String text = (String) super.doGetValue();
            if (text.isEmpty() && type.getInstanceClass() == String.class) {
                return null;
            }
            return EcoreUtil.createFromString(type, text);
        }

        @Override
        protected void doSetValue(Object value) {
            super.doSetValue(value == null ? "" : EcoreUtil.convertToString(type, value));
        }
    }
}
