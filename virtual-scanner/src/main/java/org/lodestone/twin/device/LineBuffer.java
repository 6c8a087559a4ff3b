package org.lodestone.twin.device;

import org.lodestone.hw.wire.Message.AcqData;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last lines sent, for RESEND_LINES after a link outage; bounded by CAPABILITIES.lineBufferLines. */
final class LineBuffer {
    private final ArrayDeque<AcqData> lines = new ArrayDeque<>();
    private final int capacity;

    LineBuffer(int capacity) {
        this.capacity = capacity;
    }

    synchronized void clear() {
        lines.clear();
    }

    synchronized void add(AcqData d) {
        lines.addLast(d);
        while (lines.size() > capacity) lines.removeFirst();
    }

    /** Lines {@code from .. from+count-1} if all are still held, else null. */
    synchronized List<AcqData> find(long from, int count) {
        if (lines.isEmpty() || from < lines.peekFirst().scanCounter() || from + count - 1 > lines.peekLast().scanCounter()) return null;
        List<AcqData> found = new ArrayList<>(count);
        for (AcqData d : lines) if (d.scanCounter() >= from && d.scanCounter() < from + count) found.add(d);
        return found.size() == count ? found : null;
    }

    /** What it holds, for the refusal: "none" or "a..b". */
    synchronized String held() {
        return lines.isEmpty() ? "none" : lines.peekFirst().scanCounter() + ".." + lines.peekLast().scanCounter();
    }
}
