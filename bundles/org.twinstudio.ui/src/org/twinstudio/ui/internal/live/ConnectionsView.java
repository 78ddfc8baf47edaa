package org.twinstudio.ui.internal.live;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.viewers.ITableLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.twinstudio.connect.BindingStatus;
import org.twinstudio.connect.ConnectionState;
import org.twinstudio.connect.EndpointStatus;
import org.twinstudio.connect.TwinServer;
import org.twinstudio.model.BindingDirection;
import org.twinstudio.runtime.CycleTiming;
import org.twinstudio.runtime.RealtimeScheduling;
import org.twinstudio.runtime.SessionOptions;
import org.twinstudio.runtime.TwinSession;
import org.twinstudio.ui.TwinstudioUi;

/**
 * The Connections view: one row per live session (model, mode, state, cycles, overruns, cycle time and start jitter
 * p50/p99), under it one row per protocol server (SERVE) or HIL endpoint, and under an endpoint one row per binding
 * (port, address, direction, state, last value, latency, writes buffered and dropped, last error). States carry a
 * coloured dot: green running/connected, amber on the way or paused, red failed, grey stopped.
 * <p>
 * Refreshed twice a second while the view is visible, and at once when a session starts or changes phase; the
 * timing percentiles come from a pass off the UI thread, so they may be one refresh old. Rows are
 * objects kept from one refresh to the next, so a refresh only relabels the tree's items; items are created or
 * removed only when a session, server, endpoint or binding comes or goes.
 */
public class ConnectionsView extends ViewPart {

    public static final String ID = TwinstudioUi.CONNECTIONS_VIEW_ID;

    /** Refresh period while visible. */
    static final int REFRESH_MILLIS = 500;

    public static final int NAME = 0;
    public static final int STATE = 1;
    public static final int ADDRESS = 2;
    public static final int ACTIVITY = 3;
    public static final int TIMING = 4;
    public static final int WRITES = 5;
    public static final int LAST_ERROR = 6;
    private static final String[] COLUMNS = { "Connection", "State", "Address", "Activity", "Timing", "Writes",
            "Last error" };
    private static final int[] WIDTHS = { 230, 110, 260, 220, 300, 150, 300 };

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** How a state reads at a glance. */
    enum Health {
        GOOD(new RGB(40, 160, 60)), BUSY(new RGB(220, 150, 0)), BAD(new RGB(210, 40, 40)), IDLE(new RGB(140, 140, 140));

        final RGB rgb;

        Health(RGB rgb) {
            this.rgb = rgb;
        }
    }

    /** A row of the tree; the same object from one refresh to the next while what it shows exists. */
    public static final class Row {
        final String key;
        final Row parent;
        final LiveSession session;
        final List<Row> children = new ArrayList<>();
        final String[] cells = new String[COLUMNS.length];
        Health health = Health.IDLE;

        Row(String key, Row parent, LiveSession session) {
            this.key = key;
            this.parent = parent;
            this.session = session;
        }

        public String cell(int column) {
            return cells[column] == null ? "" : cells[column];
        }

        public LiveSession session() {
            return session;
        }

        public List<Row> children() {
            return List.copyOf(children);
        }

        @Override
        public String toString() {
            return String.join(" | ", java.util.Arrays.stream(cells).map(c -> c == null ? "" : c).toList());
        }
    }

