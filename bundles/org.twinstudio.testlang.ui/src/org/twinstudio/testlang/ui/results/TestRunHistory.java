package org.twinstudio.testlang.ui.results;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last runs of this session, newest first, at most {@link #SIZE}: what the Test Results view's history offers.
 * Kept outside the view so that closing the view does not lose them.
 */
public final class TestRunHistory {

    public static final int SIZE = 10;

    private static final TestRunHistory INSTANCE = new TestRunHistory();

    private final List<TestRun> runs = new ArrayList<>();
    private final List<Consumer<TestRun>> listeners = new CopyOnWriteArrayList<>();

    public static TestRunHistory get() {
        return INSTANCE;
    }

    /** Adds a run that starts now and tells the listeners. */
    public void add(TestRun run) {
        synchronized (runs) {
            runs.add(0, run);
            while (runs.size() > SIZE) {
                runs.remove(runs.size() - 1);
            }
        }
        for (Consumer<TestRun> l : listeners) {
            l.accept(run);
        }
    }

    /** Newest first. */
    public List<TestRun> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    public TestRun latest() {
        synchronized (runs) {
            return runs.isEmpty() ? null : runs.get(0);
        }
    }

    public void clear() {
        synchronized (runs) {
            runs.clear();
        }
    }

    /** Called on the thread that started the run. */
    public void addListener(Consumer<TestRun> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<TestRun> listener) {
        listeners.remove(listener);
    }
}
