package org.twinstudio.connect;

import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * Writes waiting for a peer, oldest first, up to a bound. When full, the oldest write is dropped and counted: the
 * newest value of a signal matters most to a plant. Thread-safe.
 */
public final class WriteBuffer<T> {

    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private long dropped;

    public WriteBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues a write; returns false if an older write had to be dropped to make room. */
    public synchronized boolean add(T write) {
        boolean kept = true;
        if (queue.size() == capacity) {
            queue.removeFirst();
            dropped++;
            kept = false;
        }
        queue.addLast(write);
        return kept;
    }

    /**
     * Offers queued writes to {@code send} oldest first, removing each it accepts; stops at the first it refuses
     * (the peer went away), which stays queued with everything after it. Returns how many were sent.
     */
    public int flush(Predicate<? super T> send) {
        int sent = 0;
        while (true) {
            T next;
            synchronized (this) {
                next = queue.peekFirst();
            }
            if (next == null || !send.test(next)) {
                return sent;
            }
            synchronized (this) {
                // Only remove what was sent: a concurrent overflow may already have dropped it.
                if (queue.peekFirst() == next) {
                    queue.removeFirst();
                }
            }
            sent++;
        }
    }

    public synchronized int size() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** Abandons all queued writes, counting them as dropped. */
    public synchronized void clear() {
        dropped += queue.size();
        queue.clear();
    }
}
