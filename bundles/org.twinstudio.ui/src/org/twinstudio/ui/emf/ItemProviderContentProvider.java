package org.twinstudio.ui.emf;

import java.util.Collection;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.edit.provider.IChangeNotifier;
import org.eclipse.emf.edit.provider.INotifyChangedListener;
import org.eclipse.emf.edit.provider.IStructuredItemContentProvider;
import org.eclipse.emf.edit.provider.ITreeItemContentProvider;
import org.eclipse.emf.edit.provider.IViewerNotification;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * A JFace tree content provider over EMF.Edit item providers. Children come from {@link ITreeItemContentProvider},
 * and every change reported by the adapter factory refreshes (or relabels) the affected element in the viewer.
 */
public class ItemProviderContentProvider implements ITreeContentProvider, INotifyChangedListener {

    private static final Object[] NONE = new Object[0];

    private final AdapterFactory adapterFactory;
    private StructuredViewer viewer;

    public ItemProviderContentProvider(AdapterFactory adapterFactory) {
        this.adapterFactory = adapterFactory;
        if (adapterFactory instanceof IChangeNotifier notifier) {
            notifier.addListener(this);
        }
    }

    @Override
    public void inputChanged(Viewer newViewer, Object oldInput, Object newInput) {
        this.viewer = newViewer instanceof StructuredViewer structured ? structured : null;
    }

    @Override
    public Object[] getElements(Object input) {
        if (input instanceof Object[] array) {
            return array;
        }
        if (input instanceof Collection<?> collection) {
            return collection.toArray();
        }
        Object adapter = adapterFactory.adapt(input, IStructuredItemContentProvider.class);
        return adapter instanceof IStructuredItemContentProvider provider ? provider.getElements(input).toArray()
                : NONE;
    }

    @Override
    public Object[] getChildren(Object parent) {
        Object adapter = adapterFactory.adapt(parent, ITreeItemContentProvider.class);
        return adapter instanceof ITreeItemContentProvider provider ? provider.getChildren(parent).toArray() : NONE;
    }

    @Override
    public Object getParent(Object element) {
        Object adapter = adapterFactory.adapt(element, ITreeItemContentProvider.class);
        return adapter instanceof ITreeItemContentProvider provider ? provider.getParent(element) : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        Object adapter = adapterFactory.adapt(element, ITreeItemContentProvider.class);
        return adapter instanceof ITreeItemContentProvider provider && provider.hasChildren(element);
    }

    @Override
    public void notifyChanged(Notification notification) {
        StructuredViewer current = viewer;
        if (current == null) {
            return;
        }
        Control control = current.getControl();
        if (control == null || control.isDisposed()) {
            return;
        }
        Runnable refresh = () -> apply(current, notification);
        if (Display.getCurrent() == control.getDisplay()) {
            refresh.run();
        } else {
            control.getDisplay().asyncExec(refresh);
        }
    }

    private static void apply(StructuredViewer viewer, Notification notification) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        if (notification instanceof IViewerNotification viewerNotification) {
            Object element = viewerNotification.getElement();
            if (viewerNotification.isContentRefresh()) {
                if (element == null) {
                    viewer.refresh(viewerNotification.isLabelUpdate());
                } else {
                    viewer.refresh(element, viewerNotification.isLabelUpdate());
                }
            } else if (viewerNotification.isLabelUpdate() && element != null) {
                viewer.update(element, null);
            }
        } else if (notification.getNotifier() != null) {
            viewer.refresh(notification.getNotifier(), true);
        }
    }

    @Override
    public void dispose() {
        if (adapterFactory instanceof IChangeNotifier notifier) {
            notifier.removeListener(this);
        }
        viewer = null;
    }
}
