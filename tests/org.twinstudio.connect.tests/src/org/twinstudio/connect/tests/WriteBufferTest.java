package org.twinstudio.connect.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.WriteBuffer;

class WriteBufferTest {

    @Test
    void writesWithinTheBoundSurviveAnOutageInOrder() {
        WriteBuffer<Integer> buffer = new WriteBuffer<>(100);
        AtomicBoolean peerUp = new AtomicBoolean(false);
        List<Integer> delivered = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            assertTrue(buffer.add(i));
            assertEquals(0, buffer.flush(w -> peerUp.get() && delivered.add(w)));
        }
        peerUp.set(true);
        assertEquals(100, buffer.flush(w -> peerUp.get() && delivered.add(w)));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, delivered);
        assertEquals(0, buffer.dropped());
        assertEquals(0, buffer.size());
    }

    @Test
    void overflowDropsTheOldestAndCountsThem() {
        WriteBuffer<Integer> buffer = new WriteBuffer<>(3);
        for (int i = 0; i < 5; i++) {
            buffer.add(i);
        }
        assertFalse(buffer.add(5));
        assertEquals(3, buffer.dropped());
        List<Integer> delivered = new ArrayList<>();
        buffer.flush(delivered::add);
        assertEquals(List.of(3, 4, 5), delivered);
    }

    @Test
    void aFailureMidwayKeepsTheRefusedWriteAndAllAfterIt() {
        WriteBuffer<String> buffer = new WriteBuffer<>(10);
        List.of("a", "b", "c", "d").forEach(buffer::add);
        List<String> delivered = new ArrayList<>();
        assertEquals(2, buffer.flush(w -> !w.equals("c") && delivered.add(w)));
        assertEquals(2, buffer.size());
        buffer.flush(delivered::add);
        assertEquals(List.of("a", "b", "c", "d"), delivered);
    }

    @Test
    void clearCountsAbandonedWritesAsDropped() {
        WriteBuffer<Integer> buffer = new WriteBuffer<>(10);
        buffer.add(1);
        buffer.add(2);
        buffer.clear();
        assertEquals(2, buffer.dropped());
        assertEquals(0, buffer.size());
    }
}
