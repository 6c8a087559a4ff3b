package org.lodestone.hw.session;

/**
 * Heartbeat round trips: the send time of the last few heartbeats by sequence number, matched with the
 * STATUS that answers each one. A heartbeat whose answer never comes is overwritten, not counted.
 */
final class RoundTrips {
    private static final int SLOTS = 64;
    private final long[] seqs = new long[SLOTS];
    private final long[] sentNanos = new long[SLOTS];
    private long count;
    private double sumMs, maxMs, lastMs = Double.NaN;

    RoundTrips() {
        java.util.Arrays.fill(seqs, -1);
    }

    synchronized void sent(long seq, long nanos) {
        int i = (int) Math.floorMod(seq, (long) SLOTS);
        seqs[i] = seq;
        sentNanos[i] = nanos;
    }

    synchronized void answered(long seq, long nanos) {
        int i = (int) Math.floorMod(seq, (long) SLOTS);
        if (seqs[i] != seq) return;
        seqs[i] = -1; // an answer repeated by the unit is counted once
        lastMs = (nanos - sentNanos[i]) / 1e6;
        sumMs += lastMs;
        maxMs = Math.max(maxMs, lastMs);
        count++;
    }

    synchronized long count() {
        return count;
    }

    synchronized double lastMs() {
        return lastMs;
    }

    synchronized double meanMs() {
        return count == 0 ? Double.NaN : sumMs / count;
    }

    synchronized double maxMs() {
        return count == 0 ? Double.NaN : maxMs;
    }
}
