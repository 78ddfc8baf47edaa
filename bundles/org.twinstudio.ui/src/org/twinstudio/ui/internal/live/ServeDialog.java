package org.twinstudio.ui.internal.live;

import java.util.Locale;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Start Serve's questions: which protocol servers expose the twin (OPC UA and Modbus TCP with their ports, MQTT
 * through a broker URL or the embedded broker), the host they listen on and the real-time factor. Starts from the
 * settings last used; {@link #settings()} holds the answer after OK.
 */
public final class ServeDialog extends TitleAreaDialog {

    public static final String TITLE = "Start Serve";

    private final String modelName;
    private ServeSettings settings;
    private Button opcUa;
    private Text opcUaPort;
    private Button modbus;
    private Text modbusPort;
    private Button mqtt;
    private Text mqttBroker;
    private Text host;
    private Text realtimeFactor;

    public ServeDialog(Shell parent, String modelName, ServeSettings initial) {
        super(parent);
        this.modelName = modelName;
        this.settings = initial;
    }

    public ServeSettings settings() {
        return settings;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Serve " + modelName);
        setMessage("Run the twin against the wall clock and expose it to the plant's controllers.");
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(3).margins(10, 10).applyTo(body);

        opcUa = check(body, "OPC UA server", settings.opcUa());
        label(body, "Port:");
        opcUaPort = text(body, Integer.toString(settings.opcUaPort()));
        modbus = check(body, "Modbus TCP slave", settings.modbus());
        label(body, "Port:");
        modbusPort = text(body, Integer.toString(settings.modbusPort()));
        mqtt = check(body, "MQTT publisher", settings.mqtt());
        label(body, "Broker:");
        mqttBroker = text(body, settings.mqttBroker());
        mqttBroker.setToolTipText("A broker URL (tcp://host:1883) or \"embedded\" for the broker built into Twinstudio");

        Label separator = new Label(body, SWT.SEPARATOR | SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(separator);
        label(body, "Listen on host:");
        new Label(body, SWT.NONE);
        host = text(body, settings.host());
        label(body, "Real-time factor:");
        new Label(body, SWT.NONE);
        realtimeFactor = text(body, number(settings.realtimeFactor()));
        realtimeFactor.setToolTipText("Simulated seconds per wall-clock second (1: real time)");
        for (Button b : new Button[] { opcUa, modbus, mqtt }) {
            b.addListener(SWT.Selection, e -> validate());
        }
        for (Text t : new Text[] { opcUaPort, modbusPort, mqttBroker, host, realtimeFactor }) {
            t.addListener(SWT.Modify, e -> validate());
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Start", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    private static Button check(Composite parent, String text, boolean checked) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setSelection(checked);
        return b;
    }

    private static void label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
    }

    private static Text text(Composite parent, String value) {
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Reads the fields into {@link #settings}; shows the first problem and disables Start while there is one. */
    private void validate() {
        String problem = null;
        try {
            settings = new ServeSettings(opcUa.getSelection(), port("OPC UA", opcUaPort), modbus.getSelection(),
                    port("Modbus TCP", modbusPort), mqtt.getSelection(), mqttBroker.getText(), host.getText().trim(),
                    factor());
            if (settings.mqtt() && !ServeSettings.EMBEDDED.equals(settings.mqttBroker())
                    && !settings.mqttBroker().matches("(?i)(tcp|ssl|ws|wss|mqtt|mqtts)://.+")) {
                problem = "The MQTT broker must be a URL such as tcp://broker:1883, or \"embedded\"";
            }
        } catch (IllegalArgumentException e) {
            problem = Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1);
        }
        setErrorMessage(problem);
        opcUaPort.setEnabled(opcUa.getSelection());
        modbusPort.setEnabled(modbus.getSelection());
        mqttBroker.setEnabled(mqtt.getSelection());
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
    }

    private static int port(String protocol, Text field) {
        try {
            return Integer.parseInt(field.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + protocol + " port must be a number (0 picks a free port), not '"
                    + field.getText().trim() + "'");
        }
    }

    private double factor() {
        try {
            return Double.parseDouble(realtimeFactor.getText().trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the real-time factor must be a number, not '"
                    + realtimeFactor.getText().trim() + "'");
        }
    }
}
