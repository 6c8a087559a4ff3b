package org.lodestone.hw.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Copies bytes both ways between two transports while doing what a bad cable does: flips,
 * drops and duplicates bytes at set rates, and can be "unplugged" for a while. For tests and for
 * service engineers reproducing a field fault; deterministic for a seed.
 */
public final class FaultyRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultyRelay.class);

    /** Per-byte probabilities of each fault. */
    public record Faults(double corrupt, double drop, double duplicate) {
        public static final Faults NONE = new Faults(0, 0, 0);
    }

    private final Transport a;
    private final Transport b;
    private final Faults faults;
    private final Thread ab;
    private final Thread ba;
    private volatile long unpluggedUntilNanos;
    private volatile boolean closed;
    private volatile long bytesCorrupted, bytesDropped, bytesDuplicated, bytesUnplugged;

    public FaultyRelay(Transport a, Transport b, Faults faults, long seed) {
        this.a = a;
        this.b = b;
        this.faults = faults;
        this.ab = Thread.ofPlatform().daemon().name("relay-a-b").unstarted(() -> pump(a, b, new SplittableRandom(seed)));
        this.ba = Thread.ofPlatform().daemon().name("relay-b-a").unstarted(() -> pump(b, a, new SplittableRandom(seed + 1)));
    }

    public FaultyRelay start() {
        ab.start();
        ba.start();
        return this;
    }

    /** Drops every byte both ways for the given time, starting now. */
    public void unplug(long millis) {
        unpluggedUntilNanos = System.nanoTime() + millis * 1_000_000;
        log.info("relay unplugged for {} ms", millis);
    }

    public String statistics() {
        return String.format("corrupted %d, dropped %d, duplicated %d, lost while unplugged %d",
                bytesCorrupted, bytesDropped, bytesDuplicated, bytesUnplugged);
    }

    private void pump(Transport from, Transport to, SplittableRandom rnd) {
        byte[] in = new byte[16384];
        byte[] out = new byte[2 * in.length];
        try {
            while (!closed) {
                int n = from.read(in, 0, in.length);
                if (n < 0) break;
                if (n == 0) continue;
                if (System.nanoTime() < unpluggedUntilNanos) {
                    bytesUnplugged += n;
                    continue;
                }
                int m = 0;
                for (int i = 0; i < n; i++) {
                    byte v = in[i];
                    if (faults.drop() > 0 && rnd.nextDouble() < faults.drop()) {
                        bytesDropped++;
                        continue;
                    }
                    if (faults.corrupt() > 0 && rnd.nextDouble() < faults.corrupt()) {
                        v ^= (byte) (1 << rnd.nextInt(8));
                        bytesCorrupted++;
                    }
                    out[m++] = v;
                    if (faults.duplicate() > 0 && rnd.nextDouble() < faults.duplicate()) {
                        out[m++] = v;
                        bytesDuplicated++;
                    }
                }
                to.write(out, 0, m);
            }
        } catch (IOException e) {
            if (!closed) log.warn("relay stopped: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        a.close();
        b.close();
    }
}
