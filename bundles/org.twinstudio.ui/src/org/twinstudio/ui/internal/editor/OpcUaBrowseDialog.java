package org.twinstudio.ui.internal.editor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.twinstudio.connect.ConnectorContext;
import org.twinstudio.connect.opcua.OpcUaBrowser;
import org.twinstudio.model.OpcUaEndpoint;

/**
 * Picks the OPC UA variable a port is bound to, from the server of an OPC UA endpoint: the server is browsed (below
 * Objects, the server's own namespace 0 left out) off the UI thread when the dialog opens, and shown as a tree of
 * folders, objects and variables with data type and access. OK takes the selected variable's NodeId.
 */
public final class OpcUaBrowseDialog extends TitleAreaDialog {

    public static final String TITLE = "Browse OPC UA Server";

    /** How deep below Objects the server is browsed (model folder, component, port, and one more level). */
    static final int DEPTH = 4;

    private final OpcUaEndpoint endpoint;
    private final String url;
    private final String portPath;
    private TreeViewer viewer;
    private final Map<String, List<OpcUaBrowser.Node>> children = new LinkedHashMap<>();
    private OpcUaBrowser.Node selected;
    private volatile boolean loaded;

    /**
     * Browses the server of {@code endpoint} as its bindings will connect: its security policy and mode (the client
     * certificate of the live sessions, in ~/.twinstudio/opcua-client/pki) and its user.
     */
    public OpcUaBrowseDialog(Shell parent, OpcUaEndpoint endpoint, String portPath) {
        super(parent);
        this.endpoint = endpoint;
        this.url = endpoint.getUrl();
        this.portPath = portPath;
    }

    /** The NodeId chosen, after OK. */
    public String nodeId() {
        return selected == null ? null : selected.nodeId();
    }

    public TreeViewer getViewer() {
        return viewer;
    }

    /** True once the browse finished (successfully or not). */
    public boolean isLoaded() {
        return loaded;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Bind " + portPath + " to a variable of " + url);
        setMessage("Browsing the server...");
        viewer = new TreeViewer(area, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 360).applyTo(viewer.getControl());
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return children.getOrDefault("", List.of()).toArray();
            }

            @Override
            public Object[] getChildren(Object element) {
                return children.getOrDefault(((OpcUaBrowser.Node) element).nodeId(), List.of()).toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return children.containsKey(((OpcUaBrowser.Node) element).nodeId());
            }
        });
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                OpcUaBrowser.Node n = (OpcUaBrowser.Node) element;
                String name = n.displayName() != null ? n.displayName() : n.browseName();
                return name + "   " + n.nodeId() + (n.dataType() == null ? ""
                        : "   " + n.dataType() + (n.access() == null || n.access().isEmpty() ? "" : " " + n.access()));
            }
        });
        viewer.addSelectionChangedListener(e -> {
            Object first = viewer.getStructuredSelection().getFirstElement();
            selected = first instanceof OpcUaBrowser.Node n && "Variable".equals(n.nodeClass()) ? n : null;
            Button ok = getButton(IDialogConstants.OK_ID);
            if (ok != null) {
                ok.setEnabled(selected != null);
            }
        });
        viewer.addDoubleClickListener(e -> {
            if (selected != null) {
                okPressed();
            }
        });
        viewer.setInput(this);
        browse(parent.getDisplay());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Bind", true).setEnabled(false);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    private void browse(org.eclipse.swt.widgets.Display display) {
        Thread worker = new Thread(() -> {
            List<OpcUaBrowser.Node> nodes = null;
            String error = null;
            ConnectorContext context = ConnectorContext.defaults(Path.of(System.getProperty("user.home"), ".twinstudio"));
            try (OpcUaBrowser browser = OpcUaBrowser.connect(endpoint, context, Duration.ofSeconds(5))) {
                nodes = browser.browse(DEPTH);
            } catch (Exception e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            List<OpcUaBrowser.Node> found = nodes;
            String problem = error;
            display.asyncExec(() -> show(found, problem));
        }, "OPC UA browse " + url);
        worker.setDaemon(true);
        worker.start();
    }

    private void show(List<OpcUaBrowser.Node> nodes, String problem) {
        loaded = true;
        if (viewer.getControl().isDisposed()) {
            return;
        }
        if (problem != null) {
            setErrorMessage("Cannot browse " + url + ": " + problem);
            return;
        }
        String objects = null;
        for (OpcUaBrowser.Node n : nodes) {
            if (n.depth() == 1) {
                objects = n.parent();
                break;
            }
        }
        for (OpcUaBrowser.Node n : nodes) {
            if (n.nodeId().startsWith("i=") || n.nodeId().startsWith("ns=0;")) {
                continue; // the server's own objects (Server, diagnostics)
            }
            String parent = n.parent().equals(objects) ? "" : n.parent();
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(n);
        }
        viewer.refresh();
        viewer.expandToLevel(2);
        long variables = children.values().stream().flatMap(List::stream)
                .filter(n -> "Variable".equals(n.nodeClass())).count();
        setMessage(variables + " variables found. Choose the one " + portPath + " is bound to.");
    }
}
