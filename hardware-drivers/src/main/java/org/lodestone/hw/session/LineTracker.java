package org.lodestone.hw.session;

import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.hw.wire.Message.AcqFragment;
import org.lodestone.hw.wire.Message.ResendLines;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts a scan's lines back together (from fragments) and in counter order, exactly once, and
 * knows what is missing. Lines after a gap wait here until the gap is filled by a resend;
 * duplicates are dropped. Not thread-safe: the session serialises access.
 */
final class LineTracker {
    /** How far past the first missing line lost pieces are asked for in one go. */
    private static final int LOOKAHEAD_LINES = 64;

    /** Whole lines waiting for an earlier one; bounded by the device's buffer, which bounds any gap. */
    private final TreeMap<Long, AcqData> waiting = new TreeMap<>();
    private final TreeMap<Long, LineFragments.Assembly> partial = new TreeMap<>();
    private long next;
    private long deviceAcquired;
    private long duplicates;

    /** Accepts a whole line; returns the lines now deliverable in order (possibly none). */
    List<AcqData> accept(AcqData line) {
        long c = line.scanCounter();
        if (c < next || waiting.containsKey(c)) {
            duplicates++;
            return List.of();
        }
        partial.remove(c);
        waiting.put(c, line);
        return drain();
    }

    List<AcqData> accept(AcqFragment f) {
        long c = f.scanCounter();
        if (c < next || waiting.containsKey(c)) {
            duplicates++;
            return List.of();
        }
        LineFragments.Assembly a = partial.computeIfAbsent(c, k -> new LineFragments.Assembly(f));
        a.add(f);
        if (!a.complete()) return List.of();
        partial.remove(c);
        waiting.put(c, a.line());
        return drain();
    }

    private List<AcqData> drain() {
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
     * What to ask the device for again: only what is known to be lost — before something that did
     * arrive later, or before the count the device reports (it sends lines before the status that
     * counts them). A half-arrived line is asked for fragment by fragment.
     */
    List<ResendLines> requests() {
        List<ResendLines> out = new ArrayList<>();
        long horizon = Math.max(deviceAcquired, lastSeen() + 1);
        long runStart = -1;
        for (long c = next; c < horizon && c < next + LOOKAHEAD_LINES; c++) {
            if (waiting.containsKey(c)) {
                runStart = flush(out, runStart, c);
                continue;
            }
            boolean finished = deviceAcquired > c || firstSeenAfter(c) >= 0;
            LineFragments.Assembly a = partial.get(c);
            if (a != null) {
                runStart = flush(out, runStart, c);
                int limit = finished ? Integer.MAX_VALUE : a.highestReceived();
                for (int frag : a.missingFragments()) if (frag < limit) out.add(new ResendLines(c, 1, frag));
            } else if (finished) {
                if (runStart < 0) runStart = c;
            } else {
                break; // may still be on its way
            }
        }
        flush(out, runStart, Math.min(horizon, next + LOOKAHEAD_LINES));
        return out;
    }

    /** Closes a run of wholly missing lines [start, end) into one request. */
    private static long flush(List<ResendLines> out, long start, long end) {
        if (start >= 0 && end > start) out.add(new ResendLines(start, (int) (end - start)));
        return -1;
    }

    private long lastSeen() {
        long w = waiting.isEmpty() ? -1 : waiting.lastKey();
        long p = partial.isEmpty() ? -1 : partial.lastKey();
        return Math.max(w, p);
    }

    private long firstSeenAfter(long c) {
        Long w = waiting.higherKey(c);
        Long p = partial.higherKey(c);
        if (w == null && p == null) return -1;
        if (w == null) return p;
        if (p == null) return w;
        return Math.min(w, p);
    }

    long delivered() {
        return next;
    }

    long duplicates() {
        return duplicates;
    }
}
