package org.lodestone.twin.device;

import java.util.ArrayList;
import java.util.List;

/**
 * The segments of one streamed program, by index (0 is the program itself). The player waits
 * here for the next one; STREAM_NEXT adds them.
 */
final class StreamQueue {
    private final List<Integer> ids = new ArrayList<>();
    private boolean closed;
    private int played;

    StreamQueue(int first) {
        ids.add(first);
    }

    synchronized String append(int segment, int id, boolean last, boolean uploaded) {
        if (closed) return "segment " + segment + " after the last one";
        if (segment != ids.size()) return "segment " + segment + " out of order (expected " + ids.size() + ")";
        if (!uploaded) return "segment " + segment + ": program " + id + " has not been uploaded";
        if (ids.contains(id)) return "segment " + segment + ": program " + id + " is already in the stream";
        ids.add(id);
        closed = last;
        notifyAll();
        return null;
    }

    /** Segments uploaded and not yet played. */
    synchronized List<Integer> resident() {
        return List.copyOf(ids.subList(played, ids.size()));
    }

    synchronized void played(int segment) {
        played = segment + 1;
    }

    synchronized boolean isLast(int segment) {
        return closed && segment == ids.size() - 1;
    }

    /** The program id of segment k once queued, waiting up to waitMs; null if it is not there. */
    synchronized Integer await(int k, long waitMs) throws InterruptedException {
        long end = System.nanoTime() + waitMs * 1_000_000;
        while (ids.size() <= k) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return null;
            wait(Math.min(left, 20));
        }
        return ids.get(k);
    }
}
