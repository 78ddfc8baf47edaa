package org.twinstudio.ui.internal.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.twinstudio.model.Component;
import org.twinstudio.model.Connection;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;

/** Picks the output port (source) and the input port (target) of a new connection. */
public class AddConnectionDialog extends TitleAreaDialog {

    public static final String TITLE = "Add Connection";

    private final TwinModel model;
    private final Port preselected;
    private final List<Port> outputs = new ArrayList<>();
    private final List<Port> inputs = new ArrayList<>();
    private Combo sourceCombo;
    private Combo targetCombo;
    private Port source;
    private Port target;

    public AddConnectionDialog(Shell parent, TwinModel model, Port preselected) {
        super(parent);
        this.model = model;
        this.preselected = preselected;
        for (Component component : model.getComponents()) {
            for (Port port : component.getPorts()) {
                (TwinModelEditor.isOutput(port) ? outputs : inputs).add(port);
            }
        }
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(TITLE);
        setMessage("Wire an output port to an input port.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);

        new Label(body, SWT.NONE).setText("&From (output):");
        sourceCombo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(sourceCombo);
        for (Port port : outputs) {
            sourceCombo.add(describe(port));
        }
        new Label(body, SWT.NONE).setText("&To (input):");
        targetCombo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(targetCombo);
        for (Port port : inputs) {
            targetCombo.add(describe(port));
        }
        if (preselected != null) {
            int index = outputs.indexOf(preselected);
            if (index >= 0) {
                sourceCombo.select(index);
            }
            index = inputs.indexOf(preselected);
            if (index >= 0) {
                targetCombo.select(index);
            }
        }
        sourceCombo.addListener(SWT.Selection, e -> update());
        targetCombo.addListener(SWT.Selection, e -> update());
        if (outputs.isEmpty() || inputs.isEmpty()) {
            setErrorMessage("The model needs a component with an output port and one with an input port.");
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        update();
    }

    /** Port label as shown in the combos, e.g. {@code heater1.heatFlow (real, W)}. */
    public static String describe(Port port) {
        Component component = port.getComponent();
        StringBuilder text = new StringBuilder();
        text.append(component == null ? "?" : component.getName()).append('.').append(port.getName());
        text.append(" (").append(port.getDataType());
        if (port.getUnit() != null && !port.getUnit().isBlank()) {
            text.append(", ").append(port.getUnit());
        }
        return text.append(')').toString();
    }

    private void update() {
        source = selected(sourceCombo, outputs);
        target = selected(targetCombo, inputs);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null) {
            return;
        }
        ok.setEnabled(source != null && target != null);
        if (outputs.isEmpty() || inputs.isEmpty()) {
            ok.setEnabled(false);
            return;
        }
        if (target != null && isDriven(target)) {
            setMessage("Input " + describe(target) + " is already driven by another connection.",
                    IMessageProvider.WARNING);
        } else if (source != null && target != null && source.getDataType() != target.getDataType()) {
            setMessage("The ports have different data types.", IMessageProvider.WARNING);
        } else {
            setMessage("Wire an output port to an input port.");
        }
    }

    private boolean isDriven(Port input) {
        for (Connection connection : model.getConnections()) {
            if (connection.getTarget() == input) {
                return true;
            }
        }
        return false;
    }

    private static Port selected(Combo combo, List<Port> ports) {
        int index = combo.getSelectionIndex();
        return index >= 0 && index < ports.size() ? ports.get(index) : null;
    }

    public Port getSource() {
        return source;
    }

    public Port getTarget() {
        return target;
    }
}
