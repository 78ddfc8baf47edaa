package org.twinstudio.diagram.live;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.twinstudio.connect.CycleListener;
import org.twinstudio.connect.PortInfo;
import org.twinstudio.connect.TwinAccess;

/**
 * Publishes a running twin's port values (a live session serving or in a HIL loop) to the diagrams showing its file,
 * after its cycles, at most every {@link #PUBLISH_NANOS}. The cycle listener only copies the values into an array
 * it keeps and hands them on; the hub thins them further to its own rate. {@link #close()} ends the run on the
 * diagrams (they clear the values).
 */
public final class TwinValuesPublisher implements AutoCloseable {

    /** How often at most a cycle's values are handed to the hub: 50 a second, more than any hub rate shows. */
    public static final long PUBLISH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final TwinAccess twin;
    private final LiveValues.Channel channel;
    private final CycleListener listener;

    private TwinValuesPublisher(TwinAccess twin, LiveValues.Channel channel, CycleListener listener) {
        this.twin = twin;
        this.channel = channel;
        this.listener = listener;
    }

    /** Starts publishing {@code twin}'s values for the twin file {@code sourceUri} (a path or {@code file:} URI). */
    public static TwinValuesPublisher start(TwinAccess twin, String sourceUri, LiveValues hub) {
        Objects.requireNonNull(twin, "twin");
        LiveValues.Channel channel = hub.open(sourceUri);
        List<PortInfo> ports = twin.ports();
        LiveValues.Ports publisher = channel.ports(ports.stream().map(PortInfo::path).toList());
        double[] values = new double[ports.size()];
        long[] last = { System.nanoTime() - PUBLISH_NANOS };
        // Runs on the twin's cycle thread: no allocation but the hub's own, and only every PUBLISH_NANOS.
        CycleListener listener = (cycle, time) -> {
            long now = System.nanoTime();
            if (now - last[0] < PUBLISH_NANOS) {
                return;
            }
            last[0] = now;
            for (int i = 0; i < values.length; i++) {
                values[i] = twin.value(i);
            }
            publisher.publish(time, values);
        };
        twin.addCycleListener(listener);
        return new TwinValuesPublisher(twin, channel, listener);
    }

    @Override
    public void close() {
        twin.removeCycleListener(listener);
        channel.close();
    }
}
