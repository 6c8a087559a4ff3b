package org.lodestone.hw.session;

import org.lodestone.hw.wire.Message.AcqData;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts a scan's lines back in counter order, exactly once, and knows which are missing.
 * Lines after a gap wait here until the gap is filled by a resend; duplicates are dropped.
 * Not thread-safe: the session serialises access.
 */
final class LineTracker {
    /** Lines waiting for an earlier one; bounded by the device's buffer, which bounds any gap. */
    private final TreeMap<Long, AcqData> waiting = new TreeMap<>();
    private long next;
    private long deviceAcquired;
    private long duplicates;

    /** Accepts a line; returns the lines now deliverable in order (possibly none). */
    List<AcqData> accept(AcqData line) {
        long c = line.scanCounter();
        if (c < next || waiting.containsKey(c)) {
            duplicates++;
            return List.of();
        }
        waiting.put(c, line);
        List<AcqData> out = new ArrayList<>();
        AcqData d;
        while ((d = waiting.remove(next)) != null) {
            out.add(d);
            next++;
        }
        return out;
    }

    /** The device says it has acquired this many lines (from STATUS or DONE). */
    void deviceAcquired(long n) {
        deviceAcquired = Math.max(deviceAcquired, n);
    }

    /**
     * The first run of lines known to be lost: before a line that did arrive, or before the
     * count the device reports (it sends lines before the status that counts them).
     * @return {from, count} or null
     */
    long[] firstGap() {
        long end = waiting.isEmpty() ? deviceAcquired : waiting.firstKey();
        return end > next ? new long[] {next, end - next} : null;
    }

    long delivered() {
        return next;
    }

    long duplicates() {
        return duplicates;
    }
}
