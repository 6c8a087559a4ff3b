package org.lodestone.twin;

import org.lodestone.hw.link.Transport;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Delays what the host receives by a few milliseconds, as a real serial line would.
 * ScannerSession registers a command's pending reply only after the frame is written, so an
 * in-memory device that answers within microseconds can beat it (reported to the lead); this
 * keeps the device tests about the device.
 */
public final class LatencyTransport implements Transport {
    private final Transport inner;
    private final long delayNanos;

    public LatencyTransport(Transport inner, long delayNanos) {
        this.inner = inner;
        this.delayNanos = delayNanos;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = inner.read(buf, off, len);
        if (n > 0) LockSupport.parkNanos(delayNanos);
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        inner.write(buf, off, len);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
