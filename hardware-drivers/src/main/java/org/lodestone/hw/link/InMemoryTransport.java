package org.lodestone.hw.link;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Two connected in-memory ends, for unit tests of one layer only. */
public final class InMemoryTransport implements Transport {
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<byte[]> inbox;
    private final BlockingQueue<byte[]> outbox;
    private final String name;
    private byte[] pending;
    private int pendingOff;
    private volatile boolean closed;

    private InMemoryTransport(BlockingQueue<byte[]> inbox, BlockingQueue<byte[]> outbox, String name) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.name = name;
    }

    /** Returns {host end, device end}. */
    public static InMemoryTransport[] pair() {
        BlockingQueue<byte[]> a = new ArrayBlockingQueue<>(4096);
        BlockingQueue<byte[]> b = new ArrayBlockingQueue<>(4096);
        return new InMemoryTransport[] {new InMemoryTransport(a, b, "memory:host"), new InMemoryTransport(b, a, "memory:device")};
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (pending == null) {
            try {
                pending = inbox.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            pendingOff = 0;
            if (pending == null) return closed ? -1 : 0;
            if (pending == EOF) return -1;
        }
        int n = Math.min(len, pending.length - pendingOff);
        System.arraycopy(pending, pendingOff, buf, off, n);
        pendingOff += n;
        if (pendingOff == pending.length) pending = null;
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (closed) throw new IOException(name + " is closed");
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        try {
            outbox.put(copy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            outbox.offer(EOF);
        }
    }
}