    private TreeViewer viewer;
    private final Map<String, Row> rows = new HashMap<>();
    private List<Row> roots = List.of();
    private final Map<Health, Image> dots = new EnumMap<>(Health.class);
    private final Map<LiveSession, CycleTiming.Summary> timings = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean summarizing = new java.util.concurrent.atomic.AtomicBoolean();
    private final LiveSessions.Listener listener = s -> asyncRefresh();
    private boolean refreshQueued;
    private Action stopAction;
    private Action clearAction;
    private long refreshes;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Tree tree = viewer.getTree();
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TreeColumn column = new TreeColumn(tree, SWT.LEFT);
            column.setText(COLUMNS[i]);
            column.setWidth(WIDTHS[i]);
        }
        for (Health h : Health.values()) {
            dots.put(h, dot(parent.getDisplay(), h.rgb));
        }
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return roots.toArray();
            }

            @Override
            public Object[] getChildren(Object element) {
                return ((Row) element).children.toArray();
            }

            @Override
            public Object getParent(Object element) {
                return ((Row) element).parent;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((Row) element).children.isEmpty();
            }
        });
        viewer.setLabelProvider(new Labels());
        viewer.setUseHashlookup(true);
        viewer.setInput(this);
        viewer.addSelectionChangedListener(e -> updateActions());
        viewer.addDoubleClickListener(e -> openModel());
        getSite().setSelectionProvider(viewer);
        makeActions();
        LiveSessions.getDefault().addListener(listener);
        refresh();
        parent.getDisplay().timerExec(REFRESH_MILLIS, this::tick);
    }

    private static Image dot(Display display, RGB rgb) {
        Image image = new Image(display, 12, 12);
        GC gc = new GC(image);
        gc.setAntialias(SWT.ON);
        gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, 0, 12, 12);
        Color color = new Color(rgb);
        gc.setBackground(color);
        gc.fillOval(1, 1, 10, 10);
        gc.dispose();
        return image;
    }

    private void makeActions() {
        stopAction = new Action("Stop Live Session") {
            @Override
            public void run() {
                LiveSession s = selectedSession();
                if (s != null) {
                    s.stop();
                }
            }
        };
        stopAction.setImageDescriptor(
                PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ELCL_STOP));
        clearAction = new Action("Remove Ended Sessions") {
            @Override
            public void run() {
                for (LiveSession s : LiveSessions.getDefault().sessions()) {
                    LiveSessions.getDefault().remove(s);
                }
            }
        };
        clearAction.setImageDescriptor(
                PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_ELCL_REMOVEALL));
        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        toolBar.add(stopAction);
        toolBar.add(clearAction);
        updateActions();
    }

    private void updateActions() {
        LiveSession s = selectedSession();
        stopAction.setEnabled(s != null && s.isLive());
        clearAction.setEnabled(LiveSessions.getDefault().sessions().stream().anyMatch(x -> !x.isLive()));
    }

    /** Opens the model of the selected row's session in its editor. */
    private void openModel() {
        LiveSession s = selectedSession();
        if (s == null || !s.file().exists()) {
            return;
        }
        try {
            org.eclipse.ui.ide.IDE.openEditor(getSite().getPage(), s.file());
        } catch (org.eclipse.ui.PartInitException e) {
            TwinstudioUi.log("Could not open " + s.file().getFullPath(), e);
        }
    }

    /** The session of the selected row, or null. */
    public LiveSession selectedSession() {
        if (viewer == null || !(viewer.getSelection() instanceof IStructuredSelection selection)
                || !(selection.getFirstElement() instanceof Row row)) {
            return null;
        }
        return row.session;
    }

    public TreeViewer getViewer() {
        return viewer;
    }

    /** The session rows as shown after the last refresh. */
    public List<Row> sessionRows() {
        return List.copyOf(roots);
    }

    /** How many refreshes ran (for tests: the view refreshes while visible). */
    public long refreshes() {
        return refreshes;
    }

    private void tick() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        if (getSite().getPage().isPartVisible(this)) {
            refresh();
        }
        viewer.getControl().getDisplay().timerExec(REFRESH_MILLIS, this::tick);
    }

    private void asyncRefresh() {
        Display display = viewer == null || viewer.getControl().isDisposed() ? null : viewer.getControl().getDisplay();
        if (display == null) {
            return;
        }
        synchronized (this) {
            if (refreshQueued) {
                return;
            }
            refreshQueued = true;
        }
        display.asyncExec(() -> {
            synchronized (this) {
                refreshQueued = false;
            }
            if (!viewer.getControl().isDisposed()) {
                refresh();
            }
        });
    }

    /**
     * Percentiles sort every cycle's timing so far (a long session has millions), so they are computed off the UI
     * thread, one pass at a time, and shown from the last pass.
     */
    private void summarizeTimings(List<LiveSession> sessions) {
        timings.keySet().retainAll(sessions);
        if (!summarizing.compareAndSet(false, true)) {
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                for (LiveSession s : sessions) {
                    TwinSession twin = s.twin();
                    if (twin != null && (s.isLive() || !timings.containsKey(s) || timings.get(s).cycles() != twin
                            .timing().cycles())) {
                        // A live session shows its last second (as the CLI's status line does), an ended one its run.
                        timings.put(s, s.isLive() ? twin.recentTiming().window(System.nanoTime(), 1_000_000_000L)
                                : twin.timing().summary());
                    }
                }
            } finally {
                summarizing.set(false);
            }
        }, "Connections view timing");
        worker.setDaemon(true);
        worker.start();
    }

    /** Reads every session's status into the rows; relabels, or restructures only when rows came or went. */
    public void refresh() {
        refreshes++;
        summarizeTimings(LiveSessions.getDefault().sessions());
        Set<String> seen = new HashSet<>();
        Map<Row, List<Row>> before = new LinkedHashMap<>();
        for (Row r : rows.values()) {
            before.put(r, List.copyOf(r.children));
        }
        List<Row> oldRoots = roots;
        List<Row> newRoots = new ArrayList<>();
        List<Row> added = new ArrayList<>();
        for (LiveSession session : LiveSessions.getDefault().sessions()) {
            Row row = row(session.file().getFullPath() + "#" + session.created().toEpochMilli() + "#" + session.mode(),
                    null, session, seen, added);
            fillSession(row, session, seen, added);
            newRoots.add(row);
        }
        rows.keySet().retainAll(seen);
        roots = newRoots;
        boolean structure = !oldRoots.equals(newRoots) || !added.isEmpty();
        if (!structure) {
            for (Row r : rows.values()) {
                List<Row> old = before.get(r);
                if (old == null || !old.equals(r.children)) {
                    structure = true;
                    break;
                }
            }
        }
        if (structure) {
            viewer.getTree().setRedraw(false);
            try {
                viewer.refresh(true);
                // new sessions open, and so does a row that gets its first children (servers once started)
                for (Row r : added) {
                    if (r.parent == null) {
                        viewer.expandToLevel(r, TreeViewer.ALL_LEVELS);
                    } else if (before.getOrDefault(r.parent, List.of()).isEmpty()) {
                        viewer.expandToLevel(r.parent, TreeViewer.ALL_LEVELS);
                    }
                }
            } finally {
                viewer.getTree().setRedraw(true);
            }
        } else {
            viewer.update(rows.values().toArray(), null);
        }
        updateActions();
    }

    private Row row(String key, Row parent, LiveSession session, Set<String> seen, List<Row> added) {
        seen.add(key);
        Row r = rows.get(key);
        if (r == null) {
            r = new Row(key, parent, session);
            rows.put(key, r);
            added.add(r);
        }
        if (parent != null) {
            parent.children.add(r);
        }
        return r;
    }

    private void fillSession(Row row, LiveSession session, Set<String> seen, List<Row> added) {
        row.children.clear();
        LiveSession.Phase phase = session.phase();
        TwinSession twin = session.twin();
        row.cells[NAME] = session.file().getName() + "  " + session.mode();
        row.cells[STATE] = phase.name();
        row.health = switch (phase) {
            case RUNNING -> Health.GOOD;
            case STARTING, PAUSED, STOPPING -> Health.BUSY;
            case FAILED -> Health.BAD;
            case ENDED -> Health.IDLE;
        };
        row.cells[ADDRESS] = session.file().getFullPath().toString();
        row.cells[LAST_ERROR] = session.failure();
        row.cells[WRITES] = null;
        if (twin == null) {
            row.cells[ACTIVITY] = null;
            row.cells[TIMING] = null;
            return;
        }
        CycleTiming timing = twin.timing();
        RealtimeScheduling.Outcome scheduling = twin.scheduling();
        row.cells[ACTIVITY] = String.format(Locale.ROOT, "%d cycles, %d overruns, t = %s s, %s x", timing.cycles(),
                timing.overruns(), number(twin.time()), number(session.realtimeFactor()))
                + (scheduling != null && scheduling.applied() ? ", SCHED_FIFO " + scheduling.priority() : "");
        if (scheduling != null && !scheduling.applied() && session.failure() == null) {
            row.cells[LAST_ERROR] = scheduling.message();
        }
        CycleTiming.Summary t = timings.get(session);
        row.cells[TIMING] = t == null || t.cycles() == 0 ? "cycle " + number(twin.cyclePeriod() * 1000) + " ms"
                : String.format(Locale.ROOT, "cycle p50 %s / p99 %s ms, jitter p50 %s / p99 %s ms",
                        millis(t.total().p50()), millis(t.total().p99()), millis(t.jitter().p50()),
                        millis(t.jitter().p99()));
        if (session.mode() == SessionOptions.Mode.SERVE) {
            List<TwinServer> servers = session.servers();
            for (int i = 0; i < servers.size(); i++) {
                TwinServer server = servers.get(i);
                Row s = row(row.key + "/server" + i, row, session, seen, added);
                s.children.clear();
                EndpointStatus status;
                try {
                    status = server.status();
                } catch (RuntimeException e) {
                    status = null;
                }
                fillEndpoint(s, status, server.address(), true);
            }
            return;
        }
        Map<String, Row> byEndpoint = new LinkedHashMap<>();
        for (EndpointStatus status : twin.endpointStatus()) {
            Row e = row(row.key + "/endpoint/" + status.endpoint(), row, session, seen, added);
            e.children.clear();
            fillEndpoint(e, status, status.address(), false);
            byEndpoint.put(status.endpoint(), e);
        }
        for (BindingStatus b : twin.bindingStatus()) {
            Row endpoint = byEndpoint.get(b.endpoint());
            if (endpoint == null) {
                endpoint = row(row.key + "/endpoint/" + b.endpoint(), row, session, seen, added);
                endpoint.children.clear();
                endpoint.cells[NAME] = b.endpoint();
                byEndpoint.put(b.endpoint(), endpoint);
            }
            Row r = row(endpoint.key + "/" + b.port() + "/" + b.direction() + "/" + b.address(), endpoint, session,
                    seen, added);
            fillBinding(r, b);
        }
    }

    private static void fillEndpoint(Row row, EndpointStatus status, String address, boolean server) {
        if (status == null) {
            row.cells[NAME] = server ? "server" : "endpoint";
            row.cells[STATE] = "unknown";
            row.cells[ADDRESS] = address;
            row.health = Health.IDLE;
            return;
        }
        row.cells[NAME] = server ? protocolLabel(status.protocol()) + " server"
                : status.endpoint() + " (" + protocolLabel(status.protocol()) + ")";
        row.cells[STATE] = status.state().name();
        row.health = health(status.state());
        row.cells[ADDRESS] = status.address() != null ? status.address() : address;
        row.cells[ACTIVITY] = server ? status.peers() + (status.peers() == 1 ? " peer" : " peers")
                : status.reconnects() + (status.reconnects() == 1 ? " reconnect" : " reconnects");
        row.cells[TIMING] = status.since() == null ? null : "since " + CLOCK.format(status.since());
        row.cells[LAST_ERROR] = status.lastError();
    }

    private static void fillBinding(Row row, BindingStatus b) {
        boolean read = b.direction() == BindingDirection.READ;
        row.cells[NAME] = b.port() + (read ? "  \u2190 read" : "  \u2192 write");
        row.cells[STATE] = b.state().name();
        row.health = health(b.state());
        row.cells[ADDRESS] = b.address();
        row.cells[ACTIVITY] = Double.isNaN(b.lastValue()) ? "no value yet"
                : "value " + number(b.lastValue())
                        + (b.lastUpdate() == null ? "" : " at " + CLOCK.format(b.lastUpdate()));
        row.cells[TIMING] = Double.isNaN(b.latencyMillis()) ? null : "latency " + millis(b.latencyMillis()) + " ms";
        row.cells[WRITES] = read ? null : b.writesBuffered() + " buffered, " + b.writesDropped() + " dropped";
        row.cells[LAST_ERROR] = b.lastError();
    }

    private static Health health(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> Health.GOOD;
            case CONNECTING, RECONNECTING -> Health.BUSY;
            case FAILED -> Health.BAD;
            case STOPPED -> Health.IDLE;
        };
    }

    static String protocolLabel(String protocol) {
        return switch (protocol == null ? "" : protocol) {
            case "opcua" -> "OPC UA";
            case "modbus" -> "Modbus TCP";
            case "mqtt" -> "MQTT";
            default -> protocol;
        };
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.3f", ms);
    }

    private final class Labels extends LabelProvider implements ITableLabelProvider {
        @Override
        public Image getColumnImage(Object element, int column) {
            return column == STATE ? dots.get(((Row) element).health) : null;
        }

        @Override
        public String getColumnText(Object element, int column) {
            return ((Row) element).cell(column);
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        LiveSessions.getDefault().removeListener(listener);
        dots.values().forEach(Image::dispose);
        super.dispose();
    }
}
