package org.twinstudio.ui.internal.editor;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.twinstudio.ui.emf.ItemImageCache;
import org.twinstudio.ui.emf.ItemProviderContentProvider;
import org.twinstudio.ui.emf.ItemProviderLabelProvider;

/**
 * Outline of a twin model: its element tree; selecting an element selects it in the editor (the tree editor's
 * viewer, or the diagram editor), and back.
 */
public final class TwinOutlinePage extends ContentOutlinePage {

    private final ISelectionProvider editor;
    private final Object input;
    private final AdapterFactory adapterFactory;
    private final ItemImageCache images;
    private boolean syncing;
    private final ISelectionChangedListener editorListener = event -> {
        TreeViewer outline = getTreeViewer();
        if (!syncing && outline != null && !outline.getControl().isDisposed()) {
            sync(() -> outline.setSelection(event.getSelection(), true));
        }
    };

    /** An outline of {@code input} (the model's resource) kept in step with the selection of {@code editor}. */
    public TwinOutlinePage(ISelectionProvider editor, Object input, AdapterFactory adapterFactory,
            ItemImageCache images) {
        this.editor = editor;
        this.input = input;
        this.adapterFactory = adapterFactory;
        this.images = images;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer outline = getTreeViewer();
        outline.setContentProvider(new ItemProviderContentProvider(adapterFactory));
        outline.setLabelProvider(new ItemProviderLabelProvider(adapterFactory, images));
        outline.setUseHashlookup(true);
        outline.setInput(input);
        outline.expandToLevel(2);
        editor.addSelectionChangedListener(editorListener);
    }

    @Override
    public void selectionChanged(org.eclipse.jface.viewers.SelectionChangedEvent event) {
        super.selectionChanged(event);
        ISelection selection = event.getSelection();
        if (!syncing && !selection.isEmpty()) {
            sync(() -> {
                if (editor instanceof TreeViewer viewer) {
                    viewer.setSelection(selection, true);
                } else {
                    editor.setSelection(selection);
                }
            });
        }
    }

    /** Shows another resource (after the editor reloaded its file). */
    public void setInput(Object input) {
        TreeViewer outline = getTreeViewer();
        if (outline != null && !outline.getControl().isDisposed()) {
            outline.setInput(input);
            outline.expandToLevel(2);
        }
    }

    private void sync(Runnable runnable) {
        syncing = true;
        try {
            runnable.run();
        } finally {
            syncing = false;
        }
    }

    @Override
    public void dispose() {
        if (!(editor instanceof TreeViewer viewer) || !viewer.getControl().isDisposed()) {
            editor.removeSelectionChangedListener(editorListener);
        }
        super.dispose();
    }
}
