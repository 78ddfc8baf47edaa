package org.twinstudio.diagram.live;

import java.util.Map;

import org.eclipse.glsp.server.actions.Action;

/**
 * Server to client: the latest values of a running simulation or live session on the diagram's ports. As JSON:
 * {@code {"kind":"twinstudio.liveValues","time":12.5,"values":{"tank.temperature":18.2,"heater.on":true},
 * "running":true}}. {@code values} holds the ports whose value changed since the previous batch to this client (the
 * first batch of a run: all of them), keyed by graph port id ({@code component.port}); numbers are in the port's
 * unit, booleans of boolean ports as {@code true}/{@code false}. {@code running == false} ends the run: the client
 * clears every value it shows.
 */
public class LiveValuesAction extends Action {

    public static final String KIND = "twinstudio.liveValues";

    /** Simulated time of the values, in seconds. */
    private double time;
    private Map<String, Object> values;
    private boolean running;

    public LiveValuesAction() {
        super(KIND);
    }

    public LiveValuesAction(double time, Map<String, Object> values, boolean running) {
        super(KIND);
        this.time = time;
        this.values = values;
        this.running = running;
    }

    public double getTime() {
        return time;
    }

    public Map<String, Object> getValues() {
        return values == null ? Map.of() : values;
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public String toString() {
        return KIND + "(t=" + time + ", " + getValues().size() + " values" + (running ? ")" : ", end)");
    }
}
