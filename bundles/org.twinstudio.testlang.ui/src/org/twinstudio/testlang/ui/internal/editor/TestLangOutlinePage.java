package org.twinstudio.testlang.ui.internal.editor;

import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** The Outline of a suite: setup, teardown and tests with their statements; selecting one selects its text. */
public final class TestLangOutlinePage extends ContentOutlinePage {

    private final BiConsumer<Integer, Integer> reveal;
    private OutlineNode root;
    private boolean updating;

    public TestLangOutlinePage(BiConsumer<Integer, Integer> reveal) {
        this.reveal = reveal;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return input instanceof Object[] roots ? roots : new Object[0];
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((OutlineNode) parent).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((OutlineNode) element).children().isEmpty();
            }
        });
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((OutlineNode) element).label();
            }
        });
        show(root);
    }

    /** Shows a new state of the suite (on the UI thread). */
    public void setRoot(OutlineNode root) {
        this.root = root;
        show(root);
    }

    public OutlineNode getRoot() {
        return root;
    }

    private void show(OutlineNode node) {
        TreeViewer viewer = getTreeViewer();
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        updating = true;
        try {
            viewer.getControl().setRedraw(false);
            viewer.setInput(node == null ? new Object[0] : new Object[] { node }); // the input is not an element
            viewer.expandToLevel(2); // the suite and its blocks; statements are one click away
        } finally {
            viewer.getControl().setRedraw(true);
            updating = false;
        }
    }

    /** The labels shown at the second level (setup, teardown, tests). */
    public List<String> blockLabels() {
        return root == null ? List.of() : root.children().stream().map(OutlineNode::label).toList();
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (!updating && event.getStructuredSelection().getFirstElement() instanceof OutlineNode node) {
            reveal.accept(node.offset(), node.length());
        }
    }
}
