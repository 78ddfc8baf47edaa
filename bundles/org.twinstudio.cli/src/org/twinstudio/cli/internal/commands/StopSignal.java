package org.twinstudio.cli.internal.commands;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How a long-running command ({@code serve}, {@code hil}) learns it should stop: Ctrl-C or TERM (a shutdown hook),
 * a test or an embedding caller releasing the latch, or interrupting the command's thread. The hook waits for the
 * command to finish its clean-up (servers closed, reports written) before the JVM goes on exiting. Close it last.
 */
final class StopSignal implements AutoCloseable {

    /** How long TERM waits for the clean-up. */
    private static final long CLEANUP_SECONDS = 20;

    private final CountDownLatch stop;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private boolean interrupted;

    StopSignal(CountDownLatch stop, String name) {
        this.stop = stop;
        this.hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "twinstudio-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Waits until a stop is asked for (returns true) or {@code ended} turns true (returns false); {@code ended} is
     * polled every 50 ms.
     */
    boolean await(BooleanSupplier ended) {
        try {
            while (!stop.await(50, TimeUnit.MILLISECONDS)) {
                if (ended.getAsBoolean()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true; // clean up first; the flag is restored on close
        }
        return true;
    }

    /** Whether Ctrl-C, TERM or the caller asked to stop. */
    boolean requested() {
        return stop.getCount() == 0 || interrupted;
    }

    /** Lets a waiting shutdown hook go on; restores an interrupt that stopped the wait. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // stopped by Ctrl-C or TERM: the hook is running and waits for done
        }
        done.countDown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
