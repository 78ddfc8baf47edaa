package org.twinstudio.connect.opcua.bench;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.ServerOptions;
import org.twinstudio.connect.opcua.OpcUaClients;
import org.twinstudio.connect.opcua.OpcUaTwinServer;

/**
 * Measures our OPC UA server with a Milo client in the same process, over loopback TCP (security None):
 * <ol>
 * <li><b>Notification throughput</b>: a {@link SyntheticTwin} of {@code items} outputs that all change every cycle
 * is served; the client monitors every output (sampling interval 0, queue {@code queueSize}) in one subscription
 * with the given publishing interval and counts the data values it receives during {@code seconds} after a warm-up.
 * Rate = values received / measured wall-clock seconds. At most {@code items} values per cycle exist, so the rate
 * cannot exceed {@code items / cyclePeriod}.</li>
 * <li><b>Write round trip</b>: {@code writes} sequential Write requests of one value to the input {@code bench.in},
 * each timed from sending the request to receiving the acknowledgement (which comes after the value reached
 * {@code TwinAccess.setInput}); median and 99th percentile (nearest rank).</li>
 * </ol>
 */
public final class OpcUaBenchmark {

    /**
     * @param items              monitored outputs
     * @param seconds            measured time of the throughput run
     * @param warmupSeconds      time before counting starts
     * @param cycleMillis        the twin's cycle period
     * @param publishingMillis   the subscription's publishing interval
     * @param queueSize          monitored item queue size (values kept between publications)
     * @param writes             write round trips to time
     */
    public record Options(int items, double seconds, double warmupSeconds, double cycleMillis, double publishingMillis,
            int queueSize, int writes) {

        public static Options defaults() {
            return new Options(1000, 10, 3, 1, 20, 40, 2000);
        }

        public Options {
            if (items < 1 || !(seconds > 0) || warmupSeconds < 0 || !(cycleMillis > 0) || !(publishingMillis > 0)
                    || queueSize < 1 || writes < 0) {
                throw new IllegalArgumentException("benchmark options out of range: items >= 1, seconds > 0,"
                        + " warmup >= 0, cycle > 0, publishing > 0, queue >= 1, writes >= 0");
            }
        }
    }

    /**
     * @param notifications         data values received in the measured window
     * @param measuredSeconds       its wall-clock length
     * @param notificationsPerSecond notifications / measuredSeconds
     * @param cycles                twin cycles in the window
     * @param ceilingPerSecond      items × cycles / measuredSeconds: what a server that never coalesces would send
     * @param writeMedianMillis     write round trip, median
     * @param writeP99Millis        write round trip, 99th percentile
     */
    public record Result(int items, long notifications, double measuredSeconds, double notificationsPerSecond,
            long cycles, double ceilingPerSecond, int writes, double writeMedianMillis, double writeP99Millis,
            int processors) {

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "OPC UA server, %d monitored items: %.0f notifications/s (%d in %.2f s; %d cycles, ceiling %.0f/s)"
                            + "%nwrite round trip over %d writes: median %.3f ms, p99 %.3f ms (%d processors)",
                    items, notificationsPerSecond, notifications, measuredSeconds, cycles, ceilingPerSecond, writes,
                    writeMedianMillis, writeP99Millis, processors);
        }
    }

    private OpcUaBenchmark() {
    }

    public static Result run(Options o) throws Exception {
        Path state = Files.createTempDirectory("twinstudio-opcua-bench");
        try (SyntheticTwin twin = new SyntheticTwin(o.items(), Math.round(o.cycleMillis() * 1e6)).start();
                OpcUaTwinServer server = OpcUaTwinServer.start(twin,
                        new ServerOptions("127.0.0.1", 0, null, Map.of(), Credentials.NONE, state))) {
            OpcUaClient client = OpcUaClients.create(server.address(), OpcUaClients.Security.NONE, null, null,
                    Duration.ofSeconds(10));
            client.connect();
            try {
                int ns = server.namespaceIndex();
                AtomicLong received = new AtomicLong();
                OpcUaSubscription subscription = new OpcUaSubscription(client, o.publishingMillis());
                subscription.setMaxNotificationsPerPublish(uint(0));
                subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
                    @Override
                    public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items,
                            List<DataValue> values) {
                        received.addAndGet(values.size());
                    }
                });
                subscription.create();
                List<OpcUaMonitoredItem> items = new ArrayList<>(o.items());
                for (int i = 0; i < o.items(); i++) {
                    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(ns, "bench.s" + i));
                    item.setSamplingInterval(0);
                    item.setQueueSize(uint(o.queueSize()));
                    items.add(item);
                }
                subscription.addMonitoredItems(items);
                subscription.synchronizeMonitoredItems();

                Thread.sleep(Math.round(o.warmupSeconds() * 1000));
                long n0 = received.get();
                long c0 = twin.cycle();
                long t0 = System.nanoTime();
                Thread.sleep(Math.round(o.seconds() * 1000));
                long n1 = received.get();
                long c1 = twin.cycle();
                double wall = (System.nanoTime() - t0) / 1e9;
                subscription.delete();

                double[] rtt = new double[o.writes()];
                NodeId in = new NodeId(ns, "bench.in");
                for (int k = 0; k < o.writes(); k++) {
                    long s = System.nanoTime();
                    List<StatusCode> r = client.writeValues(List.of(in), List.of(DataValue.valueOnly(
                            Variant.ofDouble(k))));
                    rtt[k] = (System.nanoTime() - s) / 1e6;
                    if (!r.get(0).isGood()) {
                        throw new IllegalStateException("write " + k + " refused: " + r.get(0));
                    }
                }
                if (o.writes() > 0 && twin.value(o.items()) != o.writes() - 1) {
                    throw new IllegalStateException("the last write did not reach the twin");
                }
                Arrays.sort(rtt);
                long notifications = n1 - n0;
                long cycles = c1 - c0;
                return new Result(o.items(), notifications, wall, notifications / wall, cycles,
                        (double) o.items() * cycles / wall, o.writes(), percentile(rtt, 50), percentile(rtt, 99),
                        Runtime.getRuntime().availableProcessors());
            } finally {
                client.disconnect();
            }
        } finally {
            deleteTree(state);
        }
    }

    /** Nearest-rank percentile of sorted values; NaN if there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind
        }
    }

    /** {@code java … OpcUaBenchmark [items [seconds [cycleMillis [publishingMillis]]]]} prints the figures. */
    public static void main(String[] args) throws Exception {
        Options d = Options.defaults();
        Options o = new Options(args.length > 0 ? Integer.parseInt(args[0]) : d.items(),
                args.length > 1 ? Double.parseDouble(args[1]) : d.seconds(), d.warmupSeconds(),
                args.length > 2 ? Double.parseDouble(args[2]) : d.cycleMillis(),
                args.length > 3 ? Double.parseDouble(args[3]) : d.publishingMillis(), d.queueSize(), d.writes());
        System.out.println(run(o).summary());
        System.exit(0);
    }
}
